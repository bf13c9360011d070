// SGEMM, scalar and SIMD paths, against a double-precision reference: odd shapes
// around the micro-tile sizes, all four transpose combinations, leading dimensions
// wider than the rows, beta = 0 over NaN (must not leak), beta = 1 accumulating,
// k = 0, shapes that cross the SIMD path's cache blocks, and guard cells after and
// between the rows of C to catch out-of-bounds writes.
//
// Tolerance: with a multiply and an add per term, each rounded to float (u = 2^-24),
// any summation order of k terms plus beta * C satisfies
//   |c - exact| <= gamma_{k+2} * (sum_p |a_ip b_pj| + |beta c_old|),  gamma_j = j u / (1 - j u)
// (Higham, Accuracy and Stability of Numerical Algorithms, section 3.1). We allow twice
// (k + 2) u times that sum, plus 1e-30 so an all-zero row compares exactly. A kernel
// that drops, repeats or misplaces one term errs by about sum / k: for the k <= 517
// of the reference tests that is more than 30 times the tolerance (800 times at
// k = 100). The deep training shapes (k up to 10816) compare SIMD with scalar and
// catch gross errors only; single-term errors are the job of the shapes above.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/gemm.h"
#if defined(RELU_LAB_SIMD)
#include "kernels/gemm_packing_simd.h"
#endif
#include "support/kernel_paths.h"

using namespace relu_lab;
using namespace relu_lab::test;

namespace {

using sgemm_fn = void (*)(bool, bool, std::size_t, std::size_t, std::size_t, const float*, std::size_t, const float*,
                          std::size_t, float, float*, std::size_t);

struct gemm_path {
    const char* name;
    sgemm_fn sgemm;
};

// Every path this build has: scalar always, SIMD in a -msimd128 build.
std::vector<gemm_path> gemm_paths_in_this_build() {
    std::vector<gemm_path> paths{{"scalar", &scalar::sgemm}};
#if defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &simd::sgemm});
#endif
    return paths;
}

constexpr float guard_value = 12345.0f;
constexpr float unit_roundoff = 1.0f / 16777216.0f;  // 2^-24

bool same_bits(float x, float y) { return std::memcmp(&x, &y, sizeof x) == 0; }

// A matrix stored row-major with `rows` rows of `cols` used floats, row stride `ld`.
// The buffer ends right after the last used float, so a read past it is a read past
// the matrix (ASan catches it natively).
struct stored_matrix {
    std::size_t rows, cols, ld;
    std::vector<float> data;
    stored_matrix(std::size_t rows_, std::size_t cols_, std::size_t ld_, test_rng& rng)
        : rows(rows_), cols(cols_), ld(ld_),
          data(rows_ == 0 || cols_ == 0 ? 0 : (rows_ - 1) * ld_ + cols_, guard_value) {
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < cols; ++c) data[r * ld + c] = rng.uniform(-1.0f, 1.0f);
    }
    float at(std::size_t r, std::size_t c) const { return data[r * ld + c]; }
};

struct gemm_case {
    bool transpose_a, transpose_b;
    std::size_t m, n, k;
    std::size_t lda_extra, ldb_extra, ldc_extra;
};

