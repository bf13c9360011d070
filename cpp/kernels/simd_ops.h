// Inline WebAssembly SIMD helpers: the one place where kernels meet wasm_simd128.h.
// Every loop helper ends with a scalar-sized tail that goes through the same vector
// code via a small stack buffer, so buffers need no padding and every element of an
// array is computed by the same formula, whatever its position.
#pragma once

#if !defined(__wasm_simd128__)
#error "simd_ops.h needs -msimd128; build with RELU_LAB_SIMD=OFF for the scalar path"
#endif

#include <wasm_simd128.h>

#include <cstddef>
#include <cstring>

namespace relu_lab::simd_ops {

using vf = v128_t;

inline vf splat(float v) { return wasm_f32x4_splat(v); }
inline vf load(const float* p) { return wasm_v128_load(p); }
// One float from memory in all four lanes (a single broadcast load on x86 with AVX).
inline vf load_splat(const float* p) { return wasm_v128_load32_splat(p); }
inline void store(float* p, vf v) { wasm_v128_store(p, v); }
// The first n (at most 4) lanes of v to p, nothing past them. Lane stores, not a copy loop
// through the stack: clang turns such a loop into a call to memcpy, and around a call V8
// saves every live vector register to the stack.
inline void store_first(float* p, vf v, std::size_t n) {
    switch (n) {
        case 4: wasm_v128_store(p, v); break;
        case 3:
            wasm_v128_store64_lane(p, v, 0);
            wasm_v128_store32_lane(p + 2, v, 2);
            break;
        case 2: wasm_v128_store64_lane(p, v, 0); break;
        case 1: wasm_v128_store32_lane(p, v, 0); break;
        default: break;
    }
}
inline vf add(vf a, vf b) { return wasm_f32x4_add(a, b); }
inline vf sub(vf a, vf b) { return wasm_f32x4_sub(a, b); }
inline vf mul(vf a, vf b) { return wasm_f32x4_mul(a, b); }
inline vf div(vf a, vf b) { return wasm_f32x4_div(a, b); }
inline vf fma_(vf a, vf b, vf c) { return add(mul(a, b), c); }  // a * b + c, two roundings
// a * b + c for the matrix kernels (SGEMM, direct convolution). In the FMA build it is
// f32x4.relaxed_madd: one rounding where the engine fuses it (x86 with FMA3, ARM64),
// two where it does not, the same way every time on one machine. Emscripten 3.1.6's
// toolchain cannot read relaxed-SIMD opcodes, so the FMA build calls a placeholder
// import that build-scripts/relaxed_simd/ turns into the instruction after linking.
#if defined(RELU_LAB_RELAXED_SIMD)
extern "C" v128_t relu_lab_relaxed_madd(v128_t a, v128_t b, v128_t c) __attribute__((const));
inline vf multiply_add(vf a, vf b, vf c) { return relu_lab_relaxed_madd(a, b, c); }
#else
inline vf multiply_add(vf a, vf b, vf c) { return add(mul(a, b), c); }
#endif
inline vf abs_(vf a) { return wasm_f32x4_abs(a); }
inline vf neg(vf a) { return wasm_f32x4_neg(a); }
// wasm max/min propagate NaN and order -0 below +0, but on x86 each lowers to a
// sequence of several instructions. Hot kernels use relu_() and pmin/pmax instead.
inline vf max_(vf a, vf b) { return wasm_f32x4_max(a, b); }
inline vf min_(vf a, vf b) { return wasm_f32x4_min(a, b); }
// max(x, 0) under the ReLU policy in two single-instruction ops: pmax(x, 0) is
// "0 if x < 0 else x", which keeps NaN (the comparison is false) and -0; adding +0
// then turns -0 into +0 and changes nothing else.
inline vf relu_(vf x) { return wasm_f32x4_add(wasm_f32x4_pmax(x, wasm_f32x4_splat(0.0f)), wasm_f32x4_splat(0.0f)); }
inline vf greater(vf a, vf b) { return wasm_f32x4_gt(a, b); }
inline vf less(vf a, vf b) { return wasm_f32x4_lt(a, b); }
inline vf equal(vf a, vf b) { return wasm_f32x4_eq(a, b); }
inline vf is_nan(vf a) { return wasm_f32x4_ne(a, a); }
inline vf bit_and(vf a, vf b) { return wasm_v128_and(a, b); }
// Transposes the 4x4 block whose rows are r0..r3 in place: afterwards r0 holds the
// first lanes of the old rows, r1 the second lanes, and so on.
inline void transpose4x4(vf& r0, vf& r1, vf& r2, vf& r3) {
    const vf t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5);
    const vf t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
    const vf t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
    const vf t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
    r0 = wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5);
    r1 = wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7);
    r2 = wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5);
    r3 = wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7);
}
// Lane-wise mask ? a : b.
inline vf select(vf mask, vf a, vf b) { return wasm_v128_bitselect(a, b, mask); }
// Where x is NaN, return x (its NaN); elsewhere r.
inline vf keep_nan(vf x, vf r) { return select(is_nan(x), x, r); }
// x * factor, with the limit 0 where factor is exactly 0 (avoids inf * 0 = NaN).
inline vf times_vanishing(vf x, vf factor) { return select(equal(factor, splat(0.0f)), splat(0.0f), mul(x, factor)); }

