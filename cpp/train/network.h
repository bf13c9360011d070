// A network built from a network_config: the layer plan (every shape checked here, by
// the planner in network_plan.cpp), one parameter arena, and every buffer a training
// step needs, sized once for the largest batch. forward/backward never allocate.
//
// Memory, all std::vector<float> allocated in build_network:
//   params, grads        [parameter_count]            the arena; layers hold offsets
//   optimizer_state      [parameter_count * 0|1|2]    sgd | momentum | adam (m, v)
//   activations          [max_batch * (input + every layer's output)]; a flatten shares
//                        its input's buffer
//   activation_grads     same offsets as activations  dL/d(that buffer)
//   workspace            conv im2col columns and dropout masks; argmax for max-pooling
//   image_gradients      [max_batch, conv2d and PReLU parameters]  one gradient per image
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nn/activation_layer.h"
#include "nn/conv2d.h"
#include "nn/max_pool2d.h"
#include "train/config.h"
#include "util/learner_error.h"
#include "util/rng.h"

namespace relu_lab {

struct tensor_shape {
    std::size_t channels = 0, height = 1, width = 1;
    std::size_t size() const { return channels * height * width; }  // per example
};

// One slice of the parameter arena (a layer's weights, or its biases).
struct param_tensor {
    std::size_t offset = 0, count = 0;
    bool weight_decay = false;  // L2 applies to weights, not to biases or PReLU slopes
    std::size_t layer = 0;
};

// A conv2d or dense layer with an activation becomes two planned layers, so every
// activation has its own output buffer that the page can show and measure.
struct layer_plan {
    layer_type type = layer_type::dense;
    std::string name;  // "conv2d_1", "relu_1", "dense_2", ...
    tensor_shape in, out;
    conv2d_shape conv;                          // conv2d
    max_pool2d_shape pool;                      // max_pool2d
    activation_layer_shape act;                 // activation
    float dropout_rate = 0.0f;                  // dropout
    weight_init init = weight_init::he_normal;  // resolved, for conv2d/dense
    std::size_t fan_in = 0, fan_out = 0;
    // Arena offsets (counts 0 when the layer has no such parameter).
    std::size_t weights_offset = 0, weights_count = 0, bias_offset = 0, bias_count = 0;
    // activations / activation_grads offsets of this layer's output [max_batch, out]
    std::size_t output_offset = 0;
    // workspace offsets: conv columns [max_batch, patch, pixels] + dcols [patch, pixels];
    // dropout mask [max_batch, out]; argmax offset into the uint32 workspace
    std::size_t cols_offset = 0, dcols_offset = 0, mask_offset = 0, argmax_offset = 0;
    // False while no earlier layer has parameters: then nothing needs dL/d(input).
    bool needs_input_grad = false;
    double flops_per_image = 0.0;  // forward + backward matrix-product FLOPs
};

class network;

struct network_build_result {
    bool ok = false;
    std::string error, code;  // English sentence and its code (util/learner_error.h)
    error_params params;
    std::unique_ptr<network> net;
};

// Checks `config` (shapes, names, sizes against max_bytes) and builds it, weights
// initialised from `seed`. Never aborts: a bad config gives ok == false and a sentence.
network_build_result build_network(const trainer_config& config);

// What build_network would allocate, or the reason it refuses; no allocation of buffers.
struct network_plan_result {
    bool ok = false;
    std::string error, code;  // English sentence and its code (util/learner_error.h)
    error_params params;
    std::vector<layer_plan> layers;
    std::size_t parameter_count = 0;
    std::size_t memory_bytes = 0;
    double flops_per_image = 0.0;  // one training step (forward + backward), per image
};
network_plan_result plan_network(const trainer_config& config);

class network {
public:
    const trainer_config& config() const { return config_; }
    const std::vector<layer_plan>& layers() const { return layers_; }
    std::size_t max_batch() const { return config_.batch_size; }
    std::size_t input_size() const { return input_shape_.size(); }
    std::size_t classes() const { return config_.network.classes; }
    double flops_per_image() const { return flops_per_image_; }
    std::size_t memory_bytes() const { return memory_bytes_; }

    // [max_batch, channels, height, width]: the caller writes a batch here, then forward().
    float* input() { return activations_.data(); }
    // Layer i's output [batch, out] and dL/d(output) after backward.
    const float* output(std::size_t i) const { return activations_.data() + layers_[i].output_offset; }
    const float* output_grad(std::size_t i) const { return activation_grads_.data() + layers_[i].output_offset; }
    // [batch, classes] after loss_forward
    const float* probabilities() const { return probs_.data(); }

