// Dense (fully connected): y = x * W^T + b. Weights are stored [outputs, inputs]
// (PyTorch's order; Keras stores the transpose), so each row is one unit.
#pragma once

#include <cstddef>

namespace relu_lab {

// y       [batch, outputs]
// x       [batch, inputs]
// weights [outputs, inputs]
// bias    [outputs]
void dense_forward(float* y, const float* x, const float* weights, const float* bias, std::size_t inputs,
                   std::size_t outputs, std::size_t batch);

// Like every backward in nn/, it writes (never adds to) each gradient it returns, and
// sums a parameter's contributions over the batch itself; the largest gradient of a
// network is then neither zeroed nor read first.
// dx       [batch, inputs]   overwritten; nullptr skips it (first layer)
// dweights [outputs, inputs] overwritten: the sum over the batch; nullptr skips it and
//          dbias (a training team forms them from every worker's x and dy: train/network.h)
// dbias    [outputs]         overwritten: the sum over the batch
// dy       [batch, outputs]
// x        [batch, inputs]   the forward input
void dense_backward(float* dx, float* dweights, float* dbias, const float* dy, const float* x, const float* weights,
                    std::size_t inputs, std::size_t outputs, std::size_t batch);

}  // namespace relu_lab
