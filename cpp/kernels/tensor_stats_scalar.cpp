#include <cmath>

#include "kernels/tensor_stats.h"

namespace relu_lab::scalar {

tensor_stats measure_tensor(const float* x, std::size_t n) {
    tensor_stats s;
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        if (!std::isfinite(v)) s.finite = false;
        s.zeros += (v == 0.0f);
        s.sum += v;
        s.sum_squares += static_cast<double>(v) * v;
    }
    return s;
}

}  // namespace relu_lab::scalar
