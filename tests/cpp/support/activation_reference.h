// Independent long-double references for the activation family, written from the
// published definitions (not from the kernels' float formulas), and the tolerance check.
#pragma once

#include <cmath>
#include <limits>

#include "kernels/activation_registry.h"
#include "kernels/activations.h"

namespace relu_lab::test {

inline long double reference_softplus(long double x) {
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

// f(x) for activation `kind` with its parameter, in long double.
inline long double reference_activation(activation_kind kind, long double x, long double param) {
    switch (kind) {
        case activation_kind::relu: return x > 0 ? x : 0.0L;
        case activation_kind::leaky_relu:
        case activation_kind::prelu: return x > 0 ? x : param * x;
        case activation_kind::elu: return x > 0 ? x : param * std::expm1(x);
        case activation_kind::sigmoid: return 1.0L / (1.0L + std::exp(-x));
        case activation_kind::tanh: return std::tanh(x);
        case activation_kind::relu6: return x < 0 ? 0.0L : (x > 6 ? 6.0L : x);
        case activation_kind::selu:
            return 1.0507009873554804934193349852946L *
                   (x > 0 ? x : 1.6732632423543772848170429916717L * std::expm1(x));
        case activation_kind::gelu: return x * 0.5L * std::erfc(-x / std::sqrt(2.0L));
        case activation_kind::silu: return x / (1.0L + std::exp(-x));
        case activation_kind::softplus: return reference_softplus(x);
        case activation_kind::mish: return x * std::tanh(reference_softplus(x));
    }
    return std::numeric_limits<long double>::quiet_NaN();
}

// Points where the derivative is not defined (kinks), per kind.
inline bool near_kink(activation_kind kind, double x, double margin) {
    switch (kind) {
        case activation_kind::relu:
        case activation_kind::leaky_relu:
        case activation_kind::prelu:
        case activation_kind::elu:
        case activation_kind::selu: return std::fabs(x) < margin;
        case activation_kind::relu6: return std::fabs(x) < margin || std::fabs(x - 6.0) < margin;
        default: return false;
    }
}

// f'(x) by central differences of the reference, evaluated in double.
inline double central_difference(activation_kind kind, double x, double param) {
    const double h = 1e-5 * (1.0 + std::fabs(x));
    const double up = static_cast<double>(reference_activation(kind, x + h, param));
    const double down = static_cast<double>(reference_activation(kind, x - h, param));
    return (up - down) / (2.0 * h);
}

// The stated tolerance of activations.h, with float overflow of the exact value
// meaning the kernel must return the same infinity.
inline bool within_kernel_tolerance(float got, long double exact) {
    if (std::isnan(static_cast<double>(exact))) return std::isnan(got);
    if (std::fabs(exact) > std::numeric_limits<float>::max()) {
        return std::isinf(got) && std::signbit(got) == std::signbit(exact);
    }
    const long double error = std::fabs(static_cast<long double>(got) - exact);
    return error <= kernel_abs_tolerance + kernel_rel_tolerance * std::fabs(exact);
}

}  // namespace relu_lab::test
