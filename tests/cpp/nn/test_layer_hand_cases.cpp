// Tiny conv, pool and softmax cases worked by hand, the arithmetic in the comments.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "nn/conv2d.h"
#include "nn/max_pool2d.h"
#include "nn/softmax_cross_entropy.h"

using namespace relu_lab;

namespace {
// Exact small integers throughout, so exact comparisons hold.
const std::vector<float> image_3x3 = {1, 2, 3, 4, 5, 6, 7, 8, 9};
}  // namespace

TEST_CASE("conv2d valid 2x2 kernel on a 3x3 image, by hand") {
    const conv2d_shape s = make_conv2d_shape(1, 3, 3, 1, 2, 1, false);
    REQUIRE(s.out_height == 2);
    REQUIRE(s.out_width == 2);
    const std::vector<float> w = {1, 2, 3, 4};
    const float bias = 0.5f;
    std::vector<float> y(4), cols(4 * 4);
    conv2d_forward(y.data(), cols.data(), image_3x3.data(), w.data(), &bias, s, 1);
    CHECK(y[0] == 37.5f);  // 1*1 + 2*2 + 4*3 + 5*4 = 37, + 0.5
    CHECK(y[1] == 47.5f);  // 2*1 + 3*2 + 5*3 + 6*4 = 47
    CHECK(y[2] == 67.5f);  // 4*1 + 5*2 + 7*3 + 8*4 = 67
    CHECK(y[3] == 77.5f);  // 5*1 + 6*2 + 8*3 + 9*4 = 77

    // Backward with dy = 1 everywhere: dw[i] = sum of the inputs under weight i over
    // the four positions; dbias = 4; dx[pixel] = sum of the weights that touch it.
    const std::vector<float> dy = {1, 1, 1, 1};
    // NaN in every gradient buffer: the backward pass writes them (nn/conv2d.h).
    const float unwritten = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> dx(9, unwritten), dw(4, unwritten), dcols(16, unwritten);
    float dbias = unwritten;
    conv2d_backward(dx.data(), dw.data(), &dbias, dcols.data(), dy.data(), cols.data(), w.data(), s, 1);
    CHECK(dw[0] == 12.0f);  // 1 + 2 + 4 + 5
    CHECK(dw[1] == 16.0f);  // 2 + 3 + 5 + 6
    CHECK(dw[2] == 24.0f);  // 4 + 5 + 7 + 8
    CHECK(dw[3] == 28.0f);  // 5 + 6 + 8 + 9
    CHECK(dbias == 4.0f);
    CHECK(dx[0] == 1.0f);   // only w00
    CHECK(dx[4] == 10.0f);  // the centre is under every weight: 1 + 2 + 3 + 4
    CHECK(dx[8] == 4.0f);   // only w11
    CHECK(dx[1] == 3.0f);   // w00 + w01 = 1 + 2
}

TEST_CASE("conv2d same padding, stride 1 and 2, 3x3 ones kernel, by hand") {
    const std::vector<float> ones(9, 1.0f);
    const float bias = 0.0f;
    {
        const conv2d_shape s = make_conv2d_shape(1, 3, 3, 1, 3, 1, true);
        REQUIRE(s.out_height == 3);
        CHECK(s.pad_top == 1);
        std::vector<float> y(9), cols(9 * 9);
        conv2d_forward(y.data(), cols.data(), image_3x3.data(), ones.data(), &bias, s, 1);
        CHECK(y[0] == 12.0f);  // corner: 1 + 2 + 4 + 5
        CHECK(y[1] == 21.0f);  // top edge: 1 + 2 + 3 + 4 + 5 + 6
        CHECK(y[4] == 45.0f);  // centre: 1 + ... + 9
        CHECK(y[8] == 28.0f);  // corner: 5 + 6 + 8 + 9
    }
    {
        // out = ceil(3 / 2) = 2; padding needed (2 - 1) * 2 + 3 - 3 = 2, so 1 on top/left:
        // windows centred on pixels (0,0), (0,2), (2,0), (2,2).
        const conv2d_shape s = make_conv2d_shape(1, 3, 3, 1, 3, 2, true);
        REQUIRE(s.out_height == 2);
        REQUIRE(s.out_width == 2);
        CHECK(s.pad_top == 1);
        std::vector<float> y(4), cols(9 * 4);
        conv2d_forward(y.data(), cols.data(), image_3x3.data(), ones.data(), &bias, s, 1);
        CHECK(y[0] == 12.0f);  // 1 + 2 + 4 + 5
        CHECK(y[1] == 16.0f);  // 2 + 3 + 5 + 6
        CHECK(y[2] == 24.0f);  // 4 + 5 + 7 + 8
        CHECK(y[3] == 28.0f);  // 5 + 6 + 8 + 9
    }
}

