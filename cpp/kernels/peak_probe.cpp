// The peak probes of peak_probe.h. This file is compiled without auto-vectorisation
// (cpp/CMakeLists.txt), so the scalar probe stays scalar in the SIMD build too.
#include "kernels/peak_probe.h"

#if defined(RELU_LAB_SIMD)
#include "kernels/simd_ops.h"
#endif

namespace relu_lab {

namespace {
// Opaque to the compiler, so p * 1 is not folded away.
volatile float probe_factor = 1.0f;
}  // namespace

float scalar_peak_probe(std::size_t iterations) {
    const float factor = probe_factor;
    float p[peak_probe_chains], s[peak_probe_chains];
    for (std::size_t j = 0; j < peak_probe_chains; ++j) {
        p[j] = static_cast<float>(j + 1);
        s[j] = 0.0f;
    }
    for (std::size_t i = 0; i < iterations; ++i) {
        for (std::size_t j = 0; j < peak_probe_chains; ++j) {
            p[j] *= factor;
            s[j] += p[j];
        }
    }
    float total = 0.0f;
    for (std::size_t j = 0; j < peak_probe_chains; ++j) total += p[j] + s[j];
    return total;
}

#if defined(RELU_LAB_SIMD)
float simd_peak_probe(std::size_t iterations) {
    using namespace simd_ops;
    const vf factor = splat(probe_factor);
    vf p[peak_probe_chains], s[peak_probe_chains];
    for (std::size_t j = 0; j < peak_probe_chains; ++j) {
        p[j] = splat(static_cast<float>(j + 1));
        s[j] = splat(0.0f);
    }
    for (std::size_t i = 0; i < iterations; ++i) {
        for (std::size_t j = 0; j < peak_probe_chains; ++j) {
            p[j] = mul(p[j], factor);
            s[j] = add(s[j], p[j]);
        }
    }
    vf total = splat(0.0f);
    for (std::size_t j = 0; j < peak_probe_chains; ++j) total = add(total, add(p[j], s[j]));
    return wasm_f32x4_extract_lane(total, 0) + wasm_f32x4_extract_lane(total, 1) + wasm_f32x4_extract_lane(total, 2) +
           wasm_f32x4_extract_lane(total, 3);
}
#endif

#if defined(RELU_LAB_RELAXED_SIMD)
float relaxed_peak_probe(std::size_t iterations) {
    using namespace simd_ops;
    const vf factor = splat(probe_factor);
    const vf addend = splat(1.0f / 1024.0f);  // exact; the sums stay far from overflow
    vf s[relaxed_peak_probe_chains];
    for (std::size_t j = 0; j < relaxed_peak_probe_chains; ++j) s[j] = splat(static_cast<float>(j + 1));
    for (std::size_t i = 0; i < iterations; ++i)
        for (std::size_t j = 0; j < relaxed_peak_probe_chains; ++j) s[j] = multiply_add(s[j], factor, addend);
    vf total = splat(0.0f);
    for (std::size_t j = 0; j < relaxed_peak_probe_chains; ++j) total = add(total, s[j]);
    return wasm_f32x4_extract_lane(total, 0) + wasm_f32x4_extract_lane(total, 1) + wasm_f32x4_extract_lane(total, 2) +
           wasm_f32x4_extract_lane(total, 3);
}
#endif

}  // namespace relu_lab
