// The max pool kernels, scalar and SIMD paths: the 2 x 2 window (max_pool2x2.h) and
// the p x p window for other p (max_pool_window.h), against a reference written another
// way (first NaN of the window by one scan, else the first index, in row order, holding
// the largest value by another). Max is exact, so results must match bit for bit:
// values (including the sign of zero and the NaN's payload) and indices. Widths cross
// the SIMD paths' four-window groups and their scalar tails; rows and columns past the
// last whole window are dropped; guard cells after y and argmax catch out-of-bounds
// writes.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

#include "kernels/max_pool2x2.h"
#include "kernels/max_pool_window.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

// Every pool as f(y, argmax, x, planes, h, w, p); the 2 x 2 kernels ignore p.
using pool_fn = void (*)(float*, std::uint32_t*, const float*, std::size_t, std::size_t, std::size_t, std::size_t);

struct pool_path {
    const char* name;
    pool_fn forward;
};

template <void (*pool2x2)(float*, std::uint32_t*, const float*, std::size_t, std::size_t, std::size_t)>
void as_window_of_2(float* y, std::uint32_t* argmax, const float* x, std::size_t planes, std::size_t h, std::size_t w,
                    std::size_t) {
    pool2x2(y, argmax, x, planes, h, w);
}

std::vector<pool_path> pool2x2_paths_in_this_build() {
    std::vector<pool_path> paths = {{"scalar", &as_window_of_2<&scalar::max_pool2x2_forward>}};
#if defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &as_window_of_2<&simd::max_pool2x2_forward>});
#endif
    return paths;
}

std::vector<pool_path> pool_window_paths_in_this_build() {
    std::vector<pool_path> paths = {{"scalar", &scalar::max_pool_window_forward}};
#if defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &simd::max_pool_window_forward});
#endif
    return paths;
}

struct pooled {
    std::vector<float> y;
    std::vector<std::uint32_t> argmax;
};

pooled reference(const std::vector<float>& x, std::size_t planes, std::size_t h, std::size_t w, std::size_t p) {
    pooled r;
    for (std::size_t plane_index = 0; plane_index < planes; ++plane_index) {
        const float* plane = x.data() + plane_index * h * w;
        for (std::size_t oy = 0; oy < h / p; ++oy) {
            for (std::size_t ox = 0; ox < w / p; ++ox) {
                std::vector<std::uint32_t> at;
                for (std::size_t ky = 0; ky < p; ++ky)
                    for (std::size_t kx = 0; kx < p; ++kx) at.push_back(std::uint32_t((oy * p + ky) * w + ox * p + kx));
                std::size_t chosen = at.size();
                for (std::size_t k = 0; k < at.size() && chosen == at.size(); ++k)
                    if (std::isnan(plane[at[k]])) chosen = k;
                if (chosen == at.size()) {
                    double largest = -std::numeric_limits<double>::infinity();
                    for (std::uint32_t i : at) largest = std::fmax(largest, static_cast<double>(plane[i]));
                    for (std::size_t k = at.size(); k-- > 0;)
                        if (static_cast<double>(plane[at[k]]) == largest) chosen = k;
                }
                r.y.push_back(plane[at[chosen]]);
                r.argmax.push_back(at[chosen]);
            }
        }
    }
    return r;
}

// ReLU-like planes: many exact zeros of both signs and ties, a few specials.
std::vector<float> relu_like(std::size_t n, rng& random, bool specials) {
    std::vector<float> x(n);
    for (float& v : x) {
        const float u = random.uniform(-1.0f, 1.0f);
        v = u < 0.0f ? (u < -0.5f ? 0.0f : -0.0f) : std::round(u * 8.0f) / 8.0f;
    }
    if (specials && n >= 4) {
        x[random.next_u32() % n] = std::numeric_limits<float>::quiet_NaN();
        x[random.next_u32() % n] = -std::numeric_limits<float>::quiet_NaN();
        x[random.next_u32() % n] = std::numeric_limits<float>::infinity();
        x[random.next_u32() % n] = -std::numeric_limits<float>::infinity();
        x[random.next_u32() % n] = std::numeric_limits<float>::denorm_min();
    }
    return x;
}

