// Data augmentation for training: each image moved by a few pixels and turned by a
// small angle, so the network sees digits a little off-centre or slanted, as drawn
// digits often are. Random draws come from relu_lab::rng, so a seed gives the same
// augmented images natively and in the browser.
#pragma once

#include <cstddef>

#include "util/rng.h"

namespace relu_lab {

struct augment_options {
    float max_shift_px = 2.0f;       // shift drawn uniformly in [-max, max] per axis
    float max_rotation_deg = 10.0f;  // angle drawn uniformly in [-max, max]
};

// One image [rows, cols] floats -> dst [rows, cols] (dst must not alias src).
// The content is rotated by rotation_deg (counter-clockwise as seen on screen) about the
// image centre, then moved down by shift_rows and right by shift_cols pixels.
// Bilinear sampling; outside the source counts as background 0. Zero shift and
// zero rotation copy the image exactly.
void transform_image(const float* src, float* dst, std::size_t rows, std::size_t cols, float shift_rows,
                     float shift_cols, float rotation_deg);

// count images [count, rows, cols] -> dst, each with its own random shift and angle
// drawn from `random` in image order (three draws per image: rows shift, cols shift, angle).
void augment_images(const float* src, float* dst, std::size_t count, std::size_t rows, std::size_t cols,
                    const augment_options& options, rng& random);

}  // namespace relu_lab
