#include "data/bundled_digits.h"

#include <vector>

#include "util/learner_error.h"

namespace relu_lab {

// Which images are held out: in digits.png each class fills five rows of 100 cells,
// and the bundled set keeps that order, so within class k the images
// 500k + 100j .. 500k + 100j + 99 are the source's row j of that class. The test set
// is row 4 (the last) of every class, the train set rows 0-3. A whole source row rather
// than every fifth image, because neighbouring cells may share a writer or a scanning
// batch (the sample does not document how its rows were picked), and a held-out row
// is then the harder and more honest test. Fixed, not random, so every learner's test
// accuracy means the same thing.
dataset_split split_bundled_digits(const image_dataset& all) {
    dataset_split split;
    if (!image_dataset_is_consistent(all) || all.count != bundled_digits_count || all.rows != 28 || all.cols != 28) {
        set_error(split, make_error("digits.not_bundled_shape"));
        return split;
    }
    for (std::size_t i = 0; i < all.count; ++i) {
        if (all.labels[i] != i / bundled_digits_per_class) {
            set_error(split, make_error("digits.not_bundled_labels"));
            return split;
        }
    }
    std::vector<std::size_t> train_indices, test_indices;
    train_indices.reserve(image_class_count * bundled_digits_train_per_class);
    test_indices.reserve(image_class_count * bundled_digits_test_per_class);
    for (std::size_t i = 0; i < all.count; ++i) {
        const std::size_t within_class = i % bundled_digits_per_class;
        (within_class < bundled_digits_train_per_class ? train_indices : test_indices).push_back(i);
    }
    split.train = image_dataset_subset(all, train_indices);
    split.test = image_dataset_subset(all, test_indices);
    split.ok = true;
    return split;
}

}  // namespace relu_lab