constexpr float guard = 12345.0f;
constexpr std::uint32_t guard_index = 0xDEADBEEFu;

// One shape through one path, with and without argmax, against the reference.
void check_shape(const pool_path& path, const std::vector<float>& x, std::size_t planes, std::size_t h, std::size_t w,
                 std::size_t p) {
    const pooled want = reference(x, planes, h, w, p);
    const std::size_t n = want.y.size();
    std::vector<float> y(n + 4, guard);
    std::vector<std::uint32_t> argmax(n + 4, guard_index);
    path.forward(y.data(), argmax.data(), x.data(), planes, h, w, p);
    CHECK(std::memcmp(y.data(), want.y.data(), n * sizeof(float)) == 0);
    CHECK(std::memcmp(argmax.data(), want.argmax.data(), n * sizeof(std::uint32_t)) == 0);
    for (std::size_t i = n; i < n + 4; ++i) {
        CHECK(y[i] == guard);
        CHECK(argmax[i] == guard_index);
    }
    std::vector<float> y_only(n + 4, guard);
    path.forward(y_only.data(), nullptr, x.data(), planes, h, w, p);
    CHECK(std::memcmp(y_only.data(), y.data(), (n + 4) * sizeof(float)) == 0);
}

// The 2 x 2 shapes the tests cross: 1 or 3 planes, even and odd heights, widths 2 to 41
// (across the SIMD path's four-window groups, its overlapping last four and rows of
// fewer than four windows).
template <class Check> void for_each_2x2_shape(Check check) {
    for (std::size_t planes : {1, 3}) {
        for (std::size_t h : {2, 3, 5, 8}) {
            for (std::size_t w = 2; w <= 41; ++w) {
                CAPTURE(planes);
                CAPTURE(h);
                CAPTURE(w);
                check(planes, h, w);
            }
        }
    }
}

}  // namespace

TEST_CASE("2x2 max pool: both paths match the reference bit for bit, with and without argmax") {
    rng random(2024);
    for (const pool_path& path : pool2x2_paths_in_this_build()) {
        CAPTURE(path.name);
        for_each_2x2_shape([&](std::size_t planes, std::size_t h, std::size_t w) {
            check_shape(path, relu_like(planes * h * w, random, w % 3 == 0), planes, h, w, 2);
        });
    }
}

TEST_CASE("2x2 max pool backward: both paths write dx whole, 0 + dy where each maximum came from, +0 elsewhere") {
    using backward_fn = void (*)(float*, const float*, const std::uint32_t*, std::size_t, std::size_t, std::size_t);
    std::vector<std::pair<const char*, backward_fn>> paths = {{"scalar", &scalar::max_pool2x2_backward}};
#if defined(RELU_LAB_SIMD)
    paths.push_back({"simd", &simd::max_pool2x2_backward});
#endif
    rng random(2026);
    for (const auto& path : paths) {
        const char* name = path.first;
        const backward_fn backward = path.second;
        CAPTURE(name);
        for_each_2x2_shape([&](std::size_t planes, std::size_t h, std::size_t w) {
            const std::vector<float> x = relu_like(planes * h * w, random, w % 3 == 0);
            const pooled forward = reference(x, planes, h, w, 2);
            const std::size_t n = forward.y.size();
            // Gradients with both zeros, and NaN and infinity now and then.
            std::vector<float> dy(n);
            for (float& g : dy) g = random.uniform(-2.0f, 2.0f);
            if (n >= 3) {
                dy[random.next_u32() % n] = -0.0f;
                dy[random.next_u32() % n] = 0.0f;
                if (w % 4 == 0) dy[random.next_u32() % n] = std::numeric_limits<float>::quiet_NaN();
                if (w % 5 == 0) dy[random.next_u32() % n] = -std::numeric_limits<float>::infinity();
            }
            const std::size_t in_plane = h * w, out_plane = n / planes;
            std::vector<float> want(planes * in_plane, 0.0f);
            for (std::size_t p = 0; p < planes; ++p)
                for (std::size_t o = 0; o < out_plane; ++o)
                    want[p * in_plane + forward.argmax[p * out_plane + o]] = 0.0f + dy[p * out_plane + o];
            std::vector<float> dx(planes * in_plane + 4, guard);
            backward(dx.data(), dy.data(), forward.argmax.data(), planes, h, w);
            CHECK(std::memcmp(dx.data(), want.data(), want.size() * sizeof(float)) == 0);
            for (std::size_t i = want.size(); i < dx.size(); ++i) CHECK(dx[i] == guard);
        });
    }
}

