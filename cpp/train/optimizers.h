// Optimizers as one loop over a slice of the parameter arena. State lives in the
// arena's optimizer_state buffer (optimizer_state_floats per parameter).
//
// Gradient g' = g + weight_decay * w when the slice takes weight decay (L2), else g.
//   sgd       w -= lr * g'
//   momentum  v = momentum * v - lr * g';  w += v          (Keras' SGD(momentum=...))
//   adam      t = step (1 for the first update)
//             m = beta1 * m + (1 - beta1) * g'
//             v = beta2 * v + (1 - beta2) * g'^2
//             m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)   (divide, as published)
//             w -= lr * m_hat / (sqrt(v_hat) + epsilon)
//   Kingma and Ba (2015), "Adam: A Method for Stochastic Optimization", Algorithm 1.
#pragma once

#include <cstddef>
#include <cstdint>

#include "train/config.h"

namespace relu_lab {

// 0 for sgd, 1 (velocity) for momentum, 2 (m then v, interleaved per slice) for adam.
std::size_t optimizer_state_floats(optimizer_kind kind);

// params, grads [count]; state [count * optimizer_state_floats(kind)];
// step = 1 for the first update; learning_rate may differ from config's (schedules).
void optimizer_update(const optimizer_config& config, float learning_rate, std::uint64_t step, bool weight_decay,
                      float* params, const float* grads, float* state, std::size_t count);

// The same for a slice of a tensor (a training team's member updates only its slice):
// Adam's v for state[i] is at state[i + state_stride], the tensor's count.
void optimizer_update(const optimizer_config& config, float learning_rate, std::uint64_t step, bool weight_decay,
                      float* params, const float* grads, float* state, std::size_t count, std::size_t state_stride);

}  // namespace relu_lab
