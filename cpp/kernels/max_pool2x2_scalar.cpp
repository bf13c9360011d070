#include "kernels/max_pool2x2.h"
#include "kernels/max_pool_window.h"

namespace relu_lab::scalar {

// The general window's reference reads a 2 x 2 window in the same order.
void max_pool2x2_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t in_height,
                         std::size_t in_width) {
    max_pool_window_forward(y, argmax, x, planes, in_height, in_width, 2);
}

}  // namespace relu_lab::scalar
