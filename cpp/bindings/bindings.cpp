// The Embind surface: batch calls only, raw pointer calls underscore-prefixed.
// Page code never calls these directly; web/bridge/relu_lab_module.js wraps them,
// owns every allocation and copies results out before the next call.
// This is the only file in cpp/ that includes an Emscripten header.
#include <emscripten/bind.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "kernels/activation_registry.h"
#include "kernels/activations.h"
#include "kernels/gemm.h"
#include "kernels/peak_probe.h"
#include "data/bundled_digits.h"
#include "data/digit_normalize.h"
#include "data/idx_reader.h"
#include "train/model_file.h"
#include "train/trainer.h"

using namespace relu_lab;

namespace {

struct activation_description {
    std::string name;
    std::string param_name;
    float default_param;
    float min_param;
    float max_param;
    bool core;
};

activation_description describe_activation(std::size_t index) {
    const activation_info& info = activation_info_of(static_cast<activation_kind>(index));
    return {std::string(info.name), std::string(info.param_name), info.default_param,
            info.min_param, info.max_param, info.core};
}

void activation_forward_raw(std::size_t index, std::uintptr_t x, std::uintptr_t y, std::size_t n,
                            float param) {
    activation_info_of(static_cast<activation_kind>(index))
        .forward(reinterpret_cast<const float*>(x), reinterpret_cast<float*>(y), n, param);
}

void activation_backward_raw(std::size_t index, std::uintptr_t x, std::uintptr_t dy,
                             std::uintptr_t dx, std::size_t n, float param) {
    activation_info_of(static_cast<activation_kind>(index))
        .backward(reinterpret_cast<const float*>(x), reinterpret_cast<const float*>(dy),
                  reinterpret_cast<float*>(dx), n, param);
}

// The bandwidth yardstick for the kernel benchmark: a plain copy of the same buffer.
void copy_floats_raw(std::uintptr_t dst, std::uintptr_t src, std::size_t n) {
    std::memcpy(reinterpret_cast<float*>(dst), reinterpret_cast<const float*>(src), n * sizeof(float));
}

std::string build_name() { return kernel_build_name(); }

// C = op(A) op(B) + beta C on this build's path (kernels/gemm.h).
void sgemm_raw(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k,
               std::uintptr_t a, std::size_t lda, std::uintptr_t b, std::size_t ldb, float beta,
               std::uintptr_t c, std::size_t ldc) {
    kernels::sgemm(transpose_a, transpose_b, m, n, k, reinterpret_cast<const float*>(a), lda,
                   reinterpret_cast<const float*>(b), ldb, beta, reinterpret_cast<float*>(c), ldc);
}

// MNIST-style normalisation of a drawing (data/digit_normalize.h): src [rows, cols] floats
// 0..1, ink high; dst [28, 28]. Returns the intermediate steps for the page to show.
digit_normalization normalize_digit_raw(std::uintptr_t src, std::size_t rows, std::size_t cols,
                                        std::uintptr_t dst) {
    return normalize_digit(reinterpret_cast<const float*>(src), rows, cols, reinterpret_cast<float*>(dst));
}

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab) {
    emscripten::value_object<activation_description>("ActivationDescription")
        .field("name", &activation_description::name)
        .field("param_name", &activation_description::param_name)
        .field("default_param", &activation_description::default_param)
        .field("min_param", &activation_description::min_param)
        .field("max_param", &activation_description::max_param)
        .field("core", &activation_description::core);

    emscripten::constant("activation_count", activation_kind_count);
    emscripten::function("describe_activation", &describe_activation);
    emscripten::function("kernel_build_name", &build_name);
    emscripten::function("_activation_forward", &activation_forward_raw);
    emscripten::function("_activation_backward", &activation_backward_raw);
    emscripten::function("_copy_floats", &copy_floats_raw);
    emscripten::function("_sgemm", &sgemm_raw);
    emscripten::value_object<digit_normalization>("DigitNormalization")
        .field("ok", &digit_normalization::ok)
        .field("error", &digit_normalization::error)
        .field("box_top", &digit_normalization::box_top)
        .field("box_left", &digit_normalization::box_left)
        .field("box_rows", &digit_normalization::box_rows)
        .field("box_cols", &digit_normalization::box_cols)
        .field("scaled_rows", &digit_normalization::scaled_rows)
        .field("scaled_cols", &digit_normalization::scaled_cols)
        .field("scale", &digit_normalization::scale)
        .field("mass_row", &digit_normalization::mass_row)
        .field("mass_col", &digit_normalization::mass_col)
        .field("offset_row", &digit_normalization::offset_row)
        .field("offset_col", &digit_normalization::offset_col)
        .field("ink_lost_fraction", &digit_normalization::ink_lost_fraction)
        .field("output_mass_row", &digit_normalization::output_mass_row)
        .field("output_mass_col", &digit_normalization::output_mass_col);
    emscripten::constant("digit_side", digit_side);
    emscripten::constant("digit_ink_threshold", digit_ink_threshold);
    emscripten::function("_normalize_digit", &normalize_digit_raw);
    // Peak yardsticks for the benchmark (kernels/peak_probe.h); the SIMD one only in SIMD builds.
    emscripten::function("scalar_peak_probe", &scalar_peak_probe);
    emscripten::constant("scalar_peak_probe_flops_per_iteration", scalar_peak_probe_flops_per_iteration);
#if defined(RELU_LAB_SIMD)
    emscripten::function("simd_peak_probe", &simd_peak_probe);
    emscripten::constant("simd_peak_probe_flops_per_iteration", simd_peak_probe_flops_per_iteration);
#endif
}

