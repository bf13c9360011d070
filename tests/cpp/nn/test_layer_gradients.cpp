// Finite-difference checks of every layer's backward pass against its forward pass
// (support/gradient_check.h: central differences, loss summed in double, symmetric
// relative error). The loss is L = sum(r * y) for a fixed random r, so dL/dy = r.
// Every gradient buffer starts filled with NaN: each backward writes every element of
// what it returns (the rule stated in the nn/ headers), so an element it skips, or
// adds to instead of writing, stays NaN and fails the check.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/activation_registry.h"
#include "kernels/gemm.h"
#include "nn/activation_layer.h"
#include "nn/conv2d.h"
#include "nn/dense.h"
#include "nn/dropout.h"
#include "nn/flatten.h"
#include "nn/max_pool2d.h"
#include "nn/softmax_cross_entropy.h"
#include "support/gradient_check.h"

using namespace relu_lab;
using relu_lab::test::check_gradient;
using relu_lab::test::describe;
using relu_lab::test::weighted_sum;

namespace {

// Float forward passes limit the check: with h = 1e-2 and losses of order 1-10, float
// rounding contributes ~1e-5 relative; curvature of the smooth activations ~h^2. The
// tolerance 2e-3 is still far below the error of a wrong gradient (a missing term or
// a swapped index gives errors of order 0.1 to 1).
constexpr double tolerance = 2e-3;
// Gradients here are of order 0.1 to 10; below |a| + |n| = 0.05 the float rounding of
// the loss (~1e-6 absolute per difference) dominates, so the error is scored
// against 0.05 there (an absolute tolerance of 1e-4).
constexpr double error_floor = 0.05;

std::vector<float> nan_filled(std::size_t n) { return std::vector<float>(n, std::numeric_limits<float>::quiet_NaN()); }

bool all_finite(const std::vector<float>& v) {
    for (float x : v) {
        if (!std::isfinite(x)) return false;
    }
    return true;
}

std::vector<float> random_vector(std::size_t n, rng& random, float lo = -1.0f, float hi = 1.0f) {
    std::vector<float> v(n);
    for (float& x : v) x = random.uniform(lo, hi);
    return v;
}

// Values in [-1, -0.1] U [0.1, 1]: away from the kink at 0 of the ReLU family.
std::vector<float> away_from_zero(std::size_t n, rng& random) {
    std::vector<float> v(n);
    for (float& x : v) {
        const float magnitude = random.uniform(0.1f, 1.0f);
        x = random.uniform() < 0.5f ? -magnitude : magnitude;
    }
    return v;
}

void check_conv(std::size_t in_c, std::size_t size, std::size_t out_c, std::size_t k, std::size_t stride, bool same,
                std::uint64_t seed) {
    CAPTURE(seed);
    rng random(seed);
    const std::size_t batch = 2;
    const conv2d_shape s = make_conv2d_shape(in_c, size, size, out_c, k, stride, same);
    REQUIRE(s.out_height > 0);
    std::vector<float> x = random_vector(batch * in_c * size * size, random);
    std::vector<float> w = random_vector(out_c * s.patch_size(), random);
    std::vector<float> b = random_vector(out_c, random);
    const std::size_t out_n = batch * out_c * s.out_pixels();
    std::vector<float> r = random_vector(out_n, random);
    std::vector<float> y(out_n), cols(batch * s.patch_size() * s.out_pixels());
    std::vector<float> dx = nan_filled(x.size()), dw = nan_filled(w.size()), db = nan_filled(b.size());
    std::vector<float> dcols = nan_filled(s.patch_size() * s.out_pixels());
    conv2d_forward(y.data(), cols.data(), x.data(), w.data(), b.data(), s, batch);
    conv2d_backward(dx.data(), dw.data(), db.data(), dcols.data(), r.data(), cols.data(), w.data(), s, batch);
    CHECK(all_finite(dx));
    CHECK(all_finite(dw));
    CHECK(all_finite(db));
    auto loss = [&] {
        conv2d_forward(y.data(), cols.data(), x.data(), w.data(), b.data(), s, batch);
        return weighted_sum(y.data(), r.data(), out_n);
    };
    struct checked_buffer {
        std::vector<float>* values;
        const std::vector<float>* grads;
        const char* name;
    };
    for (const checked_buffer& buffer :
         {checked_buffer{&x, &dx, "input"}, checked_buffer{&w, &dw, "weights"}, checked_buffer{&b, &db, "bias"}}) {
        std::vector<float>* values = buffer.values;
        const std::vector<float>* grads = buffer.grads;
        const char* name = buffer.name;
        const auto result =
            check_gradient(values->data(), grads->data(), values->size(), loss, 1e-2, 200, random, error_floor);
        INFO(name << ": " << describe(result));
        CHECK(result.max_error < tolerance);
        CHECK(result.checked > 0);
    }
}

}  // namespace