TEST_CASE("max_pool2d 2x2 on a 4x4 plane, by hand, and the gradient routed to each maximum") {
    const std::vector<float> x = {1,  3,  2, 0, 4, 2, -1, 5, 0, 0, 7, 7,  // a tie: the first 7 wins
                                  -2, -3, 6, 1};
    const max_pool2d_shape s = make_max_pool2d_shape(1, 4, 4, 2);
    std::vector<float> y(4);
    std::vector<std::uint32_t> argmax(4);
    max_pool2d_forward(y.data(), argmax.data(), x.data(), s, 1);
    CHECK(y[0] == 4.0f);  // max(1, 3, 4, 2)
    CHECK(y[1] == 5.0f);  // max(2, 0, -1, 5)
    CHECK(y[2] == 0.0f);  // max(0, 0, -2, -3)
    CHECK(y[3] == 7.0f);  // max(7, 7, 6, 1)
    const std::vector<float> dy = {10, 20, 30, 40};
    std::vector<float> dx(16, -1.0f);
    max_pool2d_backward(dx.data(), dy.data(), argmax.data(), s, 1);
    CHECK(dx[4] == 10.0f);   // the 4 at (1, 0)
    CHECK(dx[7] == 20.0f);   // the 5 at (1, 3)
    CHECK(dx[8] == 30.0f);   // the first 0 at (2, 0)
    CHECK(dx[10] == 40.0f);  // the first 7 at (2, 2)
    CHECK(dx[11] == 0.0f);   // the second 7 gets nothing
    float total = 0.0f;
    for (float v : dx) total += v;
    CHECK(total == 100.0f);  // every upstream gradient lands exactly once

    // A NaN in a window reaches the output (divergence must not hide in a pool).
    std::vector<float> with_nan = x;
    with_nan[5] = NAN;
    max_pool2d_forward(y.data(), argmax.data(), with_nan.data(), s, 1);
    CHECK(std::isnan(y[0]));
}

TEST_CASE("softmax cross-entropy on logits (0, ln 2, ln 3), by hand") {
    // exp(logits) = (1, 2, 3), sum 6: probabilities (1/6, 1/3, 1/2).
    // Label 2: loss = -ln(1/2) = ln 2 = 0.693147...; gradient = p - onehot = (1/6, 1/3, -1/2).
    const std::vector<float> z = {0.0f, std::log(2.0f), std::log(3.0f)};
    const std::uint8_t label = 2;
    std::vector<float> p(3), dz(3);
    const double loss = softmax_cross_entropy_forward(p.data(), z.data(), &label, 3, 1);
    CHECK(loss == doctest::Approx(std::log(2.0)).epsilon(1e-6));
    CHECK(p[0] == doctest::Approx(1.0 / 6.0).epsilon(1e-6));
    CHECK(p[1] == doctest::Approx(1.0 / 3.0).epsilon(1e-6));
    CHECK(p[2] == doctest::Approx(0.5).epsilon(1e-6));
    softmax_cross_entropy_backward(dz.data(), p.data(), &label, 3, 1);
    CHECK(dz[0] == doctest::Approx(1.0 / 6.0).epsilon(1e-6));
    CHECK(dz[2] == doctest::Approx(-0.5).epsilon(1e-6));

    // Huge logits do not overflow: the max is subtracted first. (1000, 0): p = (1, e^-1000).
    const std::vector<float> big = {1000.0f, 0.0f};
    const std::uint8_t label1 = 1;
    std::vector<float> p2(2);
    const double loss2 = softmax_cross_entropy_forward(p2.data(), big.data(), &label1, 2, 1);
    CHECK(loss2 == doctest::Approx(1000.0).epsilon(1e-9));  // -log(e^-1000 / (1 + e^-1000)) ~= 1000
    CHECK(p2[0] == 1.0f);
    // A NaN logit gives a NaN loss, so the trainer sees it.
    const std::vector<float> bad = {NAN, 0.0f};
    CHECK(std::isnan(softmax_cross_entropy_forward(p2.data(), bad.data(), &label1, 2, 1)));
}