// ---- The trainer (cpp/train): batch calls only; configs and metrics as plain JS objects.
namespace {

using emscripten::val;

val layer_to_val(const layer_config& l) {
    val v = val::object();
    v.set("type", std::string(layer_type_name(l.type)));
    v.set("units", l.units);
    v.set("kernel_size", l.kernel_size);
    v.set("stride", l.stride);
    v.set("padding", std::string(padding_mode_name(l.padding)));
    v.set("pool_size", l.pool_size);
    v.set("activation", l.activation);
    v.set("activation_param", l.activation_param);
    v.set("dropout_rate", l.dropout_rate);
    return v;
}

val trainer_config_to_val(const trainer_config& c) {
    val v = val::object();
    v.set("input_channels", c.network.input_channels);
    v.set("input_height", c.network.input_height);
    v.set("input_width", c.network.input_width);
    v.set("classes", c.network.classes);
    val layers = val::array();
    for (const layer_config& l : c.network.layers) layers.call<void>("push", layer_to_val(l));
    v.set("layers", layers);
    v.set("weight_init", std::string(weight_init_name(c.network.init.weights)));
    v.set("too_large_scale", c.network.init.too_large_scale);
    v.set("bias_init", c.network.init.bias);
    v.set("optimizer", std::string(optimizer_kind_name(c.optimizer.kind)));
    v.set("learning_rate", c.optimizer.learning_rate);
    v.set("momentum", c.optimizer.momentum);
    v.set("beta1", c.optimizer.beta1);
    v.set("beta2", c.optimizer.beta2);
    v.set("epsilon", c.optimizer.epsilon);
    v.set("weight_decay", c.optimizer.weight_decay);
    v.set("batch_size", c.batch_size);
    v.set("seed", static_cast<double>(c.seed));
    v.set("augment", c.augment);
    v.set("learning_rate_decay", c.learning_rate_decay);
    v.set("max_bytes", static_cast<double>(c.max_bytes));
    return v;
}

template <typename T>
void read_number(const val& v, const char* name, T& out) {
    const val field = v[name];
    if (!field.isUndefined() && !field.isNull()) out = static_cast<T>(field.as<double>());
}

// Missing fields keep the C++ defaults; unknown names come back as an error sentence.
std::string trainer_config_from_val(const val& v, trainer_config& c) {
    read_number(v, "input_channels", c.network.input_channels);
    read_number(v, "input_height", c.network.input_height);
    read_number(v, "input_width", c.network.input_width);
    read_number(v, "classes", c.network.classes);
    read_number(v, "too_large_scale", c.network.init.too_large_scale);
    read_number(v, "bias_init", c.network.init.bias);
    read_number(v, "learning_rate", c.optimizer.learning_rate);
    read_number(v, "momentum", c.optimizer.momentum);
    read_number(v, "beta1", c.optimizer.beta1);
    read_number(v, "beta2", c.optimizer.beta2);
    read_number(v, "epsilon", c.optimizer.epsilon);
    read_number(v, "weight_decay", c.optimizer.weight_decay);
    read_number(v, "batch_size", c.batch_size);
    read_number(v, "seed", c.seed);
    read_number(v, "learning_rate_decay", c.learning_rate_decay);
    read_number(v, "max_bytes", c.max_bytes);
    if (v["augment"].isTrue() || v["augment"].isFalse()) c.augment = v["augment"].as<bool>();
    if (!v["weight_init"].isUndefined() && !parse_weight_init(v["weight_init"].as<std::string>(), c.network.init.weights)) {
        return "Unknown weight_init '" + v["weight_init"].as<std::string>() + "'.";
    }
    if (!v["optimizer"].isUndefined() && !parse_optimizer_kind(v["optimizer"].as<std::string>(), c.optimizer.kind)) {
        return "Unknown optimizer '" + v["optimizer"].as<std::string>() + "'.";
    }
    const val layers = v["layers"];
    if (layers.isUndefined()) return "";
    c.network.layers.clear();
    const unsigned count = layers["length"].as<unsigned>();
    for (unsigned i = 0; i < count; ++i) {
        const val lv = layers[i];
        layer_config l;
        if (!parse_layer_type(lv["type"].isUndefined() ? "" : lv["type"].as<std::string>(), l.type)) {
            return "Layer " + std::to_string(i + 1) + " has no known type (conv2d, max_pool2d, flatten, dense, activation, dropout).";
        }
        read_number(lv, "units", l.units);
        read_number(lv, "kernel_size", l.kernel_size);
        read_number(lv, "stride", l.stride);
        read_number(lv, "pool_size", l.pool_size);
        read_number(lv, "activation_param", l.activation_param);
        read_number(lv, "dropout_rate", l.dropout_rate);
        if (!lv["activation"].isUndefined()) l.activation = lv["activation"].as<std::string>();
        if (!lv["padding"].isUndefined() && !parse_padding_mode(lv["padding"].as<std::string>(), l.padding)) {
            return "Layer " + std::to_string(i + 1) + ": padding is 'valid' or 'same'.";
        }
        c.network.layers.push_back(l);
    }
    return "";
}

val preset_config_val(const std::string& name) {
    const preset_result r = preset_config(name);
    val v = r.ok ? trainer_config_to_val(r.config) : val::object();
    v.set("ok", r.ok);
    v.set("error", r.error);
    return v;
}

val floats_to_js(const float* data, std::size_t n) {
    return val::global("Float32Array").new_(emscripten::typed_memory_view(n, data)).call<val>("slice");
}

val layer_metrics_to_val(const std::vector<layer_metrics>& layers) {
    val out = val::array();
    for (const layer_metrics& m : layers) {
        val v = val::object();
        v.set("name", m.name);
        v.set("units", m.units);
        v.set("zero_fraction", m.zero_fraction);
        v.set("mean", m.mean);
        v.set("stddev", m.stddev);
        v.set("param_grad_norm", m.param_grad_norm);
        v.set("output_grad_norm", m.output_grad_norm);
        v.set("dead_units", m.dead_units);
        out.call<void>("push", v);
    }
    return out;
}

// Owns one relu_lab::trainer; every method forwards to it.
class js_trainer {
public:
    explicit js_trainer(val config) {
        trainer_config c;
        error_ = trainer_config_from_val(config, c);
        if (!error_.empty()) return;
        trainer_create_result r = trainer::create(c);
        error_ = r.error;
        trainer_ = std::move(r.instance);
    }
    static js_trainer* from_model_bytes(std::uintptr_t bytes, std::size_t size) {
        js_trainer* t = new js_trainer();
        model_load_result r = load_model(reinterpret_cast<const std::uint8_t*>(bytes), size);
        t->error_ = r.error;
        t->trainer_ = std::move(r.instance);
        return t;
    }