TEST_CASE("conv2d backward matches finite differences (valid, same, stride 2, several channels)") {
    check_conv(1, 6, 3, 3, 1, false, 101);
    check_conv(2, 7, 4, 3, 1, true, 102);
    check_conv(3, 8, 2, 3, 2, true, 103);
    check_conv(2, 9, 3, 5, 2, false, 104);
    check_conv(2, 5, 2, 4, 1, true, 105);  // even kernel: asymmetric 'same' padding
}

TEST_CASE("dense backward matches finite differences") {
    const std::uint64_t seed = 201;
    CAPTURE(seed);
    rng random(seed);
    const std::size_t batch = 3, inputs = 7, outputs = 5;
    std::vector<float> x = random_vector(batch * inputs, random);
    std::vector<float> w = random_vector(outputs * inputs, random);
    std::vector<float> b = random_vector(outputs, random);
    std::vector<float> r = random_vector(batch * outputs, random);
    std::vector<float> y(batch * outputs), dx = nan_filled(x.size()), dw = nan_filled(w.size()),
                                           db = nan_filled(b.size());
    dense_backward(dx.data(), dw.data(), db.data(), r.data(), x.data(), w.data(), inputs, outputs, batch);
    CHECK(all_finite(dx));
    CHECK(all_finite(dw));
    CHECK(all_finite(db));
    auto loss = [&] {
        dense_forward(y.data(), x.data(), w.data(), b.data(), inputs, outputs, batch);
        return weighted_sum(y.data(), r.data(), y.size());
    };
    struct checked_buffer {
        std::vector<float>* values;
        const std::vector<float>* grads;
        const char* name;
    };
    for (const checked_buffer& buffer :
         {checked_buffer{&x, &dx, "input"}, checked_buffer{&w, &dw, "weights"}, checked_buffer{&b, &db, "bias"}}) {
        std::vector<float>* values = buffer.values;
        const std::vector<float>* grads = buffer.grads;
        const char* name = buffer.name;
        const auto result =
            check_gradient(values->data(), grads->data(), values->size(), loss, 1e-2, 200, random, error_floor);
        INFO(name << ": " << describe(result));
        CHECK(result.max_error < tolerance);
        CHECK(result.checked == values->size());
    }
}

