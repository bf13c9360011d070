// relu-lab-make-digits: turns OpenCV's sample digits.png into the digits the page ships
// (web/data/digits/*.gz). Run through build-scripts/make-digits.sh.
//
// digits.png is 2000 x 1000 px: 50 rows of 100 cells, each cell a 20 x 20 digit, five
// rows per class (rows 0-4 are zeros, 5-9 ones, ...). The digits were shrunk to 20 px,
// so each cell is normalised again the MNIST way (normalize_digit) into 28 x 28.
// Output order: cell row by cell row, left to right, so images 500k .. 500k + 499 are
// digit k (bundled_digits.h relies on it).
//
//   relu-lab-make-digits [--png digits.png] --out DIR [--contact-sheet sheet.png]
#include <png.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "data/digit_normalize.h"
#include "data/gzip_file.h"
#include "data/idx_reader.h"
#include "data/image_dataset.h"

using namespace relu_lab;

namespace {

constexpr std::size_t cell_side = 20;
constexpr std::size_t cells_across = 100;
constexpr std::size_t cells_down = 50;
constexpr std::size_t cell_rows_per_class = 5;

struct gray_image {
    std::size_t rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels;  // [rows, cols]
};

bool read_png_gray(const std::string& path, gray_image& out) {
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
        std::fprintf(stderr, "cannot read %s: %s\n", path.c_str(), image.message);
        return false;
    }
    image.format = PNG_FORMAT_GRAY;  // libpng converts colour to gray if need be
    out.rows = image.height;
    out.cols = image.width;
    out.pixels.assign(PNG_IMAGE_SIZE(image), 0);
    if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) {
        std::fprintf(stderr, "cannot decode %s: %s\n", path.c_str(), image.message);
        return false;
    }
    return true;
}

