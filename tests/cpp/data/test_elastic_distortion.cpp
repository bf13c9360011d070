// Elastic distortions (data/elastic_distortion.h): the smoothing against a direct
// double-precision sum, the fields against their definition, exact copies at alpha 0,
// seeds, ink kept, and the same bits natively and in wasm.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "data/elastic_distortion.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

constexpr std::size_t side = 28;
constexpr std::size_t pixels = side * side;

std::vector<float> random_image(std::uint64_t seed) {
    rng random(seed);
    std::vector<float> image(pixels);
    for (float& v : image) v = random.uniform();
    return image;
}

// A centred "0": a ring of radius 6.5 px and stroke about 2.5 px around the image
// centre, ink 1 with soft edges, nothing within 6 px of the border.
std::vector<float> ring_digit() {
    std::vector<float> image(pixels);
    for (std::size_t r = 0; r < side; ++r) {
        for (std::size_t c = 0; c < side; ++c) {
            const double dr = r + 0.5 - side / 2.0, dc = c + 0.5 - side / 2.0;
            const double off_stroke = std::fabs(std::sqrt(dr * dr + dc * dc) - 6.5);
            image[r * side + c] = static_cast<float>(std::fmin(1.0, std::fmax(0.0, 1.75 - off_stroke)));
        }
    }
    return image;
}

double sum_of(const std::vector<float>& image) {
    double total = 0.0;
    for (float v : image) total += v;
    return total;
}

