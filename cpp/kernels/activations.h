// Activation kernels: batch forward and backward over float arrays.
//
// Every kernel exists twice with the same signature: a scalar reference in
// namespace relu_lab::scalar (activations_scalar.cpp) and a WebAssembly SIMD twin
// in namespace relu_lab::simd (activations_simd.cpp, compiled only with -msimd128).
// relu_lab::kernels (kernel_path.h) names whichever of the two this build uses.
//
// Shapes: x, y, dy, dx are [n]. In place is allowed: y may be x, dx may be dy or x.
// Backward takes the forward INPUT x (the pre-activation), not the output y.
//
// Special-value policy (tests/cpp/kernels/test_activation_special_values.cpp holds
// both paths to it; the explorer page states it to learners):
// - At a kink the derivative is undefined; the kernels return a conventional value,
//   the one PyTorch's backward functions return (activations_scalar.cpp, the "x > 0"
//   tests): relu'(0) = 0, leaky_relu'(0) = negative_slope, prelu'(0) = slope of the
//   channel, elu'(0) = alpha (equal to the right-hand 1 when alpha = 1),
//   selu'(0) = scale * alpha: the left-hand branch. The exceptions:
//   relu6'(0) = relu6'(6) = 0, which at 6 is the right-hand branch (PyTorch's hardtanh
//   and TensorFlow's Relu6Grad do the same); and TensorFlow's EluGrad and SeluGrad,
//   which test the output (y < 0) and so take the right-hand branch at 0: 1 for ELU
//   (the same value, since tf.nn.elu has alpha = 1) and scale, not scale * alpha, for
//   SELU. TensorFlow's relu and leaky_relu gradients agree with ours. Picking one
//   side keeps the mask rule of backprop simple: "the gradient passes where x > 0".
// - NaN in x gives NaN out, forward and backward, for every kernel, so that a
//   diverging network is caught instead of being silently masked.
// - -0: relu(-0) = relu6(-0) = +0 (outputs of ReLU are never negative);
//   the linear branches of leaky_relu/prelu keep the sign (slope * -0 = -0).
// - +-inf and huge magnitudes follow the mathematical limits, never NaN:
//   sigmoid(-inf) = 0, sigmoid(-1000) = 0, tanh(+-1000) = +-1,
//   elu(-1000) = -alpha, softplus(1000) = 1000, gelu/silu/mish(-inf) = 0,
//   gelu/silu/mish(+inf) = +inf, and every derivative has a finite limit there.
// - Denormal inputs are computed, not flushed: relu(1e-40f) = 1e-40f.
//
// Accuracy: piecewise-linear kernels (relu, leaky_relu, prelu, relu6) are exact, and
// the SIMD path equals the scalar path bit for bit (NaN payloads aside). The others
// stay within kernel_abs_tolerance + kernel_rel_tolerance * |exact| of the exact
// value (computed in long double by the tests), on both paths.
#pragma once

#include <cstddef>

#include "kernels/kernel_path.h"

namespace relu_lab {

constexpr float kernel_abs_tolerance = 1e-6f;
constexpr float kernel_rel_tolerance = 1e-5f;

// SELU's constants, from Klambauer et al. (2017), "Self-Normalizing Neural Networks".
constexpr float selu_alpha = 1.6732632423543772848170429916717f;
constexpr float selu_scale = 1.0507009873554804934193349852946f;

#define RELU_LAB_DECLARE_ACTIVATION_KERNELS                                                                            \
    void relu_forward(const float* x, float* y, std::size_t n);                                                        \
    void relu_backward(const float* x, const float* dy, float* dx, std::size_t n);                                     \
    void leaky_relu_forward(const float* x, float* y, std::size_t n, float negative_slope);                            \
    void leaky_relu_backward(const float* x, const float* dy, float* dx, std::size_t n, float negative_slope);         \
    /* PReLU: element i belongs to channel (i / inner) % channels, so [batch, channels,      */                        \
    /* inner] and [batch, channels] layouts both work. dslopes[channels] is accumulated      */                        \
    /* (+=), so a caller zeroes it once per batch.                                           */                        \
    void prelu_forward(const float* x, float* y, std::size_t n, const float* slopes, std::size_t channels,             \
                       std::size_t inner);                                                                             \
    void prelu_backward(const float* x, const float* dy, float* dx, std::size_t n, const float* slopes,                \
                        std::size_t channels, std::size_t inner, float* dslopes);                                      \
    void elu_forward(const float* x, float* y, std::size_t n, float alpha);                                            \
    void elu_backward(const float* x, const float* dy, float* dx, std::size_t n, float alpha);                         \
    void sigmoid_forward(const float* x, float* y, std::size_t n);                                                     \
    void sigmoid_backward(const float* x, const float* dy, float* dx, std::size_t n);                                  \
    void tanh_forward(const float* x, float* y, std::size_t n);                                                        \
    void tanh_backward(const float* x, const float* dy, float* dx, std::size_t n);                                     \
    /* Beyond the core curriculum: */                                                                                  \
    void relu6_forward(const float* x, float* y, std::size_t n);                                                       \
    void relu6_backward(const float* x, const float* dy, float* dx, std::size_t n);                                    \
    void selu_forward(const float* x, float* y, std::size_t n);                                                        \
    void selu_backward(const float* x, const float* dy, float* dx, std::size_t n);                                     \
    /* GELU in its exact form x * Phi(x), Phi the standard normal CDF (erf form). */                                   \
    void gelu_forward(const float* x, float* y, std::size_t n);                                                        \
    void gelu_backward(const float* x, const float* dy, float* dx, std::size_t n);                                     \
    void silu_forward(const float* x, float* y, std::size_t n);                                                        \
    void silu_backward(const float* x, const float* dy, float* dx, std::size_t n);                                     \
    void softplus_forward(const float* x, float* y, std::size_t n);                                                    \
    void softplus_backward(const float* x, const float* dy, float* dx, std::size_t n);                                 \
    void mish_forward(const float* x, float* y, std::size_t n);                                                        \
    void mish_backward(const float* x, const float* dy, float* dx, std::size_t n);

namespace scalar {
RELU_LAB_DECLARE_ACTIVATION_KERNELS
}

#if defined(RELU_LAB_SIMD)
namespace simd {
RELU_LAB_DECLARE_ACTIVATION_KERNELS
}
#endif

#undef RELU_LAB_DECLARE_ACTIVATION_KERNELS

}  // namespace relu_lab
