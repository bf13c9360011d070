// Scalar reference kernels: plain loops over <cmath>, written for clarity.
// The policy they implement is documented in activations.h.
#include "kernels/activations.h"

#include <cmath>

namespace relu_lab {

const char* kernel_build_name() {
#if defined(RELU_LAB_RELAXED_SIMD)
    return "fma";
#elif defined(RELU_LAB_SIMD)
    return "simd";
#else
    return "scalar";
#endif
}

namespace scalar {
namespace {

constexpr float inv_sqrt2 = 0.70710678118654752440f;
constexpr float inv_sqrt_2pi = 0.39894228040143267794f;

float sigmoid_of(float x) { return 1.0f / (1.0f + std::exp(-x)); }

// x * factor where factor has reached 0 (or 1 - factor reached 0) would give
// inf * 0 = NaN at x = +-inf; the limit there is 0.
float times_vanishing(float x, float factor) { return factor == 0.0f ? 0.0f : x * factor; }

}  // namespace

void relu_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        y[i] = v > 0.0f ? v : (std::isnan(v) ? v : 0.0f);
    }
}

void relu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        dx[i] = v > 0.0f ? dy[i] : (std::isnan(v) ? v : 0.0f);
    }
}

void leaky_relu_forward(const float* x, float* y, std::size_t n, float negative_slope) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        y[i] = v > 0.0f ? v : negative_slope * v;
    }
}

void leaky_relu_backward(const float* x, const float* dy, float* dx, std::size_t n, float negative_slope) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float g = v > 0.0f ? dy[i] : negative_slope * dy[i];
        dx[i] = std::isnan(v) ? v : g;
    }
}

void prelu_forward(const float* x, float* y, std::size_t n, const float* slopes, std::size_t channels,
                   std::size_t inner) {
    // One slope (the explorer, a per-layer PReLU): no channel arithmetic per element.
    if (channels == 1) {
        leaky_relu_forward(x, y, n, slopes[0]);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float slope = slopes[(i / inner) % channels];
        y[i] = v > 0.0f ? v : slope * v;
    }
}

void prelu_backward(const float* x, const float* dy, float* dx, std::size_t n, const float* slopes,
                    std::size_t channels, std::size_t inner, float* dslopes) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float g = dy[i];
        const std::size_t c = channels == 1 ? 0 : (i / inner) % channels;
        if (v > 0.0f) {
            dx[i] = g;
        } else {
            dslopes[c] += g * v;
            dx[i] = std::isnan(v) ? v : slopes[c] * g;
        }
    }
}

void elu_forward(const float* x, float* y, std::size_t n, float alpha) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        y[i] = v > 0.0f ? v : alpha * std::expm1(v);
    }
}

void elu_backward(const float* x, const float* dy, float* dx, std::size_t n, float alpha) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        dx[i] = v > 0.0f ? dy[i] : dy[i] * alpha * std::exp(v);
    }
}

void sigmoid_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] = sigmoid_of(x[i]);
}

void sigmoid_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float s = sigmoid_of(x[i]);
        dx[i] = dy[i] * s * (1.0f - s);
    }
}

void tanh_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
}

void tanh_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float t = std::tanh(x[i]);
        dx[i] = dy[i] * (1.0f - t * t);
    }
}

void relu6_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        y[i] = std::isnan(v) ? v : (v > 6.0f ? 6.0f : (v > 0.0f ? v : 0.0f));
    }
}

void relu6_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        dx[i] = std::isnan(v) ? v : ((v > 0.0f && v < 6.0f) ? dy[i] : 0.0f);
    }
}

void selu_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        y[i] = selu_scale * (v > 0.0f ? v : selu_alpha * std::expm1(v));
    }
}

void selu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        dx[i] = dy[i] * selu_scale * (v > 0.0f ? 1.0f : selu_alpha * std::exp(v));
    }
}

void gelu_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        // Phi(v) = erfc(-v / sqrt 2) / 2 keeps full relative accuracy for v << 0.
        const float phi_cdf = 0.5f * std::erfc(-v * inv_sqrt2);
        y[i] = times_vanishing(v, phi_cdf);
    }
}

void gelu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float phi_cdf = 0.5f * std::erfc(-v * inv_sqrt2);
        const float phi_pdf = inv_sqrt_2pi * std::exp(-0.5f * v * v);
        dx[i] = dy[i] * (phi_cdf + times_vanishing(v, phi_pdf));
    }
}

void silu_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] = times_vanishing(x[i], sigmoid_of(x[i]));
}

void silu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float s = sigmoid_of(x[i]);
        dx[i] = dy[i] * (s + times_vanishing(x[i], s * (1.0f - s)));
    }
}

void softplus_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        // log(1 + e^v) = max(v, 0) + log1p(e^-|v|): no overflow for large v.
        y[i] = std::fmax(v, 0.0f) + std::log1p(std::exp(-std::fabs(v)));
        if (std::isnan(v)) y[i] = v;
    }
}

void softplus_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) dx[i] = dy[i] * sigmoid_of(x[i]);
}

namespace {
// tanh(softplus(v)) = e(e + 2) / (e(e + 2) + 2) with e = exp(v): one exponential,
// no cancellation. Above 20 the ratio is 1 in float, so v is clamped to keep e finite.
float tanh_softplus(float v) {
    const float e = std::exp(v < 20.0f ? v : 20.0f);
    const float p = e * (e + 2.0f);
    return std::isnan(v) ? v : p / (p + 2.0f);
}
}  // namespace

void mish_forward(const float* x, float* y, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] = times_vanishing(x[i], tanh_softplus(x[i]));
}

void mish_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float t = tanh_softplus(v);
        // d/dv [v tanh(sp(v))] = tanh(sp) + v * (1 - tanh(sp)^2) * sigmoid(v)
        dx[i] = dy[i] * (t + times_vanishing(v, (1.0f - t * t) * sigmoid_of(v)));
    }
}

}  // namespace scalar
}  // namespace relu_lab
