#include "train/config_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "kernels/activation_registry.h"
#include "train/json_text.h"

namespace relu_lab {

namespace {

using json = nlohmann::json;

// Whole numbers are narrowed to their field's type below, so every limit a size_t field
// is read with must fit a 32-bit size_t (wasm): no value that passes can wrap.
static_assert(config_json_max_size <= double(std::numeric_limits<std::uint32_t>::max()), "sizes fit 32 bits");
static_assert(config_json_max_memory_bytes <= double(std::numeric_limits<std::uint32_t>::max()),
              "max_bytes fits 32 bits");

// Reads one JSON object's fields into C++ fields; the first refusal sticks and every
// later read is skipped.
struct field_reader {
    const json& object;
    std::string prefix;  // "" at the top, "layers[2]." inside a layer
    learner_error& error;

    const json* find(const char* name) const {
        if (!error.ok()) return nullptr;
        const auto it = object.find(name);
        if (it == object.end() || it->is_null()) return nullptr;
        return &*it;
    }
    std::string field(const char* name) const { return prefix + name; }

    bool number(const char* name, double& out) {
        const json* v = find(name);
        if (v == nullptr) return false;
        if (!v->is_number()) {
            error = make_error("config.not_a_number", {text_param("field", field(name))});
            return false;
        }
        out = v->get<double>();
        return true;
    }

    // Finite, within +-limit, stored as float: the nearest float within the limit too, so
    // that the config a trainer reports reads back (1e30 rounds to a float above 1e30).
    void real(const char* name, float& out, double limit = 1e30) {
        double v = 0.0;
        if (!number(name, v)) return;
        if (!(std::fabs(v) <= limit)) {
            error = make_error("config.out_of_range", {text_param("field", field(name)), number_param("min", -limit),
                                                       number_param("max", limit)});
            return;
        }
        out = static_cast<float>(v);
        if (std::fabs(static_cast<double>(out)) > limit) out = std::nextafter(out, 0.0f);
    }

    template <typename T> void whole(const char* name, T& out, double max = config_json_max_size) {
        const json* v = find(name);
        if (v == nullptr) return;
        if (!v->is_number()) {
            error = make_error("config.not_a_number", {text_param("field", field(name))});
            return;
        }
        bool fits = false;
        std::uint64_t value = 0;
        if (v->is_number_unsigned()) {
            value = v->get<std::uint64_t>();
            fits = static_cast<double>(value) <= max;
        } else if (v->is_number_float()) {
            const double d = v->get<double>();
            // d < max + 1 keeps the cast in range even for max = 2^64 - 1 (as a double, 2^64).
            fits = d >= 0.0 && d == std::floor(d) && d <= max && d < 18446744073709551616.0;
            if (fits) value = static_cast<std::uint64_t>(d);
        }  // a negative integer never fits
        if (!fits) {
            error = make_error("config.not_a_whole_number",
                               {text_param("field", field(name)), number_param("min", 0), number_param("max", max)});
            return;
        }
        out = static_cast<T>(value);
    }

