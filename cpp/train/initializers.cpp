#include "train/initializers.h"

#include <cmath>

namespace relu_lab {

void init_weights(float* weights, std::size_t count, std::size_t fan_in, std::size_t fan_out,
                  weight_init init, float too_large_scale, rng& random) {
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