// The first `per_class` images of every class, enlarged `zoom` times, one class per row,
// separated by grey lines, with a red dot on each image's centre (14, 14).
bool write_contact_sheet(const std::string& path, const image_dataset& digits, std::size_t per_class) {
    const std::size_t zoom = 3, gap = 1;
    const std::size_t tile = digits.cols * zoom + gap;
    const std::size_t width = per_class * tile + gap, height = image_class_count * tile + gap;
    std::vector<std::uint8_t> rgb(width * height * 3, 96);
    for (std::size_t k = 0; k < image_class_count; ++k) {
        for (std::size_t j = 0; j < per_class; ++j) {
            const std::size_t index = k * 500 + j * (500 / per_class);
            const std::uint8_t* image = digits.pixels.data() + index * image_pixel_count(digits);
            for (std::size_t y = 0; y < digits.rows * zoom; ++y) {
                for (std::size_t x = 0; x < digits.cols * zoom; ++x) {
                    const std::uint8_t v = image[(y / zoom) * digits.cols + x / zoom];
                    std::uint8_t* p = &rgb[((k * tile + gap + y) * width + j * tile + gap + x) * 3];
                    p[0] = p[1] = p[2] = v;
                }
            }
            // The centre (14, 14) is the corner between pixels 13 and 14: mark the 2 x 2 screen pixels there.
            for (std::size_t dy = 0; dy < 2; ++dy) {
                for (std::size_t dx = 0; dx < 2; ++dx) {
                    const std::size_t y = k * tile + gap + digits.rows / 2 * zoom - 1 + dy;
                    const std::size_t x = j * tile + gap + digits.cols / 2 * zoom - 1 + dx;
                    std::uint8_t* p = &rgb[(y * width + x) * 3];
                    p[0] = 255;
                    p[1] = p[2] = 0;
                }
            }
        }
    }
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(width);
    image.height = static_cast<png_uint_32>(height);
    image.format = PNG_FORMAT_RGB;
    if (!png_image_write_to_file(&image, path.c_str(), 0, rgb.data(), 0, nullptr)) {
        std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), image.message);
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::string png_path = "/usr/share/doc/opencv-doc/examples/data/digits.png";
    std::string out_dir, sheet_path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 < argc && arg == "--png") {
            png_path = argv[++i];
        } else if (i + 1 < argc && arg == "--out") {
            out_dir = argv[++i];
        } else if (i + 1 < argc && arg == "--contact-sheet") {
            sheet_path = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--png digits.png] --out DIR [--contact-sheet sheet.png]\n", argv[0]);
            return 2;
        }
    }
    if (out_dir.empty()) {
        std::fprintf(stderr, "--out DIR is required\n");
        return 2;
    }

    gray_image source;
    if (!read_png_gray(png_path, source)) return 1;
    if (source.rows != cells_down * cell_side || source.cols != cells_across * cell_side) {
        std::fprintf(stderr, "%s is %zu x %zu px; expected %zu x %zu\n", png_path.c_str(), source.cols, source.rows,
                     cells_across * cell_side, cells_down * cell_side);
        return 1;
    }

    image_dataset digits;
    digits.rows = digits.cols = digit_side;
    float cell[cell_side * cell_side];
    float normalised[digit_side * digit_side];
    std::uint8_t normalised_bytes[digit_side * digit_side];
    double worst_mass_offset_px = 0.0, worst_ink_lost = 0.0;
    std::size_t clipped = 0;
    for (std::size_t cell_row = 0; cell_row < cells_down; ++cell_row) {
        for (std::size_t cell_col = 0; cell_col < cells_across; ++cell_col) {
            for (std::size_t y = 0; y < cell_side; ++y) {
                for (std::size_t x = 0; x < cell_side; ++x) {
                    const std::size_t source_index =
                        (cell_row * cell_side + y) * source.cols + cell_col * cell_side + x;
                    cell[y * cell_side + x] = source.pixels[source_index] / 255.0f;
                }
            }
            const digit_normalization info = normalize_digit(cell, cell_side, cell_side, normalised);
            if (!info.ok) {
                std::fprintf(stderr, "cell row %zu col %zu: %s\n", cell_row, cell_col, info.error.c_str());
                return 1;
            }
            const double offset = std::hypot(info.output_mass_row - 14.0, info.output_mass_col - 14.0);
            if (offset > worst_mass_offset_px) worst_mass_offset_px = offset;
            if (info.ink_lost_fraction > 0.0f) ++clipped;
            if (info.ink_lost_fraction > worst_ink_lost) worst_ink_lost = info.ink_lost_fraction;
            float_image_to_bytes(normalised, digit_side * digit_side, normalised_bytes);
            digits.pixels.insert(digits.pixels.end(), normalised_bytes, normalised_bytes + digit_side * digit_side);
            digits.labels.push_back(static_cast<std::uint8_t>(cell_row / cell_rows_per_class));
            ++digits.count;
        }
    }

    const std::vector<std::uint8_t> image_bytes = write_idx_images(digits);
    const std::vector<std::uint8_t> label_bytes = write_idx_labels(digits);
    const std::string image_path = out_dir + "/digits-images.idx3-ubyte.gz";
    const std::string label_path = out_dir + "/digits-labels.idx1-ubyte.gz";
    for (const auto& [path, bytes] :
         {std::make_pair(image_path, &image_bytes), std::make_pair(label_path, &label_bytes)}) {
        const file_write_result written = write_gzip_file(path, bytes->data(), bytes->size(), 9);
        if (!written.ok) {
            std::fprintf(stderr, "%s\n", written.error.c_str());
            return 1;
        }
    }
    std::printf("wrote %zu digits to %s and %s\n", digits.count, image_path.c_str(), label_path.c_str());
    std::printf("largest centre-of-mass distance from (14, 14): %.3f px; %zu images lost ink at the frame "
                "(at most %.4f of their ink)\n",
                worst_mass_offset_px, clipped, worst_ink_lost);
    if (!sheet_path.empty()) {
        if (!write_contact_sheet(sheet_path, digits, 10)) return 1;
        std::printf("contact sheet: %s\n", sheet_path.c_str());
    }
    return 0;
}
