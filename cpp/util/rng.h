// Our own seeded random number generator. C++'s <random> distributions are
// implementation-defined, so libstdc++ (native) and libc++ (wasm) would draw
// different weights from the same seed; this one gives the same sequence everywhere.
#pragma once

#include <cmath>
#include <cstdint>

namespace relu_lab {

class rng {
public:
    explicit rng(std::uint64_t seed) {
        // splitmix64 spreads any seed (0 included) over xoshiro128+'s state.
        std::uint64_t s = seed;
        for (std::uint32_t& word : state_) {
            s += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = s;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            word = static_cast<std::uint32_t>((z ^ (z >> 31)) >> 32);
        }
    }

    // xoshiro128+ (Blackman and Vigna): 32 random bits.
    std::uint32_t next_u32() {
        const std::uint32_t result = state_[0] + state_[3];
        const std::uint32_t t = state_[1] << 9;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = (state_[3] << 11) | (state_[3] >> 21);
        return result;
    }

    // Uniform in [0, 1) with 24 random bits: exactly representable in float.
    float uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

    // Uniform integer in [0, bound), bound > 0 (Lemire's multiply-shift, bias below 2^-32 * bound).
    std::uint32_t below(std::uint32_t bound) {
        return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next_u32()) * bound) >> 32);
    }

    // Standard normal by Marsaglia's polar method, in double: sqrt is exact in IEEE
    // and log is the same correctly-rounded-in-practice routine in glibc and musl.
    float normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u, v, s;
        do {
            u = 2.0 * (next_u32() * (1.0 / 4294967296.0)) - 1.0;
            v = 2.0 * (next_u32() * (1.0 / 4294967296.0)) - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double factor = std::sqrt(-2.0 * std::log(s) / s);
        spare_ = static_cast<float>(v * factor);
        has_spare_ = true;
        return static_cast<float>(u * factor);
    }

    // The generator's state, so a copy elsewhere (a training team's new member) goes on
    // with the same sequence. normal()'s spare is not part of it.
    void save(std::uint32_t out[4]) const {
        for (int i = 0; i < 4; ++i) out[i] = state_[i];
    }
    void restore(const std::uint32_t in[4]) {
        for (int i = 0; i < 4; ++i) state_[i] = in[i];
        has_spare_ = false;
    }

private:
    std::uint32_t state_[4];
    float spare_ = 0.0f;
    bool has_spare_ = false;
};

}  // namespace relu_lab
