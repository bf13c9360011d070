// The planner behind plan_network and build_network (train/network.h): checks a
// trainer_config setting by setting and layer by layer, and lays out every buffer the
// network will need, allocating none of them.
#include "train/network.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>

#include "kernels/activation_registry.h"
#include "train/initializers.h"
#include "train/optimizers.h"

namespace relu_lab {

namespace {

// A closed interval a float setting must lie in.
struct setting_range {
    double min, max;
};

// What the planner accepts, all in one place: far above anything the page trains, far
// below overflow of the 64-bit products the planner forms from them.
namespace limits {
constexpr std::size_t max_batch_size = 4096;
constexpr std::size_t max_input_side = 4096;  // input channels, rows and columns, each
constexpr std::size_t min_classes = 2;        // errors.json's network.classes states 2 and 256
constexpr std::size_t max_classes = 256;
constexpr std::size_t max_conv_filters = 4096;
constexpr std::size_t max_conv_kernel_size = 31;
constexpr std::size_t max_dense_units = std::size_t(1) << 20;
// Elements per example of the input and of each layer's output.
constexpr std::uint64_t max_layer_elements = std::uint64_t(1) << 26;
// Outside these, every step would be NaN or meaningless; a model file can carry any
// bits, so the planner checks them rather than trusting the page's controls.
constexpr setting_range coefficient = {0.0, 1.0};  // momentum, betas, epsilon, weight decay, lr decay
constexpr setting_range too_large_scale = {0.0, 1e3};
constexpr setting_range bias_init = {-1e3, 1e3};
}  // namespace limits

std::string shape_text(const tensor_shape& s) {
    return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" + std::to_string(s.width);
}

std::string activation_names() {
    std::string names;
    for (std::size_t i = 0; i < activation_kind_count; ++i) {
        if (i > 0) names += ", ";
        names += activation_info_of(static_cast<activation_kind>(i)).name;
    }
    return names;
}

// Elements per example in 64 bits: size_t is 32 bits in wasm, where a 4096-filter
// conv on a 4096 x 4096 input (2^36 elements) would wrap to a small size, pass the
// checks and get a buffer far too small for what the layer writes.
std::uint64_t elements(const tensor_shape& s) { return std::uint64_t(s.channels) * s.height * s.width; }

// Walks a config once: checks the settings, then plans each layer in order (shape,
// name, arena and workspace offsets). Every check_* and plan_* returns false after
// recording the refusal in `result`.
struct planner {
    const trainer_config& config;
    network_plan_result& result;
    std::map<std::string, int> counts;
    tensor_shape shape;
    bool flat = false;  // after Flatten or Dense: no height/width any more
    // Float counts in 64 bits (see elements()); check_memory bounds them, so the
    // offsets stored in layer_plan fit a 32-bit size_t once the plan is accepted.
    std::uint64_t params = 0, activations = 0, workspace = 0, argmax = 0;

    bool plan() {
        if (!check_batch_size() || !check_input_shape() || !check_classes_and_head() || !check_optimizer() ||
            !check_initialisation() || !plan_input()) {
            return false;
        }
        for (std::size_t i = 0; i < config.network.layers.size(); ++i) {
            if (!plan_layer(i)) return false;
        }
        return check_memory();
    }

    // Refusals.

    bool refuse(const char* code, error_params details = {}) {
        set_error(result, make_error(code, std::move(details)));
        return false;
    }

    // A refusal about layer `index` (0-based; the learner counts from 1).
    bool fail(std::size_t index, const char* code, error_params details = {}) {
        details.insert(details.begin(), number_param("layer", double(index + 1)));
        return refuse(code, std::move(details));
    }

    struct float_setting {
        const char* field;
        float value;
        setting_range range;
    };
    // Each setting in its range (NaN fails too); the first that is not is refused.
    bool all_in_range(std::initializer_list<float_setting> settings) {
        for (const float_setting& s : settings) {
            if (s.value >= s.range.min && s.value <= s.range.max) continue;
            return refuse("network.setting_out_of_range",
                          {text_param("field", s.field), number_param("min", s.range.min),
                           number_param("max", s.range.max), number_param("value", s.value)});
        }
        return true;
    }