// The truncated Gaussian and the 2-D smoothing written out directly in double: one
// double loop over every (dr, dc) with weight g(dr) g(dc) / total^2, no separable passes.
std::vector<double> reference_smooth(const std::vector<double>& field, std::size_t rows, std::size_t cols,
                                     double sigma) {
    const long radius = static_cast<long>(std::floor(3.0 * sigma));
    double total = 0.0;
    for (long k = -radius; k <= radius; ++k) total += std::exp(-double(k * k) / (2.0 * sigma * sigma));
    std::vector<double> out(rows * cols, 0.0);
    for (long r = 0; r < long(rows); ++r) {
        for (long c = 0; c < long(cols); ++c) {
            double sum = 0.0;
            for (long dr = -radius; dr <= radius; ++dr) {
                for (long dc = -radius; dc <= radius; ++dc) {
                    const long rr = r + dr, cc = c + dc;
                    if (rr < 0 || cc < 0 || rr >= long(rows) || cc >= long(cols)) continue;
                    const double weight =
                        std::exp(-double(dr * dr + dc * dc) / (2.0 * sigma * sigma)) / (total * total);
                    sum += weight * field[rr * cols + cc];
                }
            }
            out[r * cols + c] = sum;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("elastic: the Gaussian has floor(3 sigma) taps each way, is symmetric and sums to 1") {
    const std::vector<float> k4 = gaussian_kernel(4.0f);
    REQUIRE(k4.size() == 25);  // 3 * 4 = 12 taps each way
    double total = 0.0;
    for (std::size_t i = 0; i < k4.size(); ++i) {
        total += k4[i];
        CHECK(k4[i] == k4[k4.size() - 1 - i]);
    }
    CHECK(total == doctest::Approx(1.0).epsilon(1e-6));
    // Centre over the last tap: exp(12^2 / (2 * 4^2)) = exp(4.5) = 90.0171...
    CHECK(double(k4[12]) / k4[0] == doctest::Approx(std::exp(4.5)).epsilon(1e-5));
    CHECK(gaussian_kernel(1.5f).size() == 9);  // floor(4.5) = 4 each way
    CHECK(gaussian_kernel(0.0f) == std::vector<float>{1.0f});
    CHECK(gaussian_kernel(-1.0f) == std::vector<float>{1.0f});
    CHECK(gaussian_kernel(NAN) == std::vector<float>{1.0f});
}

TEST_CASE("elastic: separable smoothing equals the direct 2-D sum in double on a small field") {
    const std::uint64_t seed = 424242;
    INFO("seed " << seed);
    const std::size_t rows = 7, cols = 9;  // smaller than the kernel: the border rule matters everywhere
    for (float sigma : {1.0f, 1.3f, 4.0f}) {
        CAPTURE(sigma);
        rng random(seed);
        std::vector<float> field(rows * cols);
        std::vector<double> field_double(rows * cols);
        for (std::size_t i = 0; i < field.size(); ++i) {
            field[i] = random.uniform(-1.0f, 1.0f);
            field_double[i] = field[i];
        }
        const std::vector<float> kernel = gaussian_kernel(sigma);
        std::vector<float> out(rows * cols), pass(rows * cols);
        gaussian_smooth(field.data(), out.data(), pass.data(), rows, cols, kernel.data(), kernel.size() / 2);
        const std::vector<double> expected = reference_smooth(field_double, rows, cols, sigma);
        for (std::size_t i = 0; i < out.size(); ++i) {
            CAPTURE(i);
            // Float kernel and float pass: a few float roundings on values below 1.
            CHECK(std::fabs(out[i] - expected[i]) <= 1e-6);
        }
        // In place (out = field), as elastic_distort_image smooths: the same numbers.
        std::vector<float> in_place = field;
        gaussian_smooth(in_place.data(), in_place.data(), pass.data(), rows, cols, kernel.data(), kernel.size() / 2);
        CHECK(in_place == out);
    }
}

TEST_CASE("elastic: the fields are uniform draws, rows field first, smoothed and scaled by alpha") {
    const std::uint64_t seed = 31337;
    INFO("seed " << seed);
    elastic_options options;
    options.alpha_px = 20.0f;
    elastic_scratch scratch = make_elastic_scratch(side, side, options);
    const std::vector<float> src = random_image(5);
    std::vector<float> dst(pixels);
    rng random(seed);
    elastic_distort_image(src.data(), dst.data(), scratch, random);

    rng again(seed);
    std::vector<double> draws_rows(pixels), draws_cols(pixels);
    for (double& v : draws_rows) v = again.uniform(-1.0f, 1.0f);
    for (double& v : draws_cols) v = again.uniform(-1.0f, 1.0f);
    const std::vector<double> rows_expected = reference_smooth(draws_rows, side, side, options.sigma_px);
    const std::vector<double> cols_expected = reference_smooth(draws_cols, side, side, options.sigma_px);
    double largest = 0.0;
    for (std::size_t i = 0; i < pixels; ++i) {
        CAPTURE(i);
        CHECK(std::fabs(scratch.field_rows[i] - options.alpha_px * rows_expected[i]) <= 2e-5);
        CHECK(std::fabs(scratch.field_cols[i] - options.alpha_px * cols_expected[i]) <= 2e-5);
        largest = std::fmax(largest, std::fabs(scratch.field_rows[i]));
    }
    CHECK(largest > 0.5);  // the fields moved something: the check above is not 0 == 0
    // The next draw is the next image's: 2 * 784 draws were made, no more.
    CHECK(random.next_u32() == again.next_u32());
}

TEST_CASE("elastic: alpha 0 copies the image exactly") {
    elastic_options options;
    options.alpha_px = 0.0f;
    elastic_scratch scratch = make_elastic_scratch(side, side, options);
    for (std::uint64_t seed : {1u, 2u, 99u}) {
        INFO("seed " << seed);
        const std::vector<float> src = random_image(seed + 100);
        std::vector<float> dst(pixels, -1.0f);
        rng random(seed);
        elastic_distort_image(src.data(), dst.data(), scratch, random);
        CHECK(dst == src);
    }
}

TEST_CASE("elastic: same seed same image, different seed different image, values stay in range") {
    const std::uint64_t seed_a = 1234, seed_b = 1235;
    INFO("seeds " << seed_a << " and " << seed_b);
    elastic_scratch scratch = make_elastic_scratch(side, side);
    const std::vector<float> src = ring_digit();
    std::vector<float> a1(pixels), a2(pixels), b(pixels), a_next(pixels);
    rng random_a1(seed_a), random_a2(seed_a), random_b(seed_b);
    elastic_distort_image(src.data(), a1.data(), scratch, random_a1);
    elastic_distort_image(src.data(), a2.data(), scratch, random_a2);
    elastic_distort_image(src.data(), b.data(), scratch, random_b);
    elastic_distort_image(src.data(), a_next.data(), scratch, random_a1);
    CHECK(a1 == a2);
    CHECK(a1 != b);
    CHECK(a1 != a_next);  // the next image from the same rng gets its own fields
    CHECK(a1 != src);
    for (float v : a1) {
        CHECK(v >= 0.0f);
        CHECK(v <= 1.0f);
    }
}

TEST_CASE("elastic: a centred digit keeps its ink on average (within 2 %), each image within 60 %") {
    // The fields stretch some parts of a stroke and squeeze others, so one image gains or
    // loses ink; over many fields the gains and losses cancel, and a digit away from the
    // border loses none over the edge. Measured over these 1,000 seeds at the default
    // sigma and alpha: one image at most 49 % off, the mean 0.08 % off (its standard
    // error about 0.5 %). Fields scaled or smoothed wrongly push ink off the image or
    // pile it up, and move the mean.
    elastic_scratch scratch = make_elastic_scratch(side, side);
    const std::vector<float> src = ring_digit();
    const double mass = sum_of(src);
    std::vector<float> dst(pixels);
    double total_ratio = 0.0, worst = 0.0;
    const int count = 1000;
    for (int seed = 1; seed <= count; ++seed) {
        rng random(static_cast<std::uint64_t>(seed));
        elastic_distort_image(src.data(), dst.data(), scratch, random);
        const double ratio = sum_of(dst) / mass;
        total_ratio += ratio;
        worst = std::fmax(worst, std::fabs(ratio - 1.0));
    }
    CAPTURE(worst);
    CAPTURE(total_ratio / count);
    CHECK(worst <= 0.6);
    CHECK(std::fabs(total_ratio / count - 1.0) <= 0.02);
}

TEST_CASE("elastic: the same bits natively and in wasm (a golden hash of one distorted digit)") {
    const std::uint64_t seed = 2003;  // the year of Simard et al.
    INFO("seed " << seed);
    elastic_scratch scratch = make_elastic_scratch(side, side);
    const std::vector<float> src = ring_digit();
    std::vector<float> dst(pixels);
    rng random(seed);
    elastic_distort_image(src.data(), dst.data(), scratch, random);
    // FNV-1a over the output's float bits.
    std::uint64_t hash = 14695981039346656037ULL;
    for (float v : dst) {
        std::uint32_t bits;
        std::memcpy(&bits, &v, 4);
        for (int i = 0; i < 4; ++i) hash = (hash ^ ((bits >> (8 * i)) & 0xFF)) * 1099511628211ULL;
    }
    CHECK(hash == 3387320812722372707ULL);
}