// e^x to ~2 ulp. Cody-Waite reduction x = k ln2 + r, |r| <= ln2 / 2, a degree-6
// minimax polynomial for e^r, then 2^k applied as two factors so that k from -150
// to 128 needs no special case: the multiply itself overflows to inf or underflows
// to 0 (or a denormal). NaN passes through the arithmetic.
inline vf exp_(vf x) {
    const vf xc = wasm_f32x4_pmax(wasm_f32x4_pmin(x, splat(89.0f)), splat(-104.0f));
    const vf k = wasm_f32x4_nearest(mul(xc, splat(1.44269504088896341f)));
    vf r = sub(xc, mul(k, splat(0.693359375f)));
    r = sub(r, mul(k, splat(-2.12194440e-4f)));
    vf p = splat(1.9875691500e-4f);
    p = fma_(p, r, splat(1.3981999507e-3f));
    p = fma_(p, r, splat(8.3334519073e-3f));
    p = fma_(p, r, splat(4.1665795894e-2f));
    p = fma_(p, r, splat(1.6666665459e-1f));
    p = fma_(p, r, splat(5.0000001201e-1f));
    const vf e = add(fma_(mul(r, r), p, r), splat(1.0f));
    const v128_t ki = wasm_i32x4_trunc_sat_f32x4(k);
    const v128_t k1 = wasm_i32x4_shr(ki, 1);
    const v128_t k2 = wasm_i32x4_sub(ki, k1);
    const v128_t bias = wasm_i32x4_splat(127);
    const vf two_k1 = wasm_i32x4_shl(wasm_i32x4_add(k1, bias), 23);
    const vf two_k2 = wasm_i32x4_shl(wasm_i32x4_add(k2, bias), 23);
    return mul(mul(e, two_k1), two_k2);
}

inline vf sigmoid_(vf x) { return div(splat(1.0f), add(splat(1.0f), exp_(neg(x)))); }

// tanh: an odd polynomial below |x| = 0.625 (no cancellation near 0), and
// 1 - 2 / (e^{2|x|} + 1) with the sign of x above it (saturates to +-1, never NaN).
inline vf tanh_(vf x) {
    const vf a = abs_(x);
    const vf z = mul(x, x);
    vf p = splat(-5.70498872745e-3f);
    p = fma_(p, z, splat(2.06390887954e-2f));
    p = fma_(p, z, splat(-5.37397155531e-2f));
    p = fma_(p, z, splat(1.33314422036e-1f));
    p = fma_(p, z, splat(-3.33332819422e-1f));
    const vf small = fma_(mul(x, z), p, x);
    const vf big_abs = sub(splat(1.0f), div(splat(2.0f), add(exp_(add(a, a)), splat(1.0f))));
    const vf sign_bit = wasm_i32x4_splat(static_cast<int>(0x80000000u));
    const vf big = wasm_v128_or(big_abs, bit_and(x, sign_bit));
    return select(less(a, splat(0.625f)), small, big);
}

