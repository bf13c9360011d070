#include "kernels/max_pool2x2.h"

namespace relu_lab::scalar {

void max_pool2x2_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t in_height,
                         std::size_t in_width) {
    const std::size_t out_height = in_height / 2, out_width = in_width / 2;
    const std::uint32_t w = static_cast<std::uint32_t>(in_width);
    for (std::size_t plane = 0; plane < planes; ++plane) {
        const float* xp = x + plane * in_height * in_width;
        float* yp = y + plane * out_height * out_width;
        std::uint32_t* ap = argmax ? argmax + plane * out_height * out_width : nullptr;
        for (std::size_t oy = 0; oy < out_height; ++oy) {
            for (std::size_t ox = 0; ox < out_width; ++ox) {
                std::uint32_t index;
                yp[oy * out_width + ox] =
                    max_pool2x2_window(xp, static_cast<std::uint32_t>(2 * oy * w + 2 * ox), w, index);
                if (ap) ap[oy * out_width + ox] = index;
            }
        }
    }
}

}  // namespace relu_lab::scalar
