// Inverted dropout: while training, each element is kept with probability 1 - rate
// and scaled by 1 / (1 - rate), so evaluation is the identity and needs no rescaling.
// The mask comes from relu_lab::rng, so a seed gives the same mask natively and in wasm.
#pragma once

#include <cstddef>

#include "util/rng.h"

namespace relu_lab {

// y    [batch, size]
// mask [batch, size]  0 or 1 / (1 - rate), kept for the backward pass
// x    [batch, size]
// rate in [0, 1)
void dropout_forward(float* y, float* mask, const float* x, float rate, std::size_t size, std::size_t batch,
                     rng& random);

// dx [batch, size] overwritten, dy [batch, size], mask from dropout_forward
void dropout_backward(float* dx, const float* dy, const float* mask, std::size_t size, std::size_t batch);

}  // namespace relu_lab
