// MNIST-style normalisation of a digit image. The bundled digits go through it, and
// so does whatever a learner draws on the pad, so both look like what the network
// was trained on.
//
// What MNIST did (LeCun, Cortes, Burges, "The MNIST database"): each NIST digit was
// size-normalised to fit a 20x20 box keeping its aspect ratio (anti-aliased, hence
// grey levels), then placed in a 28x28 image so that its centre of mass sits at the
// centre. The steps here:
//   1. bounding box of the ink: pixels with value > digit_ink_threshold;
//   2. scale the box so its longer side is 20 px, aspect ratio kept. Shrinking averages
//      the source area under each output pixel (drawings come from large canvases, and
//      point sampling would drop thin strokes); enlarging interpolates bilinearly;
//   3. centre of mass of the scaled image (pixel values as mass);
//   4. paste it into 28x28 shifted by whole pixels so that the centre of mass lands
//      as close as possible to the centre (14, 14). Whole pixels, like MNIST's
//      translation, so step 4 adds no blur.
//
// Coordinates: pixel (r, c) covers [r, r+1) x [c, c+1), so its centre is (r + 0.5,
// c + 0.5) and the centre of a 28x28 image is (14, 14).
#pragma once

#include <cstddef>
#include <string>

#include "util/learner_error.h"

namespace relu_lab {

constexpr std::size_t digit_side = 28;      // output image is digit_side x digit_side
constexpr std::size_t digit_box_side = 20;  // the longer side of the scaled digit
// Input is float, ink high, 0 (background) to 1 (full ink). A pixel belongs to the
// bounding box when its value exceeds this threshold: faint anti-aliasing and stray
// specks on a canvas do not stretch the box, while any real stroke does.
constexpr float digit_ink_threshold = 0.1f;

struct digit_normalization {
    bool ok = false;
    std::string error;  // "nothing drawn" when no pixel exceeds the threshold
    std::string code;   // digit.nothing_drawn (util/learner_error.h)
    error_params params;

    // Step 1: the ink's bounding box in the source: rows [box_top, box_top + box_rows),
    // cols [box_left, box_left + box_cols).
    std::size_t box_top = 0, box_left = 0, box_rows = 0, box_cols = 0;

    // Step 2: the box after scaling; the longer side is digit_box_side.
    std::size_t scaled_rows = 0, scaled_cols = 0;
    float scale = 0.0f;  // scaled px per source px along the longer side

    // Step 3: centre of mass of the scaled image, in its own coordinates.
    float mass_row = 0.0f, mass_col = 0.0f;

    // Step 4: where the scaled image's top-left pixel lands in the 28x28 output
    // (may be negative or push the image past the edge for a very lopsided digit;
    // the part outside is cut off and counted in ink_lost_fraction).
    int offset_row = 0, offset_col = 0;
    float ink_lost_fraction = 0.0f;  // share of the scaled image's ink cut off by the frame

    // The result: centre of mass of the 28x28 output (within 0.5 px of (14, 14)
    // unless ink was cut off).
    float output_mass_row = 0.0f, output_mass_col = 0.0f;
};

// src: [rows, cols] floats, ink high, 0..1 (values outside are clamped to 0..1, NaN is 0).
// dst: [28, 28] floats 0..1, written in full (zeros when nothing was drawn).
// scaled_dst (optional, for showing step 2): [20, 20] floats, written in full: the scaled
// digit in its top-left [scaled_rows, scaled_cols] corner (row stride 20), zeros elsewhere.
// Any rows, cols >= 0 work; a null src with rows * cols == 0 is "nothing drawn".
digit_normalization normalize_digit(const float* src, std::size_t rows, std::size_t cols, float* dst,
                                    float* scaled_dst = nullptr);

}  // namespace relu_lab
