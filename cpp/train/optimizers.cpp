#include "train/optimizers.h"

#include <cmath>

namespace relu_lab {

namespace {

// The four arrays never overlap; saying so lets clang vectorize the loop (f32x4 sqrt and
// div) without run-time overlap checks, which it gives up on when v's offset from m is a
// variable (a slice of a tensor).
void adam_loop(float* __restrict params, const float* __restrict grads, float* __restrict m, float* __restrict v,
               std::size_t count, float decay, float b1, float b2, float step_size, float inverse_sqrt_correction2,
               float epsilon) {
    for (std::size_t i = 0; i < count; ++i) {
        const float g = grads[i] + decay * params[i];
        m[i] = b1 * m[i] + (1.0f - b1) * g;
        v[i] = b2 * v[i] + (1.0f - b2) * g * g;
        params[i] -= step_size * m[i] / (std::sqrt(v[i]) * inverse_sqrt_correction2 + epsilon);
    }
}

}  // namespace

std::size_t optimizer_state_floats(optimizer_kind kind) {
    switch (kind) {
        case optimizer_kind::sgd: return 0;
        case optimizer_kind::momentum: return 1;
        case optimizer_kind::adam: return 2;
    }
    return 0;
}

void optimizer_update(const optimizer_config& config, float learning_rate, std::uint64_t step, bool weight_decay,
                      float* params, const float* grads, float* state, std::size_t count) {
    optimizer_update(config, learning_rate, step, weight_decay, params, grads, state, count, count);
}

void optimizer_update(const optimizer_config& config, float learning_rate, std::uint64_t step, bool weight_decay,
                      float* params, const float* grads, float* state, std::size_t count, std::size_t state_stride) {
    const float decay = weight_decay ? config.weight_decay : 0.0f;
    switch (config.kind) {
        case optimizer_kind::sgd:
            for (std::size_t i = 0; i < count; ++i) { params[i] -= learning_rate * (grads[i] + decay * params[i]); }
            return;
        case optimizer_kind::momentum: {
            float* velocity = state;
            for (std::size_t i = 0; i < count; ++i) {
                const float g = grads[i] + decay * params[i];
                velocity[i] = config.momentum * velocity[i] - learning_rate * g;
                params[i] += velocity[i];
            }
            return;
        }
        case optimizer_kind::adam: {
            float* m = state;
            float* v = state + state_stride;
            const double t = static_cast<double>(step);
            const float correction1 = static_cast<float>(1.0 - std::pow(double(config.beta1), t));
            const float correction2 = static_cast<float>(1.0 - std::pow(double(config.beta2), t));
            const float b1 = config.beta1, b2 = config.beta2;
            // m_hat / (sqrt(v_hat) + eps) with the corrections taken out of the loop, as
            // PyTorch does: lr / correction1 and 1 / sqrt(correction2) once per step, so
            // each parameter costs one division and one square root, not three divisions
            // (1.25 -> 0.90 ms per step over seed-keras' 1.39 M parameters, wasm in Node).
            const float step_size = learning_rate / correction1;
            const float inverse_sqrt_correction2 = static_cast<float>(1.0 / std::sqrt(double(correction2)));
            adam_loop(params, grads, m, v, count, decay, b1, b2, step_size, inverse_sqrt_correction2, config.epsilon);
            return;
        }
    }
}

}  // namespace relu_lab
