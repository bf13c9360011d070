// The 2 x 2 max pool (stride 2), the window most networks use, as a kernel family:
// scalar reference (max_pool2x2_scalar.cpp) and wasm SIMD twin (max_pool2x2_simd.cpp),
// reached through relu_lab::kernels like the other families. nn/max_pool2d.cpp calls
// it for pool_size 2 and max_pool_window.h's family for the others.
//
// Both paths give identical results, bit for bit: a window is read in the order
// top-left, top-right, bottom-left, bottom-right; a later value takes over only when it
// is larger, or NaN while no NaN holds yet. So ties keep the first (+0 before -0 keeps
// +0), and the first NaN of a window reaches y: divergence is never hidden by the pool.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/kernel_path.h"

namespace relu_lab {

// The policy above for one candidate v at input index i against the window's running
// maximum, as selects, not branches (on ReLU outputs each comparison is a coin toss).
// Shared with the other windows (max_pool_window.h).
inline void max_pool_take_if_larger(float v, std::uint32_t i, float& best, std::uint32_t& best_index) {
    const bool take = !(v <= best) && best == best;
    best = take ? v : best;
    best_index = take ? i : best_index;
}

// x      [planes, in_height, in_width]
// y      [planes, in_height / 2, in_width / 2]   an odd last row or column is dropped
// argmax [planes, in_height / 2, in_width / 2]   index in the input plane of each maximum,
//        for the backward pass; nullptr when none will follow (inference)
//
// The backward pass routes each window's gradient to where its maximum came from:
// dx [planes, in_height, in_width] is written whole, dx[argmax] = 0 + dy (+0 where dy is
// -0, as adding dy to a zeroed dx gives) and +0 everywhere else, including an odd last
// row or column. dy and argmax as y and argmax above.
#define RELU_LAB_DECLARE_MAX_POOL2X2                                                                                   \
    void max_pool2x2_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes,                      \
                             std::size_t in_height, std::size_t in_width);                                             \
    void max_pool2x2_backward(float* dx, const float* dy, const std::uint32_t* argmax, std::size_t planes,             \
                              std::size_t in_height, std::size_t in_width);

namespace scalar {
RELU_LAB_DECLARE_MAX_POOL2X2
}
#if defined(RELU_LAB_SIMD)
namespace simd {
RELU_LAB_DECLARE_MAX_POOL2X2
}
#endif

#undef RELU_LAB_DECLARE_MAX_POOL2X2

}  // namespace relu_lab
