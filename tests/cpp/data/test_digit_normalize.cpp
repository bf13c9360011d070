#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "data/digit_normalize.h"

using namespace relu_lab;

namespace {

// Centre of mass of a 28x28 image in double, pixel centres at (r + 0.5, c + 0.5).
void mass_centre(const float* image, double& row, double& col) {
    double mass = 0.0, mr = 0.0, mc = 0.0;
    for (std::size_t r = 0; r < digit_side; ++r) {
        for (std::size_t c = 0; c < digit_side; ++c) {
            const double v = image[r * digit_side + c];
            mass += v;
            mr += v * (r + 0.5);
            mc += v * (c + 0.5);
        }
    }
    row = mr / mass;
    col = mc / mass;
}

void fill(std::vector<float>& image, std::size_t cols, std::size_t top, std::size_t left, std::size_t rows_n,
          std::size_t cols_n, float value) {
    for (std::size_t r = top; r < top + rows_n; ++r) {
        for (std::size_t c = left; c < left + cols_n; ++c) image[r * cols + c] = value;
    }
}

}  // namespace

TEST_CASE("normalize: a filled 40 x 20 rectangle becomes a centred 20 x 10 block") {
    const std::size_t rows = 100, cols = 60;
    std::vector<float> src(rows * cols, 0.0f);
    fill(src, cols, 10, 5, 40, 20, 1.0f);
    float dst[28 * 28];
    const digit_normalization info = normalize_digit(src.data(), rows, cols, dst);
    REQUIRE(info.ok);
    CHECK(info.box_top == 10);
    CHECK(info.box_left == 5);
    CHECK(info.box_rows == 40);
    CHECK(info.box_cols == 20);
    CHECK(info.scale == 0.5f);
    CHECK(info.scaled_rows == 20);  // longer side 40 -> 20
    CHECK(info.scaled_cols == 10);  // 20 * 0.5
    // Uniform 20 x 10 block: centre of mass (10, 5) in its own coordinates, so it is
    // placed at (14 - 10, 14 - 5) = (4, 9) and covers rows 4..23, cols 9..18.
    CHECK(info.mass_row == doctest::Approx(10.0).epsilon(1e-6));
    CHECK(info.mass_col == doctest::Approx(5.0).epsilon(1e-6));
    CHECK(info.offset_row == 4);
    CHECK(info.offset_col == 9);
    CHECK(info.ink_lost_fraction == doctest::Approx(0.0).epsilon(1e-6));
    for (std::size_t r = 0; r < 28; ++r) {
        for (std::size_t c = 0; c < 28; ++c) {
            const bool inside = r >= 4 && r < 24 && c >= 9 && c < 19;
            CHECK(dst[r * 28 + c] == doctest::Approx(inside ? 1.0 : 0.0).epsilon(1e-6));
        }
    }
    double mr, mc;
    mass_centre(dst, mr, mc);
    CHECK(std::fabs(mr - 14.0) <= 0.5);
    CHECK(std::fabs(mc - 14.0) <= 0.5);
    CHECK(info.output_mass_row == doctest::Approx(mr).epsilon(1e-5));
    CHECK(info.output_mass_col == doctest::Approx(mc).epsilon(1e-5));
}

TEST_CASE("normalize: rectangles of other shapes and sizes keep the longer side at 20 and centre within 0.5 px") {
    struct rect_case {
        std::size_t canvas_rows, canvas_cols, top, left, rows, cols;
        std::size_t expected_scaled_rows, expected_scaled_cols;
    };
    const rect_case cases[] = {
        {100, 100, 3, 50, 30, 7, 20, 5},     // 7 * 20 / 30 = 4.67 -> 5; shrinking
        {100, 100, 60, 2, 9, 36, 5, 20},     // 9 * 20 / 36 = 5
        {28, 28, 10, 10, 5, 10, 10, 20},     // enlarging x2 (a small drawing)
        {300, 300, 0, 0, 300, 300, 20, 20},  // the whole canvas is ink
        {50, 50, 20, 20, 1, 1, 20, 20},      // a single dot
    };
    for (const rect_case& rc : cases) {
        CAPTURE(rc.rows);
        CAPTURE(rc.cols);
        std::vector<float> src(rc.canvas_rows * rc.canvas_cols, 0.0f);
        fill(src, rc.canvas_cols, rc.top, rc.left, rc.rows, rc.cols, 0.8f);
        float dst[28 * 28];
        const digit_normalization info = normalize_digit(src.data(), rc.canvas_rows, rc.canvas_cols, dst);
        REQUIRE(info.ok);
        CHECK(info.box_top == rc.top);
        CHECK(info.box_left == rc.left);
        CHECK(info.box_rows == rc.rows);
        CHECK(info.box_cols == rc.cols);
        CHECK(info.scaled_rows == rc.expected_scaled_rows);
        CHECK(info.scaled_cols == rc.expected_scaled_cols);
        double mr, mc;
        mass_centre(dst, mr, mc);
        CHECK(std::fabs(mr - 14.0) <= 0.5);
        CHECK(std::fabs(mc - 14.0) <= 0.5);
        // A uniform rectangle resamples to a uniform block of the same grey (0.8).
        std::size_t inked = 0;
        for (float v : dst) {
            if (v > 0.0f) {
                CHECK(v == doctest::Approx(0.8).epsilon(1e-5));
                ++inked;
            }
        }
        CHECK(inked == rc.expected_scaled_rows * rc.expected_scaled_cols);
    }
}