    bool text(const char* name, std::string& out) {
        const json* v = find(name);
        if (v == nullptr) return false;
        if (!v->is_string()) {
            error = make_error("config.not_a_string", {text_param("field", field(name))});
            return false;
        }
        const std::string& s = v->get_ref<const std::string&>();
        if (s.size() > config_json_max_string) {
            error = make_error("config.string_too_long", {text_param("field", field(name)),
                                                          number_param("limit", double(config_json_max_string))});
            return false;
        }
        out = s;
        return true;
    }
};

std::string layer_type_names() {
    std::string names;
    for (layer_type t : {layer_type::conv2d, layer_type::max_pool2d, layer_type::flatten, layer_type::dense,
                         layer_type::activation, layer_type::dropout}) {
        names += (names.empty() ? "" : ", ") + std::string(layer_type_name(t));
    }
    return names;
}

std::string comma_list(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

std::string activation_choices() {
    std::string names;
    for (std::size_t i = 0; i < activation_kind_count; ++i) {
        names += (i ? ", " : "") + std::string(activation_info_of(static_cast<activation_kind>(i)).name);
    }
    return names + ", softmax";
}

learner_error read_layer(const json& v, std::size_t index, layer_config& l) {
    const std::string at = "layers[" + std::to_string(index) + "].";
    const error_param layer_p = number_param("layer", double(index + 1));
    if (!v.is_object()) return make_error("config.layer_not_object", {layer_p});
    learner_error error;
    field_reader r{v, at, error};
    std::string type_name;
    const bool has_type = r.text("type", type_name);
    if (!error.ok()) return error;
    if (!has_type || !parse_layer_type(type_name, l.type)) {
        return make_error("config.unknown_layer_type",
                          {layer_p, text_param("name", type_name), text_param("choices", layer_type_names())});
    }
    r.whole("units", l.units);
    r.whole("kernel_size", l.kernel_size);
    r.whole("stride", l.stride);
    r.whole("pool_size", l.pool_size);
    r.real("activation_param", l.activation_param);
    r.real("dropout_rate", l.dropout_rate);
    std::string padding;
    if (r.text("padding", padding) && !parse_padding_mode(padding, l.padding)) {
        return make_error("config.unknown_padding", {layer_p, text_param("name", padding)});
    }
    if (r.text("activation", l.activation) && !l.activation.empty() && l.activation != "softmax" &&
        find_activation(l.activation) == nullptr) {
        return make_error("config.unknown_activation",
                          {layer_p, text_param("name", l.activation), text_param("choices", activation_choices())});
    }
    return error;
}

learner_error read_config(const json& v, trainer_config& c) {
    if (!v.is_object()) return make_error("config.not_object");
    learner_error error;
    field_reader r{v, "", error};
    r.whole("input_channels", c.network.input_channels);
    r.whole("input_height", c.network.input_height);
    r.whole("input_width", c.network.input_width);
    r.whole("classes", c.network.classes);
    r.real("too_large_scale", c.network.init.too_large_scale);
    r.real("bias_init", c.network.init.bias);
    r.real("learning_rate", c.optimizer.learning_rate);
    r.real("momentum", c.optimizer.momentum);
    r.real("beta1", c.optimizer.beta1);
    r.real("beta2", c.optimizer.beta2);
    r.real("epsilon", c.optimizer.epsilon);
    r.real("weight_decay", c.optimizer.weight_decay);
    r.whole("batch_size", c.batch_size);
    r.whole("seed", c.seed, 18446744073709551615.0);  // model files may carry any (max_seed is for typing)
    r.real("learning_rate_decay", c.learning_rate_decay);
    r.whole("max_bytes", c.max_bytes, config_json_max_memory_bytes);
    std::string name;
    // true and false are what "augment" was before it named a mode: configs saved then
    // (and the page addresses that carry them) still load, as the modes they meant.
    const json* augment = r.find("augment");
    if (augment != nullptr && augment->is_boolean()) {
        c.augment = augment->get<bool>() ? augmentation::shifts_rotations : augmentation::none;
    } else if (r.text("augment", name) && !parse_augmentation(name, c.augment)) {
        return make_error("config.unknown_augmentation",
                          {text_param("name", name), text_param("choices", comma_list(augmentation_names()))});
    }
    if (r.text("weight_init", name) && !parse_weight_init(name, c.network.init.weights)) {
        return make_error("config.unknown_weight_init",
                          {text_param("name", name), text_param("choices", comma_list(weight_init_names()))});
    }
    if (r.text("optimizer", name) && !parse_optimizer_kind(name, c.optimizer.kind)) {
        return make_error("config.unknown_optimizer",
                          {text_param("name", name), text_param("choices", comma_list(optimizer_kind_names()))});
    }
    if (!error.ok()) return error;
    const json* layers = r.find("layers");
    if (layers == nullptr) return error;
    if (!layers->is_array()) return make_error("config.not_a_list", {text_param("field", "layers")});
    if (layers->size() > config_json_max_layers) {
        return make_error("config.too_many_layers", {number_param("count", double(layers->size())),
                                                     number_param("limit", double(config_json_max_layers))});
    }
    c.network.layers.clear();
    for (std::size_t i = 0; i < layers->size(); ++i) {
        layer_config l;
        error = read_layer((*layers)[i], i, l);
        if (!error.ok()) return error;
        c.network.layers.push_back(l);
    }
    return error;
}

// The deepest nesting of [ and { outside strings.
std::size_t nesting_depth(const std::string& text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (in_string) {
            if (ch == '\\') ++i;
            else if (ch == '"') in_string = false;
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == '[' || ch == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

config_json_result config_from_json(const std::string& text) {
    config_json_result result;
    if (text.size() > config_json_max_bytes) {
        set_error(result, make_error("config.too_long", {number_param("bytes", double(text.size())),
                                                         number_param("limit", double(config_json_max_bytes))}));
        return result;
    }
    const std::size_t depth = nesting_depth(text);
    if (depth > config_json_max_depth) {
        set_error(result, make_error("config.too_deep", {number_param("depth", double(depth)),
                                                         number_param("limit", double(config_json_max_depth))}));
        return result;
    }
    // No exceptions: a parse error gives a "discarded" value instead.
    const json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
        set_error(result, make_error("config.not_json"));
        return result;
    }
    learner_error error = read_config(parsed, result.config);
    if (!error.ok()) {
        set_error(result, std::move(error));
        return result;
    }
    result.ok = true;
    return result;
}

std::string config_to_json(const trainer_config& c) {
    json layers = json::array();
    for (const layer_config& l : c.network.layers) {
        layers.push_back({
            {"type", layer_type_name(l.type)},
            {"units", l.units},
            {"kernel_size", l.kernel_size},
            {"stride", l.stride},
            {"padding", padding_mode_name(l.padding)},
            {"pool_size", l.pool_size},
            {"activation", l.activation},
            {"activation_param", json_number(l.activation_param, true)},
            {"dropout_rate", json_number(l.dropout_rate)},
        });
    }
    const json v = {
        {"input_channels", c.network.input_channels},
        {"input_height", c.network.input_height},
        {"input_width", c.network.input_width},
        {"classes", c.network.classes},
        {"layers", layers},
        {"weight_init", weight_init_name(c.network.init.weights)},
        {"too_large_scale", json_number(c.network.init.too_large_scale)},
        {"bias_init", json_number(c.network.init.bias)},
        {"optimizer", optimizer_kind_name(c.optimizer.kind)},
        {"learning_rate", json_number(c.optimizer.learning_rate)},
        {"momentum", json_number(c.optimizer.momentum)},
        {"beta1", json_number(c.optimizer.beta1)},
        {"beta2", json_number(c.optimizer.beta2)},
        {"epsilon", json_number(c.optimizer.epsilon)},
        {"weight_decay", json_number(c.optimizer.weight_decay)},
        {"batch_size", c.batch_size},
        {"seed", c.seed},
        {"augment", augmentation_name(c.augment)},
        {"learning_rate_decay", json_number(c.learning_rate_decay)},
        {"max_bytes", c.max_bytes},
    };
    return json_text(v);
}

}  // namespace relu_lab