    // training: dropout active, and what backward needs is kept; backward follows only a
    // training forward.
    void forward(std::size_t batch, bool training) { forward(0, batch, training); }
    // Mean cross-entropy of the last forward's logits against labels [batch].
    double loss_forward(const std::uint8_t* labels, std::size_t batch);
    // Backpropagates (p - onehot) / batch through every layer; every parameter gradient
    // is written (nn/'s rule), so nothing is zeroed between steps.
    void backward(const std::uint8_t* labels, std::size_t batch);

    // The same pass in parts, so a team of workers can share a batch (train/trainer.h).
    // A parameter's gradient is a fold, in batch order, of one part per image:
    //   conv2d and PReLU layers: the image's own gradient, kept apart (image_gradients)
    //   dense layers: the image's input x and output gradient dy (dW = sum of dy x^T)
    // so whichever worker computed an image, the sums and their order are the same and
    // any split of a batch gives bit-identical gradients.
    //
    // Positions [first, first + count) of the batch buffers, forward. Dropout draws each
    // image's mask from rng(stream, position) (set_dropout_stream), not from one running
    // stream, for the same reason.
    void forward(std::size_t first, std::size_t count, bool training);
    void set_dropout_stream(std::uint64_t stream) { dropout_stream_ = stream; }
    // -log p(label) of each image in [first, first + count) (labels indexed by position).
    void image_losses(const std::uint8_t* labels, std::size_t first, std::size_t count, double* losses);
    // Backward over [first, first + count) for a loss that is the mean over `batch`
    // images; leaves the per-image parts, computes no parameter gradient.
    void backward_images(const std::uint8_t* labels, std::size_t first, std::size_t count, std::size_t batch);
    // The parameter gradients of arena elements [begin, end) from the parts of positions
    // [0, batch). A dense layer's rows that the range cuts are computed whole.
    void reduce_gradients(std::size_t batch, std::size_t begin, std::size_t end);
    // One image's parts as floats, for workers to exchange: its per-image gradients,
    // then each dense layer's x and dy.
    std::size_t image_part_floats() const { return image_part_floats_; }
    void write_image_parts(std::size_t first, std::size_t count, float* out) const;
    void read_image_parts(std::size_t first, std::size_t count, const float* in);
    // Whether image `position`'s parts hold only finite numbers.
    bool image_parts_finite(std::size_t position) const;
    // The per-image gradient block of `layer` for `position` ([weights, then bias]), or
    // nullptr for a layer without one.
    const float* image_gradient(std::size_t layer, std::size_t position) const;

    // The arena.
    std::vector<float>& params() { return params_; }
    const std::vector<float>& params() const { return params_; }
    const std::vector<float>& grads() const { return grads_; }
    // Writable, for a training team's exchange of reduced slices (train/trainer.h).
    std::vector<float>& optimizer_state() { return optimizer_state_; }
    const std::vector<float>& optimizer_state() const { return optimizer_state_; }
    const std::vector<param_tensor>& param_tensors() const { return param_tensors_; }

    // Re-draws every weight and bias from `seed` (what build_network does).
    void initialise(std::uint64_t seed);

    // Per-layer wall time, for the benchmark's profile (off by default: reading the
    // clock twice per layer is cheap but not free).
    struct layer_time_ms {
        double forward = 0.0, backward = 0.0;
    };
    void set_profiling(bool on);
    const std::vector<layer_time_ms>& layer_times_ms() const { return layer_times_ms_; }

private:
    friend network_build_result build_network(const trainer_config& config);
    network() = default;

    trainer_config config_;
    tensor_shape input_shape_;
    std::vector<layer_plan> layers_;
    std::vector<param_tensor> param_tensors_;
    double flops_per_image_ = 0.0;
    std::size_t memory_bytes_ = 0;

    std::vector<float> params_, grads_, optimizer_state_;
    std::vector<float> activations_, activation_grads_;
    std::vector<float> workspace_;
    std::vector<std::uint32_t> argmax_;
    std::vector<float> probs_;
    // Per-image gradients of conv2d and PReLU layers [max_batch, image_gradient_floats_];
    // image_gradient_offset_[layer] within an image's block (npos: none).
    std::vector<float> image_gradients_;
    std::vector<std::size_t> image_gradient_offset_;
    std::size_t image_gradient_floats_ = 0, image_part_floats_ = 0;
    std::uint64_t dropout_seed_ = 0, dropout_stream_ = 0;
    bool profiling_ = false;
    std::vector<layer_time_ms> layer_times_ms_;
};

}  // namespace relu_lab
