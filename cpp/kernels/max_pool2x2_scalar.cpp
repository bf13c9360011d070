#include "kernels/max_pool2x2.h"

#include <cstring>

#include "kernels/max_pool_window.h"

namespace relu_lab::scalar {

// The general window's reference reads a 2 x 2 window in the same order.
void max_pool2x2_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t in_height,
                         std::size_t in_width) {
    max_pool_window_forward(y, argmax, x, planes, in_height, in_width, 2);
}

// Zero the plane, then add each window's gradient where its maximum was.
void max_pool2x2_backward(float* dx, const float* dy, const std::uint32_t* argmax, std::size_t planes,
                          std::size_t in_height, std::size_t in_width) {
    const std::size_t in_plane = in_height * in_width;
    const std::size_t out_plane = (in_height / 2) * (in_width / 2);
    std::memset(dx, 0, planes * in_plane * sizeof(float));
    for (std::size_t plane = 0; plane < planes; ++plane) {
        float* dxp = dx + plane * in_plane;
        const float* dyp = dy + plane * out_plane;
        const std::uint32_t* ap = argmax + plane * out_plane;
        for (std::size_t o = 0; o < out_plane; ++o) dxp[ap[o]] += dyp[o];
    }
}

}  // namespace relu_lab::scalar