TEST_CASE("normalize: an L shape is placed by its centre of mass, not by its box centre") {
    // A 20 x 20 L in a 40 x 40 canvas at (5, 12): a vertical bar 20 rows x 4 cols, and a
    // foot 4 rows x 16 more cols along the bottom. The box is already 20 px: scale 1.
    const std::size_t rows = 40, cols = 40;
    std::vector<float> src(rows * cols, 0.0f);
    fill(src, cols, 5, 12, 20, 4, 1.0f);       // bar: 80 px, centre (10, 2) within the box
    fill(src, cols, 5 + 16, 16, 4, 16, 1.0f);  // foot: 64 px, centre (18, 12) within the box
    // Centre of mass by hand: row (80*10 + 64*18) / 144 = 1952/144 = 13.5556,
    //                         col (80*2 + 64*12) / 144 = 928/144 = 6.4444.
    // Box centre is (10, 10); the offsets are round(14 - 13.5556) = 0 and round(14 - 6.4444) = 8.
    float dst[28 * 28];
    const digit_normalization info = normalize_digit(src.data(), rows, cols, dst);
    REQUIRE(info.ok);
    CHECK(info.box_top == 5);
    CHECK(info.box_left == 12);
    CHECK(info.box_rows == 20);
    CHECK(info.box_cols == 20);
    CHECK(info.scaled_rows == 20);
    CHECK(info.scaled_cols == 20);
    CHECK(info.mass_row == doctest::Approx(1952.0 / 144.0).epsilon(1e-6));
    CHECK(info.mass_col == doctest::Approx(928.0 / 144.0).epsilon(1e-6));
    CHECK(info.offset_row == 0);  // the box centre would have put it at 4
    CHECK(info.offset_col == 8);  // ... and at 4
    // Scale 1: the shape is copied exactly to (0, 8).
    for (std::size_t r = 0; r < 28; ++r) {
        for (std::size_t c = 0; c < 28; ++c) {
            float expected = 0.0f;
            if (r < 20 && c >= 8 && c < 28) expected = src[(r + 5) * cols + (c - 8 + 12)];
            CHECK(dst[r * 28 + c] == expected);
        }
    }
    CHECK(info.output_mass_row == doctest::Approx(1952.0 / 144.0).epsilon(1e-5));
    CHECK(info.output_mass_col == doctest::Approx(8.0 + 928.0 / 144.0).epsilon(1e-5));
}

TEST_CASE("normalize: shrinking averages area, so a 1 px diagonal on a 200 px canvas survives") {
    // 200 x 200 canvas, ink on the diagonal only: box 200 x 200, scale 0.1. Each output
    // pixel averages a 10 x 10 block; the diagonal blocks hold 10 ink pixels -> 10/100 = 0.1,
    // the others none. (Point sampling would keep 1 block in 10 or lose the stroke.)
    const std::size_t side = 200;
    std::vector<float> src(side * side, 0.0f);
    for (std::size_t i = 0; i < side; ++i) src[i * side + i] = 1.0f;
    float dst[28 * 28];
    const digit_normalization info = normalize_digit(src.data(), side, side, dst);
    REQUIRE(info.ok);
    CHECK(info.scaled_rows == 20);
    CHECK(info.scaled_cols == 20);
    CHECK(info.offset_row == 4);
    CHECK(info.offset_col == 4);
    for (std::size_t r = 0; r < 28; ++r) {
        for (std::size_t c = 0; c < 28; ++c) {
            const bool diagonal = r == c && r >= 4 && r < 24;
            CHECK(dst[r * 28 + c] == doctest::Approx(diagonal ? 0.1 : 0.0).epsilon(1e-5));
        }
    }
}