    bool ok() const { return trainer_ != nullptr; }
    std::string error() const { return error_; }
    val config() const { return ok() ? trainer_config_to_val(trainer_->config()) : val::null(); }

    std::string set_training_data(std::uintptr_t pixels, std::uintptr_t labels, std::size_t count, std::size_t rows, std::size_t cols) {
        if (!ok()) return error_;
        return trainer_->set_training_data(reinterpret_cast<const std::uint8_t*>(pixels),
                                           reinterpret_cast<const std::uint8_t*>(labels), count, rows, cols);
    }
    std::string set_eval_data(std::uintptr_t pixels, std::uintptr_t labels, std::size_t count, std::size_t rows, std::size_t cols) {
        if (!ok()) return error_;
        return trainer_->set_eval_data(reinterpret_cast<const std::uint8_t*>(pixels),
                                       reinterpret_cast<const std::uint8_t*>(labels), count, rows, cols);
    }

    val step(std::size_t batches) {
        val v = val::object();
        if (!ok()) return v;
        const step_metrics& m = trainer_->step(batches);
        v.set("ok", m.ok);
        v.set("error", m.error);
        v.set("step", static_cast<double>(m.step));
        v.set("epoch", m.epoch);
        v.set("images", m.images);
        v.set("loss", m.loss);
        v.set("accuracy", m.accuracy);
        v.set("images_per_s", m.images_per_s);
        v.set("gflops", m.images_per_s * trainer_->net().flops_per_image() / 1e9);
        v.set("learning_rate", m.learning_rate);
        v.set("layers", layer_metrics_to_val(m.layers));
        val d = val::object();
        d.set("diverged", m.divergence.diverged);
        d.set("step", static_cast<double>(m.divergence.step));
        d.set("layer", m.divergence.layer);
        d.set("what", m.divergence.what);
        d.set("message", m.divergence.message);
        v.set("divergence", d);
        return v;
    }

