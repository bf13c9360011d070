// conv2d_forward and conv2d_backward against the plain lowering they replaced in part:
// im2col, then sgemm, then the bias; the backward pass's products on that im2col.
// Results must be equal bit for bit (so models train the same natively and in wasm,
// and the shipped pretrained model still reproduces), and an image's forward result
// must not depend on the batch around it: batch 1 against image k of a batch of 5,
// compared with memcmp (deterministic multi-worker training relies on it).
// Shapes: the presets' layers, stride 2, 'valid' with odd sizes, a 1x1 kernel.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "kernels/gemm.h"
#include "nn/conv2d.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

struct case_shape {
    const char* name;
    conv2d_shape s;
};

std::vector<case_shape> shapes() {
    return {
        {"small conv2d_1: 1x28x28 -> 8 @ 5x5 same", make_conv2d_shape(1, 28, 28, 8, 5, 1, true)},
        {"small conv2d_2: 8x14x14 -> 16 @ 5x5 same", make_conv2d_shape(8, 14, 14, 16, 5, 1, true)},
        {"seed-keras conv2d_1: 1x28x28 -> 64 @ 3x3 valid", make_conv2d_shape(1, 28, 28, 64, 3, 1, false)},
        {"3x11x9 -> 5 @ 4x4 valid", make_conv2d_shape(3, 11, 9, 5, 4, 1, false)},
        {"2x9x7 -> 6 @ 3x3 same, stride 2", make_conv2d_shape(2, 9, 7, 6, 3, 2, true)},
        {"4x5x6 -> 3 @ 1x1 same", make_conv2d_shape(4, 5, 6, 3, 1, 1, true)},
    };
}

std::vector<float> random_floats(std::size_t n, rng& random) {
    std::vector<float> v(n);
    for (float& x : v) x = random.uniform(-1.0f, 1.0f);
    return v;
}

// cols [patch, pixels] of one image, written from the definition in nn/conv2d.h.
std::vector<float> reference_im2col(const float* x, const conv2d_shape& s) {
    std::vector<float> cols(s.patch_size() * s.out_pixels(), 0.0f);
    const std::size_t k = s.kernel_size;
    for (std::size_t c = 0; c < s.in_channels; ++c)
        for (std::size_t ky = 0; ky < k; ++ky)
            for (std::size_t kx = 0; kx < k; ++kx)
                for (std::size_t oy = 0; oy < s.out_height; ++oy)
                    for (std::size_t ox = 0; ox < s.out_width; ++ox) {
                        const long iy = static_cast<long>(oy * s.stride + ky) - static_cast<long>(s.pad_top);
                        const long ix = static_cast<long>(ox * s.stride + kx) - static_cast<long>(s.pad_left);
                        if (iy < 0 || ix < 0 || iy >= static_cast<long>(s.in_height) ||
                            ix >= static_cast<long>(s.in_width))
                            continue;
                        cols[((c * k + ky) * k + kx) * s.out_pixels() + oy * s.out_width + ox] =
                            x[(c * s.in_height + static_cast<std::size_t>(iy)) * s.in_width +
                              static_cast<std::size_t>(ix)];
                    }
    return cols;
}

// A shape's per-image sizes and random operands for `batch` images (x, then w, then bias).
struct conv_operands {
    std::size_t in_size, out_size;
    std::vector<float> x, w, bias;
};

conv_operands random_operands(const conv2d_shape& s, std::size_t batch, rng& random) {
    conv_operands o;
    o.in_size = s.in_channels * s.in_height * s.in_width;
    o.out_size = s.out_channels * s.out_pixels();
    o.x = random_floats(batch * o.in_size, random);
    o.w = random_floats(s.out_channels * s.patch_size(), random);
    o.bias = random_floats(s.out_channels, random);
    return o;
}

bool same_bits(const std::vector<float>& a, const float* b) {
    return std::memcmp(a.data(), b, a.size() * sizeof(float)) == 0;
}

}  // namespace

TEST_CASE("conv2d_forward equals im2col + sgemm + bias bit for bit") {
    rng random(77);
    const std::size_t batch = 3;
    for (const case_shape& c : shapes()) {
        CAPTURE(c.name);
        const conv2d_shape& s = c.s;
        const auto [in_size, out_size, x, w, bias] = random_operands(s, batch, random);
        std::vector<float> y(batch * out_size), cols(batch * s.patch_size() * s.out_pixels());
        conv2d_forward(y.data(), cols.data(), x.data(), w.data(), bias.data(), s, batch);
        for (std::size_t b = 0; b < batch; ++b) {
            const std::vector<float> image_cols = reference_im2col(x.data() + b * in_size, s);
            std::vector<float> expected(out_size);
            kernels::sgemm(false, false, s.out_channels, s.out_pixels(), s.patch_size(), w.data(), s.patch_size(),
                           image_cols.data(), s.out_pixels(), 0.0f, expected.data(), s.out_pixels());
            for (std::size_t o = 0; o < s.out_channels; ++o)
                for (std::size_t p = 0; p < s.out_pixels(); ++p) expected[o * s.out_pixels() + p] += bias[o];
            CHECK(same_bits(expected, y.data() + b * out_size));
        }
    }
}

