// Conv2D, NCHW, square k x k kernel, one stride for both axes, 'valid' or 'same'
// padding (TensorFlow's rule: out = ceil(in / stride), the odd pixel of padding goes
// bottom/right). Lowered to matrix products with im2col, so relu_lab::kernels::sgemm
// does the arithmetic in both directions; the forward pass with stride 1 reads a
// zero-padded copy of the image instead (kernels/conv2d_direct.h), with the same
// result bit for bit. An image's output never depends on the other images of the batch.
#pragma once

#include <cstddef>

namespace relu_lab {

struct conv2d_shape {
    std::size_t in_channels = 0, in_height = 0, in_width = 0;
    std::size_t out_channels = 0, kernel_size = 0, stride = 1;
    std::size_t pad_top = 0, pad_left = 0;
    std::size_t out_height = 0, out_width = 0;

    std::size_t patch_size() const { return in_channels * kernel_size * kernel_size; }
    std::size_t out_pixels() const { return out_height * out_width; }
};

// out_height/out_width are 0 when the kernel does not fit (the config check reports it).
conv2d_shape make_conv2d_shape(std::size_t in_channels, std::size_t in_height, std::size_t in_width,
                               std::size_t out_channels, std::size_t kernel_size, std::size_t stride,
                               bool same_padding);

// y       [batch, out_channels, out_height, out_width]
// cols    [batch, patch_size * out_pixels]  what the backward pass needs of x, kept here:
//         per image its im2col [patch_size, out_pixels] or, with stride 1 when it fits,
//         a zero-padded copy of the image (conv2d.cpp); only conv2d_backward reads it
// x       [batch, in_channels, in_height, in_width]
// weights [out_channels, in_channels, kernel_size, kernel_size]
// bias    [out_channels]
void conv2d_forward(float* y, float* cols, const float* x, const float* weights, const float* bias,
                    const conv2d_shape& shape, std::size_t batch);

// Like every backward in nn/, it writes (never adds to) each gradient it returns, and
// sums a parameter's contributions itself: a weight's over the batch, a bias's over
// the batch and every output pixel. Callers need not zero anything; stale values, even
// NaN, never leak (tests/cpp/nn/test_layer_gradients.cpp starts from NaN).
// dx       [batch, in_channels, in_height, in_width]  overwritten; nullptr skips it
//          (the first layer needs no input gradient)
// dweights [out_channels, patch_size]  overwritten: the sum over the batch
// dbias    [out_channels]              overwritten: the sum over the batch and the pixels
// dcols    [patch_size, out_pixels]    workspace for one image (always written)
// dy       [batch, out_channels, out_height, out_width]
// cols     [batch, patch_size * out_pixels]  from conv2d_forward
void conv2d_backward(float* dx, float* dweights, float* dbias, float* dcols, const float* dy, const float* cols,
                     const float* weights, const conv2d_shape& shape, std::size_t batch);

// Multiply-adds counted as 2 FLOPs: forward, weight+bias gradient, input gradient.
double conv2d_forward_flops(const conv2d_shape& shape);
double conv2d_weight_grad_flops(const conv2d_shape& shape);
double conv2d_input_grad_flops(const conv2d_shape& shape);

}  // namespace relu_lab
