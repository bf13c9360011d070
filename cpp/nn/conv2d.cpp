#include "nn/conv2d.h"

#include <algorithm>
#include <cstring>

#include "kernels/conv2d_direct.h"
#include "kernels/gemm.h"

namespace relu_lab {

conv2d_shape make_conv2d_shape(std::size_t in_channels, std::size_t in_height, std::size_t in_width,
                               std::size_t out_channels, std::size_t kernel_size, std::size_t stride,
                               bool same_padding) {
    conv2d_shape s;
    s.in_channels = in_channels;
    s.in_height = in_height;
    s.in_width = in_width;
    s.out_channels = out_channels;
    s.kernel_size = kernel_size;
    s.stride = stride;
    if (stride == 0 || kernel_size == 0) return s;
    if (same_padding) {
        s.out_height = (in_height + stride - 1) / stride;
        s.out_width = (in_width + stride - 1) / stride;
        const std::size_t need_h = (s.out_height - 1) * stride + kernel_size;
        const std::size_t need_w = (s.out_width - 1) * stride + kernel_size;
        s.pad_top = need_h > in_height ? (need_h - in_height) / 2 : 0;
        s.pad_left = need_w > in_width ? (need_w - in_width) / 2 : 0;
    } else if (in_height >= kernel_size && in_width >= kernel_size) {
        s.out_height = (in_height - kernel_size) / stride + 1;
        s.out_width = (in_width - kernel_size) / stride + 1;
    }
    return s;
}

namespace {

// With stride 1, output columns [begin, end) of tap column kx read input column
// ox + shift of the same row, inside the image; the columns before and after read padding.
struct inside_columns {
    long shift, begin, end;
};
inside_columns inside_columns_of(std::size_t kx, const conv2d_shape& s) {
    const long shift = static_cast<long>(kx) - static_cast<long>(s.pad_left);
    const long width = static_cast<long>(s.out_width);
    const long begin = std::clamp(-shift, 0L, width);
    return {shift, begin, std::clamp(static_cast<long>(s.in_width) - shift, begin, width)};
}

// cols [patch_size, out_pixels] from one image x [in_channels, in_height, in_width];
// row (c, ky, kx), column (oy, ox) holds x[c, oy*stride + ky - pad_top, ox*stride + kx - pad_left]
// or 0 outside the image.
void im2col(float* cols, const float* x, const conv2d_shape& s) {
    const std::size_t k = s.kernel_size;
    for (std::size_t c = 0; c < s.in_channels; ++c) {
        const float* plane = x + c * s.in_height * s.in_width;
        for (std::size_t ky = 0; ky < k; ++ky) {
            for (std::size_t kx = 0; kx < k; ++kx) {
                float* row = cols + ((c * k + ky) * k + kx) * s.out_pixels();
                for (std::size_t oy = 0; oy < s.out_height; ++oy) {
                    // Signed arithmetic: padding makes the first rows negative.
                    const long iy = static_cast<long>(oy * s.stride + ky) - static_cast<long>(s.pad_top);
                    float* out = row + oy * s.out_width;
                    if (iy < 0 || iy >= static_cast<long>(s.in_height)) {
                        std::memset(out, 0, s.out_width * sizeof(float));
                        continue;
                    }
                    const float* in_row = plane + static_cast<std::size_t>(iy) * s.in_width;
                    if (s.stride == 1) {
                        // The columns inside the image read the row itself, one after
                        // another: a plain copy, without a bounds check per element.
                        const inside_columns inside = inside_columns_of(kx, s);
                        long ox = 0;
                        for (; ox < inside.begin; ++ox) out[ox] = 0.0f;
                        for (; ox < inside.end; ++ox) out[ox] = in_row[ox + inside.shift];
                        for (; ox < static_cast<long>(s.out_width); ++ox) out[ox] = 0.0f;
                        continue;
                    }
                    for (std::size_t ox = 0; ox < s.out_width; ++ox) {
                        const long ix = static_cast<long>(ox * s.stride + kx) - static_cast<long>(s.pad_left);
                        out[ox] = (ix < 0 || ix >= static_cast<long>(s.in_width)) ? 0.0f : in_row[ix];
                    }
                }
            }
        }
    }
}

// With stride 1, what the forward keeps in cols for an image is a zero-padded copy of
// it (kernels/conv2d_direct.h), when that fits the image's share of cols: the direct
// kernel reads it without an im2col matrix (writing one was most of the forward's
// time, and at inference all of its memory traffic), and the backward pass expands
// it into the same im2col one image at a time. Other shapes keep im2col itself, and so
// do kernels of fewer than 16 taps: measured in Node, the direct kernel's work per
// register tile is too short there (seed-keras' 3 x 3 on one channel ran 1.5x slower
// than im2col + sgemm).
conv2d_direct_shape direct_shape(const conv2d_shape& s) {
    return make_conv2d_direct_shape(s.in_channels, s.kernel_size, s.out_channels, s.out_height, s.out_width);
}

bool keeps_padded_image(const conv2d_shape& s) {
    return s.stride == 1 && s.patch_size() >= 16 && s.out_pixels() > 0 &&
           direct_shape(s).padded_floats() <= s.patch_size() * s.out_pixels();
}

// padded [in_channels, padded_height, padded_width] from one image x: pixel (iy, ix) at
// row iy + pad_top, column ix + pad_left; zeros elsewhere.
void pad_image(float* padded, const float* x, const conv2d_shape& s, const conv2d_direct_shape& d) {
    const std::size_t copied = std::min(s.in_width, d.padded_width - s.pad_left);
    for (std::size_t c = 0; c < s.in_channels; ++c) {
        const float* plane = x + c * s.in_height * s.in_width;
        for (std::size_t r = 0; r < d.padded_height; ++r, padded += d.padded_width) {
            const std::size_t iy = r - s.pad_top;  // wraps to a huge value above the image
            if (r < s.pad_top || iy >= s.in_height) {
                std::fill_n(padded, d.padded_width, 0.0f);
                continue;
            }
            std::fill_n(padded, s.pad_left, 0.0f);
            std::memcpy(padded + s.pad_left, plane + iy * s.in_width, copied * sizeof(float));
            std::fill(padded + s.pad_left + copied, padded + d.padded_width, 0.0f);
        }
    }
}

// im2col (above) of the image that pad_image padded: the same floats, row by row.
void im2col_from_padded(float* cols, const float* padded, const conv2d_shape& s, const conv2d_direct_shape& d) {
    const std::size_t k = s.kernel_size;
    for (std::size_t c = 0; c < s.in_channels; ++c) {
        const float* plane = padded + c * d.padded_height * d.padded_width;
        for (std::size_t ky = 0; ky < k; ++ky) {
            for (std::size_t kx = 0; kx < k; ++kx) {
                // A loop, not memcpy: rows are a few dozen bytes, and in wasm each memcpy
                // is a call (it made the small preset's backward pass a fifth slower).
                for (std::size_t oy = 0; oy < s.out_height; ++oy, cols += s.out_width) {
                    const float* src = plane + (oy + ky) * d.padded_width + kx;
                    for (std::size_t ox = 0; ox < s.out_width; ++ox) cols[ox] = src[ox];
                }
            }
        }
    }
}

// The adjoint of im2col: dx [in_channels, in_height, in_width] (zeroed here) gathers
// every column entry back to the pixel it was copied from.
void col2im(float* dx, const float* dcols, const conv2d_shape& s) {
    const std::size_t k = s.kernel_size;
    std::memset(dx, 0, s.in_channels * s.in_height * s.in_width * sizeof(float));
    for (std::size_t c = 0; c < s.in_channels; ++c) {
        float* plane = dx + c * s.in_height * s.in_width;
        for (std::size_t ky = 0; ky < k; ++ky) {
            for (std::size_t kx = 0; kx < k; ++kx) {
                const float* row = dcols + ((c * k + ky) * k + kx) * s.out_pixels();
                for (std::size_t oy = 0; oy < s.out_height; ++oy) {
                    const long iy = static_cast<long>(oy * s.stride + ky) - static_cast<long>(s.pad_top);
                    if (iy < 0 || iy >= static_cast<long>(s.in_height)) continue;
                    float* in_row = plane + static_cast<std::size_t>(iy) * s.in_width;
                    const float* d = row + oy * s.out_width;
                    if (s.stride == 1) {
                        // As in im2col: the columns that land inside the row, added without
                        // a bounds check per element (the same additions in the same order).
                        const inside_columns inside = inside_columns_of(kx, s);
                        for (long ox = inside.begin; ox < inside.end; ++ox) in_row[ox + inside.shift] += d[ox];
                        continue;
                    }
                    for (std::size_t ox = 0; ox < s.out_width; ++ox) {
                        const long ix = static_cast<long>(ox * s.stride + kx) - static_cast<long>(s.pad_left);
                        if (ix >= 0 && ix < static_cast<long>(s.in_width)) in_row[ix] += d[ox];
                    }
                }
            }
        }
    }
}

// Sum of one output plane in eight interleaved partial sums, in a fixed order: the
// same float result natively and in wasm, without one long chain of dependent adds
// (a single running sum made the bias gradient cost as much as the weight gradient).
float plane_sum(const float* plane, std::size_t n) {
    float partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t p = 0;
    for (; p + 8 <= n; p += 8)
        for (std::size_t j = 0; j < 8; ++j) partial[j] += plane[p + j];
    for (std::size_t j = 0; p < n; ++p, ++j) partial[j] += plane[p];
    return ((partial[0] + partial[1]) + (partial[2] + partial[3])) +
           ((partial[4] + partial[5]) + (partial[6] + partial[7]));
}

}  // namespace

void conv2d_forward(float* y, float* cols, const float* x, const float* weights, const float* bias,
                    const conv2d_shape& s, std::size_t batch) {
    const std::size_t in_size = s.in_channels * s.in_height * s.in_width;
    const std::size_t out_size = s.out_channels * s.out_pixels();
    const std::size_t cols_size = s.patch_size() * s.out_pixels();
    if (keeps_padded_image(s)) {
        const conv2d_direct_shape d = direct_shape(s);
        for (std::size_t b = 0; b < batch; ++b) pad_image(cols + b * cols_size, x + b * in_size, s, d);
        kernels::conv2d_direct_forward(y, cols, cols_size, weights, bias, d, batch);
        return;
    }
    for (std::size_t b = 0; b < batch; ++b) {
        float* cols_b = cols + b * cols_size;
        float* y_b = y + b * out_size;
        im2col(cols_b, x + b * in_size, s);
        // y_b [out_channels, out_pixels] = weights [out_channels, patch] * cols_b [patch, out_pixels] + bias
        kernels::sgemm_row_bias(false, false, s.out_channels, s.out_pixels(), s.patch_size(), weights, s.patch_size(),
                                cols_b, s.out_pixels(), bias, y_b, s.out_pixels());
    }
}

void conv2d_backward(float* dx, float* dweights, float* dbias, float* dcols, const float* dy, const float* cols,
                     const float* weights, const conv2d_shape& s, std::size_t batch) {
    const std::size_t in_size = s.in_channels * s.in_height * s.in_width;
    const std::size_t out_size = s.out_channels * s.out_pixels();
    const std::size_t cols_size = s.patch_size() * s.out_pixels();
    if (batch == 0) {
        std::fill_n(dweights, s.out_channels * s.patch_size(), 0.0f);
        std::fill_n(dbias, s.out_channels, 0.0f);
    }
    const bool padded_images = keeps_padded_image(s);
    for (std::size_t b = 0; b < batch; ++b) {
        const float* dy_b = dy + b * out_size;
        const float* cols_b = cols + b * cols_size;
        if (padded_images) {
            // dcols holds this image's im2col until the input gradient overwrites it.
            im2col_from_padded(dcols, cols_b, s, direct_shape(s));
            cols_b = dcols;
        }
        // The first image writes the parameter gradients, later ones add to them.
        const bool first = b == 0;
        // dweights [out_channels, patch] (+)= dy_b [out_channels, out_pixels] * cols_b^T
        kernels::sgemm(false, true, s.out_channels, s.patch_size(), s.out_pixels(), dy_b, s.out_pixels(), cols_b,
                       s.out_pixels(), first ? 0.0f : 1.0f, dweights, s.patch_size());
        for (std::size_t o = 0; o < s.out_channels; ++o) {
            const float sum = plane_sum(dy_b + o * s.out_pixels(), s.out_pixels());
            dbias[o] = first ? sum : dbias[o] + sum;
        }
        if (dx != nullptr) {
            // dcols [patch, out_pixels] = weights^T [patch, out_channels] * dy_b
            kernels::sgemm(true, false, s.patch_size(), s.out_pixels(), s.out_channels, weights, s.patch_size(), dy_b,
                           s.out_pixels(), 0.0f, dcols, s.out_pixels());
            col2im(dx + b * in_size, dcols, s);
        }
    }
}

double conv2d_forward_flops(const conv2d_shape& s) {
    return 2.0 * static_cast<double>(s.out_channels) * s.out_pixels() * s.patch_size();
}
double conv2d_weight_grad_flops(const conv2d_shape& s) { return conv2d_forward_flops(s); }
double conv2d_input_grad_flops(const conv2d_shape& s) { return conv2d_forward_flops(s); }

}  // namespace relu_lab
