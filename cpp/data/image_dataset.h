// A set of small grayscale images with a class label each: what the IDX reader
// returns, what the bundled digits are, and what the trainer takes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace relu_lab {

constexpr std::size_t image_class_count = 10;

struct image_dataset {
    std::size_t count = 0, rows = 28, cols = 28;
    std::vector<std::uint8_t> pixels;  // [count, rows, cols], 0 background, 255 ink (MNIST convention)
    std::vector<std::uint8_t> labels;  // [count], class 0..9
};

// rows * cols: the stride from one image to the next in `pixels`.
inline std::size_t image_pixel_count(const image_dataset& dataset) { return dataset.rows * dataset.cols; }

// True when the buffers have the sizes the header promises and every label is 0..9.
bool image_dataset_is_consistent(const image_dataset& dataset);

// The images at `indices`, in that order (indices must be < dataset.count; out-of-range
// indices are skipped so a bad call cannot read past the buffers).
image_dataset image_dataset_subset(const image_dataset& dataset, const std::vector<std::size_t>& indices);

// How many images carry each label.
std::array<std::size_t, image_class_count> image_dataset_class_counts(const image_dataset& dataset);

// Image `index` as floats in [0, 1] (pixel / 255), written to out[rows * cols].
void image_dataset_image_to_float(const image_dataset& dataset, std::size_t index, float* out);

// A float image in [0, 1] to bytes 0..255 (rounded, clamped), n values.
void float_image_to_bytes(const float* image, std::size_t n, std::uint8_t* out);

}  // namespace relu_lab
