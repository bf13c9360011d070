// The IDX format of MNIST and Fashion-MNIST, read strictly from uncompressed bytes
// (the page inflates .gz files with DecompressionStream first; natively gzip_file.h).
//
// Layout (all integers big-endian):
//   bytes 0-1  zero
//   byte  2    element type, 0x08 = unsigned byte (the only type we accept)
//   byte  3    number of dimensions: 3 for images [count, rows, cols], 1 for labels [count]
//   then one uint32 per dimension, then the elements, row-major.
// So images start with the magic 0x00000803 and labels with 0x00000801.
//
// A file a learner picks can be anything, so nothing here asserts or throws: every
// problem comes back as `ok == false` with a sentence saying what is wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/image_dataset.h"
#include "util/learner_error.h"

namespace relu_lab {

// Sanity limits: far above MNIST (60000 x 28 x 28), far below what would exhaust memory
// by accident. The byte total is capped too, so rows * cols * count cannot overflow.
constexpr std::size_t idx_max_side = 1024;
constexpr std::size_t idx_max_count = 10000000;
constexpr std::size_t idx_max_image_bytes = std::size_t(1) << 30;  // 1 GiB of pixels

struct idx_images_result {
    bool ok = false;
    std::string error;  // empty when ok; else the English sentence of `code`
    std::string code;   // "idx.images.*" (util/learner_error.h)
    error_params params;
    std::size_t count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;  // [count, rows, cols]
};

struct idx_labels_result {
    bool ok = false;
    std::string error, code;
    error_params params;
    std::size_t count = 0;
    std::vector<std::uint8_t> labels;  // [count], each 0..9
};

struct idx_dataset_result {
    bool ok = false;
    std::string error, code;
    error_params params;
    image_dataset dataset;
};

idx_images_result read_idx_images(const std::uint8_t* bytes, std::size_t size_bytes);
idx_labels_result read_idx_labels(const std::uint8_t* bytes, std::size_t size_bytes);

// Both files, checked against each other (same count).
idx_dataset_result read_idx_dataset(const std::uint8_t* image_bytes, std::size_t image_size_bytes,
                                    const std::uint8_t* label_bytes, std::size_t label_size_bytes);

// Every check of read_idx_dataset without copying the elements: the dataset comes back
// with count, rows and cols and empty buffers. Its pixels are the image file's bytes from
// idx_images_header_bytes on, its labels the label file's from idx_labels_header_bytes on.
// The page keeps its own copy of the files, so a learner's dataset is not held twice.
constexpr std::size_t idx_images_header_bytes = 16;  // magic and 3 dimensions
constexpr std::size_t idx_labels_header_bytes = 8;   // magic and 1 dimension
idx_dataset_result check_idx_dataset(const std::uint8_t* image_bytes, std::size_t image_size_bytes,
                                     const std::uint8_t* label_bytes, std::size_t label_size_bytes);

// Writers (for the bundled asset and for tests). A dataset the readers would refuse
// (inconsistent buffers, no images, sides or count past the limits) gives an empty
// vector, which the readers reject too.
std::vector<std::uint8_t> write_idx_images(const image_dataset& dataset);
std::vector<std::uint8_t> write_idx_labels(const image_dataset& dataset);

}  // namespace relu_lab
