// Floating-point peak probes for the kernel benchmark: how many GFLOP/s this engine
// reaches at all, so a kernel's speed can be read as a fraction of it.
//
// Each probe runs peak_probe_chains independent multiply chains, p = p * factor, and
// as many add chains, s = s + p, so the multiplies and adds (wasm SIMD has no FMA)
// keep both kinds of FP unit busy, and enough of each that one operation's latency
// hides behind the others. Seven of each measured fastest in Node (V8) on x86: six
// leave the multipliers idle part of the time, eight need more than the 15 vector
// registers V8 allocates, and the spills halve the rate. factor is 1, read from a
// volatile so the compiler cannot fold it: values neither overflow nor decay into
// slow subnormals. The result depends on every chain, so no work can be dropped.
// GFLOP/s = iterations * *_peak_probe_flops_per_iteration / seconds / 1e9.
#pragma once

#include <cstddef>

namespace relu_lab {

constexpr std::size_t peak_probe_chains = 7;

// One multiply and one add per chain and iteration, on one float.
constexpr std::size_t scalar_peak_probe_flops_per_iteration = 2 * peak_probe_chains;
float scalar_peak_probe(std::size_t iterations);

#if defined(RELU_LAB_SIMD)
// One f32x4 multiply and one f32x4 add per chain and iteration: 4 lanes each.
constexpr std::size_t simd_peak_probe_flops_per_iteration = 2 * peak_probe_chains * 4;
float simd_peak_probe(std::size_t iterations);
#endif

#if defined(RELU_LAB_RELAXED_SIMD)
// The FMA build's yardstick: relaxed_peak_probe_chains independent chains of
// s = s * factor + addend in one f32x4.relaxed_madd each (2 FLOP per lane). Ten chains
// cover a fused multiply-add's latency (4 cycles) on two pipes with room to spare. Where
// multiplies and adds have pipes of their own (AMD Zen), this peak equals the SIMD
// one; where one pipe does both (Intel), it is up to twice it.
constexpr std::size_t relaxed_peak_probe_chains = 10;
constexpr std::size_t relaxed_peak_probe_flops_per_iteration = 2 * relaxed_peak_probe_chains * 4;
float relaxed_peak_probe(std::size_t iterations);
#endif

}  // namespace relu_lab
