#include "nn/dropout.h"

namespace relu_lab {

void dropout_forward(float* y, float* mask, const float* x, float rate, std::size_t size, std::size_t batch,
                     rng& random) {
    const float keep_scale = 1.0f / (1.0f - rate);
    const std::size_t n = size * batch;
    for (std::size_t i = 0; i < n; ++i) {
        mask[i] = random.uniform() < rate ? 0.0f : keep_scale;
        y[i] = x[i] * mask[i];
    }
}

void dropout_backward(float* dx, const float* dy, const float* mask, std::size_t size, std::size_t batch) {
    const std::size_t n = size * batch;
    for (std::size_t i = 0; i < n; ++i) dx[i] = dy[i] * mask[i];
}

}  // namespace relu_lab
