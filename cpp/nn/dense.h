// Dense (fully connected): y = x * W^T + b. Weights are stored [outputs, inputs]
// (PyTorch's order; Keras stores the transpose), so each row is one unit.
#pragma once

#include <cstddef>

namespace relu_lab {

// y       [batch, outputs]
// x       [batch, inputs]
// weights [outputs, inputs]
// bias    [outputs]
void dense_forward(float* y, const float* x, const float* weights, const float* bias,
                   std::size_t inputs, std::size_t outputs, std::size_t batch);

// dx       [batch, inputs]   overwritten; nullptr skips it (first layer)
// dweights [outputs, inputs] overwritten (layers with few parameters accumulate; this
// dbias    [outputs]         overwritten  one holds most of them, so it writes once)
// dy       [batch, outputs]
// x        [batch, inputs]   the forward input
void dense_backward(float* dx, float* dweights, float* dbias, const float* dy, const float* x,
                    const float* weights, std::size_t inputs, std::size_t outputs,
                    std::size_t batch);

}  // namespace relu_lab
