// Flatten: [batch, channels, height, width] -> [batch, channels * height * width].
// NCHW is already that order in memory, so both directions are copies, and nothing at
// all when the two buffers are one (the network's planner makes them so); the layer
// exists so the network reads like the Keras code the page shows.
#pragma once

#include <cstddef>

namespace relu_lab {

// y [batch, features], x [batch, channels, height, width], features = channels*height*width
void flatten_forward(float* y, const float* x, std::size_t features, std::size_t batch);
// dx [batch, channels, height, width], dy [batch, features]
void flatten_backward(float* dx, const float* dy, std::size_t features, std::size_t batch);

}  // namespace relu_lab
