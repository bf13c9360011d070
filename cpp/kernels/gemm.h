// Single-precision matrix multiply, the engine of Conv2D (via im2col) and Dense,
// forward and backward. Scalar reference (gemm_scalar.cpp) and wasm SIMD twin
// (gemm_simd.cpp), same signature, reached through relu_lab::kernels like the
// activations.
//
// Row-major. op(A) is [m, k], op(B) is [k, n], C is [m, n]:
//   C = op(A) * op(B) + beta * C,   beta is 0 (overwrite) or 1 (accumulate).
// op(A) = A, stored [m, k] with row stride lda, or A^T, A stored [k, m] with stride lda;
// likewise op(B). With beta == 0, C is never read (it may hold NaN).
#pragma once

#include <cstddef>

#include "kernels/kernel_path.h"

namespace relu_lab {

#define RELU_LAB_DECLARE_GEMM                                                                   \
    void sgemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, \
               const float* a, std::size_t lda, const float* b, std::size_t ldb, float beta,    \
               float* c, std::size_t ldc);

namespace scalar {
RELU_LAB_DECLARE_GEMM
}
#if defined(RELU_LAB_SIMD)
namespace simd {
RELU_LAB_DECLARE_GEMM
}
#endif

#undef RELU_LAB_DECLARE_GEMM

}  // namespace relu_lab
