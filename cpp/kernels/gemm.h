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

//
// sgemm_row_bias: C = op(A) * op(B), then row_bias[i] added to every element of row i
// (a layer's bias, one per output channel or unit), bit for bit what sgemm with beta 0
// followed by that addition gives. The SIMD twin adds it as it stores each register
// tile, which saves the layer a pass over its output.
#define RELU_LAB_DECLARE_GEMM                                                                                          \
    void sgemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, const float* a,        \
               std::size_t lda, const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc);               \
    void sgemm_row_bias(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k,               \
                        const float* a, std::size_t lda, const float* b, std::size_t ldb, const float* row_bias,       \
                        float* c, std::size_t ldc);

namespace scalar {
RELU_LAB_DECLARE_GEMM
}
#if defined(RELU_LAB_SIMD)
namespace simd {
RELU_LAB_DECLARE_GEMM
// Blocking of the packed SIMD kernel (gemm_simd.cpp), here so the tests can build
// shapes that cross every block edge. C is computed in register tiles of
// gemm_tile_rows x 8 (or, in the FMA build, gemm_tall_tile_rows x 8 where that pads
// C with no more rows), over depth blocks of gemm_block_depth, row blocks of
// gemm_block_rows and column blocks of gemm_block_cols.
constexpr std::size_t gemm_tile_rows = 4;
#if defined(RELU_LAB_RELAXED_SIMD)
constexpr std::size_t gemm_tall_tile_rows = 6;
#endif
constexpr std::size_t gemm_block_depth = 256;
constexpr std::size_t gemm_block_rows = 96;
constexpr std::size_t gemm_block_cols = 1024;
// With at most this many rows of C, a non-transposed B is read in place, unpacked;
// with at most this many columns, A is (gemm_simd.cpp). Measured in Node: in place is
// as fast or faster up to 128 rows (the conv's 64 x 676 x 9 gains a tenth, the dense
// layer's 32 rows too), and far slower for large C (half speed at 1024 x 1024 x 256).
constexpr std::size_t gemm_in_place_b_max_rows = 128;
constexpr std::size_t gemm_in_place_a_max_cols = 16;
}  // namespace simd
#endif

#undef RELU_LAB_DECLARE_GEMM

}  // namespace relu_lab