    val evaluate(bool with_probabilities) {
        val v = val::object();
        if (!ok()) return v;
        const eval_metrics e = trainer_->evaluate(with_probabilities);
        v.set("ok", e.ok);
        v.set("error", e.error);
        v.set("count", e.count);
        v.set("loss", e.loss);
        v.set("accuracy", e.accuracy);
        v.set("classes", e.classes);
        v.set("confusion", val::global("Uint32Array").new_(emscripten::typed_memory_view(e.confusion.size(), e.confusion.data())).call<val>("slice"));
        v.set("probabilities", floats_to_js(e.probabilities.data(), e.probabilities.size()));
        v.set("layers", layer_metrics_to_val(e.layers));
        return v;
    }

    // One image [rows * cols] bytes at `image` -> probabilities.
    val predict(std::uintptr_t image) {
        if (!ok()) return val::null();
        std::vector<float> p(trainer_->net().classes());
        trainer_->predict(reinterpret_cast<const std::uint8_t*>(image), p.data());
        return floats_to_js(p.data(), p.size());
    }
    val predict_floats(std::uintptr_t image) {
        if (!ok()) return val::null();
        std::vector<float> p(trainer_->net().classes());
        trainer_->predict_floats(reinterpret_cast<const float*>(image), p.data());
        return floats_to_js(p.data(), p.size());
    }

    val layers() const {
        val out = val::array();
        if (!ok()) return out;
        for (const layer_plan& l : trainer_->net().layers()) {
            val v = val::object();
            v.set("name", l.name);
            v.set("type", std::string(layer_type_name(l.type)));
            v.set("channels", l.out.channels);
            v.set("height", l.out.height);
            v.set("width", l.out.width);
            v.set("parameters", l.weights_count + l.bias_count);
            out.call<void>("push", v);
        }
        return out;
    }
    // Layer i's output for the last predicted image [channels, height, width].
    val layer_output(std::size_t layer) const {
        if (!ok() || layer >= trainer_->net().layers().size()) return val::null();
        return floats_to_js(trainer_->layer_output(layer), trainer_->net().layers()[layer].out.size());
    }
    // The first conv2d's filters [out_channels, in_channels, k, k] (null without one).
    val first_layer_filters() const {
        if (!ok()) return val::null();
        for (const layer_plan& l : trainer_->net().layers()) {
            if (l.type != layer_type::conv2d) continue;
            val v = val::object();
            v.set("filters", l.conv.out_channels);
            v.set("channels", l.conv.in_channels);
            v.set("kernel_size", l.conv.kernel_size);
            v.set("weights", floats_to_js(trainer_->net().params().data() + l.weights_offset, l.weights_count));
            return v;
        }
        return val::null();
    }

