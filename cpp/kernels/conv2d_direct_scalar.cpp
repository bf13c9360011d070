// Scalar reference of the direct convolution (kernels/conv2d_direct.h). Each output row
// is its own accumulator array, and the innermost loop walks that row: the sums keep
// their tap order per output, and a compiler may still vectorise across the row (the
// native build's kernel, so it should not be needlessly slow).
#include "kernels/conv2d_direct.h"

namespace relu_lab::scalar {

void conv2d_direct_forward(float* y, const float* padded, std::size_t padded_stride, const float* weights,
                           const float* bias, const conv2d_direct_shape& s, std::size_t batch) {
    const std::size_t k = s.kernel_size;
    const std::size_t plane = s.padded_height * s.padded_width;
    const std::size_t out_plane = s.out_height * s.out_width;
    for (std::size_t b = 0; b < batch; ++b) {
        const float* image = padded + b * padded_stride;
        for (std::size_t o = 0; o < s.out_channels; ++o) {
            const float* w = weights + o * s.taps();
            for (std::size_t oy = 0; oy < s.out_height; ++oy) {
                float* row = y + (b * s.out_channels + o) * out_plane + oy * s.out_width;
                for (std::size_t ox = 0; ox < s.out_width; ++ox) row[ox] = 0.0f;
                for (std::size_t c = 0; c < s.in_channels; ++c) {
                    for (std::size_t ky = 0; ky < k; ++ky) {
                        const float* in = image + c * plane + (oy + ky) * s.padded_width;
                        for (std::size_t kx = 0; kx < k; ++kx) {
                            const float w_tap = w[(c * k + ky) * k + kx];
                            for (std::size_t ox = 0; ox < s.out_width; ++ox) row[ox] += w_tap * in[ox + kx];
                        }
                    }
                }
                for (std::size_t ox = 0; ox < s.out_width; ++ox) row[ox] += bias[o];
            }
        }
    }
}

}  // namespace relu_lab::scalar
