// WebAssembly SIMD twins of activations_scalar.cpp: same signatures, same policy
// (activations.h), four lanes at a time through simd_ops.h.
#include "kernels/activations.h"
#include "kernels/simd_ops.h"

#include <algorithm>

namespace relu_lab::simd {

using namespace simd_ops;

namespace {

constexpr float inv_sqrt2 = 0.70710678118654752440f;
constexpr float inv_sqrt_2pi = 0.39894228040143267794f;

vf leaky(vf v, vf slope) { return select(greater(v, splat(0.0f)), v, mul(slope, v)); }

vf leaky_grad(vf v, vf g, vf slope) { return keep_nan(v, select(greater(v, splat(0.0f)), g, mul(slope, g))); }

vf elu_like(vf v, float alpha) {
    return select(greater(v, splat(0.0f)), v, mul(splat(alpha), sub(exp_(v), splat(1.0f))));
}

vf elu_like_grad(vf v, vf g, float alpha) {
    return select(greater(v, splat(0.0f)), g, mul(g, mul(splat(alpha), exp_(v))));
}

vf normal_cdf(vf v) { return mul(splat(0.5f), erfc_(mul(v, splat(-inv_sqrt2)))); }

vf tanh_softplus(vf v) {
    const vf e = exp_(min_(v, splat(20.0f)));
    const vf p = mul(e, add(e, splat(2.0f)));
    return div(p, add(p, splat(2.0f)));
}

// Sums of four lanes, for PReLU's slope gradient.
float lane_sum(vf v) {
    return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) +
           wasm_f32x4_extract_lane(v, 3);
}

}  // namespace

void relu_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return relu_(v); });
}

void relu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) { return keep_nan(v, bit_and(g, greater(v, splat(0.0f)))); });
}

void leaky_relu_forward(const float* x, float* y, std::size_t n, float negative_slope) {
    const vf slope = splat(negative_slope);
    map_unary(x, y, n, [slope](vf v) { return leaky(v, slope); });
}

void leaky_relu_backward(const float* x, const float* dy, float* dx, std::size_t n, float negative_slope) {
    const vf slope = splat(negative_slope);
    map_binary(x, dy, dx, n, [slope](vf v, vf g) { return leaky_grad(v, g, slope); });
}

// PReLU walks the array in runs that share a slope: the whole array when there is one
// slope, runs of `inner` elements for a [batch, channels, inner] layout, or whole rows
// of `channels` elements (slopes loaded as a vector) when inner == 1.
void prelu_forward(const float* x, float* y, std::size_t n, const float* slopes, std::size_t channels,
                   std::size_t inner) {
    if (channels == 1) {
        const vf slope = splat(slopes[0]);
        map_unary(x, y, n, [slope](vf v) { return leaky(v, slope); });
        return;
    }
    if (inner == 1) {
        for (std::size_t row = 0; row < n; row += channels) {
            const std::size_t len = std::min(channels, n - row);
            std::size_t c = 0;
            for (; c + 4 <= len; c += 4) store(y + row + c, leaky(load(x + row + c), load(slopes + c)));
            for (; c < len; ++c) scalar::prelu_forward(x + row + c, y + row + c, 1, slopes + c, 1, 1);
        }
        return;
    }
    for (std::size_t begin = 0, run = 0; begin < n; begin += inner, ++run) {
        const vf slope = splat(slopes[run % channels]);
        map_unary(x + begin, y + begin, std::min(inner, n - begin), [slope](vf v) { return leaky(v, slope); });
    }
}

