// Scalar reference SGEMM: plain loops, written for clarity, with the loop order
// chosen per transpose case so that the innermost loop walks memory contiguously
// (it is also the kernel of the native and the non-SIMD builds, so it should not be
// needlessly slow).
#include "kernels/gemm.h"

namespace relu_lab::scalar {

void sgemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, const float* a,
           std::size_t lda, const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc) {
    // op(A)[i][p]: A is [m, k] (lda per row) or, transposed, [k, m].
    auto a_at = [&](std::size_t i, std::size_t p) { return transpose_a ? a[p * lda + i] : a[i * lda + p]; };
    // C[i][j] = sum + beta * C[i][j]; beta == 0 overwrites without reading, so NaN in C
    // cannot leak.
    auto store = [&](std::size_t i, std::size_t j, float sum) {
        float& c_ij = c[i * ldc + j];
        c_ij = (beta == 0.0f) ? sum : sum + beta * c_ij;
    };

    if (!transpose_b) {
        // C[i, :] = beta * C[i, :] + sum_p op(A)[i][p] * B[p, :], row by row of B.
        for (std::size_t i = 0; i < m; ++i) {
            float* c_row = c + i * ldc;
            for (std::size_t j = 0; j < n; ++j) c_row[j] = (beta == 0.0f) ? 0.0f : beta * c_row[j];
            for (std::size_t p = 0; p < k; ++p) {
                const float a_ip = a_at(i, p);
                const float* b_row = b + p * ldb;
                for (std::size_t j = 0; j < n; ++j) c_row[j] += a_ip * b_row[j];
            }
        }
        return;
    }

    // op(B)[p][j] = B[j][p]: each C[i][j] is a dot product along row j of B. Four rows
    // of B at a time, for every row of op(A) while they are in cache: four independent
    // sums keep the adder busy (one running sum waits on each add) and share each
    // load of op(A)[i][p].
    std::size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const float* b0 = b + j * ldb;
        const float* b1 = b0 + ldb;
        const float* b2 = b1 + ldb;
        const float* b3 = b2 + ldb;
        for (std::size_t i = 0; i < m; ++i) {
            float sum0 = 0.0f, sum1 = 0.0f, sum2 = 0.0f, sum3 = 0.0f;
            for (std::size_t p = 0; p < k; ++p) {
                const float a_ip = a_at(i, p);
                sum0 += a_ip * b0[p];
                sum1 += a_ip * b1[p];
                sum2 += a_ip * b2[p];
                sum3 += a_ip * b3[p];
            }
            store(i, j, sum0);
            store(i, j + 1, sum1);
            store(i, j + 2, sum2);
            store(i, j + 3, sum3);
        }
    }
    for (; j < n; ++j) {
        const float* b_row = b + j * ldb;
        for (std::size_t i = 0; i < m; ++i) {
            float sum = 0.0f;
            for (std::size_t p = 0; p < k; ++p) sum += a_at(i, p) * b_row[p];
            store(i, j, sum);
        }
    }
}

// The reference: the product, then the bias as a pass of its own.
void sgemm_row_bias(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, const float* a,
                    std::size_t lda, const float* b, std::size_t ldb, const float* row_bias, float* c,
                    std::size_t ldc) {
    sgemm(transpose_a, transpose_b, m, n, k, a, lda, b, ldb, 0.0f, c, ldc);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) c[i * ldc + j] += row_bias[i];
}

}  // namespace relu_lab::scalar