TEST_CASE("max_pool2d backward matches finite differences (pool 2 and 3, odd sizes)") {
    const std::uint64_t seed = 301;
    CAPTURE(seed);
    rng random(seed);
    for (std::size_t pool : {2u, 3u}) {
        const std::size_t batch = 2, channels = 2, size = 7;
        const max_pool2d_shape s = make_max_pool2d_shape(channels, size, size, pool);
        // Distinct values 0.1 apart (a shuffled ramp): no ties, and a step of 1e-2 never
        // changes which element is the maximum, so there are no kinks to skip.
        std::vector<float> x(batch * channels * size * size);
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.1f * static_cast<float>(i) - 5.0f;
        for (std::size_t i = x.size(); i > 1; --i) std::swap(x[i - 1], x[random.below(static_cast<std::uint32_t>(i))]);
        const std::size_t out_n = batch * channels * s.out_height * s.out_width;
        std::vector<float> r = random_vector(out_n, random), y(out_n), dx = nan_filled(x.size());
        std::vector<std::uint32_t> argmax(out_n);
        max_pool2d_forward(y.data(), argmax.data(), x.data(), s, batch);
        max_pool2d_backward(dx.data(), r.data(), argmax.data(), s, batch);
        CHECK(all_finite(dx));
        auto loss = [&] {
            max_pool2d_forward(y.data(), argmax.data(), x.data(), s, batch);
            return weighted_sum(y.data(), r.data(), out_n);
        };
        const auto result = check_gradient(x.data(), dx.data(), x.size(), loss, 1e-2, 1000, random, error_floor);
        INFO("pool " << pool << ": " << describe(result));
        CHECK(result.max_error < tolerance);
        CHECK(result.skipped_at_kinks == 0);
        CHECK(result.checked == x.size());
    }
}

TEST_CASE("flatten backward matches finite differences") {
    const std::uint64_t seed = 401;
    CAPTURE(seed);
    rng random(seed);
    const std::size_t batch = 2, features = 12;
    std::vector<float> x = random_vector(batch * features, random), r = random_vector(batch * features, random);
    std::vector<float> y(x.size()), dx = nan_filled(x.size());
    flatten_backward(dx.data(), r.data(), features, batch);
    CHECK(all_finite(dx));
    auto loss = [&] {
        flatten_forward(y.data(), x.data(), features, batch);
        return weighted_sum(y.data(), r.data(), y.size());
    };
    const auto result = check_gradient(x.data(), dx.data(), x.size(), loss, 1e-2, 100, random, error_floor);
    INFO(describe(result));
    CHECK(result.max_error < tolerance);
}

TEST_CASE("activation layer backward matches finite differences for every kernel of the family") {
    const std::uint64_t seed = 501;
    CAPTURE(seed);
    rng random(seed);
    const std::size_t batch = 2, channels = 3, inner = 5;
    for (std::size_t k = 0; k < activation_kind_count; ++k) {
        const activation_info& info = activation_info_of(static_cast<activation_kind>(k));
        CAPTURE(info.name);
        activation_layer_shape s;
        s.kind = info.kind;
        s.param = info.param_name.empty() ? 0.0f : info.default_param;
        s.channels = channels;
        s.inner = inner;
        const std::size_t n = batch * s.size();
        std::vector<float> x = away_from_zero(n, random);
        if (info.kind == activation_kind::relu6) {
            for (std::size_t i = 0; i < n; i += 3) x[i] = 6.0f + x[i];  // both kinks, from 5 to 7, never 6 +- 0.1
        }
        std::vector<float> slopes = {0.1f, 0.25f, 0.4f}, dslopes = nan_filled(channels);
        const bool prelu = info.kind == activation_kind::prelu;
        const float* slopes_ptr = prelu ? slopes.data() : nullptr;
        std::vector<float> r = random_vector(n, random), y(n), dx = nan_filled(n);
        activation_layer_backward(dx.data(), prelu ? dslopes.data() : nullptr, r.data(), x.data(), slopes_ptr, s,
                                  batch);
        CHECK(all_finite(dx));
        if (prelu) CHECK(all_finite(dslopes));
        auto loss = [&] {
            activation_layer_forward(y.data(), x.data(), slopes_ptr, s, batch);
            return weighted_sum(y.data(), r.data(), n);
        };
        // h = 1e-3 < 0.1: a step never crosses a kink.
        const auto result = check_gradient(x.data(), dx.data(), n, loss, 1e-3, 100, random, error_floor);
        INFO("input: " << describe(result));
        CHECK(result.max_error < tolerance);
        CHECK(result.skipped_at_kinks == 0);
        if (prelu) {
            const auto slope_result =
                check_gradient(slopes.data(), dslopes.data(), channels, loss, 1e-2, 10, random, error_floor);
            INFO("slopes: " << describe(slope_result));
            CHECK(slope_result.max_error < tolerance);
            CHECK(slope_result.checked == channels);
        }
    }
}