    // Settings, before any layer.

    bool check_batch_size() {
        if (config.batch_size >= 1 && config.batch_size <= limits::max_batch_size) return true;
        return refuse("network.batch_size", {number_param("max", double(limits::max_batch_size)),
                                             number_param("value", double(config.batch_size))});
    }

    bool check_input_shape() {
        const network_config& net = config.network;
        for (std::size_t side : {net.input_channels, net.input_height, net.input_width}) {
            if (side < 1 || side > limits::max_input_side) {
                return refuse("network.input_shape", {number_param("max", double(limits::max_input_side))});
            }
        }
        return true;
    }

    // Classes in range, and the last layer is the Dense(classes, softmax) head.
    bool check_classes_and_head() {
        const network_config& net = config.network;
        if (net.classes < limits::min_classes || net.classes > limits::max_classes) {
            return refuse("network.classes", {number_param("value", double(net.classes))});
        }
        if (net.layers.empty()) return refuse("network.no_layers", {number_param("classes", double(net.classes))});
        const layer_config& last = net.layers.back();
        if (last.type != layer_type::dense || last.units != net.classes ||
            !(last.activation == "softmax" || last.activation.empty())) {
            return refuse("network.last_not_head", {number_param("classes", double(net.classes))});
        }
        return true;
    }

    bool check_optimizer() {
        const optimizer_config& o = config.optimizer;
        if (!std::isfinite(o.learning_rate) || o.learning_rate <= 0.0f) return refuse("network.learning_rate");
        return all_in_range({{"momentum", o.momentum, limits::coefficient},
                             {"beta1", o.beta1, limits::coefficient},
                             {"beta2", o.beta2, limits::coefficient},
                             {"epsilon", o.epsilon, limits::coefficient},
                             {"weight_decay", o.weight_decay, limits::coefficient},
                             {"learning_rate_decay", config.learning_rate_decay, limits::coefficient}});
    }

    bool check_initialisation() {
        const init_config& init = config.network.init;
        return all_in_range({{"too_large_scale", init.too_large_scale, limits::too_large_scale},
                             {"bias_init", init.bias, limits::bias_init}});
    }

    // The input buffer comes first in the activations.
    bool plan_input() {
        const network_config& net = config.network;
        shape = {net.input_channels, net.input_height, net.input_width};
        if (elements(shape) > limits::max_layer_elements) {
            return refuse("network.input_too_large", {text_param("shape", shape_text(shape)),
                                                      number_param("limit", double(limits::max_layer_elements))});
        }
        activations = elements(shape) * config.batch_size;
        return true;
    }

    // Layers.

    bool plan_layer(std::size_t i) {
        const std::vector<layer_config>& layers = config.network.layers;
        const layer_config& c = layers[i];
        const bool head = i + 1 == layers.size();
        if (c.activation == "softmax" && !head) return fail(i, "network.softmax_not_last");
        if (!plan_layer_of_its_type(i, c, head)) return false;
        if (elements(shape) > limits::max_layer_elements) {
            return fail(i, "network.output_too_large", {text_param("shape", shape_text(shape))});
        }
        return true;
    }

    bool plan_layer_of_its_type(std::size_t i, const layer_config& c, bool head) {
        switch (c.type) {
            case layer_type::conv2d: return plan_conv2d(i, c);
            case layer_type::max_pool2d: return plan_max_pool2d(i, c);
            case layer_type::flatten: return plan_flatten();
            case layer_type::dense: return plan_dense(i, c, head);
            case layer_type::activation: return plan_activation(i, c.activation, c.activation_param);
            case layer_type::dropout: return plan_dropout(i, c);
        }
        return true;  // not reached: the config and model readers accept only the types above
    }

