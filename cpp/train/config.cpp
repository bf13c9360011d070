#include "train/config.h"

namespace relu_lab {

layer_config conv2d_layer(std::size_t filters, std::size_t kernel_size, const std::string& activation,
                          padding_mode padding, std::size_t stride) {
    layer_config l;
    l.type = layer_type::conv2d;
    l.units = filters;
    l.kernel_size = kernel_size;
    l.padding = padding;
    l.stride = stride;
    l.activation = activation;
    return l;
}

layer_config max_pool2d_layer(std::size_t pool_size) {
    layer_config l;
    l.type = layer_type::max_pool2d;
    l.pool_size = pool_size;
    return l;
}

layer_config flatten_layer() {
    layer_config l;
    l.type = layer_type::flatten;
    return l;
}

layer_config dense_layer(std::size_t units, const std::string& activation) {
    layer_config l;
    l.type = layer_type::dense;
    l.units = units;
    l.activation = activation;
    return l;
}

layer_config activation_layer(const std::string& name, float param) {
    layer_config l;
    l.type = layer_type::activation;
    l.activation = name;
    l.activation_param = param;
    return l;
}

layer_config dropout_layer(float rate) {
    layer_config l;
    l.type = layer_type::dropout;
    l.dropout_rate = rate;
    return l;
}

trainer_config deep_mlp_config(std::size_t depth, std::size_t width, const std::string& activation) {
    trainer_config c;
    c.network.layers.push_back(flatten_layer());
    for (std::size_t i = 0; i < depth; ++i) c.network.layers.push_back(dense_layer(width, activation));
    c.network.layers.push_back(dense_layer(c.network.classes, "softmax"));
    c.optimizer.kind = optimizer_kind::sgd;
    c.optimizer.learning_rate = 0.05f;
    return c;
}

std::string preset_names() {
    std::string text;
    for (const char* name : preset_name_list) text += (text.empty() ? "" : ", ") + std::string(name);
    return text;
}

preset_result preset_config(const std::string& name) {
    preset_result r;
    trainer_config& c = r.config;
    if (name == "seed-keras") {
        // The Keras CNN that the quiz's "ReLU in a CNN" questions are about
        // (web/quiz/bank/relu_lab_bank.json): Conv2D(64, 3x3, relu) -> MaxPooling2D(2) ->
        // Flatten -> Dense(128, relu) -> Dense(10, softmax); Adam 1e-3, batch 32 (the
        // defaults of trainer_config).
        c.network.layers = {conv2d_layer(64, 3, "relu"), max_pool2d_layer(2), flatten_layer(), dense_layer(128, "relu"),
                            dense_layer(10, "softmax")};
    } else if (name == "small") {
        // ConvNetJS's MNIST demo network: quick to train, 4.4 MFLOP per image per step.
        c.network.layers = {conv2d_layer(8, 5, "relu", padding_mode::same),
                            max_pool2d_layer(2),
                            conv2d_layer(16, 5, "relu", padding_mode::same),
                            max_pool2d_layer(3),
                            flatten_layer(),
                            dense_layer(10, "softmax")};
        // Few parameters (5,994): a larger step than Adam's default 1e-3 converges within
        // the 15-epoch budget (measured on the bundled digits: ~97.5 % vs ~95.7 % held out).
        c.optimizer.learning_rate = 4e-3f;
    } else if (name == "deep-mlp") {
        c = deep_mlp_config(8, 64, "relu");
    } else {
        set_error(r, make_error("config.unknown_preset",
                                {text_param("name", name), text_param("choices", preset_names())}));
        return r;
    }
    r.ok = true;
    return r;
}

const char* layer_type_name(layer_type type) {
    switch (type) {
        case layer_type::conv2d: return "conv2d";
        case layer_type::max_pool2d: return "max_pool2d";
        case layer_type::flatten: return "flatten";
        case layer_type::dense: return "dense";
        case layer_type::activation: return "activation";
        case layer_type::dropout: return "dropout";
    }
    return "?";
}

namespace {
// In the order menus list them (the enums' order is the model file's).
constexpr weight_init all_inits[] = {weight_init::automatic,     weight_init::he_normal,      weight_init::he_uniform,
                                     weight_init::glorot_normal, weight_init::glorot_uniform, weight_init::lecun_normal,
                                     weight_init::zero,          weight_init::too_large};
constexpr optimizer_kind all_optimizers[] = {optimizer_kind::adam, optimizer_kind::momentum, optimizer_kind::sgd};
constexpr augmentation all_augmentations[] = {augmentation::none, augmentation::shifts_rotations,
                                              augmentation::elastic};
}  // namespace

std::vector<std::string> weight_init_names() {
    std::vector<std::string> names;
    for (weight_init w : all_inits) names.emplace_back(weight_init_name(w));
    return names;
}

std::vector<std::string> optimizer_kind_names() {
    std::vector<std::string> names;
    for (optimizer_kind k : all_optimizers) names.emplace_back(optimizer_kind_name(k));
    return names;
}

std::vector<std::string> augmentation_names() {
    std::vector<std::string> names;
    for (augmentation a : all_augmentations) names.emplace_back(augmentation_name(a));
    return names;
}

const char* weight_init_name(weight_init init) {
    switch (init) {
        case weight_init::automatic: return "automatic";
        case weight_init::he_normal: return "he_normal";
        case weight_init::he_uniform: return "he_uniform";
        case weight_init::glorot_normal: return "glorot_normal";
        case weight_init::glorot_uniform: return "glorot_uniform";
        case weight_init::zero: return "zero";
        case weight_init::too_large: return "too_large";
        case weight_init::lecun_normal: return "lecun_normal";
    }
    return "?";
}

const char* optimizer_kind_name(optimizer_kind kind) {
    switch (kind) {
        case optimizer_kind::sgd: return "sgd";
        case optimizer_kind::momentum: return "momentum";
        case optimizer_kind::adam: return "adam";
    }
    return "?";
}

const char* augmentation_name(augmentation augment) {
    switch (augment) {
        case augmentation::none: return "none";
        case augmentation::shifts_rotations: return "shifts_rotations";
        case augmentation::elastic: return "elastic";
    }
    return "?";
}

const char* padding_mode_name(padding_mode padding) { return padding == padding_mode::same ? "same" : "valid"; }

bool parse_layer_type(const std::string& name, layer_type& out) {
    for (layer_type t : {layer_type::conv2d, layer_type::max_pool2d, layer_type::flatten, layer_type::dense,
                         layer_type::activation, layer_type::dropout}) {
        if (name == layer_type_name(t)) {
            out = t;
            return true;
        }
    }
    return false;
}

bool parse_padding_mode(const std::string& name, padding_mode& out) {
    if (name != "same" && name != "valid") return false;
    out = name == "same" ? padding_mode::same : padding_mode::valid;
    return true;
}

bool parse_weight_init(const std::string& name, weight_init& out) {
    for (weight_init w : all_inits) {
        if (name == weight_init_name(w)) {
            out = w;
            return true;
        }
    }
    return false;
}

bool parse_optimizer_kind(const std::string& name, optimizer_kind& out) {
    for (optimizer_kind k : all_optimizers) {
        if (name == optimizer_kind_name(k)) {
            out = k;
            return true;
        }
    }
    return false;
}

bool parse_augmentation(const std::string& name, augmentation& out) {
    for (augmentation a : all_augmentations) {
        if (name == augmentation_name(a)) {
            out = a;
            return true;
        }
    }
    return false;
}

}  // namespace relu_lab
