// What a network and its training are made of, as plain structs with named fields.
// The page, the CLI and the model file all describe a network this way; build_network
// (network.h) checks it and refuses a bad one with a sentence instead of aborting.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "util/learner_error.h"

namespace relu_lab {

enum class layer_type { conv2d, max_pool2d, flatten, dense, activation, dropout };
enum class padding_mode { valid, same };

// automatic: chosen per layer by automatic_weight_init (train/initializers.h): He normal
// before the ReLU family, LeCun normal before SELU, Glorot uniform elsewhere.
// Model files store the position in this list: add new ones at the end.
enum class weight_init {
    automatic,
    he_normal,
    he_uniform,
    glorot_normal,
    glorot_uniform,
    zero,
    too_large,
    lecun_normal
};

enum class optimizer_kind { sgd, momentum, adam };

// What happens to each training image before the network sees it: nothing, a random
// shift and rotation (data/augment.h), or an elastic distortion (data/elastic_distortion.h).
// Model files store the position in this list: add new ones at the end.
enum class augmentation { none, shifts_rotations, elastic };

struct layer_config {
    layer_type type = layer_type::dense;
    std::size_t units = 0;                       // dense: output units; conv2d: number of filters
    std::size_t kernel_size = 3;                 // conv2d: k of the k x k kernel
    std::size_t stride = 1;                      // conv2d
    padding_mode padding = padding_mode::valid;  // conv2d
    std::size_t pool_size = 2;                   // max_pool2d: window and stride
    // conv2d/dense: the activation applied to the output ("" = linear). The last layer
    // must be Dense(classes) and is always the softmax + cross-entropy head, written
    // "softmax" (or ""); "softmax" anywhere else is refused;
    // activation layer: the kernel's name (kernels/activation_registry.h).
    std::string activation;
    float activation_param = NAN;  // negative_slope / alpha / PReLU's initial slope; NaN = default
    float dropout_rate = 0.5f;     // dropout: fraction of elements zeroed while training
};

layer_config conv2d_layer(std::size_t filters, std::size_t kernel_size, const std::string& activation,
                          padding_mode padding = padding_mode::valid, std::size_t stride = 1);
layer_config max_pool2d_layer(std::size_t pool_size);
layer_config flatten_layer();
layer_config dense_layer(std::size_t units, const std::string& activation);
layer_config activation_layer(const std::string& name, float param = NAN);
layer_config dropout_layer(float rate);

struct init_config {
    weight_init weights = weight_init::automatic;
    float too_large_scale = 10.0f;  // too_large: He normal's standard deviation times this
    float bias = 0.0f;              // every bias starts at this constant (negative: dying-ReLU lab)
};

struct network_config {
    std::size_t input_channels = 1, input_height = 28, input_width = 28;
    std::size_t classes = 10;
    std::vector<layer_config> layers;
    init_config init;
};

struct optimizer_config {
    optimizer_kind kind = optimizer_kind::adam;
    float learning_rate = 1e-3f;
    float momentum = 0.9f;  // momentum: v = momentum * v - lr * g;  w += v
    float beta1 = 0.9f;     // Adam (Kingma and Ba 2015), Keras' defaults
    float beta2 = 0.999f;
    float epsilon = 1e-7f;
    float weight_decay = 0.0f;  // L2: weight_decay * w added to the gradient of weights (not biases)
};

// Seeds a learner can type in the page, the labs and the CLI: 0 to this. (Configs and
// model files may carry any 64-bit seed.)
constexpr std::uint64_t max_seed = 4294967295u;  // 2^32 - 1

struct trainer_config {
    network_config network;
    optimizer_config optimizer;
    std::size_t batch_size = 32;
    std::uint64_t seed = 1;
    augmentation augment = augmentation::none;       // of each training image, each time it is fed
    float learning_rate_decay = 1.0f;                // learning rate multiplied by this after every epoch
    std::size_t max_bytes = std::size_t(512) << 20;  // refuse networks bigger than this
};

// Presets by name, in the order menus list them (deep_mlp_config below for "deep-mlp").
constexpr const char* preset_name_list[] = {"seed-keras", "small", "deep-mlp"};
struct preset_result {
    bool ok = false;
    std::string error, code;  // English sentence and its code (util/learner_error.h)
    error_params params;
    trainer_config config;
};
preset_result preset_config(const std::string& name);
// The preset names, comma-separated, for help texts and error messages.
std::string preset_names();

// deep-mlp: Flatten -> `depth` Dense(width, activation) -> Dense(classes, softmax),
// SGD; for the vanishing-gradient lab.
trainer_config deep_mlp_config(std::size_t depth, std::size_t width, const std::string& activation);

const char* layer_type_name(layer_type type);
const char* weight_init_name(weight_init init);
const char* optimizer_kind_name(optimizer_kind kind);
const char* padding_mode_name(padding_mode padding);
const char* augmentation_name(augmentation augment);
// Every initialiser, optimizer and augmentation by name, in the order menus list them:
// "automatic" first, the sound initialisers, then the two that break training on purpose;
// augmentations from none to the strongest.
std::vector<std::string> weight_init_names();
std::vector<std::string> optimizer_kind_names();
std::vector<std::string> augmentation_names();
// false when `name` is unknown
bool parse_layer_type(const std::string& name, layer_type& out);
bool parse_padding_mode(const std::string& name, padding_mode& out);
bool parse_weight_init(const std::string& name, weight_init& out);
bool parse_optimizer_kind(const std::string& name, optimizer_kind& out);
bool parse_augmentation(const std::string& name, augmentation& out);

}  // namespace relu_lab