// Runs one case for one path and checks every element of C, the padding between
// rows and the guard cells after C. beta 0 runs over C filled with NaN, beta 1 over
// random values.
void check_case(const gemm_path& path, const gemm_case& gc, float beta, test_rng& rng) {
    CAPTURE(path.name);
    CAPTURE(gc.transpose_a);
    CAPTURE(gc.transpose_b);
    CAPTURE(gc.m);
    CAPTURE(gc.n);
    CAPTURE(gc.k);
    CAPTURE(beta);
    // A is [m, k], or [k, m] when transposed; likewise B.
    const std::size_t a_rows = gc.transpose_a ? gc.k : gc.m, a_cols = gc.transpose_a ? gc.m : gc.k;
    const std::size_t b_rows = gc.transpose_b ? gc.n : gc.k, b_cols = gc.transpose_b ? gc.k : gc.n;
    const stored_matrix a(a_rows, a_cols, a_cols + gc.lda_extra, rng);
    const stored_matrix b(b_rows, b_cols, b_cols + gc.ldb_extra, rng);
    const std::size_t ldc = gc.n + gc.ldc_extra;
    const std::size_t guard_count = 9;
    const std::size_t c_size = gc.m == 0 ? 0 : (gc.m - 1) * ldc + gc.n;

    // Padding between rows and guards after C hold a value the kernel never writes.
    std::vector<float> c(c_size + guard_count, guard_value);
    std::vector<float> c_old(c_size, 0.0f);
    for (std::size_t i = 0; i < gc.m; ++i)
        for (std::size_t j = 0; j < gc.n; ++j)
            c[i * ldc + j] = c_old[i * ldc + j] = (beta == 0.0f) ? NAN : rng.uniform(-1.0f, 1.0f);

    // Degenerate leading dimensions are fine for empty matrices; keep them >= 1.
    path.sgemm(gc.transpose_a, gc.transpose_b, gc.m, gc.n, gc.k, a.data.data(), a.ld == 0 ? 1 : a.ld, b.data.data(),
               b.ld == 0 ? 1 : b.ld, beta, c.data(), ldc);

    std::size_t bad = 0;
    for (std::size_t i = 0; i < gc.m; ++i) {
        for (std::size_t j = 0; j < gc.n; ++j) {
            double exact = 0.0, magnitude = 0.0;
            for (std::size_t p = 0; p < gc.k; ++p) {
                const double a_ip = gc.transpose_a ? a.at(p, i) : a.at(i, p);
                const double b_pj = gc.transpose_b ? b.at(j, p) : b.at(p, j);
                exact += a_ip * b_pj;
                magnitude += std::fabs(a_ip * b_pj);
            }
            if (beta != 0.0f) {
                exact += static_cast<double>(beta) * c_old[i * ldc + j];
                magnitude += std::fabs(static_cast<double>(beta) * c_old[i * ldc + j]);
            }
            const double tolerance = 2.0 * (gc.k + 2) * unit_roundoff * magnitude + 1e-30;
            const float got = c[i * ldc + j];
            if (!(std::fabs(got - exact) <= tolerance) && bad++ < 5) {
                INFO("C[", i, "][", j, "] = ", got, ", reference ", exact, ", tolerance ", tolerance);
                CHECK(std::fabs(got - exact) <= tolerance);
            }
        }
        for (std::size_t j = gc.n; i + 1 < gc.m && j < ldc; ++j) {
            if (!same_bits(c[i * ldc + j], guard_value) && bad++ < 5) {
                INFO("padding C[", i, "][", j, "] was written");
                CHECK(same_bits(c[i * ldc + j], guard_value));
            }
        }
    }
    for (std::size_t g = c_size; g < c.size(); ++g) {
        INFO("guard cell ", g - c_size, " after C");
        CHECK(same_bits(c[g], guard_value));
    }
    CHECK(bad == 0);
}

}  // namespace

TEST_CASE("sgemm matches a double reference on sampled odd shapes") {
    const std::size_t sizes[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 17, 31, 33, 64, 65, 100};
    const std::size_t size_count = sizeof sizes / sizeof sizes[0];
    const unsigned long long seed = 20261123;
    MESSAGE("gemm shape seed ", seed);
    test_rng rng{seed};
    for (const gemm_path& path : gemm_paths_in_this_build()) {
        for (int transposes = 0; transposes < 4; ++transposes) {
            for (int sample = 0; sample < 40; ++sample) {
                gemm_case gc{};
                gc.transpose_a = (transposes & 1) != 0;
                gc.transpose_b = (transposes & 2) != 0;
                gc.m = sizes[rng.below(size_count)];
                gc.n = sizes[rng.below(size_count)];
                gc.k = sizes[rng.below(size_count)];
                // Half the cases use tight leading dimensions, half wider ones.
                const bool padded = rng.below(2) == 0;
                gc.lda_extra = padded ? 1 + rng.below(5) : 0;
                gc.ldb_extra = padded ? 1 + rng.below(5) : 0;
                gc.ldc_extra = padded ? 1 + rng.below(5) : 0;
                check_case(path, gc, 0.0f, rng);
                check_case(path, gc, 1.0f, rng);
            }
        }
    }
}

TEST_CASE("sgemm covers every micro-tile edge for small m and n") {
    // Every m and n from 1 to 17 with a small k: each edge tile shape of a 4-, 6- or
    // 8-row by 8- or 16-column micro-kernel.
    const unsigned long long seed = 7;
    MESSAGE("gemm edge seed ", seed);
    test_rng rng{seed};
    for (const gemm_path& path : gemm_paths_in_this_build()) {
        for (int transposes = 0; transposes < 4; ++transposes) {
            for (std::size_t m = 1; m <= 17; ++m) {
                for (std::size_t n = 1; n <= 17; ++n) {
                    const gemm_case gc{(transposes & 1) != 0, (transposes & 2) != 0, m, n, 3, 0, 1, 2};
                    check_case(path, gc, (m + n) % 2 == 0 ? 0.0f : 1.0f, rng);
                }
            }
        }
    }
}

