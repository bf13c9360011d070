#include "kernels/max_pool_window.h"

namespace relu_lab::scalar {

void max_pool_window_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t in_height,
                             std::size_t in_width, std::size_t pool_size) {
    const std::size_t p = pool_size;
    if (p == 0) return;
    const std::size_t out_height = in_height / p, out_width = in_width / p;
    for (std::size_t plane = 0; plane < planes; ++plane) {
        const float* xp = x + plane * in_height * in_width;
        float* yp = y + plane * out_height * out_width;
        std::uint32_t* ap = argmax ? argmax + plane * out_height * out_width : nullptr;
        for (std::size_t oy = 0; oy < out_height; ++oy) {
            for (std::size_t ox = 0; ox < out_width; ++ox) {
                std::uint32_t index;
                yp[oy * out_width + ox] = max_pool_window_at(xp, oy * p * in_width + ox * p, in_width, p, index);
                if (ap) ap[oy * out_width + ox] = index;
            }
        }
    }
}

}  // namespace relu_lab::scalar
