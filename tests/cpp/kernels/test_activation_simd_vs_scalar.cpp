// SIMD against the scalar reference for every length 0..33, in place and out of
// place, with guard cells to catch writes past n (XNNPACK's vunary tester pattern).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "support/activation_reference.h"
#include "support/kernel_paths.h"

using namespace relu_lab;
using namespace relu_lab::test;

#if defined(RELU_LAB_SIMD)

namespace {

constexpr float guard_value = 12345.0f;

bool same_bits_or_both_nan(float a, float b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::memcmp(&a, &b, sizeof a) == 0;
}

bool agree(activation_kind kind, float simd_value, float scalar_value) {
    if (is_piecewise_linear(kind)) return same_bits_or_both_nan(simd_value, scalar_value);
    if (std::isnan(scalar_value) || std::isinf(scalar_value)) return same_bits_or_both_nan(simd_value, scalar_value);
    // Both are within the tolerance of the exact value, so of each other within twice it.
    return std::fabs(simd_value - scalar_value) <=
           2.0f * (kernel_abs_tolerance + kernel_rel_tolerance * std::fabs(scalar_value));
}

std::vector<float> inputs_of_length(std::size_t n, unsigned long long seed) {
    test_rng rng{seed};
    std::vector<float> x(n);
    const float specials[] = {0.0f, -0.0f, 6.0f, 1e-40f, -1000.0f, NAN, INFINITY, -INFINITY};
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = (rng.below(5) == 0) ? specials[rng.below(8)] : rng.uniform(-10.0f, 10.0f);
    }
    return x;
}

}  // namespace

TEST_CASE("simd equals scalar for n = 0..33, out of place and in place") {
    const kernel_path scalar_path = RELU_LAB_KERNEL_PATH(scalar);
    const kernel_path simd_path = RELU_LAB_KERNEL_PATH(simd);
    const unsigned long long seed = 20261123;
    MESSAGE("input seed ", seed);
    for (std::size_t kind_index = 0; kind_index < activation_kind_count; ++kind_index) {
        const activation_info& info = activation_info_of(static_cast<activation_kind>(kind_index));
        const float param = info.default_param;
        for (std::size_t n = 0; n <= 33; ++n) {
            CAPTURE(info.name);
            CAPTURE(n);
            const std::vector<float> x = inputs_of_length(n, seed + n);
            std::vector<float> dy = inputs_of_length(n, seed + 1000 + n);
            for (float& g : dy) g = std::isfinite(g) ? g : 0.5f;

            std::vector<float> y_scalar(n + 4, guard_value), y_simd(n + 4, guard_value);
            std::vector<float> dx_scalar(n + 4, guard_value), dx_simd(n + 4, guard_value);
            scalar_path.forward[kind_index](x.data(), y_scalar.data(), n, param);
            simd_path.forward[kind_index](x.data(), y_simd.data(), n, param);
            scalar_path.backward[kind_index](x.data(), dy.data(), dx_scalar.data(), n, param);
            simd_path.backward[kind_index](x.data(), dy.data(), dx_simd.data(), n, param);
            for (std::size_t i = 0; i < n; ++i) {
                INFO("x[", i, "] = ", x[i], ": simd ", y_simd[i], " / ", dx_simd[i], ", scalar ", y_scalar[i], " / ",
                     dx_scalar[i]);
                CHECK(agree(info.kind, y_simd[i], y_scalar[i]));
                CHECK(agree(info.kind, dx_simd[i], dx_scalar[i]));
            }
            for (std::size_t i = n; i < n + 4; ++i) {
                CHECK(y_simd[i] == guard_value);
                CHECK(dx_simd[i] == guard_value);
            }

            // In place: y over x, and dx over dy; the same bits as out of place.
            std::vector<float> in_place = x;
            simd_path.forward[kind_index](in_place.data(), in_place.data(), n, param);
            for (std::size_t i = 0; i < n; ++i) CHECK(same_bits_or_both_nan(in_place[i], y_simd[i]));
            std::vector<float> grad_in_place = dy;
            simd_path.backward[kind_index](x.data(), grad_in_place.data(), grad_in_place.data(), n, param);
            for (std::size_t i = 0; i < n; ++i) CHECK(same_bits_or_both_nan(grad_in_place[i], dx_simd[i]));
        }
    }
}

#else

TEST_CASE("scalar build: the kernels namespace is the scalar path") {
    CHECK(std::string(kernel_build_name()) == "scalar");
}

#endif
