#include "train/initializers.h"

#include <cmath>

#include "kernels/activation_registry.h"

namespace relu_lab {

weight_init automatic_weight_init(std::string_view activation) {
    const activation_info* info = find_activation(activation);
    if (info == nullptr) return weight_init::glorot_uniform;
    switch (info->kind) {
        case activation_kind::relu:
        case activation_kind::leaky_relu:
        case activation_kind::prelu:
        case activation_kind::elu:
        case activation_kind::relu6: return weight_init::he_normal;
        case activation_kind::selu: return weight_init::lecun_normal;
        default: return weight_init::glorot_uniform;
    }
}

void init_weights(float* weights, std::size_t count, std::size_t fan_in, std::size_t fan_out, weight_init init,
                  float too_large_scale, rng& random) {
    const double in = static_cast<double>(fan_in);
    const double in_out = static_cast<double>(fan_in + fan_out);
    switch (init) {
        case weight_init::automatic:  // resolved by the network builder; He is the safe fallback
        case weight_init::he_normal: {
            const float stddev = static_cast<float>(std::sqrt(2.0 / in));
            for (std::size_t i = 0; i < count; ++i) weights[i] = stddev * random.normal();
            return;
        }
        case weight_init::he_uniform: {
            const float limit = static_cast<float>(std::sqrt(6.0 / in));
            for (std::size_t i = 0; i < count; ++i) weights[i] = random.uniform(-limit, limit);
            return;
        }
        case weight_init::glorot_normal: {
            const float stddev = static_cast<float>(std::sqrt(2.0 / in_out));
            for (std::size_t i = 0; i < count; ++i) weights[i] = stddev * random.normal();
            return;
        }
        case weight_init::glorot_uniform: {
            const float limit = static_cast<float>(std::sqrt(6.0 / in_out));
            for (std::size_t i = 0; i < count; ++i) weights[i] = random.uniform(-limit, limit);
            return;
        }
        case weight_init::lecun_normal: {
            const float stddev = static_cast<float>(std::sqrt(1.0 / in));
            for (std::size_t i = 0; i < count; ++i) weights[i] = stddev * random.normal();
            return;
        }
        case weight_init::zero:
            for (std::size_t i = 0; i < count; ++i) weights[i] = 0.0f;
            return;
        case weight_init::too_large: {
            const float stddev = too_large_scale * static_cast<float>(std::sqrt(2.0 / in));
            for (std::size_t i = 0; i < count; ++i) weights[i] = stddev * random.normal();
            return;
        }
    }
}

}  // namespace relu_lab
