#include "kernels/activation_registry.h"

#include "kernels/activations.h"

namespace relu_lab {
namespace {

// Adapters to the uniform (x, y, n, param) shape; functions without a parameter ignore it.
template <void (*f)(const float*, float*, std::size_t)>
void forward_no_param(const float* x, float* y, std::size_t n, float) {
    f(x, y, n);
}
template <void (*f)(const float*, const float*, float*, std::size_t)>
void backward_no_param(const float* x, const float* dy, float* dx, std::size_t n, float) {
    f(x, dy, dx, n);
}

void prelu_shared_forward(const float* x, float* y, std::size_t n, float slope) {
    kernels::prelu_forward(x, y, n, &slope, 1, 1);
}
void prelu_shared_backward(const float* x, const float* dy, float* dx, std::size_t n, float slope) {
    float unused_dslope = 0.0f;
    kernels::prelu_backward(x, dy, dx, n, &slope, 1, 1, &unused_dslope);
}

using k = activation_kind;
const activation_info table[activation_kind_count] = {
    {k::relu, "relu", "", 0.0f, 0.0f, 0.0f, true, false, forward_no_param<kernels::relu_forward>,
     backward_no_param<kernels::relu_backward>},
    {k::leaky_relu, "leaky_relu", "negative_slope", 0.01f, 0.0f, 1.0f, true, false, kernels::leaky_relu_forward,
     kernels::leaky_relu_backward},
    {k::prelu, "prelu", "slope", 0.25f, 0.0f, 1.0f, true, false, prelu_shared_forward, prelu_shared_backward},
    {k::elu, "elu", "alpha", 1.0f, 0.0f, 3.0f, true, false, kernels::elu_forward, kernels::elu_backward},
    {k::sigmoid, "sigmoid", "", 0.0f, 0.0f, 0.0f, true, true, forward_no_param<kernels::sigmoid_forward>,
     backward_no_param<kernels::sigmoid_backward>},
    {k::tanh, "tanh", "", 0.0f, 0.0f, 0.0f, true, true, forward_no_param<kernels::tanh_forward>,
     backward_no_param<kernels::tanh_backward>},
    {k::relu6, "relu6", "", 0.0f, 0.0f, 0.0f, false, true, forward_no_param<kernels::relu6_forward>,
     backward_no_param<kernels::relu6_backward>},
    {k::selu, "selu", "", 0.0f, 0.0f, 0.0f, false, false, forward_no_param<kernels::selu_forward>,
     backward_no_param<kernels::selu_backward>},
    {k::gelu, "gelu", "", 0.0f, 0.0f, 0.0f, false, false, forward_no_param<kernels::gelu_forward>,
     backward_no_param<kernels::gelu_backward>},
    {k::silu, "silu", "", 0.0f, 0.0f, 0.0f, false, false, forward_no_param<kernels::silu_forward>,
     backward_no_param<kernels::silu_backward>},
    {k::softplus, "softplus", "", 0.0f, 0.0f, 0.0f, false, false, forward_no_param<kernels::softplus_forward>,
     backward_no_param<kernels::softplus_backward>},
    {k::mish, "mish", "", 0.0f, 0.0f, 0.0f, false, false, forward_no_param<kernels::mish_forward>,
     backward_no_param<kernels::mish_backward>},
};

}  // namespace

const activation_info& activation_info_of(activation_kind kind) { return table[static_cast<std::size_t>(kind)]; }

const activation_info* find_activation(std::string_view name) {
    for (const activation_info& info : table) {
        if (info.name == name) return &info;
    }
    return nullptr;
}

}  // namespace relu_lab
