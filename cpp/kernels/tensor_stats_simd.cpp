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
    // x * 0 is +-0 for finite x and NaN for NaN or infinity: summed, it stays 0
    // until the first non-finite element, whatever the magnitudes.
    vf poison = splat(0.0f);
    std::size_t i = 0;
    while (i < vector_end) {
        const std::size_t block_end =
            i + tensor_stats_block_floats < vector_end ? i + tensor_stats_block_floats : vector_end;
        const std::size_t block_start = i;
        vf sum = splat(0.0f), squares = splat(0.0f);
        v128_t zeros = wasm_i32x4_splat(0);
        for (; i < block_end; i += 4) {
            const vf v = load(x + i);
            sum = add(sum, v);
            squares = add(squares, mul(v, v));
            poison = add(poison, mul(v, splat(0.0f)));
            zeros = wasm_i32x4_sub(zeros, equal(v, splat(0.0f)));  // a true lane is -1
        }
        const double block_sum = lanes_sum(sum), block_squares = lanes_sum(squares);
        if (std::isfinite(block_sum) && std::isfinite(block_squares)) {
            s.sum += block_sum;
            s.sum_squares += block_squares;
        } else {
            // Huge values overflowed a float lane (or a NaN is there: then `finite`
            // says so anyway); this block again in double, as the reference does.
            for (std::size_t j = block_start; j < block_end; ++j) {
                s.sum += x[j];
                s.sum_squares += static_cast<double>(x[j]) * x[j];
            }
        }
        s.zeros += static_cast<std::size_t>(wasm_i32x4_extract_lane(zeros, 0)) + wasm_i32x4_extract_lane(zeros, 1) +
                   wasm_i32x4_extract_lane(zeros, 2) + wasm_i32x4_extract_lane(zeros, 3);
    }
    s.finite = wasm_f32x4_extract_lane(poison, 0) == 0.0f && wasm_f32x4_extract_lane(poison, 1) == 0.0f &&
               wasm_f32x4_extract_lane(poison, 2) == 0.0f && wasm_f32x4_extract_lane(poison, 3) == 0.0f;
    // The last 0 to 3 elements: the reference's own loop.
    const tensor_stats tail = scalar::measure_tensor(x + i, n - i);
    s.finite = s.finite && tail.finite;
    s.zeros += tail.zeros;
    s.sum += tail.sum;
    s.sum_squares += tail.sum_squares;
    return s;
}

}  // namespace relu_lab::simd
