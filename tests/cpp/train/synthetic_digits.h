// A small learnable dataset for trainer tests, made from a seed: class k is a bright
// 6x6 square at one of ten positions on a 28x28 canvas, plus faint noise.
#pragma once

#include <cstdint>
#include <vector>

#include "util/rng.h"

namespace relu_lab::test {

struct synthetic_images {
    std::size_t count = 0;
    std::vector<std::uint8_t> pixels, labels;
};

inline synthetic_images make_synthetic_digits(std::size_t count, std::uint64_t seed) {
    synthetic_images d;
    d.count = count;
    d.pixels.assign(count * 28 * 28, 0);
    d.labels.resize(count);
    rng random(seed);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t label = static_cast<std::uint8_t>(i % 10);
        d.labels[i] = label;
        std::uint8_t* image = d.pixels.data() + i * 784;
        for (std::size_t p = 0; p < 784; ++p) image[p] = static_cast<std::uint8_t>(random.below(40));
        const std::size_t top = 2 + (label / 5) * 12 + random.below(3);
        const std::size_t left = 2 + (label % 5) * 5 + random.below(2);
        for (std::size_t y = top; y < top + 6 && y < 28; ++y) {
            for (std::size_t x = left; x < left + 6 && x < 28; ++x) image[y * 28 + x] = 255;
        }
    }
    return d;
}

}  // namespace relu_lab::test
