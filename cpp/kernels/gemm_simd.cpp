// WebAssembly SIMD SGEMM, the twin of gemm_scalar.cpp (same signature, same contract).
//
// The classic packed GEMM (Goto and van de Geijn, "Anatomy of high-performance matrix
// multiplication", 2008):
//   - blocks of op(B), kc deep and nc wide, are packed into panels of nr = 8 columns,
//     and blocks of op(A), mc by kc, into panels of mr rows, each panel one contiguous
//     run in the order the micro-kernel reads it. Packing reads op(A) and op(B)
//     through their transposes, so all four transpose cases share one micro-kernel.
//   - the micro-kernel keeps an mr x 8 tile of C in registers over the whole depth kc:
//     per step it loads 8 floats of B, broadcasts mr floats of A, and does 2 mr
//     multiply-adds. With separate multiplies and adds mr is 4 (8 accumulators, 2 of
//     B, 1 of A and a product: V8 allocates 15); the FMA build's fused multiply-add
//     needs no product register, so it can also run mr = 6 (12 accumulators), and
//     does unless that pads C with many more rows than mr = 4 (sgemm below).
//   - packing costs one read and write per element and pays back through reuse; when
//     C has few rows (or few columns) a B panel (an A block) is reused too rarely, and
//     the micro-kernel reads that operand where it lies instead.
//   - partial panels are packed with zeros (4 columns wide when at most 4 remain), so
//     the micro-kernel always computes a full tile; edge tiles go to a small stack
//     tile and only their valid part is written to C. Rows of A read in place past
//     the last valid row repeat it. Nothing is read or written outside the matrices.
#include "kernels/gemm.h"
#include "kernels/gemm_packing_simd.h"
#include "kernels/simd_ops.h"

#include <algorithm>
#include <vector>

