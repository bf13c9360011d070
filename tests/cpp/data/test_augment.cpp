#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "data/augment.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

constexpr std::size_t side = 28;
constexpr std::size_t pixels = side * side;

// A random image (not symmetric, so every transform is visible).
std::vector<float> random_images(std::size_t count, std::uint64_t seed) {
    rng random(seed);
    std::vector<float> images(count * pixels);
    for (float& v : images) v = random.uniform();
    return images;
}

}  // namespace

TEST_CASE("augment: zero shift and zero rotation copy the image exactly") {
    const std::uint64_t seed = 20261123;
    INFO("seed " << seed);
    const std::vector<float> src = random_images(1, seed);
    std::vector<float> dst(pixels, -1.0f);
    transform_image(src.data(), dst.data(), side, side, 0.0f, 0.0f, 0.0f);
    CHECK(dst == src);

    // The same through augment_images with zero ranges: three draws, all 0.
    std::vector<float> batch_src = random_images(3, seed + 1);
    std::vector<float> batch_dst(batch_src.size(), -1.0f);
    rng random(seed);
    augment_images(batch_src.data(), batch_dst.data(), 3, side, side, augment_options{0.0f, 0.0f}, random);
    CHECK(batch_dst == batch_src);
}

TEST_CASE("augment: whole-pixel shifts move pixels exactly, background comes in at the edge") {
    const std::uint64_t seed = 7;
    INFO("seed " << seed);
    const std::vector<float> src = random_images(1, seed);
    std::vector<float> dst(pixels);
    transform_image(src.data(), dst.data(), side, side, 2.0f, -3.0f, 0.0f);  // 2 down, 3 left
    for (std::size_t r = 0; r < side; ++r) {
        for (std::size_t c = 0; c < side; ++c) {
            const long source_r = static_cast<long>(r) - 2, source_c = static_cast<long>(c) + 3;
            const bool inside = source_r >= 0 && source_c < static_cast<long>(side);
            CHECK(dst[r * side + c] == (inside ? src[source_r * side + source_c] : 0.0f));
        }
    }
}

TEST_CASE("augment: a quarter turn counter-clockwise matches the index formula") {
    // 90 degrees CCW on screen about (14, 14): output (r, c) comes from source (c, 27 - r).
    // Worked example: source (13, 20) lies 6.5 px right of the centre and ends 6.5 px above
    // it, at (7, 13); and indeed (7, 13) <- (13, 27 - 7) = (13, 20).
    const std::uint64_t seed = 99;
    INFO("seed " << seed);
    const std::vector<float> src = random_images(1, seed);
    std::vector<float> dst(pixels);
    transform_image(src.data(), dst.data(), side, side, 0.0f, 0.0f, 90.0f);
    for (std::size_t r = 0; r < side; ++r) {
        for (std::size_t c = 0; c < side; ++c) {
            // cos(90 deg) is 6e-17 in double, not 0: bilinear weights off by ~1e-15.
            CHECK(dst[r * side + c] == doctest::Approx(src[c * side + (27 - r)]).epsilon(1e-5));
        }
    }
}

TEST_CASE("augment: a half-pixel shift averages neighbours (bilinear)") {
    std::vector<float> src(pixels, 0.0f);
    src[10 * side + 10] = 1.0f;
    std::vector<float> dst(pixels);
    transform_image(src.data(), dst.data(), side, side, 0.0f, 0.5f, 0.0f);
    // Half a pixel to the right: the dot is shared 0.5 / 0.5 between columns 10 and 11.
    CHECK(dst[10 * side + 10] == 0.5f);
    CHECK(dst[10 * side + 11] == 0.5f);
    float total = 0.0f;
    for (float v : dst) total += v;
    CHECK(total == 1.0f);
}

TEST_CASE("augment: same seed same images, different seed different images") {
    const std::uint64_t data_seed = 5, seed_a = 1234, seed_b = 1235;
    INFO("data seed " << data_seed << ", augment seeds " << seed_a << " and " << seed_b);
    const std::size_t count = 4;
    std::vector<float> src = random_images(1, data_seed);
    std::vector<float> batch;
    for (std::size_t i = 0; i < count; ++i) batch.insert(batch.end(), src.begin(), src.end());
    const augment_options options;  // 2 px, 10 degrees
    std::vector<float> a1(batch.size()), a2(batch.size()), b(batch.size());
    rng random_a1(seed_a), random_a2(seed_a), random_b(seed_b);
    augment_images(batch.data(), a1.data(), count, side, side, options, random_a1);
    augment_images(batch.data(), a2.data(), count, side, side, options, random_a2);
    augment_images(batch.data(), b.data(), count, side, side, options, random_b);
    CHECK(a1 == a2);
    CHECK(a1 != b);
    // Four copies of one image each get their own transform.
    for (std::size_t i = 1; i < count; ++i) {
        CHECK_FALSE(std::equal(a1.begin(), a1.begin() + pixels, a1.begin() + i * pixels));
    }
    // Each image differs from its source, and stays within the value range.
    CHECK_FALSE(std::equal(a1.begin(), a1.begin() + pixels, src.begin()));
    for (float v : a1) {
        CHECK(v >= 0.0f);
        CHECK(v <= 1.0f + 1e-6f);
    }
}
