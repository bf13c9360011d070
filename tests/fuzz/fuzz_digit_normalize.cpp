// libFuzzer target: the draw pad's image before normalisation (data/digit_normalize.h).
// Byte 0 = rows, byte 1 = cols (0..255 each), then rows * cols floats of any bits
// (NaN, infinities, negative, huge), padded with zeros when the input is short.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "data/digit_normalize.h"

using namespace relu_lab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t rows = data[0], cols = data[1];
    std::vector<float> src(rows * cols, 0.0f);
    const std::size_t available = (size - 2) / sizeof(float);
    const std::size_t copied = std::min(available, src.size());
    if (copied > 0) std::memcpy(src.data(), data + 2, copied * sizeof(float));
    float dst[digit_side * digit_side];
    float scaled[digit_box_side * digit_box_side];
    const digit_normalization r = normalize_digit(src.empty() ? nullptr : src.data(), rows, cols, dst, scaled);
    for (float v : dst) {
        if (!(v >= 0.0f && v <= 1.0f)) __builtin_trap();  // the output is always an image 0..1
    }
    if (!r.ok && r.code.empty()) __builtin_trap();
    return 0;
}
