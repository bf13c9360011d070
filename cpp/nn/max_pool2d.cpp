#include "nn/max_pool2d.h"

#include <cstring>

#include "kernels/max_pool2x2.h"
#include "kernels/max_pool_window.h"

namespace relu_lab {

max_pool2d_shape make_max_pool2d_shape(std::size_t channels, std::size_t in_height, std::size_t in_width,
                                       std::size_t pool_size) {
    max_pool2d_shape s;
    s.channels = channels;
    s.in_height = in_height;
    s.in_width = in_width;
    s.pool_size = pool_size;
    if (pool_size > 0) {
        s.out_height = in_height / pool_size;
        s.out_width = in_width / pool_size;
    }
    return s;
}

void max_pool2d_forward(float* y, std::uint32_t* argmax, const float* x, const max_pool2d_shape& s, std::size_t batch) {
    if (s.pool_size == 2) {
        kernels::max_pool2x2_forward(y, argmax, x, batch * s.channels, s.in_height, s.in_width);
        return;
    }
    kernels::max_pool_window_forward(y, argmax, x, batch * s.channels, s.in_height, s.in_width, s.pool_size);
}

void max_pool2d_backward(float* dx, const float* dy, const std::uint32_t* argmax, const max_pool2d_shape& s,
                         std::size_t batch) {
    if (s.pool_size == 2) {
        kernels::max_pool2x2_backward(dx, dy, argmax, batch * s.channels, s.in_height, s.in_width);
        return;
    }
    const std::size_t in_plane = s.in_height * s.in_width;
    const std::size_t out_plane = s.out_height * s.out_width;
    std::memset(dx, 0, batch * s.channels * in_plane * sizeof(float));
    for (std::size_t plane = 0; plane < batch * s.channels; ++plane) {
        float* dxp = dx + plane * in_plane;
        const float* dyp = dy + plane * out_plane;
        const std::uint32_t* ap = argmax + plane * out_plane;
        for (std::size_t o = 0; o < out_plane; ++o) dxp[ap[o]] += dyp[o];
    }
}

}  // namespace relu_lab
