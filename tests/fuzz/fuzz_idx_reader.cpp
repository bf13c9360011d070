// libFuzzer target: IDX images and labels files as a learner might pick them.
// The input is an images file followed by a labels file; the split point is where the
// images header says the images end (the middle when there is no readable header), so
// the seeds are real file pairs and mutations reach both readers and the pair check.
#include <cstddef>
#include <cstdint>

#include "data/bundled_digits.h"
#include "data/idx_reader.h"

using namespace relu_lab;

namespace {

std::size_t images_part_bytes(const std::uint8_t* data, std::size_t size) {
    if (size < 16 || data[0] != 0 || data[1] != 0 || data[3] != 3) return size / 2;
    const auto be32 = [&](std::size_t at) {
        return (std::uint64_t(data[at]) << 24) | (std::uint64_t(data[at + 1]) << 16) |
               (std::uint64_t(data[at + 2]) << 8) | std::uint64_t(data[at + 3]);
    };
    const std::uint64_t count = be32(4), rows = be32(8), cols = be32(12);
    if (count > idx_max_count || rows > idx_max_side || cols > idx_max_side) return size / 2;
    const std::uint64_t end = 16 + count * rows * cols;  // below 2^45: no wrap-around
    return end <= size ? static_cast<std::size_t>(end) : size / 2;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Each reader on the whole input, as if it were one file.
    const idx_images_result images = read_idx_images(data, size);
    if (images.ok && images.pixels.size() != images.count * images.rows * images.cols) __builtin_trap();
    const idx_labels_result labels = read_idx_labels(data, size);
    if (labels.ok) {
        for (std::uint8_t l : labels.labels) {
            if (l >= image_class_count) __builtin_trap();
        }
    }
    if (!images.ok && (images.error.empty() || images.code.empty())) __builtin_trap();
    if (!labels.ok && (labels.error.empty() || labels.code.empty())) __builtin_trap();

    // The pair, and the bundled split on whatever the pair gives.
    const std::size_t split = images_part_bytes(data, size);
    const idx_dataset_result pair = read_idx_dataset(data, split, data + split, size - split);
    if (pair.ok) {
        if (!image_dataset_is_consistent(pair.dataset)) __builtin_trap();
        const dataset_split parts = split_bundled_digits(pair.dataset);
        (void)parts;
    }
    return 0;
}