TEST_CASE("p x p max pool: both paths match the reference bit for bit, with and without argmax") {
    rng random(2025);
    for (const pool_path& path : pool_window_paths_in_this_build()) {
        CAPTURE(path.name);
        for (std::size_t p : {1, 3, 4, 5}) {
            for (std::size_t planes : {1, 3}) {
                for (std::size_t h : {p, p + 1, 3 * p + 2}) {
                    for (std::size_t w = p; w <= 11 * p + p - 1; w += (w % 7 == 0 ? 1 : 2)) {
                        CAPTURE(p);
                        CAPTURE(planes);
                        CAPTURE(h);
                        CAPTURE(w);
                        check_shape(path, relu_like(planes * h * w, random, w % 3 == 0), planes, h, w, p);
                    }
                }
            }
        }
    }
}

TEST_CASE("2x2 max pool: first of ties, +0 before -0, first NaN wins") {
    const float nan_a = std::numeric_limits<float>::quiet_NaN();
    const float nan_b = -std::numeric_limits<float>::quiet_NaN();
    // Eight windows side by side (a 2 x 16 plane), so the SIMD path runs its vector loop.
    const std::vector<float> top = {1, 1, 0.0f, -0.0f, -0.0f, 0.0f, 2, 3, nan_a, 5, 1, 2, 1, nan_a, 7, 7};
    const std::vector<float> bottom = {1, 1, 0.0f, 0.0f, 0.0f, 0.0f, 3, 2, nan_b, 1, nan_b, nan_a, 9, 1, 7, 8};
    std::vector<float> x = top;
    x.insert(x.end(), bottom.begin(), bottom.end());
    const std::uint32_t want_index[8] = {0, 2, 4, 7, 8, 26, 13, 31};
    for (const pool_path& path : pool2x2_paths_in_this_build()) {
        CAPTURE(path.name);
        float y[8];
        std::uint32_t argmax[8];
        path.forward(y, argmax, x.data(), 1, 2, 16, 2);
        for (int i = 0; i < 8; ++i) {
            CAPTURE(i);
            CHECK(argmax[i] == want_index[i]);
            CHECK(std::memcmp(&y[i], &x[argmax[i]], sizeof(float)) == 0);
        }
        CHECK_FALSE(std::signbit(y[1]));  // +0 first, -0 does not take over
        CHECK(std::signbit(y[2]));        // -0 first, +0 is not larger
    }
}

TEST_CASE("3x3 max pool: first of ties in row order, +0 before -0, first NaN wins") {
    const float nan_a = std::numeric_limits<float>::quiet_NaN();
    const float nan_b = -std::numeric_limits<float>::quiet_NaN();
    // Four windows side by side (a 3 x 12 plane), so the SIMD path runs its vector loop.
    const std::vector<float> x = {
        1, 0.0f, 1,     -0.0f, 0.0f, 0.0f, 2, 3, 1, nan_a, 5, 1,      //
        1, 1,    0.5f,  0.0f,  0.0f, 0.0f, 3, 2, 3, 1,     1, nan_b,  //
        1, 0.0f, -1.0f, 0.0f,  0.0f, 0.0f, 1, 1, 1, 9,     9, 9,
    };
    const std::uint32_t want_index[4] = {0, 3, 7, 9};
    for (const pool_path& path : pool_window_paths_in_this_build()) {
        CAPTURE(path.name);
        float y[4];
        std::uint32_t argmax[4];
        path.forward(y, argmax, x.data(), 1, 3, 12, 3);
        for (int i = 0; i < 4; ++i) {
            CAPTURE(i);
            CHECK(argmax[i] == want_index[i]);
            CHECK(std::memcmp(&y[i], &x[argmax[i]], sizeof(float)) == 0);
        }
        CHECK(std::signbit(y[1]));  // -0 first, no later +0 is larger
        CHECK(std::isnan(y[3]));    // the first NaN, not the later 9s
    }
}
