// Forward against the long-double reference on a grid with every special finite value,
// backward against central differences away from kinks: both paths of this build.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "support/activation_reference.h"
#include "support/kernel_paths.h"

using namespace relu_lab;
using namespace relu_lab::test;

namespace {

std::vector<float> reference_grid() {
    std::vector<float> grid;
    for (int i = -12 * 64; i <= 12 * 64; ++i) grid.push_back(static_cast<float>(i) / 64.0f);
    const float specials[] = {0.0f,  1e-40f, 1e-30f, 1e-7f, 1e-3f, 0.5f,  5.999f, 6.0f,    6.001f, 19.9f,
                              20.0f, 20.1f,  30.0f,  87.0f, 88.5f, 89.0f, 100.0f, 1000.0f, 1e30f,  FLT_MAX};
    for (float s : specials) {
        grid.push_back(s);
        grid.push_back(-s);
    }
    return grid;
}

// The parameter each kind is tested with, and a second, non-default one.
std::vector<float> params_for(const activation_info& info) {
    if (info.param_name.empty()) return {0.0f};
    return {info.default_param, 0.5f * (info.min_param + info.max_param) + 0.07f};
}

}  // namespace

TEST_CASE("forward matches the long-double reference within the stated tolerance") {
    const std::vector<float> x = reference_grid();
    std::vector<float> y(x.size());
    for (const kernel_path& path : kernel_paths_in_this_build()) {
        for (std::size_t k = 0; k < activation_kind_count; ++k) {
            const activation_info& info = activation_info_of(static_cast<activation_kind>(k));
            for (float param : params_for(info)) {
                path.forward[k](x.data(), y.data(), x.size(), param);
                std::size_t failures = 0;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    const long double exact = reference_activation(info.kind, x[i], param);
                    if (!within_kernel_tolerance(y[i], exact) && failures++ < 3) {
                        INFO(path.name, " ", info.name, "(", x[i], "; ", param, ") = ", y[i], ", exact ",
                             static_cast<double>(exact));
                        CHECK(within_kernel_tolerance(y[i], exact));
                    }
                }
                CHECK_MESSAGE(failures == 0, path.name, " ", info.name, ": ", failures, " points");
            }
        }
    }
}

TEST_CASE("backward matches central differences in double away from kinks") {
    std::vector<float> x;
    for (int i = -10 * 32; i <= 10 * 32; ++i) x.push_back(static_cast<float>(i) / 32.0f + 0.0078125f);
    // A varying upstream gradient, so dx = dy * f'(x) is checked, not just f'(x).
    std::vector<float> dy(x.size()), dx(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) dy[i] = 0.5f + static_cast<float>(i % 7) * 0.25f;

    for (const kernel_path& path : kernel_paths_in_this_build()) {
        for (std::size_t k = 0; k < activation_kind_count; ++k) {
            const activation_info& info = activation_info_of(static_cast<activation_kind>(k));
            for (float param : params_for(info)) {
                path.backward[k](x.data(), dy.data(), dx.data(), x.size(), param);
                std::size_t failures = 0, checked = 0;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (near_kink(info.kind, x[i], 1e-3)) continue;
                    ++checked;
                    const double expected = dy[i] * central_difference(info.kind, x[i], param);
                    const double error = std::fabs(dx[i] - expected);
                    if (error > kernel_abs_tolerance + kernel_rel_tolerance * std::fabs(expected) && failures++ < 3) {
                        INFO(path.name, " ", info.name, "'(", x[i], "; ", param, ") * ", dy[i], " = ", dx[i],
                             ", central difference ", expected);
                        CHECK(error <= kernel_abs_tolerance + kernel_rel_tolerance * std::fabs(expected));
                    }
                }
                CHECK(checked > 600);
                CHECK_MESSAGE(failures == 0, path.name, " ", info.name, "': ", failures, " points");
            }
        }
    }
}

TEST_CASE("prelu uses one slope per channel, forward and backward, with the slope gradient") {
    // [batch 2, channels 3, inner 2]: channel of element i is (i / 2) % 3.
    const float x[12] = {-1, 2, -3, -4, 5, -6, 1, -2, -3, 4, -5, -6};
    const float slopes[3] = {0.1f, 0.2f, 0.3f};
    const float dy[12] = {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3};
    for (const kernel_path& path : kernel_paths_in_this_build()) {
        CAPTURE(path.name);
        float y[12], dx[12], dslopes[3] = {0, 0, 0};
        if (std::string(path.name) == "scalar") {
            scalar::prelu_forward(x, y, 12, slopes, 3, 2);
            scalar::prelu_backward(x, dy, dx, 12, slopes, 3, 2, dslopes);
        }
#if defined(RELU_LAB_SIMD)
        else {
            simd::prelu_forward(x, y, 12, slopes, 3, 2);
            simd::prelu_backward(x, dy, dx, 12, slopes, 3, 2, dslopes);
        }
#endif
        const float expected_y[12] = {-0.1f, 2, -0.6f, -0.8f, 5, -1.8f, 1, -0.2f, -0.6f, 4, -1.5f, -1.8f};
        const float expected_dx[12] = {0.1f, 1, 0.4f, 0.4f, 3, 0.9f, 1, 0.1f, 0.4f, 2, 0.9f, 0.9f};
        for (int i = 0; i < 12; ++i) {
            CHECK(y[i] == doctest::Approx(expected_y[i]).epsilon(1e-6));
            CHECK(dx[i] == doctest::Approx(expected_dx[i]).epsilon(1e-6));
        }
        // dslope_c = sum over x <= 0 in channel c of dy * x:
        // c0: -1*1 + (-2)*1 = -3;  c1: -3*2 + -4*2 + -3*2 = -20;  c2: -6*3 + -5*3 + -6*3 = -51
        CHECK(dslopes[0] == doctest::Approx(-3.0f));
        CHECK(dslopes[1] == doctest::Approx(-20.0f));
        CHECK(dslopes[2] == doctest::Approx(-51.0f));
    }
}

TEST_CASE("prelu with inner == 1 ([batch, channels] layout) matches the scalar path") {
    constexpr std::size_t channels = 7, batch = 5, n = channels * batch;
    test_rng rng{42};
    float x[n], dy[n], slopes[channels];
    for (float& v : x) v = rng.uniform(-3, 3);
    for (float& v : dy) v = rng.uniform(-1, 1);
    for (float& v : slopes) v = rng.uniform(0, 0.5f);
    float y_ref[n], dx_ref[n], ds_ref[channels] = {};
    scalar::prelu_forward(x, y_ref, n, slopes, channels, 1);
    scalar::prelu_backward(x, dy, dx_ref, n, slopes, channels, 1, ds_ref);
    // Hand check of one element: x[8] is channel 1.
    CHECK(y_ref[8] == (x[8] > 0 ? x[8] : slopes[1] * x[8]));
#if defined(RELU_LAB_SIMD)
    float y[n], dx[n], ds[channels] = {};
    simd::prelu_forward(x, y, n, slopes, channels, 1);
    simd::prelu_backward(x, dy, dx, n, slopes, channels, 1, ds);
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(y[i] == y_ref[i]);
        CHECK(dx[i] == dx_ref[i]);
    }
    for (std::size_t c = 0; c < channels; ++c) CHECK(ds[c] == doctest::Approx(ds_ref[c]).epsilon(1e-5));
#endif
}
