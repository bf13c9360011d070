#include "nn/dense.h"

#include "kernels/gemm.h"

namespace relu_lab {

void dense_forward(float* y, const float* x, const float* weights, const float* bias, std::size_t inputs,
                   std::size_t outputs, std::size_t batch) {
    // y [batch, outputs] = x [batch, inputs] * weights^T [inputs, outputs]
    kernels::sgemm(false, true, batch, outputs, inputs, x, inputs, weights, inputs, 0.0f, y, outputs);
    for (std::size_t b = 0; b < batch; ++b) {
        float* row = y + b * outputs;
        for (std::size_t o = 0; o < outputs; ++o) row[o] += bias[o];
    }
}

void dense_backward(float* dx, float* dweights, float* dbias, const float* dy, const float* x, const float* weights,
                    std::size_t inputs, std::size_t outputs, std::size_t batch) {
    if (dweights != nullptr) {
        // dweights [outputs, inputs] = dy^T [outputs, batch] * x [batch, inputs]
        kernels::sgemm(true, false, outputs, inputs, batch, dy, outputs, x, inputs, 0.0f, dweights, inputs);
        for (std::size_t o = 0; o < outputs; ++o) dbias[o] = 0.0f;
        for (std::size_t b = 0; b < batch; ++b) {
            const float* row = dy + b * outputs;
            for (std::size_t o = 0; o < outputs; ++o) dbias[o] += row[o];
        }
    }
    if (dx != nullptr) {
        // dx [batch, inputs] = dy [batch, outputs] * weights [outputs, inputs]
        kernels::sgemm(false, false, batch, inputs, outputs, dy, outputs, weights, inputs, 0.0f, dx, inputs);
    }
}

}  // namespace relu_lab
