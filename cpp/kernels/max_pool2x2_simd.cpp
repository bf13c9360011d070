// Four windows at a time: two vectors of the top row [a0 b0 a1 b1] [a2 b2 a3 b3] are
// split into their left (a) and right (b) columns, likewise the bottom row (c, d), and
// the scalar reference's four steps run lane-wise as selects. The last out_width % 4
// windows of a row go through the scalar reference's max_pool_window_at.
#include "kernels/max_pool2x2.h"
#include "kernels/max_pool_window.h"
#include "kernels/simd_ops.h"

namespace relu_lab::simd {

using namespace simd_ops;

namespace {

// Lanes where candidate v takes over from best: !(v <= best) while best is not NaN.
inline v128_t takes(vf v, vf best) { return wasm_v128_andnot(wasm_f32x4_eq(best, best), wasm_f32x4_le(v, best)); }

inline void take_if_larger(vf v, vf& best) { best = wasm_v128_bitselect(v, best, takes(v, best)); }

inline void take_if_larger(vf v, v128_t i, vf& best, v128_t& best_index) {
    const v128_t take = takes(v, best);
    best = wasm_v128_bitselect(v, best, take);
    best_index = wasm_v128_bitselect(i, best_index, take);
}

inline vf left_columns(vf lo, vf hi) { return wasm_i32x4_shuffle(lo, hi, 0, 2, 4, 6); }
inline vf right_columns(vf lo, vf hi) { return wasm_i32x4_shuffle(lo, hi, 1, 3, 5, 7); }

}  // namespace

void max_pool2x2_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t in_height,
                         std::size_t in_width) {
    const std::size_t out_height = in_height / 2, out_width = in_width / 2;
    const std::size_t w = in_width;
    const std::size_t vector_windows = out_width / 4 * 4;
    const v128_t lane_offsets = wasm_i32x4_make(0, 2, 4, 6);
    const v128_t one = wasm_i32x4_splat(1);
    const v128_t row_below = wasm_i32x4_splat(static_cast<std::int32_t>(w));
    for (std::size_t plane = 0; plane < planes; ++plane) {
        const float* xp = x + plane * in_height * in_width;
        float* yp = y + plane * out_height * out_width;
        std::uint32_t* ap = argmax ? argmax + plane * out_height * out_width : nullptr;
        for (std::size_t oy = 0; oy < out_height; ++oy) {
            const std::uint32_t row = static_cast<std::uint32_t>(2 * oy * w);
            const float* top = xp + row;
            const float* bottom = top + w;
            float* y_row = yp + oy * out_width;
            std::size_t ox = 0;
            if (ap) {
                std::uint32_t* a_row = ap + oy * out_width;
                for (; ox < vector_windows; ox += 4) {
                    const vf t0 = load(top + 2 * ox), t1 = load(top + 2 * ox + 4);
                    const vf b0 = load(bottom + 2 * ox), b1 = load(bottom + 2 * ox + 4);
                    const v128_t i =
                        wasm_i32x4_add(wasm_i32x4_splat(static_cast<std::int32_t>(row + 2 * ox)), lane_offsets);
                    vf best = left_columns(t0, t1);
                    v128_t best_index = i;
                    take_if_larger(right_columns(t0, t1), wasm_i32x4_add(i, one), best, best_index);
                    const v128_t i_below = wasm_i32x4_add(i, row_below);
                    take_if_larger(left_columns(b0, b1), i_below, best, best_index);
                    take_if_larger(right_columns(b0, b1), wasm_i32x4_add(i_below, one), best, best_index);
                    store(y_row + ox, best);
                    wasm_v128_store(a_row + ox, best_index);
                }
            } else {
                for (; ox < vector_windows; ox += 4) {
                    const vf t0 = load(top + 2 * ox), t1 = load(top + 2 * ox + 4);
                    const vf b0 = load(bottom + 2 * ox), b1 = load(bottom + 2 * ox + 4);
                    vf best = left_columns(t0, t1);
                    take_if_larger(right_columns(t0, t1), best);
                    take_if_larger(left_columns(b0, b1), best);
                    take_if_larger(right_columns(b0, b1), best);
                    store(y_row + ox, best);
                }
            }
            for (; ox < out_width; ++ox) {
                std::uint32_t index;
                y_row[ox] = max_pool_window_at(xp, row + 2 * ox, w, 2, index);
                if (ap) ap[oy * out_width + ox] = index;
            }
        }
    }
}

}  // namespace relu_lab::simd
