// The kernels of one path (scalar or SIMD) in registry order and uniform shape, so a
// test can hold both paths to the same expectations.
#pragma once

#include <array>
#include <vector>

#include "kernels/activation_registry.h"
#include "kernels/activations.h"
#include "util/rng.h"

namespace relu_lab::test {

struct kernel_path {
    const char* name;
    std::array<activation_forward_fn, activation_kind_count> forward;
    std::array<activation_backward_fn, activation_kind_count> backward;
};

// PReLU enters the uniform shape with one shared slope.
#define RELU_LAB_KERNEL_PATH(ns)                                                                                       \
    kernel_path {                                                                                                      \
#ns,                                                                                       \
        {                                                                                          \
            [](const float* x, float* y, std::size_t n, float) { ns::relu_forward(x, y, n); },     \
            ns::leaky_relu_forward,                                                                \
            [](const float* x, float* y, std::size_t n, float a) { ns::prelu_forward(x, y, n, &a, 1, 1); }, \
            ns::elu_forward,                                                                       \
            [](const float* x, float* y, std::size_t n, float) { ns::sigmoid_forward(x, y, n); },  \
            [](const float* x, float* y, std::size_t n, float) { ns::tanh_forward(x, y, n); },     \
            [](const float* x, float* y, std::size_t n, float) { ns::relu6_forward(x, y, n); },    \
            [](const float* x, float* y, std::size_t n, float) { ns::selu_forward(x, y, n); },     \
            [](const float* x, float* y, std::size_t n, float) { ns::gelu_forward(x, y, n); },     \
            [](const float* x, float* y, std::size_t n, float) { ns::silu_forward(x, y, n); },     \
            [](const float* x, float* y, std::size_t n, float) { ns::softplus_forward(x, y, n); }, \
            [](const float* x, float* y, std::size_t n, float) { ns::mish_forward(x, y, n); },     \
        },                                                                                         \
        {                                                                                          \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::relu_backward(x, dy, dx, n); }, \
            ns::leaky_relu_backward,                                                               \
            [](const float* x, const float* dy, float* dx, std::size_t n, float a) {               \
                float dslope = 0.0f;                                                               \
                ns::prelu_backward(x, dy, dx, n, &a, 1, 1, &dslope);                               \
            },                                                                                     \
            ns::elu_backward,                                                                      \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::sigmoid_backward(x, dy, dx, n); }, \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::tanh_backward(x, dy, dx, n); }, \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::relu6_backward(x, dy, dx, n); }, \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::selu_backward(x, dy, dx, n); }, \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::gelu_backward(x, dy, dx, n); }, \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::silu_backward(x, dy, dx, n); }, \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::softplus_backward(x, dy, dx, n); }, \
            [](const float* x, const float* dy, float* dx, std::size_t n, float) { ns::mish_backward(x, dy, dx, n); }, \
        },                           \
    }

// Every path this build has: scalar always, SIMD in a -msimd128 build.
inline std::vector<kernel_path> kernel_paths_in_this_build() {
    std::vector<kernel_path> paths{RELU_LAB_KERNEL_PATH(scalar)};
#if defined(RELU_LAB_SIMD)
    paths.push_back(RELU_LAB_KERNEL_PATH(simd));
#endif
    return paths;
}

// Kernels whose maths is exact in float: SIMD must equal scalar bit for bit.
inline bool is_piecewise_linear(activation_kind kind) {
    return kind == activation_kind::relu || kind == activation_kind::leaky_relu || kind == activation_kind::prelu ||
           kind == activation_kind::relu6;
}

// The project's seeded generator (cpp/util/rng.h): the same inputs in every build.
using test_rng = relu_lab::rng;

}  // namespace relu_lab::test