TEST_CASE("sgemm crosses cache blocks in m, n and k") {
    // Shapes larger than the SIMD path's blocks, with ragged ends, each through one
    // of its ways to read the operands: both packed (131 x 1031 x 517, and with a last
    // panel 4 columns wide, 133 x 1028 x 260), B read in place (13 rows of C), A read
    // in place (13 columns of C).
    struct shape {
        std::size_t m, n, k;
    };
    const shape shapes[] = {{131, 1031, 517}, {133, 1028, 260}, {13, 1031, 517}, {131, 13, 517}};
#if defined(RELU_LAB_SIMD)
    static_assert(simd::gemm_block_rows < 131 && simd::gemm_block_cols < 1031 && 2 * simd::gemm_block_depth < 517 &&
                      517 % simd::gemm_block_depth != 0,
                  "the shapes must cross every cache block of the SIMD path");
    static_assert(simd::gemm_in_place_b_max_rows < 131 && simd::gemm_in_place_b_max_rows >= 13 &&
                      simd::gemm_in_place_a_max_cols < 1031 && simd::gemm_in_place_a_max_cols >= 13,
                  "the shapes must take the packed and the in-place ways");
#endif
    const unsigned long long seed = 99;
    MESSAGE("gemm block seed ", seed);
    test_rng rng{seed};
    for (const gemm_path& path : gemm_paths_in_this_build()) {
        for (const shape& s : shapes) {
            for (int transposes = 0; transposes < 4; ++transposes) {
                const gemm_case gc{(transposes & 1) != 0, (transposes & 2) != 0, s.m, s.n, s.k, 3, 2, 1};
                check_case(path, gc, transposes % 2 == 0 ? 1.0f : 0.0f, rng);
            }
        }
    }
}

TEST_CASE("sgemm with k = 0 scales C by beta, and empty C is untouched") {
    for (const gemm_path& path : gemm_paths_in_this_build()) {
        CAPTURE(path.name);
        const float a[1] = {1.0f}, b[1] = {1.0f};
        // beta 0: C becomes 0 even over NaN; beta 1: C stays as it was.
        float c[2 * 3 + 1] = {NAN, NAN, NAN, NAN, NAN, NAN, guard_value};
        path.sgemm(false, false, 2, 3, 0, a, 1, b, 3, 0.0f, c, 3);
        for (int i = 0; i < 6; ++i) CHECK(same_bits(c[i], 0.0f));
        CHECK(same_bits(c[6], guard_value));
        float d[2 * 3] = {1.5f, -2.0f, 3.0f, 4.0f, 5.0f, -6.25f};
        path.sgemm(true, true, 2, 3, 0, a, 1, b, 1, 1.0f, d, 3);
        const float d_expected[6] = {1.5f, -2.0f, 3.0f, 4.0f, 5.0f, -6.25f};
        for (int i = 0; i < 6; ++i) CHECK(same_bits(d[i], d_expected[i]));
        // m = 0 or n = 0: nothing to write (A and B may still be read: full-size).
        const std::vector<float> a34(3 * 4, 1.0f), b43(4 * 3, 1.0f);
        float e[1] = {guard_value};
        path.sgemm(false, false, 0, 3, 4, a34.data(), 4, b43.data(), 3, 0.0f, e, 3);
        path.sgemm(false, false, 3, 0, 4, a34.data(), 4, b43.data(), 1, 0.0f, e, 1);
        CHECK(same_bits(e[0], guard_value));
    }
}

