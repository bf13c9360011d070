// The statistics pass behind the page's charts and the divergence check: scalar
// reference and SIMD twin against a long-double computation of the same sums.
// `finite` and `zeros` must be exact; sums within tensor_stats_rel_tolerance of the
// sum of magnitudes (tensor_stats.h says why). Lengths 0..33 cross every vector
// tail; 4099 crosses several blocks.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernels/tensor_stats.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

using measure_fn = tensor_stats (*)(const float*, std::size_t);

struct stats_path {
    const char* name;
    measure_fn measure;
};

std::vector<stats_path> stats_paths_in_this_build() {
    std::vector<stats_path> paths = {{"scalar", &scalar::measure_tensor}};
#if defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &simd::measure_tensor});
#endif
    return paths;
}

struct reference_stats {
    bool finite = true;
    std::size_t zeros = 0;
    long double sum = 0, sum_squares = 0, sum_abs = 0;
};

reference_stats reference(const std::vector<float>& x) {
    reference_stats r;
    for (float v : x) {
        if (std::isnan(v) || std::isinf(v)) r.finite = false;
        if (v == 0.0f) ++r.zeros;
        r.sum += static_cast<long double>(v);
        r.sum_squares += static_cast<long double>(v) * v;
        r.sum_abs += std::fabs(static_cast<long double>(v));
    }
    return r;
}

void check_against_reference(const stats_path& path, const std::vector<float>& x) {
    const tensor_stats got = path.measure(x.data(), x.size());
    const reference_stats want = reference(x);
    CAPTURE(path.name);
    CAPTURE(x.size());
    CHECK(got.finite == want.finite);
    CHECK(got.zeros == want.zeros);
    if (!want.finite) return;
    CHECK(std::fabs(static_cast<long double>(got.sum) - want.sum) <=
          tensor_stats_rel_tolerance * want.sum_abs + 1e-300L);
    CHECK(std::fabs(static_cast<long double>(got.sum_squares) - want.sum_squares) <=
          tensor_stats_rel_tolerance * want.sum_squares + 1e-300L);
}

}  // namespace

TEST_CASE("tensor statistics match a long-double reference for every tail length and across blocks") {
    const std::uint64_t seed = 20261123;
    CAPTURE(seed);
    rng random(seed);
    std::vector<std::size_t> lengths;
    for (std::size_t n = 0; n <= 33; ++n) lengths.push_back(n);
    lengths.push_back(tensor_stats_block_floats);
    lengths.push_back(4099);
    for (const stats_path& path : stats_paths_in_this_build()) {
        for (std::size_t n : lengths) {
            std::vector<float> x(n);
            // ReLU-like data: about a third exact zeros, the rest of mixed sign and scale.
            for (float& v : x) {
                const float u = random.uniform(-1.0f, 1.0f);
                v = u < -0.33f ? 0.0f : u * 40.0f;
            }
            check_against_reference(path, x);
        }
    }
}

TEST_CASE("tensor statistics: NaN and infinity anywhere make it non-finite; -0 and denormals are handled") {
    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (const stats_path& path : stats_paths_in_this_build()) {
        CAPTURE(path.name);
        for (float bad : {nan, inf, -inf}) {
            for (std::size_t at = 0; at < 37; ++at) {
                std::vector<float> x(37, 1.5f);
                x[at] = bad;
                CAPTURE(at);
                CHECK_FALSE(path.measure(x.data(), x.size()).finite);
            }
        }
        // -0 is a zero; denormals are not, and their squares underflow without harm.
        std::vector<float> x(41, -0.0f);
        x[3] = std::numeric_limits<float>::denorm_min();
        x[40] = -std::numeric_limits<float>::denorm_min();
        const tensor_stats s = path.measure(x.data(), x.size());
        CHECK(s.finite);
        CHECK(s.zeros == 39);
        CHECK(s.sum == 0.0);
    }
}

TEST_CASE("tensor statistics: a NaN or infinity is found in any block, beside huge values or the opposite infinity") {
    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::size_t n = 3 * tensor_stats_block_floats + 7;
    for (const stats_path& path : stats_paths_in_this_build()) {
        CAPTURE(path.name);
        for (std::size_t at : {std::size_t(0), std::size_t(15), std::size_t(16), tensor_stats_block_floats - 1,
                               tensor_stats_block_floats, 2 * tensor_stats_block_floats + 17, n - 8, n - 1}) {
            CAPTURE(at);
            for (float bad : {nan, inf, -inf}) {
                // Huge finite values whose squares overflow a float lane: the block is
                // summed again in double, and the bad element must still be noticed.
                std::vector<float> huge(n, 3e38f);
                huge[at] = bad;
                CHECK_FALSE(path.measure(huge.data(), n).finite);
            }
            // +inf and -inf in one block sum to NaN in a lane, not to a finite number.
            std::vector<float> both(n, 0.25f);
            both[at] = inf;
            both[(at ^ 1) < n ? at ^ 1 : at - 1] = -inf;
            CHECK_FALSE(path.measure(both.data(), n).finite);
        }
    }
}

TEST_CASE("tensor statistics: huge finite values whose squares overflow float stay finite and exact") {
    // 3e38^2 = 9e76 overflows float but not double: the SIMD path must fall back.
    for (const stats_path& path : stats_paths_in_this_build()) {
        std::vector<float> x(300, 3e38f);
        for (std::size_t i = 0; i < x.size(); i += 2) x[i] = -3e38f;
        check_against_reference(path, x);
        CHECK(path.measure(x.data(), x.size()).finite);
    }
}
