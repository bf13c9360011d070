// The Embind surface: batch calls only, raw pointer calls underscore-prefixed.
// Page code never calls these directly; web/bridge/relu_lab_module.js wraps them,
// owns every allocation and copies results out before the next call.
// This is the only file in cpp/ that includes an Emscripten header.
// Refusals cross in one shape, error_to_json's text {"ok": false, "error", "code",
// "params"} (train/trainer_json.h): a function that returns JSON text returns it instead
// of its result, a function that returns an object carries it as `refusal` (absent when
// all went well).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "data/bundled_digits.h"
#include "data/digit_normalize.h"
#include "data/idx_reader.h"
#include "kernels/activation_registry.h"
#include "kernels/activations.h"
#include "kernels/gemm.h"
#include "kernels/peak_probe.h"
#include "train/augment_image.h"
#include "train/config_json.h"
#include "train/initializers.h"
#include "train/model_file.h"
#include "train/optimizers.h"
#include "train/trainer.h"
#include "train/trainer_facts.h"
#include "train/trainer_json.h"

using namespace relu_lab;

namespace {

struct activation_description {
    std::string name;
    std::string param_name;
    float default_param;
    float min_param;
    float max_param;
    bool core;
    bool bounded_above;
    std::string automatic_weight_init;  // what "automatic" draws before a layer with it
};

activation_description describe_activation(std::size_t index) {
    const activation_info& info = activation_info_of(static_cast<activation_kind>(index));
    return {std::string(info.name), std::string(info.param_name),
            info.default_param,     info.min_param,
            info.max_param,         info.core,
            info.bounded_above,     weight_init_name(automatic_weight_init(info.name))};
}

void activation_forward_raw(std::size_t index, std::uintptr_t x, std::uintptr_t y, std::size_t n, float param) {
    activation_info_of(static_cast<activation_kind>(index))
        .forward(reinterpret_cast<const float*>(x), reinterpret_cast<float*>(y), n, param);
}

void activation_backward_raw(std::size_t index, std::uintptr_t x, std::uintptr_t dy, std::uintptr_t dx, std::size_t n,
                             float param) {
    activation_info_of(static_cast<activation_kind>(index))
        .backward(reinterpret_cast<const float*>(x), reinterpret_cast<const float*>(dy), reinterpret_cast<float*>(dx),
                  n, param);
}

// The bandwidth yardstick for the kernel benchmark: a plain copy of the same buffer.
void copy_floats_raw(std::uintptr_t dst, std::uintptr_t src, std::size_t n) {
    std::memcpy(reinterpret_cast<float*>(dst), reinterpret_cast<const float*>(src), n * sizeof(float));
}

std::string build_name() { return kernel_build_name(); }

// C = op(A) op(B) + beta C on this build's path (kernels/gemm.h).
void sgemm_raw(bool transpose_a, bool transpose_b, std::size_t m, std::size_t n, std::size_t k, std::uintptr_t a,
               std::size_t lda, std::uintptr_t b, std::size_t ldb, float beta, std::uintptr_t c, std::size_t ldc) {
    kernels::sgemm(transpose_a, transpose_b, m, n, k, reinterpret_cast<const float*>(a), lda,
                   reinterpret_cast<const float*>(b), ldb, beta, reinterpret_cast<float*>(c), ldc);
}

using emscripten::val;

// A refused result's `refusal` field (see the top of this file).
template <typename Result> void set_refusal(val& v, const Result& result) {
    if (!result.ok) v.set("refusal", error_to_json(error_of(result)));
}

// data/digit_normalize.h's steps as a plain object.
val normalization_to_js(const digit_normalization& d) {
    val v = val::object();
    set_refusal(v, d);
    v.set("box_top", d.box_top);
    v.set("box_left", d.box_left);
    v.set("box_rows", d.box_rows);
    v.set("box_cols", d.box_cols);
    v.set("scaled_rows", d.scaled_rows);
    v.set("scaled_cols", d.scaled_cols);
    v.set("scale", d.scale);
    v.set("mass_row", d.mass_row);
    v.set("mass_col", d.mass_col);
    v.set("offset_row", d.offset_row);
    v.set("offset_col", d.offset_col);
    v.set("ink_lost_fraction", d.ink_lost_fraction);
    v.set("output_mass_row", d.output_mass_row);
    v.set("output_mass_col", d.output_mass_col);
    return v;
}

// MNIST-style normalisation of a drawing (data/digit_normalize.h): src [rows, cols] floats
// 0..1, ink high; dst [28, 28]. Returns the intermediate steps for the page to show.
val normalize_digit_raw(std::uintptr_t src, std::size_t rows, std::size_t cols, std::uintptr_t dst) {
    return normalization_to_js(
        normalize_digit(reinterpret_cast<const float*>(src), rows, cols, reinterpret_cast<float*>(dst)));
}
// The same, also writing step 2's scaled image [20, 20] at `scaled` (the draw pad shows it).
val normalize_digit_steps_raw(std::uintptr_t src, std::size_t rows, std::size_t cols, std::uintptr_t dst,
                              std::uintptr_t scaled) {
    return normalization_to_js(normalize_digit(reinterpret_cast<const float*>(src), rows, cols,
                                               reinterpret_cast<float*>(dst), reinterpret_cast<float*>(scaled)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab) {
    emscripten::value_object<activation_description>("ActivationDescription")
        .field("name", &activation_description::name)
        .field("param_name", &activation_description::param_name)
        .field("default_param", &activation_description::default_param)
        .field("min_param", &activation_description::min_param)
        .field("max_param", &activation_description::max_param)
        .field("core", &activation_description::core)
        .field("bounded_above", &activation_description::bounded_above)
        .field("automatic_weight_init", &activation_description::automatic_weight_init);

    emscripten::constant("activation_count", activation_kind_count);
    emscripten::function("describe_activation", &describe_activation);
    emscripten::function("kernel_build_name", &build_name);
    emscripten::function("_activation_forward", &activation_forward_raw);
    emscripten::function("_activation_backward", &activation_backward_raw);
    emscripten::function("_copy_floats", &copy_floats_raw);
    emscripten::function("_sgemm", &sgemm_raw);
    emscripten::constant("digit_side", digit_side);
    emscripten::constant("digit_ink_threshold", digit_ink_threshold);
    emscripten::function("_normalize_digit", &normalize_digit_raw);
    emscripten::function("_normalize_digit_steps", &normalize_digit_steps_raw);
    emscripten::constant("digit_box_side", digit_box_side);
    // Peak yardsticks for the benchmark (kernels/peak_probe.h); the SIMD one only in SIMD builds.
    emscripten::function("scalar_peak_probe", &scalar_peak_probe);
    emscripten::constant("scalar_peak_probe_flops_per_iteration", scalar_peak_probe_flops_per_iteration);
#if defined(RELU_LAB_SIMD)
    emscripten::function("simd_peak_probe", &simd_peak_probe);
    emscripten::constant("simd_peak_probe_flops_per_iteration", simd_peak_probe_flops_per_iteration);
#endif
#if defined(RELU_LAB_RELAXED_SIMD)
    emscripten::function("relaxed_peak_probe", &relaxed_peak_probe);
    emscripten::constant("relaxed_peak_probe_flops_per_iteration", relaxed_peak_probe_flops_per_iteration);
#endif
}

// ---- The trainer (cpp/train): batch calls only. Configs, metrics and refusals travel as
// JSON text (train/config_json.h, train/trainer_json.h) that web/bridge/trainer.js parses;
// bulk numbers as copied typed arrays.
namespace {

std::string preset_config_json(const std::string& name) {
    const preset_result r = preset_config(name);
    return r.ok ? config_to_json(r.config) : error_to_json(error_of(r));
}

// The network a config describes, planned without allocating it: every layer's output
// shape and parameter count (the layer editor shows them as the learner edits).
std::string plan_network_json(const std::string& config_json) {
    const config_json_result parsed = config_from_json(config_json);
    if (!parsed.ok) return error_to_json(error_of(parsed));
    return network_plan_to_json(plan_network(parsed.config));
}

std::string deep_mlp_config_json(std::size_t depth, std::size_t width, const std::string& activation) {
    return config_to_json(deep_mlp_config(depth, width, activation));
}

// new T(view) copies the view out of wasm memory into an array of its own (a slice()
// after it, as this file once did, copied twice: 0.4 GB/s in V8 on views of wasm memory).
val floats_to_js(const float* data, std::size_t n) {
    return val::global("Float32Array").new_(emscripten::typed_memory_view(n, data));
}

// `count` augmented versions of one digit [digit_side, digit_side] bytes at `image`
// (train/augment_image.h) -> { refusal } or { images: Float32Array [count, 28, 28] }.
val augment_preview_raw(std::uintptr_t image, const std::string& mode, std::uint32_t seed, std::size_t count) {
    const augment_preview_result r =
        augment_preview(reinterpret_cast<const std::uint8_t*>(image), digit_side, digit_side, mode, seed, count);
    val v = val::object();
    set_refusal(v, r);
    if (r.ok) v.set("images", floats_to_js(r.images.data(), r.images.size()));
    return v;
}

// Owns one relu_lab::trainer; every method forwards to it.
class js_trainer {
public:
    explicit js_trainer(const std::string& config_json) {
        config_json_result parsed = config_from_json(config_json);
        if (!parsed.ok) {
            error_ = error_of(parsed);
            return;
        }
        trainer_create_result r = trainer::create(parsed.config);
        error_ = error_of(r);
        trainer_ = std::move(r.instance);
    }
    static js_trainer* from_model_bytes(std::uintptr_t bytes, std::size_t size) {
        js_trainer* t = new js_trainer();
        model_load_result r = load_model(reinterpret_cast<const std::uint8_t*>(bytes), size);
        t->error_ = error_of(r);
        t->trainer_ = std::move(r.instance);
        return t;
    }

    bool ok() const { return trainer_ != nullptr; }
    std::string error_json() const { return error_to_json(error_); }
    std::string config() const { return ok() ? config_to_json(trainer_->config()) : "null"; }

    std::string set_training_data(std::uintptr_t pixels, std::uintptr_t labels, std::size_t count, std::size_t rows,
                                  std::size_t cols) {
        if (!ok()) return error_to_json(error_);
        return error_to_json(trainer_->set_training_data(reinterpret_cast<const std::uint8_t*>(pixels),
                                                         reinterpret_cast<const std::uint8_t*>(labels), count, rows,
                                                         cols));
    }
    std::string set_eval_data(std::uintptr_t pixels, std::uintptr_t labels, std::size_t count, std::size_t rows,
                              std::size_t cols) {
        if (!ok()) return error_to_json(error_);
        return error_to_json(trainer_->set_eval_data(reinterpret_cast<const std::uint8_t*>(pixels),
                                                     reinterpret_cast<const std::uint8_t*>(labels), count, rows, cols));
    }

    std::string step(std::size_t batches) {
        if (!ok()) return "{}";
        return step_metrics_to_json(trainer_->step(batches), trainer_->net().flops_per_image());
    }
    // The evaluation: its numbers as JSON text (`metrics`), the confusion matrix and the
    // probabilities (empty unless asked for) as typed arrays.
    val evaluate(bool with_probabilities, bool with_layer_statistics) {
        if (!ok()) return val::null();
        const eval_metrics m = trainer_->evaluate(with_probabilities, with_layer_statistics);
        val v = val::object();
        v.set("metrics", eval_metrics_to_json(m));
        v.set("confusion",
              val::global("Uint32Array").new_(emscripten::typed_memory_view(m.confusion.size(), m.confusion.data())));
        v.set("probabilities", floats_to_js(m.probabilities.data(), m.probabilities.size()));
        return v;
    }

    // The evaluation in parts (train/trainer.h): { part: Float64Array, probabilities:
    // Float32Array [count * classes] or empty }, and the metrics of parts concatenated,
    // shaped as evaluate() returns them.
    val evaluate_part(std::size_t first, std::size_t count, bool with_layer_statistics, bool with_probabilities) {
        if (!ok()) return val::null();
        std::vector<float> probabilities(with_probabilities ? count * trainer_->config().network.classes : 0);
        const std::vector<double> part = trainer_->evaluate_part(first, count, with_layer_statistics,
                                                                 with_probabilities ? probabilities.data() : nullptr);
        // part[0] is the count of images the evaluation set held.
        if (with_probabilities)
            probabilities.resize(static_cast<std::size_t>(part[0]) * trainer_->config().network.classes);
        val v = val::object();
        v.set("part", val::global("Float64Array").new_(emscripten::typed_memory_view(part.size(), part.data())));
        v.set("probabilities", floats_to_js(probabilities.data(), probabilities.size()));
        return v;
    }
    val evaluate_from_parts(std::uintptr_t parts, std::size_t size, bool with_layer_statistics) {
        if (!ok()) return val::null();
        const eval_metrics m =
            trainer_->evaluate_from_parts(reinterpret_cast<const double*>(parts), size, with_layer_statistics);
        val v = val::object();
        v.set("metrics", eval_metrics_to_json(m));
        v.set("confusion",
              val::global("Uint32Array").new_(emscripten::typed_memory_view(m.confusion.size(), m.confusion.data())));
        v.set("probabilities", floats_to_js(nullptr, 0));
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

    std::string layers() const { return ok() ? network_layers_to_json(trainer_->net()) : "[]"; }
    // Layer i's output for the last predicted image [channels, height, width].
    val layer_output(std::size_t layer) const {
        if (!ok() || layer >= trainer_->net().layers().size()) return val::null();
        return floats_to_js(trainer_->layer_output(layer), trainer_->net().layers()[layer].out.size());
    }
    // The first conv2d's filters [out_channels, in_channels, k, k] (null without one).
    val first_layer_filters() const {
        const layer_plan* l = ok() ? first_conv2d_layer(trainer_->net()) : nullptr;
        if (l == nullptr) return val::null();
        val v = val::object();
        v.set("filters", l->conv.out_channels);
        v.set("channels", l->conv.in_channels);
        v.set("kernel_size", l->conv.kernel_size);
        v.set("weights", floats_to_js(trainer_->net().params().data() + l->weights_offset, l->weights_count));
        return v;
    }

    // Layer i's weights (conv2d [out_channels, in_channels, k, k], dense [out, in]) and
    // biases [out]; null for a layer without parameters.
    val layer_parameters(std::size_t layer) const {
        if (!ok() || layer >= trainer_->net().layers().size()) return val::null();
        const layer_plan& l = trainer_->net().layers()[layer];
        if (l.weights_count == 0) return val::null();
        val v = val::object();
        v.set("weights", floats_to_js(trainer_->net().params().data() + l.weights_offset, l.weights_count));
        v.set("bias", floats_to_js(trainer_->net().params().data() + l.bias_offset, l.bias_count));
        return v;
    }

    double flops_per_image() const { return ok() ? trainer_->net().flops_per_image() : 0.0; }
    void set_profiling(bool on) {
        if (ok()) trainer_->net().set_profiling(on);
    }
    std::string layer_times() const { return ok() ? layer_times_to_json(trainer_->net()) : "[]"; }
    // After a fine-tuning pass on other images: the step count goes on, the epoch count stays.
    void set_progress(double steps, double epochs) {
        if (ok()) trainer_->set_progress(static_cast<std::uint64_t>(steps), static_cast<std::size_t>(epochs));
    }
    // A training team's phases (train/trainer.h); records and gradient slices pass
    // through wasm memory at the pointers given, the page copies them in and out.
    std::size_t begin_step() { return ok() ? trainer_->begin_step() : 0; }
    bool batch_ends_epoch() const { return ok() && trainer_->batch_ends_epoch(); }
    void compute_images(std::size_t first, std::size_t count, bool measure) {
        if (ok()) trainer_->compute_images(first, count, measure);
    }
    std::size_t record_floats() const { return ok() ? trainer_->record_floats() : 0; }
    // The scratch buffer for `count` records (grown, never shrunk).
    std::uintptr_t records_buffer(std::size_t count) {
        if (!ok()) return 0;
        if (records_.size() < count * trainer_->record_floats()) records_.resize(count * trainer_->record_floats());
        return reinterpret_cast<std::uintptr_t>(records_.data());
    }
    void write_records(std::size_t first, std::size_t count) {
        if (ok()) trainer_->write_records(first, count, reinterpret_cast<float*>(records_buffer(count)));
    }
    void read_records(std::size_t first, std::size_t count) {
        if (ok()) trainer_->read_records(first, count, reinterpret_cast<const float*>(records_buffer(count)));
    }
    void reduce_range(double begin, double end) {
        if (ok()) trainer_->reduce_range(static_cast<std::size_t>(begin), static_cast<std::size_t>(end));
    }
    std::uintptr_t parameters_pointer() { return ok() ? reinterpret_cast<std::uintptr_t>(trainer_->parameters()) : 0; }
    std::uint32_t parameters_crc32() const { return ok() ? trainer_->parameters_crc32() : 0; }
    std::size_t slice_report_size() const { return ok() ? trainer_->slice_report_size() : 0; }
    // The scratch buffer for `members` slice reports (doubles; grown, never shrunk).
    std::uintptr_t reports_buffer(std::size_t members) {
        if (!ok()) return 0;
        if (reports_.size() < members * trainer_->slice_report_size())
            reports_.resize(members * trainer_->slice_report_size());
        return reinterpret_cast<std::uintptr_t>(reports_.data());
    }
    // The report lands in the first place of reports_buffer.
    bool update_range(double begin, double end) {
        return ok() && trainer_->update_range(static_cast<std::size_t>(begin), static_cast<std::size_t>(end),
                                              reinterpret_cast<double*>(reports_buffer(1)));
    }
    bool take_slice_reports(std::size_t members) {
        return ok() && trainer_->take_slice_reports(reinterpret_cast<const double*>(reports_buffer(members)), members);
    }
    bool apply_update() { return ok() && trainer_->apply_update(); }
    std::size_t optimizer_state_floats_per_parameter() const {
        return ok() ? optimizer_state_floats(trainer_->config().optimizer.kind) : 0;
    }
    // The scratch buffer for `count` floats of optimizer state (grown, never shrunk).
    std::uintptr_t state_buffer(std::size_t count) {
        if (!ok()) return 0;
        if (state_.size() < count) state_.resize(count);
        return reinterpret_cast<std::uintptr_t>(state_.data());
    }
    void read_optimizer_state(double begin, double end, std::size_t count) {
        if (ok())
            trainer_->read_optimizer_state(static_cast<std::size_t>(begin), static_cast<std::size_t>(end),
                                           reinterpret_cast<float*>(state_buffer(count)));
    }
    void write_optimizer_state(double begin, double end, std::size_t count) {
        if (ok())
            trainer_->write_optimizer_state(static_cast<std::size_t>(begin), static_cast<std::size_t>(end),
                                            reinterpret_cast<const float*>(state_buffer(count)));
    }
    std::string finish_step(bool measured) {
        if (!ok()) return "{}";
        return step_metrics_to_json(trainer_->finish_step(measured), trainer_->net().flops_per_image(), measured);
    }
    val data_position() const {
        if (!ok()) return val::null();
        const std::vector<std::uint32_t> words = trainer_->data_position();
        return val::global("Uint32Array").new_(emscripten::typed_memory_view(words.size(), words.data()));
    }
    bool set_data_position(std::uintptr_t words, std::size_t count) {
        return ok() && trainer_->set_data_position(reinterpret_cast<const std::uint32_t*>(words), count);
    }

    double parameter_count() const { return ok() ? static_cast<double>(trainer_->net().params().size()) : 0.0; }
    double memory_bytes() const { return ok() ? static_cast<double>(trainer_->net().memory_bytes()) : 0.0; }

    val save() const {
        if (!ok()) return val::null();
        const std::vector<std::uint8_t> bytes = save_model(*trainer_);
        return val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data()));
    }
    std::string load(std::uintptr_t bytes, std::size_t size) {
        if (!ok()) return error_to_json(error_);
        return error_to_json(load_model_into(*trainer_, reinterpret_cast<const std::uint8_t*>(bytes), size));
    }

private:
    js_trainer() = default;
    learner_error error_;
    std::unique_ptr<trainer> trainer_;
    std::vector<float> records_;
    std::vector<double> reports_;
    std::vector<float> state_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab_trainer) {
    emscripten::function("_preset_config", &preset_config_json);
    emscripten::function("_deep_mlp_config", &deep_mlp_config_json);
    emscripten::function("_plan_network", &plan_network_json);
    emscripten::function("_trainer_facts", &trainer_facts_json);
    emscripten::function("_augment_preview", &augment_preview_raw);
    emscripten::class_<js_trainer>("Trainer")
        .constructor<std::string>()
        .class_function("_from_model_bytes", &js_trainer::from_model_bytes, emscripten::allow_raw_pointers())
        .function("ok", &js_trainer::ok)
        .function("_error", &js_trainer::error_json)
        .function("_config", &js_trainer::config)
        .function("_set_training_data", &js_trainer::set_training_data)
        .function("_set_eval_data", &js_trainer::set_eval_data)
        .function("_step", &js_trainer::step)
        .function("_evaluate", &js_trainer::evaluate)
        .function("evaluate_part", &js_trainer::evaluate_part)
        .function("_evaluate_from_parts", &js_trainer::evaluate_from_parts)
        .function("_predict", &js_trainer::predict)
        .function("_predict_floats", &js_trainer::predict_floats)
        .function("_layers", &js_trainer::layers)
        .function("layer_output", &js_trainer::layer_output)
        .function("first_layer_filters", &js_trainer::first_layer_filters)
        .function("layer_parameters", &js_trainer::layer_parameters)
        .function("flops_per_image", &js_trainer::flops_per_image)
        .function("set_profiling", &js_trainer::set_profiling)
        .function("_layer_times", &js_trainer::layer_times)
        .function("set_progress", &js_trainer::set_progress)
        .function("begin_step", &js_trainer::begin_step)
        .function("batch_ends_epoch", &js_trainer::batch_ends_epoch)
        .function("compute_images", &js_trainer::compute_images)
        .function("record_floats", &js_trainer::record_floats)
        .function("records_buffer", &js_trainer::records_buffer)
        .function("write_records", &js_trainer::write_records)
        .function("read_records", &js_trainer::read_records)
        .function("reduce_range", &js_trainer::reduce_range)
        .function("parameters_pointer", &js_trainer::parameters_pointer)
        .function("parameters_crc32", &js_trainer::parameters_crc32)
        .function("slice_report_size", &js_trainer::slice_report_size)
        .function("reports_buffer", &js_trainer::reports_buffer)
        .function("update_range", &js_trainer::update_range)
        .function("take_slice_reports", &js_trainer::take_slice_reports)
        .function("apply_update", &js_trainer::apply_update)
        .function("optimizer_state_floats_per_parameter", &js_trainer::optimizer_state_floats_per_parameter)
        .function("state_buffer", &js_trainer::state_buffer)
        .function("read_optimizer_state", &js_trainer::read_optimizer_state)
        .function("write_optimizer_state", &js_trainer::write_optimizer_state)
        .function("_finish_step", &js_trainer::finish_step)
        .function("data_position", &js_trainer::data_position)
        .function("set_data_position", &js_trainer::set_data_position)
        .function("parameter_count", &js_trainer::parameter_count)
        .function("memory_bytes", &js_trainer::memory_bytes)
        .function("save", &js_trainer::save)
        .function("_load", &js_trainer::load);
}

// ---- Datasets (cpp/data): IDX files a learner picks, and the bundled digits' fixed split.
namespace {

val bytes_to_js(const std::vector<std::uint8_t>& bytes) {
    return val::global("Uint8Array").new_(emscripten::typed_memory_view(bytes.size(), bytes.data()));
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

// Both IDX files, uncompressed, checked without copying -> { refusal } or { count, rows,
// cols, pixels_offset, labels_offset }: the caller takes pixels and labels from its own bytes.
val check_idx_dataset_raw(std::uintptr_t images, std::size_t images_size, std::uintptr_t labels,
                          std::size_t labels_size) {
    const idx_dataset_result r = check_idx_dataset(reinterpret_cast<const std::uint8_t*>(images), images_size,
                                                   reinterpret_cast<const std::uint8_t*>(labels), labels_size);
    val v = val::object();
    set_refusal(v, r);
    if (r.ok) {
        v.set("count", r.dataset.count);
        v.set("rows", r.dataset.rows);
        v.set("cols", r.dataset.cols);
        v.set("pixels_offset", idx_images_header_bytes);
        v.set("labels_offset", idx_labels_header_bytes);
    }
    return v;
}

// The bundled digits' IDX files, uncompressed -> { refusal } or { train, test }.
val read_bundled_digits_raw(std::uintptr_t images, std::size_t images_size, std::uintptr_t labels,
                            std::size_t labels_size) {
    const idx_dataset_result all = read_idx_dataset(reinterpret_cast<const std::uint8_t*>(images), images_size,
                                                    reinterpret_cast<const std::uint8_t*>(labels), labels_size);
    val v = val::object();
    if (!all.ok) {
        set_refusal(v, all);
        return v;
    }
    const dataset_split split = split_bundled_digits(all.dataset);
    set_refusal(v, split);
    if (split.ok) {
        v.set("train", dataset_to_val(split.train));
        v.set("test", dataset_to_val(split.test));
    }
    return v;
}

// Bytes the module can still allocate: from malloc's break (sbrk) up to the maximum
// memory, plus what malloc holds free below it. (Memory grows ahead of the break, so
// the heap's current size would undercount.) web/bridge/datasets.js checks a learner's
// files against it before copying them in: a failed allocation inside C++ aborts the module.
double memory_available_bytes() {
    const struct mallinfo heap = mallinfo();
    const double break_bytes = double(reinterpret_cast<std::uintptr_t>(sbrk(0)));
    return double(emscripten_get_heap_max()) - break_bytes + double(heap.fordblks);
}

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab_data) {
    emscripten::function("_memory_available_bytes", &memory_available_bytes);
    emscripten::function("_check_idx_dataset", &check_idx_dataset_raw);
    emscripten::function("_read_bundled_digits", &read_bundled_digits_raw);
}