TEST_CASE("dropout backward matches finite differences with the mask held fixed") {
    const std::uint64_t seed = 601;
    CAPTURE(seed);
    rng random(seed);
    const std::size_t batch = 2, size = 20;
    std::vector<float> x = random_vector(batch * size, random), r = random_vector(batch * size, random);
    std::vector<float> y(x.size()), mask(x.size()), dx = nan_filled(x.size());
    auto loss = [&] {
        rng mask_random(seed + 1);  // the same mask on every evaluation
        dropout_forward(y.data(), mask.data(), x.data(), 0.3f, size, batch, mask_random);
        return weighted_sum(y.data(), r.data(), y.size());
    };
    loss();
    dropout_backward(dx.data(), r.data(), mask.data(), size, batch);
    CHECK(all_finite(dx));
    std::size_t dropped = 0;
    for (float m : mask) dropped += (m == 0.0f);
    CHECK(dropped > 0);
    CHECK(dropped < mask.size());
    const auto result = check_gradient(x.data(), dx.data(), x.size(), loss, 1e-2, 100, random, error_floor);
    INFO(describe(result));
    CHECK(result.max_error < tolerance);
}

TEST_CASE("softmax cross-entropy backward matches finite differences") {
    const std::uint64_t seed = 701;
    CAPTURE(seed);
    rng random(seed);
    const std::size_t batch = 4, classes = 10;
    std::vector<float> z = random_vector(batch * classes, random, -3.0f, 3.0f), p(z.size()), dz = nan_filled(z.size());
    const std::vector<std::uint8_t> labels = {3, 0, 9, 3};
    softmax_cross_entropy_forward(p.data(), z.data(), labels.data(), classes, batch);
    softmax_cross_entropy_backward(dz.data(), p.data(), labels.data(), classes, batch);
    CHECK(all_finite(dz));
    auto loss = [&] { return softmax_cross_entropy_forward(p.data(), z.data(), labels.data(), classes, batch); };
    const auto result = check_gradient(z.data(), dz.data(), z.size(), loss, 1e-2, 100, random, error_floor);
    INFO(describe(result));
    CHECK(result.max_error < tolerance);
}

TEST_CASE("dense forward: every batch gives the bits of x * weights^T + bias, whichever way the product is taken") {
    // Fewer images than units take the product as weights * x^T (nn/dense.cpp); the
    // reference here is the product as the formula reads, on this build's kernels.
    const std::uint64_t seed = 4242;
    CAPTURE(seed);
    rng random(seed);
    for (const std::size_t outputs : {10u, 128u}) {
        for (const std::size_t batch : {1u, 5u, 9u, 16u, 31u, 32u, 33u, 200u}) {
            for (const std::size_t inputs : {7u, 300u}) {
                CAPTURE(outputs);
                CAPTURE(batch);
                CAPTURE(inputs);
                const std::vector<float> x = random_vector(batch * inputs, random);
                const std::vector<float> w = random_vector(outputs * inputs, random);
                const std::vector<float> b = random_vector(outputs, random);
                std::vector<float> want(batch * outputs);
                kernels::sgemm(false, true, batch, outputs, inputs, x.data(), inputs, w.data(), inputs, 0.0f,
                               want.data(), outputs);
                for (std::size_t i = 0; i < want.size(); ++i) want[i] += b[i % outputs];
                std::vector<float> y(batch * outputs + 1, 1234.5f);
                dense_forward(y.data(), x.data(), w.data(), b.data(), inputs, outputs, batch);
                CHECK(std::memcmp(y.data(), want.data(), want.size() * sizeof(float)) == 0);
                CHECK(y.back() == 1234.5f);
            }
        }
    }
}
