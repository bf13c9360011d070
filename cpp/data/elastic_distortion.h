// Elastic distortions for training, after Simard, Steinkraus and Platt (2003), "Best
// practices for convolutional neural networks applied to visual document analysis",
// section 2: two random displacement fields (one down, one right), each entry uniform
// in [-1, 1], smoothed by a Gaussian and scaled, move every pixel by a different small
// amount. Neighbouring pixels move almost alike, so strokes bend and thicken or thin as
// a hand's do, where a shift or a turn moves the whole digit rigidly. Random draws come
// from relu_lab::rng and the arithmetic is fixed, so a seed gives the same distorted
// images natively and in the browser.
#pragma once

#include <cstddef>
#include <vector>

#include "util/rng.h"

namespace relu_lab {

struct elastic_options {
    // The smoothing Gaussian's standard deviation: how far apart two pixels can be and
    // still move alike. Simard et al. found 4 px right for 28x28 MNIST digits; much less
    // and the field is noise that frays the strokes, much more and it is nearly a shift.
    float sigma_px = 4.0f;
    // The smoothed field is multiplied by this to give pixels. Smoothing averages the
    // uniform [-1, 1] draws down to a standard deviation of about 0.04 (sigma 4), so 34,
    // Simard et al.'s value for MNIST, moves pixels by 1.3 px (root mean square per axis).
    // Measured on the bundled digits (MNIST-sized: a 20 px box in 28x28), it bends them
    // without making them other digits: the shipped small model, trained on shifts and
    // rotations, still reads 89.6 % of the 1,000 held-out digits distorted (97.7 % as
    // they are, 96.2 % shifted and rotated), most of those it misreads are still plain to
    // the eye, and trained with 34 the small and seed-keras presets reach the held-out
    // accuracy they reach with 16 or 24, within the 0.5 % a 1,000-digit test can resolve.
    float alpha_px = 34.0f;
};

// What one distortion works in besides the two images: the options, the Gaussian they
// give and the buffers for the two displacement fields. make_elastic_scratch allocates
// it once (the trainer in create()); elastic_distort_image then allocates nothing.
struct elastic_scratch {
    std::size_t rows = 0, cols = 0;
    elastic_options options;
    std::size_t radius = 0;         // the Gaussian's taps reach this many pixels each way
    std::vector<float> kernel;      // [2 * radius + 1], sums to 1
    std::vector<float> field_rows;  // [rows, cols] displacement down, pixels
    std::vector<float> field_cols;  // [rows, cols] displacement right, pixels
    std::vector<float> pass;        // [rows, cols] the smoothing's first (along-row) pass
};

elastic_scratch make_elastic_scratch(std::size_t rows, std::size_t cols, const elastic_options& options = {});

// The Gaussian exp(-x^2 / (2 sigma^2)) at x = -radius..radius, radius = floor(3 sigma),
// normalised to sum 1 (the taps past 3 sigma, 0.3 % of its weight, are left out).
// sigma <= 0 (or NaN) gives the single tap {1}: no smoothing.
std::vector<float> gaussian_kernel(float sigma_px);

// field [rows, cols] -> out [rows, cols] convolved with kernel [2 * radius + 1] along each
// row, then along each column (the 2-D Gaussian is the product of two 1-D ones); the field
// counts as 0 outside the image. pass [rows, cols] holds the first pass; out may be field.
// Sums in double, in a fixed order.
void gaussian_smooth(const float* field, float* out, float* pass, std::size_t rows, std::size_t cols,
                     const float* kernel, std::size_t radius);

// One image src [rows, cols] -> dst [rows, cols] (dst must not alias src), rows and cols
// those scratch was made for: draws field_rows then field_cols from `random` (rows * cols
// uniform draws each, row by row), smooths each, scales by alpha_px, and sets dst(r, c) to
// src sampled bilinearly at (r + field_rows(r, c), c + field_cols(r, c)), background 0
// outside. alpha_px = 0 copies the image exactly (the draws are still made).
void elastic_distort_image(const float* src, float* dst, elastic_scratch& scratch, rng& random);

}  // namespace relu_lab