void prelu_backward(const float* x, const float* dy, float* dx, std::size_t n, const float* slopes,
                    std::size_t channels, std::size_t inner, float* dslopes) {
    const vf zero = splat(0.0f);
    if (channels == 1) inner = n;  // one slope: the whole array is one run
    if (inner == 1) {
        for (std::size_t row = 0; row < n; row += channels) {
            const std::size_t len = std::min(channels, n - row);
            std::size_t c = 0;
            for (; c + 4 <= len; c += 4) {
                const vf v = load(x + row + c), g = load(dy + row + c);
                const vf negative_part = select(greater(v, zero), zero, mul(g, v));
                store(dslopes + c, add(load(dslopes + c), negative_part));
                store(dx + row + c, leaky_grad(v, g, load(slopes + c)));
            }
            for (; c < len; ++c) {
                scalar::prelu_backward(x + row + c, dy + row + c, dx + row + c, 1, slopes + c, 1, 1, dslopes + c);
            }
        }
        return;
    }
    for (std::size_t begin = 0, run = 0; begin < n; begin += inner, ++run) {
        const std::size_t c = run % channels;
        const vf slope = splat(slopes[c]);
        vf negative_sum = zero;
        map_binary(x + begin, dy + begin, dx + begin, std::min(inner, n - begin),
                   [slope, zero, &negative_sum](vf v, vf g) {
                       negative_sum = add(negative_sum, select(greater(v, zero), zero, mul(g, v)));
                       return leaky_grad(v, g, slope);
                   });
        dslopes[c] += lane_sum(negative_sum);
    }
}

void elu_forward(const float* x, float* y, std::size_t n, float alpha) {
    map_unary(x, y, n, [alpha](vf v) { return elu_like(v, alpha); });
}

void elu_backward(const float* x, const float* dy, float* dx, std::size_t n, float alpha) {
    map_binary(x, dy, dx, n, [alpha](vf v, vf g) { return elu_like_grad(v, g, alpha); });
}

void sigmoid_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return sigmoid_(v); });
}

void sigmoid_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) {
        const vf s = sigmoid_(v);
        return mul(g, mul(s, sub(splat(1.0f), s)));
    });
}

void tanh_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return tanh_(v); });
}

void tanh_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) {
        const vf t = tanh_(v);
        return mul(g, sub(splat(1.0f), mul(t, t)));
    });
}

void relu6_forward(const float* x, float* y, std::size_t n) {
    // pmin(r, 6) is "6 if 6 < r else r": NaN passes through as in relu_().
    map_unary(x, y, n, [](vf v) { return wasm_f32x4_pmin(relu_(v), splat(6.0f)); });
}

void relu6_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) {
        const vf inside = bit_and(greater(v, splat(0.0f)), less(v, splat(6.0f)));
        return keep_nan(v, bit_and(g, inside));
    });
}

void selu_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return mul(splat(selu_scale), elu_like(v, selu_alpha)); });
}

void selu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) { return mul(splat(selu_scale), elu_like_grad(v, g, selu_alpha)); });
}

void gelu_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return times_vanishing(v, normal_cdf(v)); });
}

void gelu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) {
        const vf pdf = mul(splat(inv_sqrt_2pi), exp_(mul(splat(-0.5f), mul(v, v))));
        return mul(g, add(normal_cdf(v), times_vanishing(v, pdf)));
    });
}

void silu_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return times_vanishing(v, sigmoid_(v)); });
}

void silu_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) {
        const vf s = sigmoid_(v);
        return mul(g, add(s, times_vanishing(v, mul(s, sub(splat(1.0f), s)))));
    });
}

void softplus_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return add(max_(v, splat(0.0f)), log1p_unit_(exp_(neg(abs_(v))))); });
}

void softplus_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) { return mul(g, sigmoid_(v)); });
}

void mish_forward(const float* x, float* y, std::size_t n) {
    map_unary(x, y, n, [](vf v) { return times_vanishing(v, tanh_softplus(v)); });
}

void mish_backward(const float* x, const float* dy, float* dx, std::size_t n) {
    map_binary(x, dy, dx, n, [](vf v, vf g) {
        const vf t = tanh_softplus(v);
        const vf slope_part = mul(sub(splat(1.0f), mul(t, t)), sigmoid_(v));
        return mul(g, add(t, times_vanishing(v, slope_part)));
    });
}

}  // namespace relu_lab::simd
