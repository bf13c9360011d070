// MaxPool2D, NCHW, square pool_size window with stride = pool_size (Keras' default),
// 'valid': rows and columns that do not fill a whole window are dropped.
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu_lab {

struct max_pool2d_shape {
    std::size_t channels = 0, in_height = 0, in_width = 0;
    std::size_t pool_size = 2;
    std::size_t out_height = 0, out_width = 0;
};

max_pool2d_shape make_max_pool2d_shape(std::size_t channels, std::size_t in_height, std::size_t in_width,
                                       std::size_t pool_size);

// y      [batch, channels, out_height, out_width]
// argmax [batch, channels, out_height, out_width]  index in the input plane of each maximum
//        (the first one on ties), kept for the backward pass; nullptr in inference
// x      [batch, channels, in_height, in_width]
// A NaN in a window propagates to y, so divergence is never hidden by the pool.
void max_pool2d_forward(float* y, std::uint32_t* argmax, const float* x, const max_pool2d_shape& shape,
                        std::size_t batch);

// dx [batch, channels, in_height, in_width]  overwritten: dy routed to each window's maximum
// dy [batch, channels, out_height, out_width]
void max_pool2d_backward(float* dx, const float* dy, const std::uint32_t* argmax, const max_pool2d_shape& shape,
                         std::size_t batch);

}  // namespace relu_lab
