#include <cmath>

#include "kernels/simd_ops.h"
#include "kernels/tensor_stats.h"

namespace relu_lab::simd {

namespace {

using namespace simd_ops;

double lanes_sum(vf v) {
    return static_cast<double>(wasm_f32x4_extract_lane(v, 0)) + wasm_f32x4_extract_lane(v, 1) +
           wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

}  // namespace

tensor_stats measure_tensor(const float* x, std::size_t n) {
    tensor_stats s;
    const std::size_t vector_end = n - n % 4;
    const vf zero = splat(0.0f);
    std::size_t i = 0;
    while (i < vector_end) {
        const std::size_t block_end =
            i + tensor_stats_block_floats < vector_end ? i + tensor_stats_block_floats : vector_end;
        const std::size_t block_start = i;
        // Four independent sums of each kind, so no add waits for the previous one (on a
        // 693 K-float gradient slice, in Node: 4.4-4.7 -> 4.9-5.0 floats/ns; memory bounds
        // it there). No running NaN check either: see the test of the block's sums below.
        vf sum0 = zero, sum1 = zero, sum2 = zero, sum3 = zero;
        vf squares0 = zero, squares1 = zero, squares2 = zero, squares3 = zero;
        v128_t zeros01 = wasm_i32x4_splat(0), zeros23 = wasm_i32x4_splat(0);  // a true lane is -1
        for (; i + 16 <= block_end; i += 16) {
            const vf v0 = load(x + i), v1 = load(x + i + 4), v2 = load(x + i + 8), v3 = load(x + i + 12);
            sum0 = add(sum0, v0);
            sum1 = add(sum1, v1);
            sum2 = add(sum2, v2);
            sum3 = add(sum3, v3);
            squares0 = add(squares0, mul(v0, v0));
            squares1 = add(squares1, mul(v1, v1));
            squares2 = add(squares2, mul(v2, v2));
            squares3 = add(squares3, mul(v3, v3));
            zeros01 = wasm_i32x4_sub(zeros01, wasm_i32x4_add(equal(v0, zero), equal(v1, zero)));
            zeros23 = wasm_i32x4_sub(zeros23, wasm_i32x4_add(equal(v2, zero), equal(v3, zero)));
        }
        for (; i < block_end; i += 4) {
            const vf v = load(x + i);
            sum0 = add(sum0, v);
            squares0 = add(squares0, mul(v, v));
            zeros01 = wasm_i32x4_sub(zeros01, equal(v, zero));
        }
        const double block_sum = lanes_sum(add(add(sum0, sum1), add(sum2, sum3)));
        const double block_squares = lanes_sum(add(add(squares0, squares1), add(squares2, squares3)));
        // A NaN or an infinity among the block's elements makes its float sum NaN or
        // infinite, so a finite sum means every element was finite.
        if (std::isfinite(block_sum) && std::isfinite(block_squares)) {
            s.sum += block_sum;
            s.sum_squares += block_squares;
        } else {
            // A NaN or an infinity, or huge values that overflowed a float lane: this
            // block again in double, as the reference does.
            for (std::size_t j = block_start; j < block_end; ++j) {
                s.finite = s.finite && std::isfinite(x[j]);
                s.sum += x[j];
                s.sum_squares += static_cast<double>(x[j]) * x[j];
            }
        }
        const v128_t zeros = wasm_i32x4_add(zeros01, zeros23);
        s.zeros += static_cast<std::size_t>(wasm_i32x4_extract_lane(zeros, 0)) + wasm_i32x4_extract_lane(zeros, 1) +
                   wasm_i32x4_extract_lane(zeros, 2) + wasm_i32x4_extract_lane(zeros, 3);
    }
    // The last 0 to 3 elements: the reference's own loop.
    const tensor_stats tail = scalar::measure_tensor(x + i, n - i);
    s.finite = s.finite && tail.finite;
    s.zeros += tail.zeros;
    s.sum += tail.sum;
    s.sum_squares += tail.sum_squares;
    return s;
}

}  // namespace relu_lab::simd
