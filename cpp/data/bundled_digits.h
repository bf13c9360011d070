// The digits that ship with the page (web/data/digits/, made by
// build-scripts/make-digits.sh from OpenCV's sample digits.png; see PROVENANCE.md there):
// 5000 images 28x28, 500 per class, stored in class order (images 500k .. 500k+499 are
// digit k), and within a class in the source's order: five rows of 100 cells.
#pragma once

#include <cstddef>
#include <string>

#include "data/image_dataset.h"
#include "util/learner_error.h"

namespace relu_lab {

constexpr std::size_t bundled_digits_count = 5000;
constexpr std::size_t bundled_digits_per_class = 500;
constexpr std::size_t bundled_digits_train_per_class = 400;
constexpr std::size_t bundled_digits_test_per_class = 100;

struct dataset_split {
    bool ok = false;
    std::string error;  // when `all` is not the bundled set (wrong count, size or label order)
    std::string code;   // digits.not_bundled_shape, digits.not_bundled_labels (util/learner_error.h)
    error_params params;
    image_dataset train;  // 4000 images, 400 per class, class order
    image_dataset test;   // 1000 images, 100 per class, class order
};

// The fixed train/test split of the bundled digits (which images go where: see the .cpp).
dataset_split split_bundled_digits(const image_dataset& all);

}  // namespace relu_lab