TEST_CASE("sgemm on a hand-worked 2x2 product") {
    // [1 2] [5 6]   [1*5 + 2*7  1*6 + 2*8]   [19 22]
    // [3 4] [7 8] = [3*5 + 4*7  3*6 + 4*8] = [43 50], then + C with beta 1.
    for (const gemm_path& path : gemm_paths_in_this_build()) {
        CAPTURE(path.name);
        const float a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8};
        float c[4] = {NAN, NAN, NAN, NAN};
        path.sgemm(false, false, 2, 2, 2, a, 2, b, 2, 0.0f, c, 2);
        CHECK(c[0] == 19.0f);
        CHECK(c[1] == 22.0f);
        CHECK(c[2] == 43.0f);
        CHECK(c[3] == 50.0f);
        // A^T B^T = (B A)^T: B A = [5*1 + 6*3  5*2 + 6*4; 7*1 + 8*3  7*2 + 8*4] = [23 34; 31 46].
        path.sgemm(true, true, 2, 2, 2, a, 2, b, 2, 1.0f, c, 2);
        CHECK(c[0] == 19.0f + 23.0f);
        CHECK(c[1] == 22.0f + 31.0f);
        CHECK(c[2] == 43.0f + 34.0f);
        CHECK(c[3] == 50.0f + 46.0f);
    }
}

#if defined(RELU_LAB_SIMD)
TEST_CASE("simd sgemm agrees with scalar on training-step shapes") {
    // Scaled-down shapes of the seed-keras training step (batch 32 -> 4): conv forward
    // [64 x 9] * [9 x 676*4] through im2col, dense forward [4 x 10816] * W with W
    // stored [128 x 10816] (transposed), dW = dY^T X, dX = dY W.
    struct shape {
        bool ta, tb;
        std::size_t m, n, k;
    };
    const shape shapes[] = {
        {false, false, 64, 676 * 4, 9}, {false, true, 4, 128, 10816},  {false, false, 4, 128, 10816},
        {true, false, 128, 10816, 4},   {false, false, 4, 10816, 128},
    };
    const unsigned long long seed = 31337;
    MESSAGE("gemm training-shape seed ", seed);
    test_rng rng{seed};
    for (const shape& s : shapes) {
        CAPTURE(s.m);
        CAPTURE(s.n);
        CAPTURE(s.k);
        const std::size_t lda = s.ta ? s.m : s.k, ldb = s.tb ? s.k : s.n;
        std::vector<float> a(s.m * s.k), b(s.k * s.n);
        for (float& v : a) v = rng.uniform(-1.0f, 1.0f);
        for (float& v : b) v = rng.uniform(-1.0f, 1.0f);
        std::vector<float> c_scalar(s.m * s.n, NAN), c_simd(s.m * s.n, NAN);
        scalar::sgemm(s.ta, s.tb, s.m, s.n, s.k, a.data(), lda, b.data(), ldb, 0.0f, c_scalar.data(), s.n);
        simd::sgemm(s.ta, s.tb, s.m, s.n, s.k, a.data(), lda, b.data(), ldb, 0.0f, c_simd.data(), s.n);
        std::size_t bad = 0;
        for (std::size_t i = 0; i < s.m; ++i) {
            for (std::size_t j = 0; j < s.n; ++j) {
                double magnitude = 0.0;
                for (std::size_t p = 0; p < s.k; ++p) {
                    const double a_ip = s.ta ? a[p * lda + i] : a[i * lda + p];
                    const double b_pj = s.tb ? b[j * ldb + p] : b[p * ldb + j];
                    magnitude += std::fabs(a_ip * b_pj);
                }
                // Each is within the tolerance of the exact value, so of each other within twice it.
                const double tolerance = 4.0 * (s.k + 2) * unit_roundoff * magnitude + 1e-30;
                const float x = c_simd[i * s.n + j], y = c_scalar[i * s.n + j];
                if (!(std::fabs(x - y) <= tolerance) && bad++ < 5) {
                    INFO("C[", i, "][", j, "]: simd ", x, ", scalar ", y);
                    CHECK(std::fabs(x - y) <= tolerance);
                }
            }
        }
        CHECK(bad == 0);
    }
}
#endif

