// Packing for the WebAssembly SIMD SGEMM (gemm_simd.cpp): copies of blocks of op(A) and
// op(B) laid out in panels in the order its micro-kernel reads them. A panel of width w
// over depth kb is exactly kb * w floats: nothing is written past it, and nothing is
// read outside the panel's valid rows and columns of the source.
#pragma once

#include <algorithm>
#include <cstddef>

#include "kernels/simd_ops.h"

namespace relu_lab::simd::packing {

using namespace simd_ops;

// One panel of width w over depth kb, for a source where the w elements at one depth
// are contiguous: out[p * w + t] = src[p * ld + t] for t < valid, 0 for valid <= t < w.
inline void pack_panel_width_contiguous(const float* src, std::size_t ld, std::size_t kb, std::size_t w,
                                        std::size_t valid, float* out) {
    if (valid == w) {
        // Whole vectors, then the rest of a width that is not a multiple of 4 (the FMA
        // build's 6-row tiles) one float at a time: a vector there would read two floats
        // past the panel and write two past it, which at the last depth step of the
        // last panel is past the end of the packing buffer.
        for (std::size_t p = 0; p < kb; ++p, out += w, src += ld) {
            std::size_t t = 0;
            for (; t + 4 <= w; t += 4) store(out + t, load(src + t));
            for (; t < w; ++t) out[t] = src[t];
        }
        return;
    }
    for (std::size_t p = 0; p < kb; ++p, out += w, src += ld) {
        std::size_t t = 0;
        for (; t < valid; ++t) out[t] = src[t];
        for (; t < w; ++t) out[t] = 0.0f;
    }
}

// One panel of width w over depth kb, for a source where one element's depth run is
// contiguous: out[p * w + t] = src[t * ld + p] for t < valid, 0 for valid <= t < w.
// Four source rows at a time go through a 4x4 register transpose.
inline void pack_panel_depth_contiguous(const float* src, std::size_t ld, std::size_t kb, std::size_t w,
                                        std::size_t valid, float* out) {
    std::size_t t = 0;
    for (; t + 4 <= valid; t += 4) {
        const float* s0 = src + t * ld;
        const float* s1 = s0 + ld;
        const float* s2 = s1 + ld;
        const float* s3 = s2 + ld;
        std::size_t p = 0;
        for (; p + 4 <= kb; p += 4) {
            vf r0 = load(s0 + p), r1 = load(s1 + p), r2 = load(s2 + p), r3 = load(s3 + p);
            transpose4x4(r0, r1, r2, r3);
            store(out + (p + 0) * w + t, r0);
            store(out + (p + 1) * w + t, r1);
            store(out + (p + 2) * w + t, r2);
            store(out + (p + 3) * w + t, r3);
        }
        for (; p < kb; ++p) {
            float* o = out + p * w + t;
            o[0] = s0[p];
            o[1] = s1[p];
            o[2] = s2[p];
            o[3] = s3[p];
        }
    }
    for (; t < w; ++t) {
        const float* s = src + t * ld;
        if (t < valid) {
            for (std::size_t p = 0; p < kb; ++p) out[p * w + t] = s[p];
        } else {
            for (std::size_t p = 0; p < kb; ++p) out[p * w + t] = 0.0f;
        }
    }
}

// Packs rows [row0, row0 + rows) by depth [p0, p0 + kb) of a matrix op(M), where
// op(M) = M (stored with that row index major) or M^T, into panels of width w.
inline void pack_block(bool transposed_source, const float* m, std::size_t ld, std::size_t row0, std::size_t rows,
                       std::size_t p0, std::size_t kb, std::size_t w, float* out) {
    for (std::size_t r = 0; r < rows; r += w, out += kb * w) {
        const std::size_t valid = std::min(w, rows - r);
        if (transposed_source) {
            // op(M)[row][p] = M[p][row]: a depth step is a row of M, the w rows are contiguous.
            pack_panel_width_contiguous(m + p0 * ld + row0 + r, ld, kb, w, valid, out);
        } else {
            pack_panel_depth_contiguous(m + (row0 + r) * ld + p0, ld, kb, w, valid, out);
        }
    }
}

// The B side is the other way round: op(B)[p][col], so a non-transposed B has the
// panel's columns contiguous at each depth.
inline void pack_b_block(bool transpose_b, const float* b, std::size_t ldb, std::size_t col0, std::size_t cols,
                         std::size_t p0, std::size_t kb, std::size_t width, float* out) {
    pack_block(!transpose_b, b, ldb, col0, cols, p0, kb, width, out);
}

inline void pack_a_block(bool transpose_a, const float* a, std::size_t lda, std::size_t row0, std::size_t rows,
                         std::size_t p0, std::size_t kb, std::size_t tile_rows, float* out) {
    pack_block(transpose_a, a, lda, row0, rows, p0, kb, tile_rows, out);
}
}  // namespace relu_lab::simd::packing
