// Four windows at a time: two vectors of the top row [a0 b0 a1 b1] [a2 b2 a3 b3] are
// split into their left (a) and right (b) columns, likewise the bottom row (c, d), and
// the scalar reference's four steps run lane-wise as selects. A row's last
// out_width % 4 windows are done as its last four, again: the windows that overlap get
// the same values written twice, which cost far less than the scalar reference's loop
// (seed-keras' 13 windows a row had one in thirteen go that way, and it took most of
// the pool's time). Rows of fewer than four windows use max_pool_window_at. The
// backward pass writes each window's four gradients with the same grouping, instead of
// zeroing dx and then scattering into it.
#include "kernels/max_pool2x2.h"

#include <algorithm>

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

// Windows ox .. ox + 3 of the row of windows whose top input row starts at index `row`
// of the plane (top and bottom point at that row and the next).
template <bool with_argmax>
inline void four_windows(const float* top, const float* bottom, std::uint32_t row, std::size_t w, std::size_t ox,
                         float* y_row, std::uint32_t* a_row) {
    const vf t0 = load(top + 2 * ox), t1 = load(top + 2 * ox + 4);
    const vf b0 = load(bottom + 2 * ox), b1 = load(bottom + 2 * ox + 4);
    vf best = left_columns(t0, t1);
    if constexpr (with_argmax) {
        const v128_t one = wasm_i32x4_splat(1);
        const v128_t i =
            wasm_i32x4_add(wasm_i32x4_splat(static_cast<std::int32_t>(row + 2 * ox)), wasm_i32x4_make(0, 2, 4, 6));
        v128_t best_index = i;
        take_if_larger(right_columns(t0, t1), wasm_i32x4_add(i, one), best, best_index);
        const v128_t i_below = wasm_i32x4_add(i, wasm_i32x4_splat(static_cast<std::int32_t>(w)));
        take_if_larger(left_columns(b0, b1), i_below, best, best_index);
        take_if_larger(right_columns(b0, b1), wasm_i32x4_add(i_below, one), best, best_index);
        wasm_v128_store(a_row + ox, best_index);
    } else {
        take_if_larger(right_columns(t0, t1), best);
        take_if_larger(left_columns(b0, b1), best);
        take_if_larger(right_columns(b0, b1), best);
    }
    store(y_row + ox, best);
}

// The gradients of windows ox .. ox + 3 (as four_windows), written into both input rows.
inline void four_window_gradients(float* top, float* bottom, std::uint32_t row, std::size_t w, std::size_t ox,
                                  const float* dy_row, const std::uint32_t* a_row) {
    const vf g = add(splat(0.0f), load(dy_row + ox));
    const v128_t a = wasm_v128_load(a_row + ox);
    const v128_t one = wasm_i32x4_splat(1);
    const v128_t i =
        wasm_i32x4_add(wasm_i32x4_splat(static_cast<std::int32_t>(row + 2 * ox)), wasm_i32x4_make(0, 2, 4, 6));
    const v128_t i_below = wasm_i32x4_add(i, wasm_i32x4_splat(static_cast<std::int32_t>(w)));
    const vf top_left = bit_and(g, wasm_i32x4_eq(a, i));
    const vf top_right = bit_and(g, wasm_i32x4_eq(a, wasm_i32x4_add(i, one)));
    const vf bottom_left = bit_and(g, wasm_i32x4_eq(a, i_below));
    const vf bottom_right = bit_and(g, wasm_i32x4_eq(a, wasm_i32x4_add(i_below, one)));
    store(top + 2 * ox, wasm_i32x4_shuffle(top_left, top_right, 0, 4, 1, 5));
    store(top + 2 * ox + 4, wasm_i32x4_shuffle(top_left, top_right, 2, 6, 3, 7));
    store(bottom + 2 * ox, wasm_i32x4_shuffle(bottom_left, bottom_right, 0, 4, 1, 5));
    store(bottom + 2 * ox + 4, wasm_i32x4_shuffle(bottom_left, bottom_right, 2, 6, 3, 7));
}

}  // namespace