// erfc(z) with fractional error about 1e-7 over the whole line: the Chebyshev-fitted
// form t * exp(-z^2 + P(t)), t = 1 / (1 + |z| / 2) (Press et al., Numerical Recipes,
// erfcc), and erfc(-z) = 2 - erfc(z).
inline vf erfc_(vf z) {
    const vf a = abs_(z);
    const vf t = div(splat(1.0f), fma_(splat(0.5f), a, splat(1.0f)));
    vf p = splat(0.17087277f);
    p = fma_(p, t, splat(-0.82215223f));
    p = fma_(p, t, splat(1.48851587f));
    p = fma_(p, t, splat(-1.13520398f));
    p = fma_(p, t, splat(0.27886807f));
    p = fma_(p, t, splat(-0.18628806f));
    p = fma_(p, t, splat(0.09678418f));
    p = fma_(p, t, splat(0.37409196f));
    p = fma_(p, t, splat(1.00002368f));
    p = fma_(p, t, splat(-1.26551223f));
    const vf positive = mul(t, exp_(sub(p, mul(a, a))));
    return select(less(z, splat(0.0f)), sub(splat(2.0f), positive), positive);
}

// log(1 + u) for u in [0, 1] only: 2 atanh(s) with s = u / (2 + u) in [0, 1/3],
// summed to s^15 (truncation below 2e-8 relative). No cancellation at small u.
inline vf log1p_unit_(vf u) {
    const vf s = div(u, add(splat(2.0f), u));
    const vf s2 = mul(s, s);
    vf p = splat(1.0f / 15.0f);
    p = fma_(p, s2, splat(1.0f / 13.0f));
    p = fma_(p, s2, splat(1.0f / 11.0f));
    p = fma_(p, s2, splat(1.0f / 9.0f));
    p = fma_(p, s2, splat(1.0f / 7.0f));
    p = fma_(p, s2, splat(1.0f / 5.0f));
    p = fma_(p, s2, splat(1.0f / 3.0f));
    const vf atanh_s = fma_(mul(s, s2), p, s);
    return add(atanh_s, atanh_s);
}

// y[i] = op(x[i]) for i < n: 16 lanes a step for memory-level parallelism, then 4,
// then the tail through a stack buffer (no read or write past n).
template <class Op> inline void map_unary(const float* x, float* y, std::size_t n, Op op) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const vf a = load(x + i), b = load(x + i + 4), c = load(x + i + 8), d = load(x + i + 12);
        store(y + i, op(a));
        store(y + i + 4, op(b));
        store(y + i + 8, op(c));
        store(y + i + 12, op(d));
    }
    for (; i + 4 <= n; i += 4) store(y + i, op(load(x + i)));
    if (i < n) {
        float in[4] = {0.0f, 0.0f, 0.0f, 0.0f}, out[4];
        std::memcpy(in, x + i, (n - i) * sizeof(float));
        store(out, op(load(in)));
        std::memcpy(y + i, out, (n - i) * sizeof(float));
    }
}

// dx[i] = op(x[i], dy[i]) for i < n: 4 lanes a step, then the tail as in map_unary.
template <class Op> inline void map_binary(const float* x, const float* dy, float* dx, std::size_t n, Op op) {
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) store(dx + i, op(load(x + i), load(dy + i)));
    if (i < n) {
        float in_x[4] = {0.0f, 0.0f, 0.0f, 0.0f}, in_dy[4] = {0.0f, 0.0f, 0.0f, 0.0f}, out[4];
        std::memcpy(in_x, x + i, (n - i) * sizeof(float));
        std::memcpy(in_dy, dy + i, (n - i) * sizeof(float));
        store(out, op(load(in_x), load(in_dy)));
        std::memcpy(dx + i, out, (n - i) * sizeof(float));
    }
}

}  // namespace relu_lab::simd_ops
