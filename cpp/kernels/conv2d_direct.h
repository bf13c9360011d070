// Stride-1 convolution read straight from a zero-padded copy of the image, without an
// im2col matrix: the forward pass of nn/conv2d.cpp for stride 1, as a kernel family
// (scalar reference conv2d_direct_scalar.cpp, wasm SIMD twin conv2d_direct_simd.cpp)
// reached through relu_lab::kernels like the others.
//
// Both paths compute every output as im2col + sgemm + bias did, so they agree with each
// other and with that lowering bit for bit: the products weight * input in tap order
// (channel, ky, kx), each rounded, added one by one to a sum that starts at +0, then
// the bias added last. Padding taps multiply by the stored zeros too (inf * 0 is NaN
// in both). An output depends only on its own image, never on the batch around it.
#pragma once

#include <cstddef>

#include "kernels/kernel_path.h"

namespace relu_lab {

// padded[c][r][col] for r < padded_height, col < padded_width: input pixel
// (r - pad_top, col - pad_left) of channel c, 0 outside the image. Output (oy, ox) of
// a filter reads rows oy .. oy + k - 1 and columns ox .. ox + k - 1.
struct conv2d_direct_shape {
    std::size_t in_channels = 0, kernel_size = 0, out_channels = 0;
    std::size_t out_height = 0, out_width = 0;
    std::size_t padded_height = 0, padded_width = 0;

    std::size_t taps() const { return in_channels * kernel_size * kernel_size; }
    std::size_t padded_floats() const { return in_channels * padded_height * padded_width; }
};

// The padded image the kernels need: out_height + k - 1 rows; out_width rounded up to
// 4, plus k - 1, columns (the SIMD path computes 4 or 8 outputs of a row at once and
// drops those past out_width, whose taps lie in that slack).
inline conv2d_direct_shape make_conv2d_direct_shape(std::size_t in_channels, std::size_t kernel_size,
                                                    std::size_t out_channels, std::size_t out_height,
                                                    std::size_t out_width) {
    conv2d_direct_shape s;
    s.in_channels = in_channels;
    s.kernel_size = kernel_size;
    s.out_channels = out_channels;
    s.out_height = out_height;
    s.out_width = out_width;
    if (kernel_size == 0 || out_height == 0 || out_width == 0) return s;
    s.padded_height = out_height + kernel_size - 1;
    s.padded_width = (out_width + 3) / 4 * 4 + kernel_size - 1;
    return s;
}

// y       [batch, out_channels, out_height, out_width]
// padded  image b at padded + b * padded_stride, laid out as above
// weights [out_channels, in_channels, kernel_size, kernel_size]
// bias    [out_channels]
#define RELU_LAB_DECLARE_CONV2D_DIRECT                                                                                 \
    void conv2d_direct_forward(float* y, const float* padded, std::size_t padded_stride, const float* weights,         \
                               const float* bias, const conv2d_direct_shape& shape, std::size_t batch);

namespace scalar {
RELU_LAB_DECLARE_CONV2D_DIRECT
}
#if defined(RELU_LAB_SIMD)
namespace simd {
RELU_LAB_DECLARE_CONV2D_DIRECT
}
#endif

#undef RELU_LAB_DECLARE_CONV2D_DIRECT

}  // namespace relu_lab
