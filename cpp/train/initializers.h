// Weight initialisers. All draw from relu_lab::rng, so a seed gives the same network
// natively and in wasm. Plain (untruncated) normals: Keras' he_normal truncates at 2
// sigma, which changes the variance slightly; we keep the textbook 2 / fan_in.
#pragma once

#include <cstddef>
#include <string_view>

#include "train/config.h"
#include "util/rng.h"

namespace relu_lab {

// weights [count] for a layer with fan_in inputs and fan_out outputs per weight
// (conv: in_channels*k*k and out_channels*k*k). `init` must not be automatic.
//   he_normal      N(0, 2 / fan_in)                He et al. (2015)
//   he_uniform     U(-sqrt(6 / fan_in), +sqrt(6 / fan_in))
//   glorot_normal  N(0, 2 / (fan_in + fan_out))    Glorot and Bengio (2010)
//   glorot_uniform U(-sqrt(6 / (fan_in + fan_out)), +...)
//   lecun_normal   N(0, 1 / fan_in)                LeCun et al. (1998); what SELU's
//                                                  self-normalisation assumes (Klambauer et al. 2017)
//   zero           0 (every unit the same: symmetry is never broken)
//   too_large      N(0, (too_large_scale^2) * 2 / fan_in), for the exploding-activation demo
void init_weights(float* weights, std::size_t count, std::size_t fan_in, std::size_t fan_out, weight_init init,
                  float too_large_scale, rng& random);

// What `automatic` draws for a layer followed by `activation` (a kernel name; "" or
// "softmax" for a linear layer or the head):
//   he_normal      relu, leaky_relu, prelu, elu, relu6: the factor 2 makes up for the
//                  half of the inputs that the rectifier sets (near) zero
//   lecun_normal   selu: its fixed constants keep mean 0 and variance 1 only with 1 / fan_in
//   glorot_uniform everything else (sigmoid, tanh, gelu, silu, softplus, mish, the head),
//                  Keras' default. Its derivation assumes f'(0) = 1: it fits tanh, not
//                  the sigmoid (f'(0) = 1/4).
weight_init automatic_weight_init(std::string_view activation);

}  // namespace relu_lab
