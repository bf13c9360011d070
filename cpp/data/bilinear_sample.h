// Reading an image between its pixels: the one sampling rule every augmentation uses
// (transform_image in data/augment.h, elastic_distort_image in data/elastic_distortion.h),
// so shifted, rotated and distorted digits blur and meet the border alike.
#pragma once

#include <cmath>
#include <cstddef>

namespace relu_lab {

// Pixel (r, c) of src [rows, cols], or background 0 outside the image.
inline float pixel_or_background(const float* src, std::size_t rows, std::size_t cols, long r, long c) {
    if (r < 0 || c < 0 || r >= static_cast<long>(rows) || c >= static_cast<long>(cols)) return 0.0f;
    return src[static_cast<std::size_t>(r) * cols + static_cast<std::size_t>(c)];
}

// src [rows, cols] at the point (source_r, source_c) in pixel indices (pixel (r, c)'s
// centre is the point (r, c)): bilinear between the four pixels around it, background 0
// outside. A point exactly on a pixel centre gives that pixel's value exactly.
inline float bilinear_sample(const float* src, std::size_t rows, std::size_t cols, double source_r, double source_c) {
    const double floor_r = std::floor(source_r), floor_c = std::floor(source_c);
    const float frac_r = static_cast<float>(source_r - floor_r);
    const float frac_c = static_cast<float>(source_c - floor_c);
    const long r0 = static_cast<long>(floor_r), c0 = static_cast<long>(floor_c);
    const float top = (1.0f - frac_c) * pixel_or_background(src, rows, cols, r0, c0) +
                      frac_c * pixel_or_background(src, rows, cols, r0, c0 + 1);
    const float bottom = (1.0f - frac_c) * pixel_or_background(src, rows, cols, r0 + 1, c0) +
                         frac_c * pixel_or_background(src, rows, cols, r0 + 1, c0 + 1);
    return (1.0f - frac_r) * top + frac_r * bottom;
}

}  // namespace relu_lab
