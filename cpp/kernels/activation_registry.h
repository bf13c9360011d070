// The activation family as data: one entry per kernel, so the bindings, the page's
// explorer and the network's activation layer all list the same functions in the
// same order, with the same parameter names and defaults.
#pragma once

#include <cstddef>
#include <string_view>

namespace relu_lab {

enum class activation_kind {
    relu,
    leaky_relu,
    prelu,
    elu,
    sigmoid,
    tanh,
    relu6,
    selu,
    gelu,
    silu,
    softplus,
    mish,
};
constexpr std::size_t activation_kind_count = 12;

// One element-wise parameter at most (negative_slope, alpha); PReLU's per-channel
// slopes are reduced here to a single shared slope, which is what a plot needs.
using activation_forward_fn = void (*)(const float* x, float* y, std::size_t n, float param);
using activation_backward_fn = void (*)(const float* x, const float* dy, float* dx, std::size_t n, float param);

struct activation_info {
    activation_kind kind;
    std::string_view name;        // snake_case id used in configs, URLs and the page
    std::string_view param_name;  // "" when the function has no parameter
    float default_param;
    float min_param;
    float max_param;
    bool core;           // false: "beyond the core" in the curriculum
    bool bounded_above;  // f(x) <= some constant for every x (sigmoid, tanh, ReLU6)
    activation_forward_fn forward;
    activation_backward_fn backward;
};

const activation_info& activation_info_of(activation_kind kind);
// nullptr when no activation has that name.
const activation_info* find_activation(std::string_view name);

}  // namespace relu_lab
