#include "nn/activation_layer.h"

#include <algorithm>

#include "kernels/activations.h"

namespace relu_lab {

void activation_layer_forward(float* y, const float* x, const float* slopes, const activation_layer_shape& s,
                              std::size_t batch) {
    const std::size_t n = batch * s.size();
    if (s.kind == activation_kind::prelu) {
        kernels::prelu_forward(x, y, n, slopes, s.channels, s.inner);
        return;
    }
    activation_info_of(s.kind).forward(x, y, n, s.param);
}

void activation_layer_backward(float* dx, float* dslopes, const float* dy, const float* x, const float* slopes,
                               const activation_layer_shape& s, std::size_t batch) {
    const std::size_t n = batch * s.size();
    if (s.kind == activation_kind::prelu) {
        // The kernel adds every element's term to its channel's slope gradient.
        std::fill_n(dslopes, s.channels, 0.0f);
        kernels::prelu_backward(x, dy, dx, n, slopes, s.channels, s.inner, dslopes);
        return;
    }
    activation_info_of(s.kind).backward(x, dy, dx, n, s.param);
}

}  // namespace relu_lab
