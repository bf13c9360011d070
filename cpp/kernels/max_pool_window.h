// The p x p max pool with stride p for any window size p (the 2 x 2 window has its own
// family, max_pool2x2.h): scalar reference (max_pool_window_scalar.cpp) and wasm SIMD
// twin (max_pool_window_simd.cpp), reached through relu_lab::kernels like the others.
//
// The policy is max_pool2x2.h's, and both paths give identical results bit for bit: a
// window is read row by row, left to right; a later value takes over only when it is
// larger, or NaN while no NaN holds yet (max_pool_take_if_larger).
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/kernel_path.h"
#include "kernels/max_pool2x2.h"

namespace relu_lab {

// One p x p window whose top-left element is plane[first], in a plane with rows of w:
// the scalar reference, and the SIMD twin's last out_width % 4 windows of a row.
inline float max_pool_window_at(const float* plane, std::size_t first, std::size_t w, std::size_t p,
                                std::uint32_t& index) {
    index = static_cast<std::uint32_t>(first);
    float best = plane[first];
    for (std::size_t ky = 0; ky < p; ++ky) {
        const std::uint32_t row = static_cast<std::uint32_t>(first + ky * w);
        for (std::size_t kx = 0; kx < p; ++kx)
            max_pool_take_if_larger(plane[row + kx], row + static_cast<std::uint32_t>(kx), best, index);
    }
    return best;
}

// x      [planes, in_height, in_width]
// y      [planes, in_height / p, in_width / p]   rows and columns past the last whole
//        window are dropped
// argmax [planes, in_height / p, in_width / p]   index in the input plane of each
//        maximum, for the backward pass; nullptr when none will follow (inference)
#define RELU_LAB_DECLARE_MAX_POOL_WINDOW                                                                               \
    void max_pool_window_forward(float* y, std::uint32_t* argmax, const float* x, std::size_t planes,                  \
                                 std::size_t in_height, std::size_t in_width, std::size_t pool_size);

namespace scalar {
RELU_LAB_DECLARE_MAX_POOL_WINDOW
}
#if defined(RELU_LAB_SIMD)
namespace simd {
RELU_LAB_DECLARE_MAX_POOL_WINDOW
}
#endif

#undef RELU_LAB_DECLARE_MAX_POOL_WINDOW

}  // namespace relu_lab
