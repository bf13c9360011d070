// One training image augmented as a config's augmentation says (train/config.h): the
// trainer's load_batch calls augment_image for every image it feeds, and augment_preview
// runs the same code for the page, so the preview shows what training sees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "data/elastic_distortion.h"
#include "train/config.h"
#include "util/learner_error.h"
#include "util/rng.h"

namespace relu_lab {

// src [rows, cols] floats -> dst [rows, cols] (dst must not alias src); elastic needs
// `elastic` made for rows x cols (data/elastic_distortion.h). Draws from `random` as
// augment_images (shifts_rotations) and elastic_distort_image (elastic) do; none copies
// and draws nothing. Allocates nothing.
void augment_image(augmentation mode, const float* src, float* dst, std::size_t rows, std::size_t cols, rng& random,
                   elastic_scratch& elastic);

// The page asks for a few versions at a time: this many at most.
constexpr std::size_t augment_preview_max_count = 64;

struct augment_preview_result {
    bool ok = false;
    std::string error, code;  // English sentence and its code (util/learner_error.h)
    error_params params;
    std::vector<float> images;  // [count, rows, cols], 0..1
};

// One image [rows, cols] bytes (0..255, ink high, as the trainer takes them) -> `count`
// versions of it, each augmented by `mode` (an augmentation's name) with draws from one
// rng seeded with `seed`: the same seed gives the same versions, natively and in wasm.
// Refused: an unknown mode, count above augment_preview_max_count, or an empty image.
augment_preview_result augment_preview(const std::uint8_t* image, std::size_t rows, std::size_t cols,
                                       const std::string& mode, std::uint64_t seed, std::size_t count);

}  // namespace relu_lab
