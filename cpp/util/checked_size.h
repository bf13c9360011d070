// Size arithmetic on counts that come from outside bytes (model files, IDX headers,
// gzip streams, configs). size_t is 32 bits in wasm: a count times an element size that
// wraps there passes a "this many bytes are left" check, and the allocation that follows
// asks for gigabytes and aborts the module. The native fuzzers, in 64 bits, cannot see
// that. So parsers count in std::uint64_t through these helpers, which refuse instead of
// wrapping, and narrow to size_t only after size_fits has said yes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

namespace relu_lab {

constexpr std::uint64_t checked_size_max = std::numeric_limits<std::uint64_t>::max();

// a * b into `product`; false (product untouched) when it would pass 2^64 - 1.
inline bool checked_mul(std::uint64_t a, std::uint64_t b, std::uint64_t& product) {
    if (a != 0 && b > checked_size_max / a) return false;
    product = a * b;
    return true;
}

// a + b into `sum`; false (sum untouched) when it would pass 2^64 - 1.
inline bool checked_add(std::uint64_t a, std::uint64_t b, std::uint64_t& sum) {
    if (b > checked_size_max - a) return false;
    sum = a + b;
    return true;
}

// True when `bytes` can be held in this build's address space (size_t: 32 bits in wasm).
inline bool size_fits(std::uint64_t bytes) { return bytes <= std::numeric_limits<std::size_t>::max(); }

}  // namespace relu_lab