    double flops_per_image() const { return ok() ? trainer_->net().flops_per_image() : 0.0; }
    double parameter_count() const { return ok() ? static_cast<double>(trainer_->net().params().size()) : 0.0; }
    double memory_bytes() const { return ok() ? static_cast<double>(trainer_->net().memory_bytes()) : 0.0; }

    val save() const {
        if (!ok()) return val::null();
        const std::vector<std::uint8_t> bytes = save_model(*trainer_);
        return val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
    }
    std::string load(std::uintptr_t bytes, std::size_t size) {
        if (!ok()) return error_;
        return load_model_into(*trainer_, reinterpret_cast<const std::uint8_t*>(bytes), size);
    }

private:
    js_trainer() = default;
    std::string error_;
    std::unique_ptr<trainer> trainer_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab_trainer) {
    emscripten::function("preset_config", &preset_config_val);
    emscripten::class_<js_trainer>("Trainer")
        .constructor<val>()
        .class_function("_from_model_bytes", &js_trainer::from_model_bytes, emscripten::allow_raw_pointers())
        .function("ok", &js_trainer::ok)
        .function("error", &js_trainer::error)
        .function("config", &js_trainer::config)
        .function("_set_training_data", &js_trainer::set_training_data)
        .function("_set_eval_data", &js_trainer::set_eval_data)
        .function("step", &js_trainer::step)
        .function("evaluate", &js_trainer::evaluate)
        .function("_predict", &js_trainer::predict)
        .function("_predict_floats", &js_trainer::predict_floats)
        .function("layers", &js_trainer::layers)
        .function("layer_output", &js_trainer::layer_output)
        .function("first_layer_filters", &js_trainer::first_layer_filters)
        .function("flops_per_image", &js_trainer::flops_per_image)
        .function("parameter_count", &js_trainer::parameter_count)
        .function("memory_bytes", &js_trainer::memory_bytes)
        .function("save", &js_trainer::save)
        .function("_load", &js_trainer::load);
}

// ---- Datasets (cpp/data): IDX files a learner picks, and the bundled digits' fixed split.
namespace {

val bytes_to_js(const std::vector<std::uint8_t>& bytes) {
    return val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

val dataset_to_val(const image_dataset& d) {
    val v = val::object();
    v.set("count", d.count);
    v.set("rows", d.rows);
    v.set("cols", d.cols);
    v.set("pixels", bytes_to_js(d.pixels));
    v.set("labels", bytes_to_js(d.labels));
    return v;
}

// Both IDX files, uncompressed -> { ok, error, dataset }.
val read_idx_dataset_raw(std::uintptr_t images, std::size_t images_size, std::uintptr_t labels, std::size_t labels_size) {
    const idx_dataset_result r = read_idx_dataset(reinterpret_cast<const std::uint8_t*>(images), images_size,
                                                  reinterpret_cast<const std::uint8_t*>(labels), labels_size);
    val v = val::object();
    v.set("ok", r.ok);
    v.set("error", r.error);
    if (r.ok) v.set("dataset", dataset_to_val(r.dataset));
    return v;
}

// The bundled digits' IDX files, uncompressed -> { ok, error, train, test }.
val read_bundled_digits_raw(std::uintptr_t images, std::size_t images_size, std::uintptr_t labels, std::size_t labels_size) {
    const idx_dataset_result all = read_idx_dataset(reinterpret_cast<const std::uint8_t*>(images), images_size,
                                                    reinterpret_cast<const std::uint8_t*>(labels), labels_size);
    val v = val::object();
    if (!all.ok) {
        v.set("ok", false);
        v.set("error", all.error);
        return v;
    }
    const dataset_split split = split_bundled_digits(all.dataset);
    v.set("ok", split.ok);
    v.set("error", split.error);
    if (split.ok) {
        v.set("train", dataset_to_val(split.train));
        v.set("test", dataset_to_val(split.test));
    }
    return v;
}

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab_data) {
    emscripten::function("_read_idx_dataset", &read_idx_dataset_raw);
    emscripten::function("_read_bundled_digits", &read_bundled_digits_raw);
}
