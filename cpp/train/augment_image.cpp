#include "train/augment_image.h"

#include <algorithm>

#include "data/augment.h"

namespace relu_lab {

void augment_image(augmentation mode, const float* src, float* dst, std::size_t rows, std::size_t cols, rng& random,
                   elastic_scratch& elastic) {
    switch (mode) {
        case augmentation::none: std::copy(src, src + rows * cols, dst); return;
        case augmentation::shifts_rotations: augment_images(src, dst, 1, rows, cols, augment_options{}, random); return;
        case augmentation::elastic: elastic_distort_image(src, dst, elastic, random); return;
    }
}

augment_preview_result augment_preview(const std::uint8_t* image, std::size_t rows, std::size_t cols,
                                       const std::string& mode, std::uint64_t seed, std::size_t count) {
    augment_preview_result result;
    augmentation parsed = augmentation::none;
    if (!parse_augmentation(mode, parsed)) {
        std::string choices;
        for (const std::string& name : augmentation_names()) choices += (choices.empty() ? "" : ", ") + name;
        set_error(result, make_error("config.unknown_augmentation",
                                     {text_param("name", mode), text_param("choices", choices)}));
        return result;
    }
    if (count > augment_preview_max_count) {
        set_error(result, make_error("config.out_of_range", {text_param("field", "count"), number_param("min", 0),
                                                             number_param("max", augment_preview_max_count)}));
        return result;
    }
    if (image == nullptr || rows == 0 || cols == 0) {
        set_error(result, make_error("data.empty"));
        return result;
    }
    const std::size_t n = rows * cols;
    std::vector<float> source(n);
    for (std::size_t i = 0; i < n; ++i) source[i] = image[i] * (1.0f / 255.0f);
    elastic_scratch elastic = make_elastic_scratch(rows, cols);
    rng random(seed);
    result.images.resize(count * n);
    for (std::size_t i = 0; i < count; ++i) {
        augment_image(parsed, source.data(), result.images.data() + i * n, rows, cols, random, elastic);
    }
    result.ok = true;
    return result;
}

}  // namespace relu_lab