TEST_CASE("normalize: no ink gives 'nothing drawn' and a blank image") {
    float dst[28 * 28];
    SUBCASE("all zero") {
        std::vector<float> src(50 * 40, 0.0f);
        for (float& v : dst) v = 7.0f;
        const digit_normalization info = normalize_digit(src.data(), 50, 40, dst);
        CHECK_FALSE(info.ok);
        CHECK(info.error.find("Nothing drawn") == 0);
        for (float v : dst) CHECK(v == 0.0f);
    }
    SUBCASE("faint marks below the threshold, NaN and negatives") {
        std::vector<float> src(30 * 30, digit_ink_threshold * 0.5f);
        src[0] = std::nanf("");
        src[1] = -5.0f;
        const digit_normalization info = normalize_digit(src.data(), 30, 30, dst);
        CHECK_FALSE(info.ok);
        CHECK(info.box_rows == 0);
    }
    SUBCASE("zero-size input") {
        const digit_normalization info = normalize_digit(nullptr, 0, 0, dst);
        CHECK_FALSE(info.ok);
        CHECK(info.error.find("Nothing drawn") == 0);
    }
}

TEST_CASE("normalize: input above 1 is clamped, so the output stays in 0..1") {
    std::vector<float> src(40 * 40, 0.0f);
    fill(src, 40, 10, 10, 20, 10, 255.0f);  // someone passed 0..255
    float dst[28 * 28];
    const digit_normalization info = normalize_digit(src.data(), 40, 40, dst);
    REQUIRE(info.ok);
    for (float v : dst) {
        CHECK(v >= 0.0f);
        CHECK(v <= 1.0f);
    }
}

TEST_CASE("normalize: the step-2 image is the scaled digit, and pasted at the offset it is the output") {
    // A 40 x 20 rectangle at (10, 5) in 100 x 60, as in the first case: scale 0.5, so the
    // scaled image is a 20 x 10 block of 1 (each output pixel averages 2 x 2 full pixels),
    // stored in the top-left corner of the 20 x 20 buffer; the other 10 columns are 0.
    const std::size_t rows = 100, cols = 60;
    std::vector<float> src(rows * cols, 0.0f);
    fill(src, cols, 10, 5, 40, 20, 1.0f);
    float dst[28 * 28];
    std::vector<float> scaled(digit_box_side * digit_box_side, 9.0f);  // stale values must go
    const digit_normalization info = normalize_digit(src.data(), rows, cols, dst, scaled.data());
    REQUIRE(info.ok);
    REQUIRE(info.scaled_rows == 20);
    REQUIRE(info.scaled_cols == 10);
    for (std::size_t r = 0; r < 20; ++r) {
        for (std::size_t c = 0; c < 20; ++c) {
            CHECK(scaled[r * 20 + c] == doctest::Approx(c < 10 ? 1.0 : 0.0).epsilon(1e-6));
        }
    }

    // A lopsided shape at scale 0.25 (80 x 80 box): wherever the scaled image lands inside
    // the frame, the output holds exactly its values; everything else in the output is 0.
    std::vector<float> l_shape(100 * 100, 0.0f);
    fill(l_shape, 100, 10, 10, 80, 12, 1.0f);
    fill(l_shape, 100, 78, 22, 12, 68, 0.6f);
    std::fill(scaled.begin(), scaled.end(), 9.0f);
    const digit_normalization l_info = normalize_digit(l_shape.data(), 100, 100, dst, scaled.data());
    REQUIRE(l_info.ok);
    std::vector<float> expected(28 * 28, 0.0f);
    for (std::size_t r = 0; r < l_info.scaled_rows; ++r) {
        for (std::size_t c = 0; c < l_info.scaled_cols; ++c) {
            const long out_r = static_cast<long>(r) + l_info.offset_row;
            const long out_c = static_cast<long>(c) + l_info.offset_col;
            if (out_r >= 0 && out_r < 28 && out_c >= 0 && out_c < 28) expected[out_r * 28 + out_c] = scaled[r * 20 + c];
        }
    }
    for (std::size_t i = 0; i < 28 * 28; ++i) CHECK(dst[i] == expected[i]);
    // The bar's scaled pixels are full ink (12 of 80 columns -> 3 of 20, whole 4 x 4 blocks).
    CHECK(scaled[5 * 20 + 3] == doctest::Approx(0.0).epsilon(1e-6));
    CHECK(scaled[5 * 20 + 2] == doctest::Approx(1.0).epsilon(1e-6));

    SUBCASE("nothing drawn clears the step-2 image too") {
        std::vector<float> blank(30 * 30, 0.0f);
        std::fill(scaled.begin(), scaled.end(), 9.0f);
        CHECK_FALSE(normalize_digit(blank.data(), 30, 30, dst, scaled.data()).ok);
        for (float v : scaled) CHECK(v == 0.0f);
    }
}
