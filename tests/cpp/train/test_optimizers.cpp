// Two steps of each optimizer against the published formulas, computed here in double.
// The tolerance (1e-6) is far below the step sizes (>= 0.02).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "train/optimizers.h"

using namespace relu_lab;

namespace {
constexpr double tolerance = 1e-6;
const float g1 = 0.5f, g2 = -0.25f;  // the two gradients, exact in float
}  // namespace

TEST_CASE("SGD: two steps, w -= lr * g") {
    optimizer_config c;
    c.kind = optimizer_kind::sgd;
    float w = 1.0f;
    optimizer_update(c, 0.1f, 1, false, &w, &g1, nullptr, 1);
    CHECK(w == doctest::Approx(0.95).epsilon(tolerance));  // 1 - 0.1 * 0.5
    optimizer_update(c, 0.1f, 2, false, &w, &g2, nullptr, 1);
    CHECK(w == doctest::Approx(0.975).epsilon(tolerance));  // 0.95 + 0.1 * 0.25
}

TEST_CASE("SGD with L2 weight decay adds weight_decay * w to the gradient of weights only") {
    optimizer_config c;
    c.kind = optimizer_kind::sgd;
    c.weight_decay = 0.1f;
    float w = 2.0f;
    optimizer_update(c, 0.5f, 1, true, &w, &g1, nullptr, 1);
    CHECK(w == doctest::Approx(1.65).epsilon(tolerance));  // 2 - 0.5 * (0.5 + 0.1 * 2) = 2 - 0.35
    float b = 2.0f;
    optimizer_update(c, 0.5f, 1, false, &b, &g1, nullptr, 1);
    CHECK(b == doctest::Approx(1.75).epsilon(tolerance));  // no decay: 2 - 0.5 * 0.5
}

TEST_CASE("momentum: v = mu * v - lr * g; w += v") {
    optimizer_config c;
    c.kind = optimizer_kind::momentum;
    c.momentum = 0.9f;
    float w = 1.0f, v = 0.0f;
    optimizer_update(c, 0.1f, 1, false, &w, &g1, &v, 1);
    CHECK(v == doctest::Approx(-0.05).epsilon(tolerance));  // 0.9 * 0 - 0.1 * 0.5
    CHECK(w == doctest::Approx(0.95).epsilon(tolerance));
    optimizer_update(c, 0.1f, 2, false, &w, &g2, &v, 1);
    CHECK(v == doctest::Approx(-0.02).epsilon(tolerance));  // 0.9 * -0.05 + 0.025
    CHECK(w == doctest::Approx(0.93).epsilon(tolerance));
}

TEST_CASE("Adam: two steps with bias correction by division (Kingma and Ba 2015, Algorithm 1)") {
    optimizer_config c;
    c.kind = optimizer_kind::adam;
    c.beta1 = 0.9f;
    c.beta2 = 0.999f;
    c.epsilon = 1e-7f;
    const double lr = 0.1, b1 = c.beta1, b2 = c.beta2, eps = c.epsilon;
    // The reference, in double from the paper's formulas.
    double m = 0, v = 0, w_ref = 1.0;
    const double grads[2] = {g1, g2};
    double expected[2];
    for (int t = 1; t <= 2; ++t) {
        const double g = grads[t - 1];
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        const double m_hat = m / (1 - std::pow(b1, t));
        const double v_hat = v / (1 - std::pow(b2, t));
        w_ref -= lr * m_hat / (std::sqrt(v_hat) + eps);
        expected[t - 1] = w_ref;
    }
    // By hand: step 1 m_hat = 0.5, v_hat = 0.25, so w = 1 - 0.1 * 0.5 / 0.5 = 0.9;
    // step 2 m_hat = 0.02 / 0.19, v_hat = 0.00031225 / 0.001999: w = 0.9 - 0.02663 = 0.87337.
    CHECK(expected[0] == doctest::Approx(0.9).epsilon(1e-6));
    CHECK(expected[1] == doctest::Approx(0.87337).epsilon(1e-5));
    float w = 1.0f;
    std::vector<float> state(2, 0.0f);
    optimizer_update(c, static_cast<float>(lr), 1, false, &w, &g1, state.data(), 1);
    CHECK(w == doctest::Approx(expected[0]).epsilon(tolerance));
    optimizer_update(c, static_cast<float>(lr), 2, false, &w, &g2, state.data(), 1);
    CHECK(w == doctest::Approx(expected[1]).epsilon(tolerance));
    // Multiplying by the bias correction instead of dividing (ConvNetJS' bug) would
    // give a second step of 0.1 * (0.02 * 0.19) / sqrt(0.00031225 * 0.001999): far off.
    const double wrong = expected[0] - lr * (0.02 * 0.19) / (std::sqrt(0.00031225 * 0.001999) + eps);
    CHECK(std::fabs(wrong - expected[1]) > 1e-2);
}

TEST_CASE("Adam and momentum on a tensor in slices (a training team's members) give the whole tensor's bits") {
    for (optimizer_kind kind : {optimizer_kind::momentum, optimizer_kind::adam}) {
        CAPTURE(static_cast<int>(kind));
        optimizer_config c;
        c.kind = kind;
        c.weight_decay = 1e-3f;
        const std::size_t n = 37, per = optimizer_state_floats(kind);
        std::vector<float> w(n), g(n);
        for (std::size_t i = 0; i < n; ++i) {
            w[i] = 0.01f * static_cast<float>(i) - 0.2f;
            g[i] = 0.003f * static_cast<float>((i * 7) % 11) - 0.015f;
        }
        std::vector<float> whole_w = w, whole_state(n * per, 0.0f);
        std::vector<float> split_w = w, split_state(n * per, 0.0f);
        for (std::uint64_t step = 1; step <= 3; ++step) {
            optimizer_update(c, 0.01f, step, true, whole_w.data(), g.data(), whole_state.data(), n);
            // Cuts that are not multiples of the SIMD width: [0, 5), [5, 22), [22, 37).
            for (auto [lo, hi] : {std::pair<std::size_t, std::size_t>{0, 5}, {5, 22}, {22, n}}) {
                optimizer_update(c, 0.01f, step, true, split_w.data() + lo, g.data() + lo, split_state.data() + lo,
                                 hi - lo, n);
            }
        }
        CHECK(split_w == whole_w);
        CHECK(split_state == whole_state);
    }
}