namespace relu_lab::simd {

using namespace simd_ops;
using packing::pack_a_block;
using packing::pack_b_block;

namespace {

constexpr std::size_t tile_cols = 8;                   // nr: two vectors
constexpr std::size_t block_depth = gemm_block_depth;  // kc
constexpr std::size_t block_rows = gemm_block_rows;    // mc, a multiple of mr
constexpr std::size_t block_cols = gemm_block_cols;    // nc, a multiple of nr

static_assert(block_rows % 12 == 0 && block_cols % tile_cols == 0, "blocks hold whole tiles of 4 or 6 rows");

constexpr std::size_t in_place_b_max_rows = gemm_in_place_b_max_rows;
constexpr std::size_t in_place_a_max_cols = gemm_in_place_a_max_cols;

// Packing buffers, kept between calls and only ever grown: the training step calls
// sgemm with the same few shapes every batch, so after the first batch no call
// allocates and wasm memory stops growing. They are bounded by the block sizes
// (at most 96 KiB for A and 1 MiB for B), not by the matrices. The module has no
// threads, so one static pair is enough. std::vector<vf> keeps them 16-byte aligned.
std::vector<vf>& packed_a_buffer() {
    static std::vector<vf> buffer;
    return buffer;
}
std::vector<vf>& packed_b_buffer() {
    static std::vector<vf> buffer;
    return buffer;
}

float* grown_to(std::vector<vf>& buffer, std::size_t floats) {
    const std::size_t vectors = (floats + 3) / 4;
    if (buffer.size() < vectors) buffer.resize(vectors);
    return reinterpret_cast<float*>(buffer.data());
}

// Where the micro-kernel finds op(A): a packed panel, or the matrix itself.
struct a_source {
    bool packed;               // a panel of pack_a_block: row_stride 1, depth_stride mr
    const float* first;        // op(A)[row0][p0]
    std::size_t row_stride;    // floats from op(A)[i][p] to op(A)[i + 1][p]
    std::size_t depth_stride;  // floats from op(A)[i][p] to op(A)[i][p + 1]
};

// C tile (rows x cols valid of mr x 4 * col_vectors) = op(A) rows * B panel + beta * C.
// b_panel holds 4 * col_vectors floats per depth step, b_depth_stride apart. Rows of
// A past `rows` are never read: their pointers repeat the last valid row, and their
// results are dropped. beta == 0 never reads C.
// Inlined into sgemm so that a call costs no stack frame of its own (the edge tile
// needs one): with k = 9, as in a conv's forward product, calls are most of the work.
// row_bias, when given, is added to each row's result last (the tile's first row's
// entry first): the same float addition as adding it to C afterwards.
template <std::size_t tile_rows, std::size_t col_vectors>
__attribute__((always_inline)) inline void
micro_kernel(std::size_t kb, a_source a, const float* b_panel, std::size_t b_depth_stride, float* c, std::size_t ldc,
             float beta, const float* row_bias, std::size_t rows, std::size_t cols) {
    constexpr std::size_t width = 4 * col_vectors;
    vf acc[tile_rows][col_vectors];
    for (std::size_t r = 0; r < tile_rows; ++r)
        for (std::size_t v = 0; v < col_vectors; ++v) acc[r][v] = splat(0.0f);

    if (a.packed) {
        // One pointer: the panel is zero-padded to mr rows.
        const float* a_p = a.first;
        for (std::size_t p = 0; p < kb; ++p, a_p += tile_rows, b_panel += b_depth_stride) {
            vf b_v[col_vectors];
            for (std::size_t v = 0; v < col_vectors; ++v) b_v[v] = load(b_panel + 4 * v);
            for (std::size_t r = 0; r < tile_rows; ++r) {
                const vf a_r = load_splat(a_p + r);
                for (std::size_t v = 0; v < col_vectors; ++v) acc[r][v] = multiply_add(a_r, b_v[v], acc[r][v]);
            }
        }
    } else {
        const float* a_row[tile_rows];
        for (std::size_t r = 0; r < tile_rows; ++r) a_row[r] = a.first + std::min(r, rows - 1) * a.row_stride;
        for (std::size_t p = 0; p < kb; ++p, b_panel += b_depth_stride) {
            vf b_v[col_vectors];
            for (std::size_t v = 0; v < col_vectors; ++v) b_v[v] = load(b_panel + 4 * v);
            for (std::size_t r = 0; r < tile_rows; ++r) {
                const vf a_r = load_splat(a_row[r]);
                a_row[r] += a.depth_stride;
                for (std::size_t v = 0; v < col_vectors; ++v) acc[r][v] = multiply_add(a_r, b_v[v], acc[r][v]);
            }
        }
    }

    if (rows == tile_rows && cols == width) {
        for (std::size_t r = 0; r < tile_rows; ++r) {
            float* c_row = c + r * ldc;
            for (std::size_t v = 0; v < col_vectors; ++v) {
                float* c_v = c_row + 4 * v;
                vf result = acc[r][v];
                if (beta == 1.0f) {
                    result = add(result, load(c_v));
                } else if (beta != 0.0f) {
                    result = add(result, mul(splat(beta), load(c_v)));
                }
                if (row_bias != nullptr) result = add(result, splat(row_bias[r]));
                store(c_v, result);
            }
        }
        return;
    }
    // Edge tile: through the stack, then only the valid part, with the same arithmetic.
    alignas(16) float tile[tile_rows * width];
    for (std::size_t r = 0; r < tile_rows; ++r)
        for (std::size_t v = 0; v < col_vectors; ++v) store(tile + r * width + 4 * v, acc[r][v]);
    for (std::size_t r = 0; r < rows; ++r) {
        float* c_row = c + r * ldc;
        const float* t_row = tile + r * width;
        for (std::size_t j = 0; j < cols; ++j) {
            const float result = (beta == 0.0f) ? t_row[j] : t_row[j] + beta * c_row[j];
            c_row[j] = row_bias != nullptr ? result + row_bias[r] : result;
        }
    }
}

// The packed GEMM with register tiles of tile_rows x 8 (m, n and k are not 0).
template <std::size_t tile_rows>
void sgemm_in_tiles(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, const float* a,
                    std::size_t lda, const float* b, std::size_t ldb, float beta, const float* row_bias, float* c,
                    std::size_t ldc) {
    // Packing pays for itself by reuse: a B panel serves every row tile of the A block,
    // an A block every column panel of the B block. With few rows of C (a dense layer's
    // batch, a conv's filters) a non-transposed B is read in place, and with few
    // columns (a conv's filter gradient, 9 columns for 3x3) A is read in place.
    const bool b_in_place = !transpose_b && m <= in_place_b_max_rows;
    const bool a_in_place = n <= in_place_a_max_cols;
    const a_source a_in_matrix{false, nullptr, transpose_a ? 1 : lda, transpose_a ? lda : 1};

    const auto round_up = [](std::size_t x, std::size_t to) { return (x + to - 1) / to * to; };
    const std::size_t kc = std::min(k, block_depth);
    float* packed_b = grown_to(packed_b_buffer(), kc * round_up(std::min(n, block_cols), tile_cols));
    float* packed_a =
        a_in_place ? nullptr : grown_to(packed_a_buffer(), kc * round_up(std::min(m, block_rows), tile_rows));

    for (std::size_t jc = 0; jc < n; jc += block_cols) {
        const std::size_t nb = std::min(block_cols, n - jc);
        const std::size_t full_cols = nb / tile_cols * tile_cols;
        for (std::size_t pc = 0; pc < k; pc += block_depth) {
            const std::size_t kb = std::min(block_depth, k - pc);
            // The first depth block applies beta; later ones add to what it wrote.
            const float block_beta = (pc == 0) ? beta : 1.0f;
            // The last depth block adds the bias, after the whole sum.
            const bool last_block = pc + kb == k;
            const auto bias_of = [&](std::size_t row) { return last_block && row_bias ? row_bias + row : nullptr; };
            // Full panels of 8 columns, then a last panel of 4 columns when at most 4
            // remain (so an n of 9 or 10 computes 12 columns, not 16), packed with zeros.
            if (!b_in_place) pack_b_block(transpose_b, b, ldb, jc, full_cols, pc, kb, tile_cols, packed_b);
            const std::size_t edge_cols = nb - full_cols;
            const std::size_t edge_width = edge_cols <= 4 ? 4 : tile_cols;
            float* packed_edge = packed_b + full_cols * kb;
            if (edge_cols > 0)
                pack_b_block(transpose_b, b, ldb, jc + full_cols, edge_cols, pc, kb, edge_width, packed_edge);

            for (std::size_t ic = 0; ic < m; ic += block_rows) {
                const std::size_t mb = std::min(block_rows, m - ic);
                if (!a_in_place) pack_a_block(transpose_a, a, lda, ic, mb, pc, kb, tile_rows, packed_a);
                const auto a_tile = [&](std::size_t ir) {
                    if (!a_in_place) return a_source{true, packed_a + ir * kb, 1, tile_rows};
                    a_source s = a_in_matrix;
                    s.first = transpose_a ? a + pc * lda + ic + ir : a + (ic + ir) * lda + pc;
                    return s;
                };
                // Each B panel (kb x 8, a few KiB) stays in L1 while the A block,
                // mc x kb in L2, streams past it.
                for (std::size_t jr = 0; jr < full_cols; jr += tile_cols) {
                    const float* b_panel = b_in_place ? b + pc * ldb + jc + jr : packed_b + jr * kb;
                    const std::size_t b_stride = b_in_place ? ldb : tile_cols;
                    float* c_cols = c + jc + jr;
                    for (std::size_t ir = 0; ir < mb; ir += tile_rows) {
                        micro_kernel<tile_rows, 2>(kb, a_tile(ir), b_panel, b_stride, c_cols + (ic + ir) * ldc, ldc,
                                                   block_beta, bias_of(ic + ir), std::min(tile_rows, mb - ir),
                                                   tile_cols);
                    }
                }
                if (edge_cols == 0) continue;
                float* c_cols = c + jc + full_cols;
                for (std::size_t ir = 0; ir < mb; ir += tile_rows) {
                    const std::size_t rows = std::min(tile_rows, mb - ir);
                    if (edge_width == 4) {
                        micro_kernel<tile_rows, 1>(kb, a_tile(ir), packed_edge, 4, c_cols + (ic + ir) * ldc, ldc,
                                                   block_beta, bias_of(ic + ir), rows, edge_cols);
                    } else {
                        micro_kernel<tile_rows, 2>(kb, a_tile(ir), packed_edge, tile_cols, c_cols + (ic + ir) * ldc,
                                                   ldc, block_beta, bias_of(ic + ir), rows, edge_cols);
                    }
                }
            }
        }
    }
}

}  // namespace

namespace {

// sgemm and sgemm_row_bias: the tile shape for this many rows, then the blocked loops.
void sgemm_with_row_bias(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k,
                         const float* a, std::size_t lda, const float* b, std::size_t ldb, float beta,
                         const float* row_bias, float* c, std::size_t ldc) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
        // C = beta * C (+ bias); beta == 0 writes zeros without reading.
        for (std::size_t i = 0; i < m; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                const float scaled = (beta == 0.0f) ? 0.0f : beta * c[i * ldc + j];
                c[i * ldc + j] = row_bias != nullptr ? scaled + row_bias[i] : scaled;
            }
        }
        return;
    }
