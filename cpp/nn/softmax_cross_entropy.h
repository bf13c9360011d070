// Softmax fused with categorical cross-entropy, the head of every network here
// (Keras' Dense(10, activation='softmax') with categorical_crossentropy). Fusing keeps
// the gradient the simple, stable (p - onehot) / batch instead of dividing by p.
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu_lab {

// probs  [batch, classes]  softmax of logits (max subtracted first, so no overflow)
// logits [batch, classes]
// labels [batch]           class index per example, < classes
// Returns the mean over the batch of -log(probs[label]), summed in double.
// A NaN or infinite logit gives a NaN loss, so divergence is seen.
double softmax_cross_entropy_forward(float* probs, const float* logits, const std::uint8_t* labels, std::size_t classes,
                                     std::size_t batch);

// dlogits [batch, classes] = (probs - onehot(labels)) / mean_over
// mean_over: how many images the loss is a mean over (0: batch). A worker that takes
// part of a batch passes the whole batch's size, so its share sums to the same gradient.
void softmax_cross_entropy_backward(float* dlogits, const float* probs, const std::uint8_t* labels, std::size_t classes,
                                    std::size_t batch, std::size_t mean_over = 0);

}  // namespace relu_lab
