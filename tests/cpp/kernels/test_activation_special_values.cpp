// The special-value policy of activations.h, one table, held against both paths.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "support/kernel_paths.h"

using namespace relu_lab;
using namespace relu_lab::test;

namespace {

constexpr float inf = std::numeric_limits<float>::infinity();
constexpr float nan = std::numeric_limits<float>::quiet_NaN();
constexpr float denormal = 1e-40f;

struct special_case {
    activation_kind kind;
    float param;
    float x;
    float expected_y;
    float expected_dydx;
};

using k = activation_kind;
const special_case special_cases[] = {
    // ReLU: derivative 0 at 0; -0 -> +0; denormals pass; NaN propagates.
    {k::relu, 0, 0.0f, 0.0f, 0.0f},
    {k::relu, 0, -0.0f, 0.0f, 0.0f},
    {k::relu, 0, denormal, denormal, 1},
    {k::relu, 0, -denormal, 0.0f, 0.0f},
    {k::relu, 0, inf, inf, 1},
    {k::relu, 0, -inf, 0, 0},
    {k::relu, 0, 3.0e38f, 3.0e38f, 1},
    {k::relu, 0, nan, nan, nan},
    // Leaky ReLU / PReLU: derivative at 0 is the negative slope.
    {k::leaky_relu, 0.01f, 0.0f, 0.0f, 0.01f},
    {k::leaky_relu, 0.01f, -2.0f, -0.02f, 0.01f},
    {k::leaky_relu, 0.01f, -inf, -inf, 0.01f},
    {k::leaky_relu, 0.01f, inf, inf, 1},
    {k::leaky_relu, 0.01f, nan, nan, nan},
    {k::prelu, 0.25f, 0.0f, 0.0f, 0.25f},
    {k::prelu, 0.25f, -4.0f, -1.0f, 0.25f},
    {k::prelu, 0.25f, nan, nan, nan},
    // ELU: derivative at 0 is alpha; saturates at -alpha.
    {k::elu, 1.0f, 0.0f, 0.0f, 1.0f},
    {k::elu, 0.5f, 0.0f, 0.0f, 0.5f},
    {k::elu, 1.0f, -1000.0f, -1.0f, 0.0f},
    {k::elu, 2.0f, -inf, -2.0f, 0.0f},
    {k::elu, 1.0f, inf, inf, 1.0f},
    {k::elu, 1.0f, nan, nan, nan},
    // Sigmoid: derivative peaks at 0.25; no NaN from exp overflow.
    {k::sigmoid, 0, 0.0f, 0.5f, 0.25f},
    {k::sigmoid, 0, -1000.0f, 0.0f, 0.0f},
    {k::sigmoid, 0, 1000.0f, 1.0f, 0.0f},
    {k::sigmoid, 0, -inf, 0.0f, 0.0f},
    {k::sigmoid, 0, inf, 1.0f, 0.0f},
    {k::sigmoid, 0, nan, nan, nan},
    // tanh: derivative peaks at 1.
    {k::tanh, 0, 0.0f, 0.0f, 1.0f},
    {k::tanh, 0, 1000.0f, 1.0f, 0.0f},
    {k::tanh, 0, -1000.0f, -1.0f, 0.0f},
    {k::tanh, 0, inf, 1.0f, 0.0f},
    {k::tanh, 0, -inf, -1.0f, 0.0f},
    {k::tanh, 0, nan, nan, nan},
    // Beyond the core.
    {k::relu6, 0, 0.0f, 0.0f, 0.0f},
    {k::relu6, 0, 6.0f, 6.0f, 0.0f},
    {k::relu6, 0, 3.0f, 3.0f, 1.0f},
    {k::relu6, 0, 1000.0f, 6.0f, 0.0f},
    {k::relu6, 0, -0.0f, 0.0f, 0.0f},
    {k::relu6, 0, nan, nan, nan},
    {k::selu, 0, 0.0f, 0.0f, selu_scale* selu_alpha},
    {k::selu, 0, -1000.0f, -selu_scale* selu_alpha, 0.0f},
    {k::selu, 0, nan, nan, nan},
    {k::gelu, 0, 0.0f, 0.0f, 0.5f},
    {k::gelu, 0, -inf, 0.0f, 0.0f},
    {k::gelu, 0, inf, inf, 1.0f},
    {k::gelu, 0, -1000.0f, 0.0f, 0.0f},
    {k::gelu, 0, 1000.0f, 1000.0f, 1.0f},
    {k::gelu, 0, nan, nan, nan},
    {k::silu, 0, 0.0f, 0.0f, 0.5f},
    {k::silu, 0, -inf, 0.0f, 0.0f},
    {k::silu, 0, inf, inf, 1.0f},
    {k::silu, 0, -1000.0f, 0.0f, 0.0f},
    {k::silu, 0, 1000.0f, 1000.0f, 1.0f},
    {k::silu, 0, nan, nan, nan},
    {k::softplus, 0, 1000.0f, 1000.0f, 1.0f},
    {k::softplus, 0, -1000.0f, 0.0f, 0.0f},
    {k::softplus, 0, inf, inf, 1.0f},
    {k::softplus, 0, -inf, 0.0f, 0.0f},
    {k::softplus, 0, 0.0f, 0.69314718f, 0.5f},
    {k::softplus, 0, nan, nan, nan},
    // mish'(0) = tanh(softplus(0)) = tanh(ln 2) = 3/5.
    {k::mish, 0, 0.0f, 0.0f, 0.6f},
    {k::mish, 0, -inf, 0.0f, 0.0f},
    {k::mish, 0, inf, inf, 1.0f},
    {k::mish, 0, -1000.0f, 0.0f, 0.0f},
    {k::mish, 0, 1000.0f, 1000.0f, 1.0f},
    {k::mish, 0, nan, nan, nan},
};

bool matches(float got, float expected) {
    if (std::isnan(expected)) return std::isnan(got);
    if (std::isinf(expected)) return got == expected;
    return std::fabs(got - expected) <= kernel_abs_tolerance + kernel_rel_tolerance * std::fabs(expected);
}

}  // namespace

TEST_CASE("both paths follow the special-value policy, at every lane position") {
    for (const kernel_path& path : kernel_paths_in_this_build()) {
        for (const special_case& c : special_cases) {
            const std::size_t k = static_cast<std::size_t>(c.kind);
            // The value at each of 5 positions: 4 vector lanes and the scalar-sized tail.
            float x[5], y[5], dy[5], dx[5];
            for (int i = 0; i < 5; ++i) x[i] = c.x, dy[i] = 1.0f;
            path.forward[k](x, y, 5, c.param);
            path.backward[k](x, dy, dx, 5, c.param);
            for (int i = 0; i < 5; ++i) {
                INFO(path.name, " ", activation_info_of(c.kind).name, "(", c.x, ") lane ", i, ": y ", y[i],
                     " expected ", c.expected_y, ", dy/dx ", dx[i], " expected ", c.expected_dydx);
                CHECK(matches(y[i], c.expected_y));
                CHECK(matches(dx[i], c.expected_dydx));
            }
        }
    }
}

TEST_CASE("relu and relu6 never return a negative zero") {
    for (const kernel_path& path : kernel_paths_in_this_build()) {
        float x[6] = {-0.0f, -0.0f, -0.0f, -0.0f, -0.0f, -1.0f}, y[6];
        for (activation_kind kind : {k::relu, k::relu6}) {
            path.forward[static_cast<std::size_t>(kind)](x, y, 6, 0.0f);
            for (float v : y) CHECK_FALSE(std::signbit(v));
        }
    }
}
