// The direct convolution, scalar and SIMD paths, against a reference that adds the
// same products in the same order (kernels/conv2d_direct.h promises that order), so
// every output must match bit for bit, and SIMD must equal scalar bit for bit. In the FMA
// build the SIMD path's f32x4.relaxed_madd rounds once where the engine fuses it and
// twice where it does not: there it must equal, bit for bit, the reference that adds
// with std::fma or the one that multiplies and adds (relaxed SIMD allows either). Shapes
// cross the SIMD path's 4-filter tiles and its 8- and 4-wide output tiles (widths 1 to
// 19); guard cells after y catch writes past it, and NaN in the padded image's slack
// columns must never reach y (those lanes are computed and dropped).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/conv2d_direct.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

using conv_fn = void (*)(float*, const float*, std::size_t, const float*, const float*, const conv2d_direct_shape&,
                         std::size_t);

struct conv_path {
    const char* name;
    conv_fn forward;
    bool may_fuse;  // relaxed multiply-add: fused or not, as the engine chooses
};

std::vector<conv_path> conv_paths_in_this_build() {
    std::vector<conv_path> paths = {{"scalar", &scalar::conv2d_direct_forward, false}};
#if defined(RELU_LAB_RELAXED_SIMD)
    paths.push_back({"simd", &simd::conv2d_direct_forward, true});
#elif defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &simd::conv2d_direct_forward, false});
#endif
    return paths;
}

constexpr float guard_value = 12345.0f;

// Padded images with random values where an output's taps can reach, NaN in the
// columns past them (the SIMD path's slack, which it reads for dropped lanes only).
std::vector<float> padded_images(const conv2d_direct_shape& s, std::size_t batch, std::size_t stride, rng& random) {
    std::vector<float> padded(batch * stride, std::numeric_limits<float>::quiet_NaN());
    const std::size_t used_width = s.out_width + s.kernel_size - 1;
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t c = 0; c < s.in_channels; ++c)
            for (std::size_t r = 0; r < s.padded_height; ++r)
                for (std::size_t col = 0; col < used_width; ++col)
                    padded[b * stride + (c * s.padded_height + r) * s.padded_width + col] = random.uniform(-1.0f, 1.0f);
    return padded;
}

std::vector<float> reference(const conv2d_direct_shape& s, const std::vector<float>& padded, std::size_t stride,
                             const std::vector<float>& w, const std::vector<float>& bias, std::size_t batch,
                             bool fused) {
    const std::size_t k = s.kernel_size;
    std::vector<float> y;
    for (std::size_t b = 0; b < batch; ++b) {
        for (std::size_t o = 0; o < s.out_channels; ++o) {
            for (std::size_t oy = 0; oy < s.out_height; ++oy) {
                for (std::size_t ox = 0; ox < s.out_width; ++ox) {
                    float sum = 0.0f;
                    for (std::size_t p = 0; p < s.taps(); ++p) {
                        const std::size_t c = p / (k * k), ky = p / k % k, kx = p % k;
                        const float x = padded[b * stride + (c * s.padded_height + oy + ky) * s.padded_width + ox + kx];
                        sum = fused ? std::fma(w[o * s.taps() + p], x, sum) : sum + w[o * s.taps() + p] * x;
                    }
                    y.push_back(sum + bias[o]);
                }
            }
        }
    }
    return y;
}

}  // namespace

TEST_CASE("conv2d_direct_forward equals the in-order reference bit for bit, on both paths") {
    rng random(20261207);
    const std::size_t widths[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 14, 16, 17, 19};
    for (const std::size_t k : {1, 2, 3, 5}) {
        for (const std::size_t width : widths) {
            const std::size_t channels = 1 + random.below(3), filters = 1 + random.below(9);
            const std::size_t height = 1 + random.below(4), batch = 1 + random.below(3);
            const conv2d_direct_shape s = make_conv2d_direct_shape(channels, k, filters, height, width);
            CAPTURE(k);
            CAPTURE(width);
            CAPTURE(channels);
            CAPTURE(filters);
            CAPTURE(height);
            REQUIRE(s.padded_width >= width + k - 1);
            const std::size_t stride = s.padded_floats() + 3;  // images not back to back
            const std::vector<float> padded = padded_images(s, batch, stride, random);
            std::vector<float> w(filters * s.taps()), bias(filters);
            for (float& v : w) v = random.uniform(-1.0f, 1.0f);
            for (float& v : bias) v = random.uniform(-1.0f, 1.0f);
            const std::vector<float> expected = reference(s, padded, stride, w, bias, batch, false);
            const std::vector<float> expected_fused = reference(s, padded, stride, w, bias, batch, true);
            const std::size_t bytes = expected.size() * sizeof(float);
            // Every path equals the in-order reference, so the paths equal each other.
            for (const conv_path& path : conv_paths_in_this_build()) {
                CAPTURE(path.name);
                std::vector<float> y(expected.size() + 5, guard_value);
                path.forward(y.data(), padded.data(), stride, w.data(), bias.data(), s, batch);
                if (path.may_fuse) {
                    CHECK((std::memcmp(y.data(), expected.data(), bytes) == 0 ||
                           std::memcmp(y.data(), expected_fused.data(), bytes) == 0));
                } else {
                    CHECK(std::memcmp(y.data(), expected.data(), bytes) == 0);
                }
                for (std::size_t g = expected.size(); g < y.size(); ++g) CHECK(y[g] == guard_value);
            }
        }
    }
}

TEST_CASE("conv2d_direct_forward: padding zeros times an infinite weight give NaN on both paths") {
    // One 3x3 filter with an infinite centre over a 1x1 image padded to 3x3 (+ slack):
    // the centre tap reads the pixel, the others read zeros, 0 * w = 0; then a corner
    // weight of inf reads a zero: inf * 0 = NaN, as im2col + sgemm gave.
    const conv2d_direct_shape s = make_conv2d_direct_shape(1, 3, 1, 1, 1);
    std::vector<float> padded(s.padded_floats(), 0.0f);
    padded[1 * s.padded_width + 1] = 2.0f;
    const float bias = 0.5f;
    for (const conv_path& path : conv_paths_in_this_build()) {
        CAPTURE(path.name);
        std::vector<float> w(9, 1.0f);
        float y = 0.0f;
        path.forward(&y, padded.data(), 0, w.data(), &bias, s, 1);
        CHECK(y == 2.5f);
        w[0] = std::numeric_limits<float>::infinity();
        path.forward(&y, padded.data(), 0, w.data(), &bias, s, 1);
        CHECK(std::isnan(y));
    }
}
