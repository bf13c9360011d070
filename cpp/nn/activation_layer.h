// An activation layer for any kernel of the family (kernels/activation_registry.h).
// PReLU learns one slope per channel; every other kernel has a fixed parameter.
#pragma once

#include <cstddef>

#include "kernels/activation_registry.h"

namespace relu_lab {

struct activation_layer_shape {
    activation_kind kind = activation_kind::relu;
    float param = 0.0f;        // negative_slope / alpha; unused by PReLU
    std::size_t channels = 1;  // PReLU: slopes per channel (C of NCHW, or units of a dense layer)
    std::size_t inner = 1;     // PReLU: elements per channel per example (H*W, or 1)
    std::size_t size() const { return channels * inner; }  // elements per example
};

// y      [batch, channels, inner]
// x      [batch, channels, inner]  the pre-activation
// slopes [channels]  PReLU only, nullptr otherwise
void activation_layer_forward(float* y, const float* x, const float* slopes, const activation_layer_shape& shape,
                              std::size_t batch);

// Like every backward in nn/, it writes (never adds to) each gradient it returns.
// dx      [batch, channels, inner]  overwritten
// dslopes [channels]  PReLU only, overwritten: the sum over the batch and the channel's elements
// dy      [batch, channels, inner]
// x       [batch, channels, inner]  the forward input
void activation_layer_backward(float* dx, float* dslopes, const float* dy, const float* x, const float* slopes,
                               const activation_layer_shape& shape, std::size_t batch);

}  // namespace relu_lab
