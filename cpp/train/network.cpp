// Building a network from its plan (train/network_plan.cpp), and running it: forward,
// loss, backward.
#include "train/network.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "kernels/gemm.h"
#include "kernels/tensor_stats.h"
#include "nn/dense.h"
#include "nn/dropout.h"
#include "nn/flatten.h"
#include "nn/softmax_cross_entropy.h"
#include "train/initializers.h"
#include "train/optimizers.h"

namespace relu_lab {

namespace {
constexpr std::size_t npos = static_cast<std::size_t>(-1);

// Layers whose parameter gradient is folded from per-image gradients; dense layers
// fold theirs from x and dy instead (smaller than a [outputs, inputs] gradient).
bool has_image_gradients(const layer_plan& l) {
    return (l.type == layer_type::conv2d || l.type == layer_type::activation) && l.weights_count + l.bias_count > 0;
}
}  // namespace

network_build_result build_network(const trainer_config& config) {
    network_build_result result;
    network_plan_result plan = plan_network(config);
    if (!plan.ok) {
        set_error(result, error_of(plan));
        return result;
    }
    std::unique_ptr<network> net(new network());
    net->config_ = config;
    net->input_shape_ = {config.network.input_channels, config.network.input_height, config.network.input_width};
    net->layers_ = std::move(plan.layers);
    net->flops_per_image_ = plan.flops_per_image;
    net->memory_bytes_ = plan.memory_bytes;

    std::size_t activations = net->input_shape_.size() * config.batch_size;
    std::size_t workspace = 0, argmax = 0;
    for (std::size_t i = 0; i < net->layers_.size(); ++i) {
        const layer_plan& l = net->layers_[i];
        activations = std::max(activations, l.output_offset + l.out.size() * config.batch_size);
        if (l.type == layer_type::conv2d) workspace = l.dcols_offset + l.conv.patch_size() * l.conv.out_pixels();
        if (l.type == layer_type::dropout) workspace = l.mask_offset + l.out.size() * config.batch_size;
        if (l.type == layer_type::max_pool2d) argmax = l.argmax_offset + l.out.size() * config.batch_size;
        if (l.weights_count > 0)
            net->param_tensors_.push_back({l.weights_offset, l.weights_count, l.type != layer_type::activation, i});
        if (l.bias_count > 0) net->param_tensors_.push_back({l.bias_offset, l.bias_count, false, i});
    }
    net->params_.assign(plan.parameter_count, 0.0f);
    net->grads_.assign(plan.parameter_count, 0.0f);
    net->optimizer_state_.assign(plan.parameter_count * optimizer_state_floats(config.optimizer.kind), 0.0f);
    net->activations_.assign(activations, 0.0f);
    net->activation_grads_.assign(activations, 0.0f);
    net->workspace_.assign(workspace, 0.0f);
    net->argmax_.assign(argmax, 0u);
    net->probs_.assign(config.batch_size * config.network.classes, 0.0f);
    // Each image's parts (network.h): conv2d and PReLU gradients, then dense x and dy.
    net->image_gradient_offset_.assign(net->layers_.size(), npos);
    for (std::size_t i = 0; i < net->layers_.size(); ++i) {
        const layer_plan& l = net->layers_[i];
        if (has_image_gradients(l)) {
            net->image_gradient_offset_[i] = net->image_gradient_floats_;
            net->image_gradient_floats_ += l.weights_count + l.bias_count;
        }
        if (l.type == layer_type::dense) net->image_part_floats_ += l.in.size() + l.out.size();
    }
    net->image_part_floats_ += net->image_gradient_floats_;
    net->image_gradients_.assign(config.batch_size * net->image_gradient_floats_, 0.0f);
    net->initialise(config.seed);
    result.ok = true;
    result.net = std::move(net);
    return result;
}

void network::initialise(std::uint64_t seed) {
    // One stream for the weights, layer by layer in order; dropout masks get their own,
    // so adding dropout does not change the initial weights.
    rng random(seed);
    for (const layer_plan& l : layers_) {
        if (l.type == layer_type::activation && l.weights_count > 0) {  // PReLU slopes
            for (std::size_t i = 0; i < l.weights_count; ++i) params_[l.weights_offset + i] = l.act.param;
            continue;
        }
        if (l.weights_count == 0) continue;
        init_weights(params_.data() + l.weights_offset, l.weights_count, l.fan_in, l.fan_out, l.init,
                     config_.network.init.too_large_scale, random);
        for (std::size_t i = 0; i < l.bias_count; ++i) params_[l.bias_offset + i] = config_.network.init.bias;
    }
    std::fill(optimizer_state_.begin(), optimizer_state_.end(), 0.0f);
    dropout_seed_ = seed ^ 0xD509D509D509D509ULL;
}

namespace {
double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

void network::set_profiling(bool on) {
    profiling_ = on;
    layer_times_ms_.assign(on ? layers_.size() : 0, layer_time_ms{});
}

void network::forward(std::size_t first, std::size_t count, bool training) {
    float* acts = activations_.data();
    const float* x = acts + first * input_size();  // the input buffer
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        layer_plan& l = layers_[i];
        const auto start = profiling_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
        const std::size_t out = l.out.size();
        float* y = acts + l.output_offset + first * out;
        const float* w = params_.data() + l.weights_offset;
        const float* b = params_.data() + l.bias_offset;
        switch (l.type) {
            case layer_type::conv2d:
                conv2d_forward(y, workspace_.data() + l.cols_offset + first * l.conv.patch_size() * l.conv.out_pixels(),
                               x, w, b, l.conv, count);
                break;
            case layer_type::max_pool2d:
                // Where each maximum came from matters only to a backward pass.
                max_pool2d_forward(y, training ? argmax_.data() + l.argmax_offset + first * out : nullptr, x, l.pool,
                                   count);
                break;
            case layer_type::flatten: flatten_forward(y, x, out, count); break;
            case layer_type::dense: dense_forward(y, x, w, b, l.in.size(), out, count); break;
            case layer_type::activation:
                activation_layer_forward(y, x, l.weights_count > 0 ? w : nullptr, l.act, count);
                break;
            case layer_type::dropout:
                if (training && l.dropout_rate > 0.0f) {
                    for (std::size_t k = 0; k < count; ++k) {
                        // One stream per image: the same mask whichever worker draws it.
                        rng random(dropout_seed_ ^ dropout_stream_ ^ ((first + k + 1) * 0xC2B2AE3D27D4EB4FULL));
                        dropout_forward(y + k * out, workspace_.data() + l.mask_offset + (first + k) * out, x + k * out,
                                        l.dropout_rate, out, 1, random);
                    }
                } else {
                    std::memcpy(y, x, out * count * sizeof(float));
                }
                break;
        }
        if (profiling_) layer_times_ms_[i].forward += ms_since(start);
        x = y;
    }
}

double network::loss_forward(const std::uint8_t* labels, std::size_t batch) {
    return softmax_cross_entropy_forward(probs_.data(), output(layers_.size() - 1), labels, classes(), batch);
}

void network::backward(const std::uint8_t* labels, std::size_t batch) {
    backward_images(labels, 0, batch, batch);
    reduce_gradients(batch, 0, params_.size());
}

void network::image_losses(const std::uint8_t* labels, std::size_t first, std::size_t count, double* losses) {
    const std::size_t n = classes();
    const float* logits = output(layers_.size() - 1);
    for (std::size_t p = first; p < first + count; ++p) {
        losses[p - first] = softmax_cross_entropy_forward(probs_.data() + p * n, logits + p * n, labels + p, n, 1);
    }
}

void network::backward_images(const std::uint8_t* labels, std::size_t first, std::size_t count, std::size_t batch) {
    float* acts = activations_.data();
    float* dacts = activation_grads_.data();
    const std::size_t n = classes();
    softmax_cross_entropy_backward(dacts + layers_.back().output_offset + first * n, probs_.data() + first * n,
                                   labels + first, n, count, batch);
    for (std::size_t i = layers_.size(); i-- > 0;) {
        const layer_plan& l = layers_[i];
        const auto start = profiling_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
        const std::size_t in = l.in.size(), out = l.out.size();
        float* dy = dacts + l.output_offset + first * out;
        const float* x = (i > 0 ? acts + layers_[i - 1].output_offset : acts) + first * in;
        // Before the first layer with parameters no gradient is needed: a null dx skips it.
        float* dx = l.needs_input_grad ? dacts + layers_[i - 1].output_offset + first * in : nullptr;
        const float* w = params_.data() + l.weights_offset;
        switch (l.type) {
            case layer_type::conv2d: {
                const std::size_t cols_size = l.conv.patch_size() * l.conv.out_pixels();
                for (std::size_t k = 0; k < count; ++k) {
                    float* g =
                        image_gradients_.data() + (first + k) * image_gradient_floats_ + image_gradient_offset_[i];
                    conv2d_backward(dx ? dx + k * in : nullptr, g, g + l.weights_count,
                                    workspace_.data() + l.dcols_offset, dy + k * out,
                                    workspace_.data() + l.cols_offset + (first + k) * cols_size, w, l.conv, 1);
                }
                break;
            }
            case layer_type::max_pool2d:
                if (dx) max_pool2d_backward(dx, dy, argmax_.data() + l.argmax_offset + first * out, l.pool, count);
                break;
            case layer_type::flatten:
                if (dx) flatten_backward(dx, dy, out, count);
                break;
            case layer_type::dense:
                // Only dx here; dW and db come from every image's x and dy (reduce_gradients).
                if (dx) dense_backward(dx, nullptr, nullptr, dy, x, w, in, out, count);
                break;
            case layer_type::activation:
                if (l.weights_count == 0) {
                    if (dx) activation_layer_backward(dx, nullptr, dy, x, nullptr, l.act, count);
                    break;
                }
                for (std::size_t k = 0; k < count; ++k) {
                    float* g =
                        image_gradients_.data() + (first + k) * image_gradient_floats_ + image_gradient_offset_[i];
                    // PReLU first: its slopes still learn; the input gradient goes to scratch
                    // (the dy buffer itself, which is not read again).
                    activation_layer_backward(dx ? dx + k * in : dy + k * out, g, dy + k * out, x + k * in, w, l.act,
                                              1);
                }
                break;
            case layer_type::dropout:
                if (dx) {
                    if (l.dropout_rate > 0.0f) {
                        dropout_backward(dx, dy, workspace_.data() + l.mask_offset + first * out, out, count);
                    } else {
                        std::memcpy(dx, dy, out * count * sizeof(float));
                    }
                }
                break;
        }
        if (profiling_) layer_times_ms_[i].backward += ms_since(start);
    }
}

void network::reduce_gradients(std::size_t batch, std::size_t begin, std::size_t end) {
    const float* acts = activations_.data();
    const float* dacts = activation_grads_.data();
    for (const param_tensor& t : param_tensors_) {
        const std::size_t lo = std::max(begin, t.offset), hi = std::min(end, t.offset + t.count);
        if (lo >= hi) continue;
        const layer_plan& l = layers_[t.layer];
        const auto start = profiling_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
        float* g = grads_.data() + lo;
        const std::size_t n = hi - lo;
        if (l.type == layer_type::dense) {
            const std::size_t in = l.in.size(), out = l.out.size();
            const float* x = t.layer > 0 ? acts + layers_[t.layer - 1].output_offset : acts;
            const float* dy = dacts + l.output_offset;
            if (t.offset == l.weights_offset) {
                // Rows [r0, r1) of dW [out, in] = dy^T [out, batch] * x [batch, in]: each
                // element sums over the batch in order, whatever rows are asked for.
                const std::size_t r0 = (lo - t.offset) / in, r1 = (hi - t.offset + in - 1) / in;
                kernels::sgemm(true, false, r1 - r0, in, batch, dy + r0, out, x, in, 0.0f,
                               grads_.data() + t.offset + r0 * in, in);
            } else {
                const std::size_t o0 = lo - t.offset;
                for (std::size_t o = 0; o < n; ++o) g[o] = dy[o0 + o];
                for (std::size_t b = 1; b < batch; ++b) {
                    const float* row = dy + b * out + o0;
                    for (std::size_t o = 0; o < n; ++o) g[o] += row[o];
                }
            }
        } else {
            // Per-image gradients, weights then bias in each image's block.
            const std::size_t within = image_gradient_offset_[t.layer] +
                                       (t.offset == l.weights_offset ? 0 : l.weights_count) + (lo - t.offset);
            const float* part = image_gradients_.data() + within;
            std::memcpy(g, part, n * sizeof(float));
            for (std::size_t b = 1; b < batch; ++b) {
                const float* p = part + b * image_gradient_floats_;
                for (std::size_t e = 0; e < n; ++e) g[e] += p[e];
            }
        }
        if (profiling_) layer_times_ms_[t.layer].backward += ms_since(start);
    }
}

void network::write_image_parts(std::size_t first, std::size_t count, float* out) const {
    for (std::size_t p = first; p < first + count; ++p) {
        const float* g = image_gradients_.data() + p * image_gradient_floats_;
        out = std::copy(g, g + image_gradient_floats_, out);
        for (std::size_t i = 0; i < layers_.size(); ++i) {
            const layer_plan& l = layers_[i];
            if (l.type != layer_type::dense) continue;
            const float* x = (i > 0 ? output(i - 1) : activations_.data()) + p * l.in.size();
            out = std::copy(x, x + l.in.size(), out);
            const float* dy = output_grad(i) + p * l.out.size();
            out = std::copy(dy, dy + l.out.size(), out);
        }
    }
}

void network::read_image_parts(std::size_t first, std::size_t count, const float* in) {
    for (std::size_t p = first; p < first + count; ++p) {
        std::copy(in, in + image_gradient_floats_, image_gradients_.data() + p * image_gradient_floats_);
        in += image_gradient_floats_;
        for (std::size_t i = 0; i < layers_.size(); ++i) {
            const layer_plan& l = layers_[i];
            if (l.type != layer_type::dense) continue;
            float* x = activations_.data() + (i > 0 ? layers_[i - 1].output_offset : 0) + p * l.in.size();
            std::copy(in, in + l.in.size(), x);
            in += l.in.size();
            std::copy(in, in + l.out.size(), activation_grads_.data() + l.output_offset + p * l.out.size());
            in += l.out.size();
        }
    }
}

bool network::image_parts_finite(std::size_t position) const {
    const auto finite = [](const float* v, std::size_t n) { return kernels::measure_tensor(v, n).finite; };
    if (!finite(image_gradients_.data() + position * image_gradient_floats_, image_gradient_floats_)) return false;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const layer_plan& l = layers_[i];
        if (l.type != layer_type::dense) continue;
        const float* x = (i > 0 ? output(i - 1) : activations_.data()) + position * l.in.size();
        if (!finite(x, l.in.size()) || !finite(output_grad(i) + position * l.out.size(), l.out.size())) return false;
    }
    return true;
}

const float* network::image_gradient(std::size_t layer, std::size_t position) const {
    if (image_gradient_offset_[layer] == npos) return nullptr;
    return image_gradients_.data() + position * image_gradient_floats_ + image_gradient_offset_[layer];
}

}  // namespace relu_lab
