#include "data/image_dataset.h"

#include <cmath>

namespace relu_lab {

bool image_dataset_is_consistent(const image_dataset& dataset) {
    const std::size_t per_image = image_pixel_count(dataset);
    if (dataset.rows != 0 && per_image / dataset.rows != dataset.cols) return false;
    if (per_image != 0 && dataset.count > dataset.pixels.max_size() / per_image) return false;
    if (dataset.pixels.size() != dataset.count * per_image) return false;
    if (dataset.labels.size() != dataset.count) return false;
    for (std::uint8_t label : dataset.labels) {
        if (label >= image_class_count) return false;
    }
    return true;
}

image_dataset image_dataset_subset(const image_dataset& dataset, const std::vector<std::size_t>& indices) {
    image_dataset subset;
    subset.rows = dataset.rows;
    subset.cols = dataset.cols;
    const std::size_t per_image = image_pixel_count(dataset);
    subset.pixels.reserve(indices.size() * per_image);
    subset.labels.reserve(indices.size());
    for (std::size_t index : indices) {
        if (index >= dataset.count || index >= dataset.labels.size() ||
            (index + 1) * per_image > dataset.pixels.size()) {
            continue;
        }
        const std::uint8_t* image = dataset.pixels.data() + index * per_image;
        subset.pixels.insert(subset.pixels.end(), image, image + per_image);
        subset.labels.push_back(dataset.labels[index]);
        ++subset.count;
    }
    return subset;
}

std::array<std::size_t, image_class_count> image_dataset_class_counts(const image_dataset& dataset) {
    std::array<std::size_t, image_class_count> counts{};
    for (std::uint8_t label : dataset.labels) {
        if (label < image_class_count) ++counts[label];
    }
    return counts;
}

void image_dataset_image_to_float(const image_dataset& dataset, std::size_t index, float* out) {
    const std::size_t per_image = image_pixel_count(dataset);
    const std::uint8_t* image = dataset.pixels.data() + index * per_image;
    for (std::size_t i = 0; i < per_image; ++i) out[i] = image[i] / 255.0f;  // division keeps 255 -> exactly 1
}

void float_image_to_bytes(const float* image, std::size_t n, std::uint8_t* out) {
    for (std::size_t i = 0; i < n; ++i) {
        const float scaled = image[i] * 255.0f;
        // NaN and negatives become background.
        if (!(scaled > 0.0f)) {
            out[i] = 0;
        } else if (scaled >= 255.0f) {
            out[i] = 255;
        } else {
            out[i] = static_cast<std::uint8_t>(std::lround(scaled));
        }
    }
}

}  // namespace relu_lab
