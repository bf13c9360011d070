// Weight initialisers. All draw from relu_lab::rng, so a seed gives the same network
// natively and in wasm. Plain (untruncated) normals: Keras' he_normal truncates at 2
// sigma, which changes the variance slightly; we keep the textbook 2 / fan_in.
#pragma once

#include <cstddef>

#include "train/config.h"
#include "util/rng.h"

namespace relu_lab {

// weights [count] for a layer with fan_in inputs and fan_out outputs per weight
// (conv: in_channels*k*k and out_channels*k*k). `init` must not be automatic.
//   he_normal      N(0, 2 / fan_in)                He et al. (2015)
//   he_uniform     U(-sqrt(6 / fan_in), +sqrt(6 / fan_in))
//   glorot_normal  N(0, 2 / (fan_in + fan_out))    Glorot and Bengio (2010)
//   glorot_uniform U(-sqrt(6 / (fan_in + fan_out)), +...)
//   zero           0 (every unit the same: symmetry is never broken)
//   too_large      N(0, (too_large_scale^2) * 2 / fan_in), for the exploding-activation demo
void init_weights(float* weights, std::size_t count, std::size_t fan_in, std::size_t fan_out,
                  weight_init init, float too_large_scale, rng& random);

}  // namespace relu_lab
