// Building a network from its plan (train/network_plan.cpp), and running it: forward,
// loss, backward.
#include "train/network.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "nn/dense.h"
#include "nn/dropout.h"
#include "nn/flatten.h"
#include "nn/softmax_cross_entropy.h"
#include "train/initializers.h"
#include "train/optimizers.h"

namespace relu_lab {

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
        activations = l.output_offset + l.out.size() * config.batch_size;
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
    dropout_rng_ = rng(seed ^ 0xD509D509D509D509ULL);
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

void network::forward(std::size_t batch, bool training) {
    float* acts = activations_.data();
    const float* x = acts;  // the input buffer
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        layer_plan& l = layers_[i];
        const auto start = profiling_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
        float* y = acts + l.output_offset;
        const float* w = params_.data() + l.weights_offset;
        const float* b = params_.data() + l.bias_offset;
        switch (l.type) {
            case layer_type::conv2d:
                conv2d_forward(y, workspace_.data() + l.cols_offset, x, w, b, l.conv, batch);
                break;
            case layer_type::max_pool2d:
                // Where each maximum came from matters only to a backward pass.
                max_pool2d_forward(y, training ? argmax_.data() + l.argmax_offset : nullptr, x, l.pool, batch);
                break;
            case layer_type::flatten: flatten_forward(y, x, l.out.size(), batch); break;
            case layer_type::dense: dense_forward(y, x, w, b, l.in.size(), l.out.size(), batch); break;
            case layer_type::activation:
                activation_layer_forward(y, x, l.weights_count > 0 ? w : nullptr, l.act, batch);
                break;
            case layer_type::dropout:
                if (training && l.dropout_rate > 0.0f) {
                    dropout_forward(y, workspace_.data() + l.mask_offset, x, l.dropout_rate, l.out.size(), batch,
                                    dropout_rng_);
                } else {
                    std::memcpy(y, x, l.out.size() * batch * sizeof(float));
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
    // Nothing to zero: every layer writes its parameter gradients (the rule in nn/'s headers).
    float* acts = activations_.data();
    float* dacts = activation_grads_.data();
    softmax_cross_entropy_backward(dacts + layers_.back().output_offset, probs_.data(), labels, classes(), batch);
    for (std::size_t i = layers_.size(); i-- > 0;) {
        const layer_plan& l = layers_[i];
        const auto start = profiling_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
        const float* dy = dacts + l.output_offset;
        const float* x = i > 0 ? acts + layers_[i - 1].output_offset : acts;
        // Before the first layer with parameters no gradient is needed: a null dx skips it.
        float* dx = l.needs_input_grad ? dacts + layers_[i - 1].output_offset : nullptr;
        const float* w = params_.data() + l.weights_offset;
        float* dw = grads_.data() + l.weights_offset;
        float* db = grads_.data() + l.bias_offset;
        switch (l.type) {
            case layer_type::conv2d:
                conv2d_backward(dx, dw, db, workspace_.data() + l.dcols_offset, dy, workspace_.data() + l.cols_offset,
                                w, l.conv, batch);
                break;
            case layer_type::max_pool2d:
                if (dx) max_pool2d_backward(dx, dy, argmax_.data() + l.argmax_offset, l.pool, batch);
                break;
            case layer_type::flatten:
                if (dx) flatten_backward(dx, dy, l.out.size(), batch);
                break;
            case layer_type::dense: dense_backward(dx, dw, db, dy, x, w, l.in.size(), l.out.size(), batch); break;
            case layer_type::activation:
                if (dx) {
                    activation_layer_backward(dx, l.weights_count > 0 ? dw : nullptr, dy, x,
                                              l.weights_count > 0 ? w : nullptr, l.act, batch);
                } else if (l.weights_count > 0) {
                    // PReLU first: its slopes still learn; the input gradient goes to scratch
                    // (the dy buffer itself, which is not read again).
                    activation_layer_backward(dacts + l.output_offset, dw, dy, x, w, l.act, batch);
                }
                break;
            case layer_type::dropout:
                if (dx) {
                    if (l.dropout_rate > 0.0f) {
                        dropout_backward(dx, dy, workspace_.data() + l.mask_offset, l.out.size(), batch);
                    } else {
                        std::memcpy(dx, dy, l.out.size() * batch * sizeof(float));
                    }
                }
                break;
        }
        if (profiling_) layer_times_ms_[i].backward += ms_since(start);
    }
}

}  // namespace relu_lab