void max_pool2x2_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t in_height,
                         std::size_t in_width) {
    const std::size_t out_height = in_height / 2, out_width = in_width / 2;
    const std::size_t w = in_width;
    const std::size_t vector_windows = out_width / 4 * 4;
    for (std::size_t plane = 0; plane < planes; ++plane) {
        const float* xp = x + plane * in_height * in_width;
        float* yp = y + plane * out_height * out_width;
        std::uint32_t* ap = argmax ? argmax + plane * out_height * out_width : nullptr;
        for (std::size_t oy = 0; oy < out_height; ++oy) {
            const std::uint32_t row = static_cast<std::uint32_t>(2 * oy * w);
            const float* top = xp + row;
            const float* bottom = top + w;
            float* y_row = yp + oy * out_width;
            std::uint32_t* a_row = ap ? ap + oy * out_width : nullptr;
            const auto windows_from = [&](std::size_t ox) {
                if (ap) {
                    four_windows<true>(top, bottom, row, w, ox, y_row, a_row);
                } else {
                    four_windows<false>(top, bottom, row, w, ox, y_row, a_row);
                }
            };
            for (std::size_t ox = 0; ox < vector_windows; ox += 4) windows_from(ox);
            if (vector_windows == out_width) continue;
            if (out_width >= 4) {
                windows_from(out_width - 4);
                continue;
            }
            for (std::size_t ox = 0; ox < out_width; ++ox) {
                std::uint32_t index;
                y_row[ox] = max_pool_window_at(xp, row + 2 * ox, w, 2, index);
                if (ap) a_row[ox] = index;
            }
        }
    }
}

void max_pool2x2_backward(float* dx, const float* dy, const std::uint32_t* argmax, std::size_t planes,
                          std::size_t in_height, std::size_t in_width) {
    const std::size_t out_height = in_height / 2, out_width = in_width / 2;
    const std::size_t w = in_width;
    const std::size_t vector_windows = out_width / 4 * 4;
    for (std::size_t plane = 0; plane < planes; ++plane) {
        float* dxp = dx + plane * in_height * in_width;
        const float* dyp = dy + plane * out_height * out_width;
        const std::uint32_t* ap = argmax + plane * out_height * out_width;
        for (std::size_t oy = 0; oy < out_height; ++oy) {
            const std::uint32_t row = static_cast<std::uint32_t>(2 * oy * w);
            float* top = dxp + row;
            float* bottom = top + w;
            const float* dy_row = dyp + oy * out_width;
            const std::uint32_t* a_row = ap + oy * out_width;
            for (std::size_t ox = 0; ox < vector_windows; ox += 4)
                four_window_gradients(top, bottom, row, w, ox, dy_row, a_row);
            if (vector_windows < out_width && out_width >= 4) {
                four_window_gradients(top, bottom, row, w, out_width - 4, dy_row, a_row);
            } else if (vector_windows < out_width) {
                for (std::size_t ox = 0; ox < out_width; ++ox) {
                    const float g = 0.0f + dy_row[ox];
                    const std::uint32_t i = row + static_cast<std::uint32_t>(2 * ox);
                    top[2 * ox] = a_row[ox] == i ? g : 0.0f;
                    top[2 * ox + 1] = a_row[ox] == i + 1 ? g : 0.0f;
                    bottom[2 * ox] = a_row[ox] == i + w ? g : 0.0f;
                    bottom[2 * ox + 1] = a_row[ox] == i + w + 1 ? g : 0.0f;
                }
            }
            // An odd last column belongs to no window.
            for (std::size_t c = 2 * out_width; c < w; ++c) top[c] = bottom[c] = 0.0f;
        }
        // Nor does an odd last row.
        for (std::size_t r = 2 * out_height; r < in_height; ++r) std::fill_n(dxp + r * w, w, 0.0f);
    }
}

}  // namespace relu_lab::simd
