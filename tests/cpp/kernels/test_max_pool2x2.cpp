// The 2 x 2 max pool, scalar and SIMD paths, against a reference written another way
// (first NaN of the window by one scan, else the first index holding the largest value
// by another). Max is exact, so results must match bit for bit: values (including the
// sign of zero and the NaN's payload) and indices. Widths 2..41 cross the SIMD path's
// four-window groups and their scalar tails; odd heights and widths drop their last
// row and column; guard cells after y and argmax catch out-of-bounds writes.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/max_pool2x2.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

using pool_fn = void (*)(float*, std::uint32_t*, const float*, std::size_t, std::size_t, std::size_t);

struct pool_path {
    const char* name;
    pool_fn forward;
};

std::vector<pool_path> pool_paths_in_this_build() {
    std::vector<pool_path> paths = {{"scalar", &scalar::max_pool2x2_forward}};
#if defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &simd::max_pool2x2_forward});
#endif
    return paths;
}

struct pooled {
    std::vector<float> y;
    std::vector<std::uint32_t> argmax;
};

pooled reference(const std::vector<float>& x, std::size_t planes, std::size_t h, std::size_t w) {
    pooled r;
    for (std::size_t p = 0; p < planes; ++p) {
        for (std::size_t oy = 0; oy < h / 2; ++oy) {
            for (std::size_t ox = 0; ox < w / 2; ++ox) {
                const std::uint32_t at[4] = {std::uint32_t(2 * oy * w + 2 * ox), std::uint32_t(2 * oy * w + 2 * ox + 1),
                                             std::uint32_t((2 * oy + 1) * w + 2 * ox),
                                             std::uint32_t((2 * oy + 1) * w + 2 * ox + 1)};
                const float* plane = x.data() + p * h * w;
                int chosen = -1;
                for (int k = 0; k < 4 && chosen < 0; ++k)
                    if (std::isnan(plane[at[k]])) chosen = k;
                if (chosen < 0) {
                    double largest = -std::numeric_limits<double>::infinity();
                    for (int k = 0; k < 4; ++k) largest = std::fmax(largest, static_cast<double>(plane[at[k]]));
                    for (int k = 3; k >= 0; --k)
                        if (static_cast<double>(plane[at[k]]) == largest) chosen = k;
                }
                r.y.push_back(plane[at[chosen]]);
                r.argmax.push_back(at[chosen]);
            }
        }
    }
    return r;
}

// ReLU-like planes: many exact zeros of both signs and ties, a few specials.
std::vector<float> relu_like(std::size_t n, rng& random, bool specials) {
    std::vector<float> x(n);
    for (float& v : x) {
        const float u = random.uniform(-1.0f, 1.0f);
        v = u < 0.0f ? (u < -0.5f ? 0.0f : -0.0f) : std::round(u * 8.0f) / 8.0f;
    }
    if (specials && n >= 4) {
        x[random.next_u32() % n] = std::numeric_limits<float>::quiet_NaN();
        x[random.next_u32() % n] = -std::numeric_limits<float>::quiet_NaN();
        x[random.next_u32() % n] = std::numeric_limits<float>::infinity();
        x[random.next_u32() % n] = -std::numeric_limits<float>::infinity();
        x[random.next_u32() % n] = std::numeric_limits<float>::denorm_min();
    }
    return x;
}

constexpr float guard = 12345.0f;
constexpr std::uint32_t guard_index = 0xDEADBEEFu;

}  // namespace

TEST_CASE("2x2 max pool: both paths match the reference bit for bit, with and without argmax") {
    rng random(2024);
    for (const pool_path& path : pool_paths_in_this_build()) {
        CAPTURE(path.name);
        for (std::size_t planes : {1, 3}) {
            for (std::size_t h : {2, 3, 5, 8}) {
                for (std::size_t w = 2; w <= 41; ++w) {
                    CAPTURE(planes);
                    CAPTURE(h);
                    CAPTURE(w);
                    const std::vector<float> x = relu_like(planes * h * w, random, w % 3 == 0);
                    const pooled want = reference(x, planes, h, w);
                    const std::size_t n = want.y.size();
                    std::vector<float> y(n + 4, guard);
                    std::vector<std::uint32_t> argmax(n + 4, guard_index);
                    path.forward(y.data(), argmax.data(), x.data(), planes, h, w);
                    CHECK(std::memcmp(y.data(), want.y.data(), n * sizeof(float)) == 0);
                    CHECK(std::memcmp(argmax.data(), want.argmax.data(), n * sizeof(std::uint32_t)) == 0);
                    for (std::size_t i = n; i < n + 4; ++i) {
                        CHECK(y[i] == guard);
                        CHECK(argmax[i] == guard_index);
                    }
                    std::vector<float> y_only(n + 4, guard);
                    path.forward(y_only.data(), nullptr, x.data(), planes, h, w);
                    CHECK(std::memcmp(y_only.data(), y.data(), (n + 4) * sizeof(float)) == 0);
                }
            }
        }
    }
}

TEST_CASE("2x2 max pool: first of ties, +0 before -0, first NaN wins") {
    const float nan_a = std::numeric_limits<float>::quiet_NaN();
    const float nan_b = -std::numeric_limits<float>::quiet_NaN();
    // Eight windows side by side (a 2 x 16 plane), so the SIMD path runs its vector loop.
    const std::vector<float> top = {1, 1, 0.0f, -0.0f, -0.0f, 0.0f, 2, 3, nan_a, 5, 1, 2, 1, nan_a, 7, 7};
    const std::vector<float> bottom = {1, 1, 0.0f, 0.0f, 0.0f, 0.0f, 3, 2, nan_b, 1, nan_b, nan_a, 9, 1, 7, 8};
    std::vector<float> x = top;
    x.insert(x.end(), bottom.begin(), bottom.end());
    const std::uint32_t want_index[8] = {0, 2, 4, 7, 8, 26, 13, 31};
    for (const pool_path& path : pool_paths_in_this_build()) {
        CAPTURE(path.name);
        float y[8];
        std::uint32_t argmax[8];
        path.forward(y, argmax, x.data(), 1, 2, 16);
        for (int i = 0; i < 8; ++i) {
            CAPTURE(i);
            CHECK(argmax[i] == want_index[i]);
            CHECK(std::memcmp(&y[i], &x[argmax[i]], sizeof(float)) == 0);
        }
        CHECK_FALSE(std::signbit(y[1]));  // +0 first, -0 does not take over
        CHECK(std::signbit(y[2]));        // -0 first, +0 is not larger
    }
}
