// Four neighbouring windows of a row at a time, one per lane: for each position of the
// window, in the scalar reference's order, the four windows' values (p apart in the
// row) are gathered into a vector and the reference's policy runs lane-wise as selects.
// The last out_width % 4 windows of a row go through the scalar reference.
#include "kernels/max_pool_window.h"
#include "kernels/simd_ops.h"

namespace relu_lab::simd {

using namespace simd_ops;

namespace {

// Lanes where candidate v takes over from best: !(v <= best) while best is not NaN.
inline v128_t takes(vf v, vf best) { return wasm_v128_andnot(wasm_f32x4_eq(best, best), wasm_f32x4_le(v, best)); }

// Input elements i, i + p, i + 2p, i + 3p.
inline vf gather4(const float* plane, std::size_t i, std::size_t p) {
    return wasm_f32x4_make(plane[i], plane[i + p], plane[i + 2 * p], plane[i + 3 * p]);
}

}  // namespace

void max_pool_window_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t in_height,
                             std::size_t in_width, std::size_t pool_size) {
    const std::size_t p = pool_size;
    if (p == 0) return;
    const std::size_t out_height = in_height / p, out_width = in_width / p;
    const std::size_t vector_windows = out_width / 4 * 4;
    const std::int32_t step = static_cast<std::int32_t>(p);
    const v128_t lane_offsets = wasm_i32x4_make(0, step, 2 * step, 3 * step);
    for (std::size_t plane = 0; plane < planes; ++plane) {
        const float* xp = x + plane * in_height * in_width;
        float* yp = y + plane * out_height * out_width;
        std::uint32_t* ap = argmax ? argmax + plane * out_height * out_width : nullptr;
        for (std::size_t oy = 0; oy < out_height; ++oy) {
            const std::size_t top = oy * p * in_width;
            for (std::size_t ox = 0; ox < vector_windows; ox += 4) {
                const std::size_t first = top + ox * p;
                vf best = gather4(xp, first, p);
                v128_t best_index = wasm_i32x4_add(wasm_i32x4_splat(static_cast<std::int32_t>(first)), lane_offsets);
                for (std::size_t ky = 0; ky < p; ++ky) {
                    for (std::size_t kx = ky == 0 ? 1 : 0; kx < p; ++kx) {
                        const std::size_t i = first + ky * in_width + kx;
                        const vf v = gather4(xp, i, p);
                        const v128_t take = takes(v, best);
                        best = wasm_v128_bitselect(v, best, take);
                        if (ap) {
                            const v128_t index =
                                wasm_i32x4_add(wasm_i32x4_splat(static_cast<std::int32_t>(i)), lane_offsets);
                            best_index = wasm_v128_bitselect(index, best_index, take);
                        }
                    }
                }
                store(yp + oy * out_width + ox, best);
                if (ap) wasm_v128_store(ap + oy * out_width + ox, best_index);
            }
        }
        for (std::size_t oy = 0; oy < out_height && vector_windows < out_width; ++oy) {
            for (std::size_t ox = vector_windows; ox < out_width; ++ox) {
                std::uint32_t index;
                yp[oy * out_width + ox] = max_pool_window_at(xp, oy * p * in_width + ox * p, in_width, p, index);
                if (ap) ap[oy * out_width + ox] = index;
            }
        }
    }
}

}  // namespace relu_lab::simd