    // Conv2D, and its activation as a layer of its own.
    bool plan_conv2d(std::size_t i, const layer_config& c) {
        if (flat) return fail(i, "network.conv_after_flatten");
        if (c.units < 1 || c.units > limits::max_conv_filters) {
            return fail(i, "network.conv_filters", {number_param("max", double(limits::max_conv_filters))});
        }
        if (c.kernel_size < 1 || c.kernel_size > limits::max_conv_kernel_size) {
            return fail(i, "network.conv_kernel_size", {number_param("max", double(limits::max_conv_kernel_size))});
        }
        if (c.stride < 1 || c.stride > c.kernel_size) return fail(i, "network.conv_stride");
        const conv2d_shape cs = make_conv2d_shape(shape.channels, shape.height, shape.width, c.units, c.kernel_size,
                                                  c.stride, c.padding == padding_mode::same);
        if (cs.out_height == 0 || cs.out_width == 0) {
            return fail(i, "network.conv_kernel_too_big",
                        {number_param("kernel", double(c.kernel_size)), text_param("input", shape_text(shape))});
        }
        layer_plan& l = add(layer_type::conv2d, "conv2d", {c.units, cs.out_height, cs.out_width});
        l.conv = cs;
        l.init = resolve_init(c.activation);
        l.fan_in = cs.patch_size();
        l.fan_out = c.units * c.kernel_size * c.kernel_size;
        add_params(l, std::uint64_t(c.units) * cs.patch_size(), c.units);
        l.cols_offset = static_cast<std::size_t>(workspace);
        workspace += std::uint64_t(config.batch_size) * cs.patch_size() * cs.out_pixels();
        l.dcols_offset = static_cast<std::size_t>(workspace);
        workspace += std::uint64_t(cs.patch_size()) * cs.out_pixels();
        l.flops_per_image = conv2d_forward_flops(cs) + conv2d_weight_grad_flops(cs) +
                            (l.needs_input_grad ? conv2d_input_grad_flops(cs) : 0.0);
        return c.activation.empty() || plan_activation(i, c.activation, c.activation_param);
    }

    bool plan_max_pool2d(std::size_t i, const layer_config& c) {
        if (flat) return fail(i, "network.pool_after_flatten");
        if (c.pool_size < 1 || c.pool_size > shape.height || c.pool_size > shape.width) {
            return fail(i, "network.pool_too_big",
                        {number_param("pool", double(c.pool_size)), text_param("input", shape_text(shape))});
        }
        const max_pool2d_shape ps = make_max_pool2d_shape(shape.channels, shape.height, shape.width, c.pool_size);
        layer_plan& l = add(layer_type::max_pool2d, "max_pool2d", {shape.channels, ps.out_height, ps.out_width});
        l.pool = ps;
        l.argmax_offset = static_cast<std::size_t>(argmax);
        argmax += std::uint64_t(config.batch_size) * elements(l.out);
        return true;
    }

    bool plan_flatten() {
        // Flattening changes how the next layer reads its input, not one byte of it: the
        // output is the input's own buffer (and so is its gradient), so nothing is copied.
        const std::size_t input_offset = result.layers.empty() ? 0 : result.layers.back().output_offset;
        layer_plan& l = add(layer_type::flatten, "flatten", {shape.size(), 1, 1});
        activations -= elements(l.out) * config.batch_size;
        l.output_offset = input_offset;
        flat = true;
        return true;
    }

    // Dense, and its activation as a layer of its own; the head's softmax is fused into
    // the loss instead (nn/softmax_cross_entropy.h).
    bool plan_dense(std::size_t i, const layer_config& c, bool head) {
        if (!flat) return fail(i, "network.dense_needs_flat", {text_param("input", shape_text(shape))});
        if (c.units < 1 || c.units > limits::max_dense_units) {
            return fail(i, "network.dense_units", {number_param("max", double(limits::max_dense_units))});
        }
        const std::size_t inputs = shape.size();
        layer_plan& l = add(layer_type::dense, "dense", {c.units, 1, 1});
        l.init = resolve_init(head ? std::string() : c.activation);
        l.fan_in = inputs;
        l.fan_out = c.units;
        add_params(l, std::uint64_t(c.units) * inputs, c.units);
        const double matmul = 2.0 * static_cast<double>(inputs) * c.units;
        l.flops_per_image = matmul * (l.needs_input_grad ? 3.0 : 2.0);
        return head || c.activation.empty() || plan_activation(i, c.activation, c.activation_param);
    }

