// WebAssembly SIMD direct convolution, the twin of conv2d_direct_scalar.cpp.
//
// A register tile holds 4 filters x 8 neighbouring outputs of one row (8 vectors, as
// the SGEMM micro-kernel): per tap it loads the 8 inputs under those outputs straight
// from the padded image (unaligned, no im2col matrix) and broadcasts the 4 filters'
// weights, packed once per call as [filter tile][tap][4] so they sit in one cache line.
// A row's last outputs get a tile of 4 when at most 4 remain. Each lane adds its
// products in tap order from +0, then the bias: the scalar reference's arithmetic.
// The weights (16 x 200 floats for the small preset's second layer) and one padded
// image (8 x 18 x 20) stay in L1 while every row of the image is computed.
#include "kernels/conv2d_direct.h"
#include "kernels/simd_ops.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace relu_lab::simd {

using namespace simd_ops;

namespace {

constexpr std::size_t tile_filters = 4;

// Kept between calls and only grown, like the SGEMM's packing buffers; the module has
// no threads. std::vector<vf> keeps it 16-byte aligned. Likewise the tap offsets.
std::vector<vf>& packed_weights_buffer() {
    static std::vector<vf> buffer;
    return buffer;
}

std::vector<std::uint32_t>& tap_offsets_buffer() {
    static std::vector<std::uint32_t> buffer;
    return buffer;
}

// packed[(t * taps + p) * 4 + r] = weights[(4 t + r) * taps + p], 0 past the last filter.
const float* pack_weights(const float* weights, std::size_t filters, std::size_t taps) {
    const std::size_t tiles = (filters + tile_filters - 1) / tile_filters;
    std::vector<vf>& buffer = packed_weights_buffer();
    if (buffer.size() < tiles * taps) buffer.resize(tiles * taps);
    float* packed = reinterpret_cast<float*>(buffer.data());
    for (std::size_t t = 0; t < tiles; ++t) {
        for (std::size_t r = 0; r < tile_filters; ++r) {
            const std::size_t f = t * tile_filters + r;
            float* out = packed + t * taps * tile_filters + r;
            for (std::size_t p = 0; p < taps; ++p) out[p * tile_filters] = f < filters ? weights[f * taps + p] : 0.0f;
        }
    }
    return packed;
}

// Where a tile reads the padded image: tap p of the output at `first` is at
// first + tap_offsets[p], taps in the order (channel, ky, kx).
struct image_view {
    const float* first;
    const std::uint32_t* tap_offsets;
    std::size_t taps;
};

// One tile: filters [f0, f0 + filters) x outputs [ox, ox + outputs) of row oy, with
// 4 * col_vectors outputs computed. y_first is y at (f0, oy, ox); filters past
// `filters` and outputs past `outputs` are computed on zero weights or slack and dropped.
template <std::size_t col_vectors>
__attribute__((always_inline)) inline void tile(const float* w_tile, const image_view& in, const float* bias_tile,
                                                float* y_first, std::size_t out_plane, std::size_t filters,
                                                std::size_t outputs) {
    vf acc[tile_filters][col_vectors];
    for (std::size_t r = 0; r < tile_filters; ++r)
        for (std::size_t v = 0; v < col_vectors; ++v) acc[r][v] = splat(0.0f);

    // One tap per iteration, not unrolled: unrolled, the compiler keeps every tap's
    // inputs and weights live at once (wasm locals look free to it), and V8 spills them.
    const float* w = w_tile;
#pragma clang loop unroll(disable)
    for (std::size_t p = 0; p < in.taps; ++p, w += tile_filters) {
        const float* row = in.first + in.tap_offsets[p];
        vf x[col_vectors];
        for (std::size_t v = 0; v < col_vectors; ++v) x[v] = load(row + 4 * v);
        for (std::size_t r = 0; r < tile_filters; ++r) {
            const vf w_r = load_splat(w + r);
            for (std::size_t v = 0; v < col_vectors; ++v) acc[r][v] = multiply_add(w_r, x[v], acc[r][v]);
        }
    }

    // Over all tile_filters with a test inside: constant indices keep acc in registers.
    for (std::size_t r = 0; r < tile_filters; ++r) {
        if (r >= filters) continue;
        float* y_row = y_first + r * out_plane;
        const vf b = splat(bias_tile[r]);
        for (std::size_t v = 0; v < col_vectors; ++v) {
            const std::size_t left = outputs > 4 * v ? outputs - 4 * v : 0;
            store_first(y_row + 4 * v, add(acc[r][v], b), left < 4 ? left : 4);
        }
    }
}

}  // namespace

void conv2d_direct_forward(float* y, const float* padded, std::size_t padded_stride, const float* weights,
                           const float* bias, const conv2d_direct_shape& s, std::size_t batch) {
    if (batch == 0 || s.out_channels == 0 || s.out_height == 0 || s.out_width == 0) return;
    const std::size_t taps = s.taps();
    const float* packed = pack_weights(weights, s.out_channels, taps);
    // One loop over the taps instead of three (channel, ky, kx): 3 x 3 kernels spent
    // as much time in loop control as in arithmetic.
    std::vector<std::uint32_t>& tap_offsets = tap_offsets_buffer();
    tap_offsets.resize(taps);
    const std::size_t k = s.kernel_size;
    for (std::size_t p = 0; p < taps; ++p) {
        const std::size_t c = p / (k * k), ky = p / k % k, kx = p % k;
        tap_offsets[p] = static_cast<std::uint32_t>((c * s.padded_height + ky) * s.padded_width + kx);
    }
    const std::size_t out_plane = s.out_height * s.out_width;
    for (std::size_t b = 0; b < batch; ++b) {
        image_view in{nullptr, tap_offsets.data(), taps};
        const float* image = padded + b * padded_stride;
        float* y_image = y + b * s.out_channels * out_plane;
        for (std::size_t oy = 0; oy < s.out_height; ++oy) {
            for (std::size_t ox = 0; ox < s.out_width; ox += 8) {
                const std::size_t outputs = std::min<std::size_t>(8, s.out_width - ox);
                in.first = image + oy * s.padded_width + ox;
                for (std::size_t f0 = 0; f0 < s.out_channels; f0 += tile_filters) {
                    const float* w_tile = packed + f0 * taps;
                    float* y_first = y_image + f0 * out_plane + oy * s.out_width + ox;
                    const std::size_t filters = std::min(tile_filters, s.out_channels - f0);
                    if (outputs > 4) {
                        tile<2>(w_tile, in, bias + f0, y_first, out_plane, filters, outputs);
                    } else {
                        tile<1>(w_tile, in, bias + f0, y_first, out_plane, filters, outputs);
                    }
                }
            }
        }
    }
}

}  // namespace relu_lab::simd
