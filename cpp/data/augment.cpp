#include "data/augment.h"

#include <cmath>

#include "data/bilinear_sample.h"

namespace relu_lab {

void transform_image(const float* src, float* dst, std::size_t rows, std::size_t cols, float shift_rows,
                     float shift_cols, float rotation_deg) {
    const double pi = 3.14159265358979323846;
    const double angle = rotation_deg * (pi / 180.0);
    const double cos_a = std::cos(angle), sin_a = std::sin(angle);
    const double centre_r = rows / 2.0, centre_c = cols / 2.0;
    // Each output pixel samples the source at the point the transform maps onto it:
    // undo the shift, then undo the rotation about the centre. In screen coordinates
    // (rows grow downwards) a counter-clockwise turn by a sends the offset (dc, dr) to
    // (dc cos a + dr sin a, -dc sin a + dr cos a); its inverse is used here.
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c) {
            const double dr = (r + 0.5) - shift_rows - centre_r;
            const double dc = (c + 0.5) - shift_cols - centre_c;
            const double source_c = dc * cos_a - dr * sin_a + centre_c - 0.5;  // in pixel indices
            const double source_r = dc * sin_a + dr * cos_a + centre_r - 0.5;
            dst[r * cols + c] = bilinear_sample(src, rows, cols, source_r, source_c);
        }
    }
}

void augment_images(const float* src, float* dst, std::size_t count, std::size_t rows, std::size_t cols,
                    const augment_options& options, rng& random) {
    const std::size_t per_image = rows * cols;
    for (std::size_t i = 0; i < count; ++i) {
        const float shift_rows = random.uniform(-options.max_shift_px, options.max_shift_px);
        const float shift_cols = random.uniform(-options.max_shift_px, options.max_shift_px);
        const float rotation_deg = random.uniform(-options.max_rotation_deg, options.max_rotation_deg);
        transform_image(src + i * per_image, dst + i * per_image, rows, cols, shift_rows, shift_cols, rotation_deg);
    }
}

}  // namespace relu_lab