    // An activation layer named after its kernel (from an activation layer, or the
    // activation of a conv2d or dense layer).
    bool plan_activation(std::size_t i, const std::string& name, float param) {
        const activation_info* info = find_activation(name);
        if (info == nullptr) {
            return fail(i, "network.unknown_activation",
                        {text_param("name", name), text_param("choices", activation_names())});
        }
        if (std::isnan(param)) param = info->default_param;
        if (!info->param_name.empty() && (param < info->min_param || param > info->max_param)) {
            return fail(i, "network.activation_param",
                        {text_param("activation", std::string(info->name)),
                         text_param("param", std::string(info->param_name)), number_param("min", info->min_param),
                         number_param("max", info->max_param), number_param("value", param)});
        }
        layer_plan& l = add(layer_type::activation, std::string(info->name), shape);
        l.act.kind = info->kind;
        l.act.param = param;
        l.act.channels = shape.channels;
        l.act.inner = shape.height * shape.width;
        if (info->kind == activation_kind::prelu) add_params(l, shape.channels, 0);
        return true;
    }

    bool plan_dropout(std::size_t i, const layer_config& c) {
        if (!(c.dropout_rate >= 0.0f && c.dropout_rate < 1.0f)) {
            return fail(i, "network.dropout_rate", {number_param("value", c.dropout_rate)});
        }
        layer_plan& l = add(layer_type::dropout, "dropout", shape);
        l.dropout_rate = c.dropout_rate;
        l.mask_offset = static_cast<std::size_t>(workspace);
        workspace += std::uint64_t(config.batch_size) * elements(shape);
        return true;
    }

    // Totals: parameter count, FLOPs, and the memory every buffer takes against max_bytes.
    bool check_memory() {
        result.parameter_count = static_cast<std::size_t>(params);
        for (const layer_plan& l : result.layers) result.flops_per_image += l.flops_per_image;
        // Per-image gradients of conv2d and PReLU layers (train/network.h: a team's parts).
        double image_gradients = 0.0;
        for (const layer_plan& l : result.layers) {
            if (l.type == layer_type::conv2d || l.type == layer_type::activation)
                image_gradients += static_cast<double>(l.weights_count + l.bias_count);
        }
        const double floats = static_cast<double>(params) * (2 + optimizer_state_floats(config.optimizer.kind)) +
                              2.0 * activations + workspace + argmax +
                              static_cast<double>(config.batch_size) * image_gradients +
                              static_cast<double>(config.batch_size) * config.network.classes;
        const double bytes = floats * 4.0;
        if (bytes > static_cast<double>(config.max_bytes)) {
            return refuse("network.too_large", {number_param("needed_mb", std::floor(bytes / 1048576.0 + 0.5)),
                                                number_param("batch", double(config.batch_size)),
                                                number_param("limit_mb", double(config.max_bytes >> 20))});
        }
        result.memory_bytes = static_cast<std::size_t>(bytes);
        return true;
    }

    // Bookkeeping shared by the layer planners.

    std::string next_name(const std::string& base) { return base + "_" + std::to_string(++counts[base]); }

    // Appends a layer whose output has shape `out`, after its input (the current shape).
    layer_plan& add(layer_type type, const std::string& base, const tensor_shape& out) {
        layer_plan l;
        l.type = type;
        l.name = next_name(base);
        l.in = shape;
        l.out = out;
        l.output_offset = static_cast<std::size_t>(activations);
        l.needs_input_grad = params > 0;
        activations += elements(out) * config.batch_size;
        shape = out;
        result.layers.push_back(l);
        return result.layers.back();
    }

    void add_params(layer_plan& l, std::uint64_t weights, std::uint64_t bias) {
        l.weights_offset = static_cast<std::size_t>(params);
        l.weights_count = static_cast<std::size_t>(weights);
        params += weights;
        l.bias_offset = static_cast<std::size_t>(params);
        l.bias_count = static_cast<std::size_t>(bias);
        params += bias;
    }

    weight_init resolve_init(const std::string& activation) const {
        if (config.network.init.weights != weight_init::automatic) return config.network.init.weights;
        return automatic_weight_init(activation);
    }
};

}  // namespace

network_plan_result plan_network(const trainer_config& config) {
    network_plan_result result;
    planner p{config, result, {}, {}};
    result.ok = p.plan();
    if (!result.ok) result.layers.clear();
    return result;
}

}  // namespace relu_lab
