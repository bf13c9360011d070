#include "data/digit_normalize.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "util/learner_error.h"

namespace relu_lab {

namespace {

float ink_at(const float* src, std::size_t index) {
    const float v = src[index];
    if (!(v > 0.0f)) return 0.0f;  // NaN and negatives are background
    return v < 1.0f ? v : 1.0f;
}

struct axis_tap {
    std::size_t source;  // index along the axis, relative to the box
    float weight;
};

// For each output index along one axis, which source indices feed it and how much
// (weights sum to 1). Shrinking: the share of the output pixel's footprint, in source
// pixels, that each source pixel covers (area averaging, so thin strokes survive).
// Same size or enlarging: bilinear between the two source pixels nearest to the output
// pixel's centre, edges held.
std::vector<std::vector<axis_tap>> axis_taps(std::size_t source_n, std::size_t output_n) {
    std::vector<std::vector<axis_tap>> taps(output_n);
    const double source_per_output = static_cast<double>(source_n) / static_cast<double>(output_n);
    for (std::size_t o = 0; o < output_n; ++o) {
        if (output_n < source_n) {
            const double begin = o * source_per_output;
            const double end = (o + 1) * source_per_output;
            for (std::size_t s = static_cast<std::size_t>(begin); s < source_n && s < end; ++s) {
                const double overlap = std::min(end, s + 1.0) - std::max(begin, static_cast<double>(s));
                if (overlap > 0.0) taps[o].push_back({s, static_cast<float>(overlap / source_per_output)});
            }
        } else {
            double x = (o + 0.5) * source_per_output - 0.5;
            x = std::min(std::max(x, 0.0), static_cast<double>(source_n - 1));
            const std::size_t s0 = static_cast<std::size_t>(x);
            const double frac = x - s0;
            if (frac > 0.0 && s0 + 1 < source_n) {
                taps[o].push_back({s0, static_cast<float>(1.0 - frac)});
                taps[o].push_back({s0 + 1, static_cast<float>(frac)});
            } else {
                taps[o].push_back({s0, 1.0f});
            }
        }
    }
    return taps;
}

}  // namespace

digit_normalization normalize_digit(const float* src, std::size_t rows, std::size_t cols, float* dst,
                                    float* scaled_dst) {
    digit_normalization info;
    std::fill(dst, dst + digit_side * digit_side, 0.0f);
    if (scaled_dst != nullptr) std::fill(scaled_dst, scaled_dst + digit_box_side * digit_box_side, 0.0f);

    // Step 1: bounding box of the pixels above the ink threshold.
    std::size_t top = rows, bottom = 0, left = cols, right = 0;  // bottom, right exclusive
    if (src != nullptr) {
        for (std::size_t r = 0; r < rows; ++r) {
            for (std::size_t c = 0; c < cols; ++c) {
                if (ink_at(src, r * cols + c) > digit_ink_threshold) {
                    top = std::min(top, r);
                    bottom = std::max(bottom, r + 1);
                    left = std::min(left, c);
                    right = std::max(right, c + 1);
                }
            }
        }
    }
    if (bottom == 0) {
        set_error(info, make_error("digit.nothing_drawn"));
        return info;
    }
    info.box_top = top;
    info.box_left = left;
    info.box_rows = bottom - top;
    info.box_cols = right - left;

    // Step 2: longer side to 20 px, the shorter side in proportion (at least 1 px).
    const std::size_t longer = std::max(info.box_rows, info.box_cols);
    info.scale = static_cast<float>(digit_box_side) / static_cast<float>(longer);
    const auto scaled_side = [&](std::size_t side) {
        if (side == longer) return digit_box_side;
        const long rounded = std::lround(static_cast<double>(side) * digit_box_side / longer);
        return static_cast<std::size_t>(std::max(rounded, 1L));
    };
    info.scaled_rows = scaled_side(info.box_rows);
    info.scaled_cols = scaled_side(info.box_cols);

    // Separable resampling: first along rows ([scaled_rows, box_cols]), then along cols.
    const std::vector<std::vector<axis_tap>> row_taps = axis_taps(info.box_rows, info.scaled_rows);
    const std::vector<std::vector<axis_tap>> col_taps = axis_taps(info.box_cols, info.scaled_cols);
    std::vector<float> rows_done(info.scaled_rows * info.box_cols, 0.0f);  // [scaled_rows, box_cols]
    for (std::size_t o = 0; o < info.scaled_rows; ++o) {
        for (const axis_tap& tap : row_taps[o]) {
            const std::size_t source_row = (top + tap.source) * cols + left;
            for (std::size_t c = 0; c < info.box_cols; ++c) {
                rows_done[o * info.box_cols + c] += tap.weight * ink_at(src, source_row + c);
            }
        }
    }
    std::vector<float> scaled(info.scaled_rows * info.scaled_cols, 0.0f);  // [scaled_rows, scaled_cols]
    for (std::size_t r = 0; r < info.scaled_rows; ++r) {
        for (std::size_t o = 0; o < info.scaled_cols; ++o) {
            float sum = 0.0f;
            for (const axis_tap& tap : col_taps[o]) sum += tap.weight * rows_done[r * info.box_cols + tap.source];
            scaled[r * info.scaled_cols + o] = std::min(sum, 1.0f);  // rounding can overshoot 1 by an ulp
        }
    }

    if (scaled_dst != nullptr) {
        for (std::size_t r = 0; r < info.scaled_rows; ++r) {
            std::copy(scaled.begin() + r * info.scaled_cols, scaled.begin() + (r + 1) * info.scaled_cols,
                      scaled_dst + r * digit_box_side);
        }
    }

    // Step 3: centre of mass of the scaled image, pixel centres at (r + 0.5, c + 0.5).
    double mass = 0.0, mass_r = 0.0, mass_c = 0.0;
    for (std::size_t r = 0; r < info.scaled_rows; ++r) {
        for (std::size_t c = 0; c < info.scaled_cols; ++c) {
            const double v = scaled[r * info.scaled_cols + c];
            mass += v;
            mass_r += v * (r + 0.5);
            mass_c += v * (c + 0.5);
        }
    }
    // mass > 0: every output pixel averages box pixels, at least one of which is ink.
    info.mass_row = static_cast<float>(mass_r / mass);
    info.mass_col = static_cast<float>(mass_c / mass);

    // Step 4: whole-pixel offset that brings the centre of mass nearest to (14, 14).
    const double centre = digit_side / 2.0;
    info.offset_row = static_cast<int>(std::floor(centre - mass_r / mass + 0.5));
    info.offset_col = static_cast<int>(std::floor(centre - mass_c / mass + 0.5));
    double kept = 0.0, kept_r = 0.0, kept_c = 0.0;
    const long side = static_cast<long>(digit_side);
    for (std::size_t r = 0; r < info.scaled_rows; ++r) {
        const long out_r = static_cast<long>(r) + info.offset_row;
        if (out_r < 0 || out_r >= side) continue;
        for (std::size_t c = 0; c < info.scaled_cols; ++c) {
            const long out_c = static_cast<long>(c) + info.offset_col;
            if (out_c < 0 || out_c >= side) continue;
            const float v = scaled[r * info.scaled_cols + c];
            dst[out_r * digit_side + out_c] = v;
            kept += v;
            kept_r += v * (out_r + 0.5);
            kept_c += v * (out_c + 0.5);
        }
    }
    info.ink_lost_fraction = static_cast<float>(1.0 - kept / mass);
    if (info.ink_lost_fraction < 0.0f) info.ink_lost_fraction = 0.0f;
    if (kept > 0.0) {
        info.output_mass_row = static_cast<float>(kept_r / kept);
        info.output_mass_col = static_cast<float>(kept_c / kept);
    }
    info.ok = true;
    return info;
}

}  // namespace relu_lab