#if defined(RELU_LAB_RELAXED_SIMD)
    // A 6-row tile reads each B vector for 6 rows instead of 4, but where it pads C with
    // more rows than the 4-row tile does, its last tile of every column panel is a partial
    // one, computed in full and stored through the stack. Over our layers' shapes (64, 128
    // and 32 rows of C) the 4-row tile measured as fast or faster in Chromium on an AMD
    // EPYC: seed-keras' inference took 0.89x the time and its training 0.98x (paired
    // rounds). So the 6-row tile runs where it pads no more than the 4-row one: 6 rows
    // for 5, 6, 9 to 12, 17, 18 or 21 to 24 rows of C, 4 for 8, 16, 32, 64 or 256.
    const auto padded = [m](std::size_t rows) { return (m + rows - 1) / rows * rows; };
    if (padded(gemm_tall_tile_rows) <= padded(gemm_tile_rows)) {
        sgemm_in_tiles<gemm_tall_tile_rows>(transpose_a, transpose_b, m, n, k, a, lda, b, ldb, beta, row_bias, c, ldc);
        return;
    }
#endif
    sgemm_in_tiles<gemm_tile_rows>(transpose_a, transpose_b, m, n, k, a, lda, b, ldb, beta, row_bias, c, ldc);
}

}  // namespace

void sgemm(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, const float* a,
           std::size_t lda, const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc) {
    sgemm_with_row_bias(transpose_a, transpose_b, m, n, k, a, lda, b, ldb, beta, nullptr, c, ldc);
}

void sgemm_row_bias(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, const float* a,
                    std::size_t lda, const float* b, std::size_t ldb, const float* row_bias, float* c,
                    std::size_t ldc) {
    sgemm_with_row_bias(transpose_a, transpose_b, m, n, k, a, lda, b, ldb, 0.0f, row_bias, c, ldc);
}

}  // namespace relu_lab::simd
