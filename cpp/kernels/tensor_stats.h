// One pass over a tensor for the statistics the page charts every step (sparsity,
// mean, spread, gradient norms) and for the divergence check (any NaN or infinity).
// Scalar reference (tensor_stats_scalar.cpp, double accumulation element by element)
// and wasm SIMD twin (tensor_stats_simd.cpp, float lanes over short blocks, then
// double), reached through relu_lab::kernels like the other kernel families.
//
// Tolerance of the SIMD twin against the reference: `finite` and `zeros` are exact;
// `sum` and `sum_squares` agree within tensor_stats_rel_tolerance times the sum of
// |x| (respectively of x^2), because each float lane sums at most
// tensor_stats_block_floats / 4 terms before they are added in double.
#pragma once

#include <cstddef>

#include "kernels/kernel_path.h"

namespace relu_lab {

struct tensor_stats {
    bool finite = true;     // no NaN and no infinity
    std::size_t zeros = 0;  // exact zeros, +0 and -0
    double sum = 0.0;
    double sum_squares = 0.0;
};

constexpr std::size_t tensor_stats_block_floats = 256;
constexpr double tensor_stats_rel_tolerance = 1e-5;

namespace scalar {
tensor_stats measure_tensor(const float* x, std::size_t n);
}
#if defined(RELU_LAB_SIMD)
namespace simd {
tensor_stats measure_tensor(const float* x, std::size_t n);
}
#endif

}  // namespace relu_lab
