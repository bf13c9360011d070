// Finite-difference gradient check, the loss evaluated in double.
//
// For a float buffer `values` and its analytic gradient, each checked element v is set
// to v + h and v - h (the float actually stored is used as the step), the loss is
// evaluated in double, and the central difference (L+ - L-) / (v+ - v-) is compared
// with the analytic value by the symmetric relative error
//     |a - n| / max(|a| + |n|, floor).
// Kinks: if the two one-sided differences disagree by more than kink_tolerance
// (relative), the step crossed a kink (a ReLU-family input changed sign, a max-pool
// argmax switched) and the point is skipped rather than scored; a test that keeps
// inputs away from kinks still checks almost every point, and counts them.
#pragma once

#include <cmath>
#include <cstddef>
#include <functional>
#include <string>

#include "util/rng.h"

namespace relu_lab::test {

struct gradient_check_result {
    double max_error = 0.0;
    std::size_t checked = 0, skipped_at_kinks = 0;
    std::size_t worst_index = 0;
    double worst_analytic = 0.0, worst_numeric = 0.0;
};

// Checks up to `max_checks` elements (all when n <= max_checks, else random ones from
// `random`). `loss` recomputes the loss from the current buffers.
inline gradient_check_result check_gradient(float* values, const float* analytic, std::size_t n,
                                            const std::function<double()>& loss, double h, std::size_t max_checks,
                                            rng& random, double floor = 1e-3, double kink_tolerance = 0.05) {
    gradient_check_result r;
    const double base = loss();
    for (std::size_t k = 0; k < (n <= max_checks ? n : max_checks); ++k) {
        const std::size_t i = n <= max_checks ? k : random.below(static_cast<std::uint32_t>(n));
        const float original = values[i];
        const float up = static_cast<float>(original + h);
        const float down = static_cast<float>(original - h);
        values[i] = up;
        const double loss_up = loss();
        values[i] = down;
        const double loss_down = loss();
        values[i] = original;
        const double numeric = (loss_up - loss_down) / (double(up) - double(down));
        const double forward_slope = (loss_up - base) / (double(up) - double(original));
        const double backward_slope = (base - loss_down) / (double(original) - double(down));
        const double spread = std::fabs(forward_slope - backward_slope);
        if (spread > kink_tolerance * std::fmax(std::fabs(forward_slope) + std::fabs(backward_slope), floor * 10)) {
            ++r.skipped_at_kinks;
            continue;
        }
        const double a = analytic[i];
        const double error = std::fabs(a - numeric) / std::fmax(std::fabs(a) + std::fabs(numeric), floor);
        ++r.checked;
        // A NaN error (a NaN analytic gradient) becomes the maximum and stays: it fails
        // every `max_error < tolerance` check instead of being skipped by the comparison.
        if (std::isnan(error) || error > r.max_error) {
            r.max_error = error;
            r.worst_index = i;
            r.worst_analytic = a;
            r.worst_numeric = numeric;
        }
    }
    return r;
}

// sum_i weights[i] * y[i] in double: a loss whose gradient with respect to y is `weights`.
inline double weighted_sum(const float* y, const float* weights, std::size_t n) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(weights[i]) * y[i];
    return s;
}

inline std::string describe(const gradient_check_result& r) {
    return "max symmetric relative error " + std::to_string(r.max_error) + " at index " +
           std::to_string(r.worst_index) + " (analytic " + std::to_string(r.worst_analytic) + ", numeric " +
           std::to_string(r.worst_numeric) + "), " + std::to_string(r.checked) + " checked, " +
           std::to_string(r.skipped_at_kinks) + " skipped at kinks";
}

}  // namespace relu_lab::test