#if defined(RELU_LAB_SIMD)
TEST_CASE("simd packing: a panel of width w over depth kb is exactly kb * w floats, valid columns then zeros") {
    // The FMA build packs A in panels of 6: the width that is not a multiple of 4 once
    // wrote two floats past each panel, past the packing buffer at the last one.
    rng random(77);
    const float guard = 1234.5f;
    for (const bool depth_contiguous : {false, true}) {
        for (std::size_t w : {4u, 6u, 8u}) {
            for (std::size_t valid = 1; valid <= w; ++valid) {
                for (std::size_t kb : {1u, 3u, 17u}) {
                    CAPTURE(depth_contiguous);
                    CAPTURE(w);
                    CAPTURE(valid);
                    CAPTURE(kb);
                    // Source: width-contiguous rows of ld floats per depth step, or depth-contiguous
                    // rows of ld floats per element; everything past the valid part is NaN.
                    const std::size_t ld = kb + w + 3;  // room for either layout, and a gap
                    const std::size_t rows = depth_contiguous ? valid : kb;
                    std::vector<float> src(rows * ld, std::numeric_limits<float>::quiet_NaN());
                    for (std::size_t r = 0; r < rows; ++r)
                        for (std::size_t i = 0; i < (depth_contiguous ? kb : valid); ++i)
                            src[r * ld + i] = random.uniform(-1.0f, 1.0f);
                    std::vector<float> out(kb * w + 8, guard);
                    if (depth_contiguous) {
                        simd::packing::pack_panel_depth_contiguous(src.data(), ld, kb, w, valid, out.data());
                    } else {
                        simd::packing::pack_panel_width_contiguous(src.data(), ld, kb, w, valid, out.data());
                    }
                    for (std::size_t p = 0; p < kb; ++p) {
                        for (std::size_t t = 0; t < w; ++t) {
                            const float want = t >= valid ? 0.0f : depth_contiguous ? src[t * ld + p] : src[p * ld + t];
                            CHECK(out[p * w + t] == want);
                        }
                    }
                    for (std::size_t i = kb * w; i < out.size(); ++i) CHECK(out[i] == guard);
                }
            }
        }
    }
}
#endif

TEST_CASE("sgemm_row_bias gives the bits of sgemm followed by adding the bias, on every path") {
    // Shapes across the SIMD path's edge tiles (rows and columns not multiples of the
    // tile), its depth blocks (k > 256: the bias goes in after the last one) and every
    // transpose case; the layers' own shapes too (a conv's [64 x 9] * [9 x 676], the
    // dense forward taken as y^T = W x^T). NaN in C beforehand must not leak.
    using row_bias_fn = void (*)(bool, bool, std::size_t, std::size_t, std::size_t, const float*, std::size_t,
                                 const float*, std::size_t, const float*, float*, std::size_t);
    struct row_bias_path {
        const char* name;
        sgemm_fn sgemm;
        row_bias_fn sgemm_row_bias;
    };
    std::vector<row_bias_path> paths{{"scalar", &scalar::sgemm, &scalar::sgemm_row_bias}};
#if defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &simd::sgemm, &simd::sgemm_row_bias});
#endif
    struct shape {
        bool ta, tb;
        std::size_t m, n, k;
    };
    const shape shapes[] = {{false, false, 64, 676, 9}, {false, true, 128, 16, 10816}, {false, false, 7, 13, 5},
                            {true, false, 13, 9, 300},  {true, true, 5, 21, 513},      {false, true, 1, 1, 1},
                            {false, false, 6, 4, 0}};
    test_rng rng{4242};
    for (const row_bias_path& path : paths) {
        CAPTURE(path.name);
        for (const shape& s : shapes) {
            CAPTURE(s.ta);
            CAPTURE(s.tb);
            CAPTURE(s.m);
            CAPTURE(s.n);
            CAPTURE(s.k);
            const std::size_t lda = s.ta ? s.m : (s.k ? s.k : 1), ldb = s.tb ? (s.k ? s.k : 1) : s.n;
            std::vector<float> a(s.m * s.k + 1), b(s.k * s.n + 1), bias(s.m);
            for (float& v : a) v = rng.uniform(-1.0f, 1.0f);
            for (float& v : b) v = rng.uniform(-1.0f, 1.0f);
            for (float& v : bias) v = rng.uniform(-2.0f, 2.0f);
            bias[0] = -0.0f;  // adding -0 keeps a +0 sum +0 either way
            std::vector<float> want(s.m * s.n, NAN), got(s.m * s.n, NAN);
            path.sgemm(s.ta, s.tb, s.m, s.n, s.k, a.data(), lda, b.data(), ldb, 0.0f, want.data(), s.n);
            for (std::size_t i = 0; i < s.m; ++i)
                for (std::size_t j = 0; j < s.n; ++j) want[i * s.n + j] += bias[i];
            path.sgemm_row_bias(s.ta, s.tb, s.m, s.n, s.k, a.data(), lda, b.data(), ldb, bias.data(), got.data(), s.n);
            CHECK(std::memcmp(want.data(), got.data(), want.size() * sizeof(float)) == 0);
        }
    }
}
