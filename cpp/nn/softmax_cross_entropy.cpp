#include "nn/softmax_cross_entropy.h"

#include <cmath>
#include <limits>

namespace relu_lab {

double softmax_cross_entropy_forward(float* probs, const float* logits, const std::uint8_t* labels, std::size_t classes,
                                     std::size_t batch) {
    double total = 0.0;
    for (std::size_t b = 0; b < batch; ++b) {
        const float* z = logits + b * classes;
        float* p = probs + b * classes;
        float max_z = z[0];
        bool finite = true;
        for (std::size_t c = 0; c < classes; ++c) {
            if (!std::isfinite(z[c])) finite = false;
            if (z[c] > max_z) max_z = z[c];
        }
        if (!finite) {
            for (std::size_t c = 0; c < classes; ++c) p[c] = std::numeric_limits<float>::quiet_NaN();
            total = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        double sum = 0.0;
        for (std::size_t c = 0; c < classes; ++c) {
            p[c] = std::exp(z[c] - max_z);
            sum += p[c];
        }
        const float inv = static_cast<float>(1.0 / sum);
        for (std::size_t c = 0; c < classes; ++c) p[c] *= inv;
        // -log softmax computed from the logits, so a tiny probability does not round to log(0).
        total += std::log(sum) - static_cast<double>(z[labels[b]] - max_z);
    }
    return total / static_cast<double>(batch);
}

void softmax_cross_entropy_backward(float* dlogits, const float* probs, const std::uint8_t* labels, std::size_t classes,
                                    std::size_t batch, std::size_t mean_over) {
    const float inv_batch = 1.0f / static_cast<float>(mean_over ? mean_over : batch);
    for (std::size_t b = 0; b < batch; ++b) {
        const float* p = probs + b * classes;
        float* d = dlogits + b * classes;
        for (std::size_t c = 0; c < classes; ++c) {
            const float onehot = (c == labels[b]) ? 1.0f : 0.0f;
            d[c] = (p[c] - onehot) * inv_batch;
        }
    }
}

}  // namespace relu_lab