TEST_CASE("conv2d_forward of an image is the same float whatever the batch and the image's place in it") {
    rng random(5);
    const std::size_t batch = 5;
    for (const case_shape& c : shapes()) {
        CAPTURE(c.name);
        const conv2d_shape& s = c.s;
        const auto [in_size, out_size, x, w, bias] = random_operands(s, batch, random);
        const std::size_t cols_size = s.patch_size() * s.out_pixels();
        std::vector<float> y_batch(batch * out_size), cols_batch(batch * cols_size);
        conv2d_forward(y_batch.data(), cols_batch.data(), x.data(), w.data(), bias.data(), s, batch);
        for (std::size_t k = 0; k < batch; ++k) {
            CAPTURE(k);
            std::vector<float> y_one(out_size), cols_one(cols_size);
            conv2d_forward(y_one.data(), cols_one.data(), x.data() + k * in_size, w.data(), bias.data(), s, 1);
            CHECK(same_bits(y_one, y_batch.data() + k * out_size));
            CHECK(same_bits(cols_one, cols_batch.data() + k * cols_size));
        }
    }
}

TEST_CASE("conv2d_backward after conv2d_forward equals the products on im2col bit for bit") {
    rng random(11);
    const std::size_t batch = 2;
    for (const case_shape& c : shapes()) {
        CAPTURE(c.name);
        const conv2d_shape& s = c.s;
        const auto [in_size, out_size, x, w, bias] = random_operands(s, batch, random);
        const std::size_t patch = s.patch_size(), pixels = s.out_pixels();
        const std::vector<float> dy = random_floats(batch * out_size, random);
        std::vector<float> y(batch * out_size), cols(batch * patch * pixels);
        conv2d_forward(y.data(), cols.data(), x.data(), w.data(), bias.data(), s, batch);
        std::vector<float> dx(batch * in_size), dw(s.out_channels * patch), db(s.out_channels), dcols(patch * pixels);
        conv2d_backward(dx.data(), dw.data(), db.data(), dcols.data(), dy.data(), cols.data(), w.data(), s, batch);

        // The expected weight gradient: the same sgemm calls on im2col, image by image.
        std::vector<float> dw_expected(dw.size()), dcols_expected(patch * pixels);
        std::vector<float> dx_expected(batch * in_size, 0.0f);
        for (std::size_t b = 0; b < batch; ++b) {
            const std::vector<float> image_cols = reference_im2col(x.data() + b * in_size, s);
            kernels::sgemm(false, true, s.out_channels, patch, pixels, dy.data() + b * out_size, pixels,
                           image_cols.data(), pixels, b == 0 ? 0.0f : 1.0f, dw_expected.data(), patch);
            // The input gradient: W^T dy, then every column entry back to its pixel.
            kernels::sgemm(true, false, patch, pixels, s.out_channels, w.data(), patch, dy.data() + b * out_size,
                           pixels, 0.0f, dcols_expected.data(), pixels);
            // Where im2col copied pixel i to, as indices: im2col of the indices themselves.
            std::vector<float> index(in_size);
            for (std::size_t i = 0; i < in_size; ++i) index[i] = static_cast<float>(i + 1);
            const std::vector<float> source = reference_im2col(index.data(), s);
            float* dx_b = dx_expected.data() + b * in_size;
            const std::size_t k = s.kernel_size;
            // col2im's order: channel, ky, kx, oy, ox (nn/conv2d.cpp).
            for (std::size_t ch = 0; ch < s.in_channels; ++ch)
                for (std::size_t t = 0; t < k * k; ++t)
                    for (std::size_t p = 0; p < pixels; ++p) {
                        const std::size_t row = ch * k * k + t;
                        const float from = source[row * pixels + p];
                        if (from != 0.0f) dx_b[static_cast<std::size_t>(from) - 1] += dcols_expected[row * pixels + p];
                    }
        }
        CHECK(same_bits(dw_expected, dw.data()));
        CHECK(same_bits(dx_expected, dx.data()));
    }
}
