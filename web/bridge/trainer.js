// The CNN trainer for page and worker code, over the Embind class Trainer
// (cpp/bindings/bindings.cpp). Datasets and images go in as typed arrays, results come
// back as plain values and copied typed arrays; every temporary wasm buffer is freed
// before the call returns, and dispose() frees the trainer. Refusals (a bad config, bad
// data, a corrupt model file) are values: { ok: false, error: '<English sentence>', code,
// params }: code is stable ("idx.images.bad_magic", "network.too_large") and keys the
// translation "errors.<code>" with params filling its {placeholders} (error_message in
// web/bridge/error_message.js). Configs, metrics and refusals come from C++ as JSON text.
import { parse_from_cpp } from './cpp_results.js';
import { raw_module } from './relu_lab_module.js';
import { with_bytes_in_wasm } from './wasm_memory.js';

// A config as C++ gives it: activation_param null means "the activation's default",
// which page code has always seen as NaN.
function parse_config(text) {
    const config = parse_from_cpp(text);
    if (config && Array.isArray(config.layers)) {
        for (const layer of config.layers) if (layer.activation_param === null) layer.activation_param = NaN;
    }
    return config;
}

// The config as JSON text for C++; anything JSON cannot hold (BigInt, cycles) becomes
// text the C++ parser refuses with a code, like any other malformed config.
function config_text(config) {
    try {
        return JSON.stringify(config) ?? '';
    } catch {
        return '';
    }
}

// A preset's full config ("seed-keras", "small", "deep-mlp"), for editing before create_trainer.
export function preset_config(relu_lab, name) {
    const result = parse_config(raw_module(relu_lab)._preset_config(String(name)));
    if (result.ok === false) return result;
    return { ok: true, config: result };
}

// Flatten -> depth x Dense(width, activation) -> Dense(classes, softmax), the deep-mlp
// preset's shape (cpp/train/config.h), as a full config to edit before create_trainer.
export function deep_mlp_config(relu_lab, { depth, width, activation }) {
    return parse_config(raw_module(relu_lab)._deep_mlp_config(depth, width, String(activation)));
}

// The network a config describes, planned in C++ without allocating it -> { ok, layers:
// [{ name, type, channels, height, width, parameters, init }], parameters, memory_bytes,
// flops_per_image } or a refusal.
export function plan_network(relu_lab, config) {
    return parse_from_cpp(raw_module(relu_lab)._plan_network(config_text(config)));
}

export function create_trainer(relu_lab, config) {
    const raw = raw_module(relu_lab);
    return wrap_trainer(raw, new raw.Trainer(config_text(config)));
}

// A trainer restored from a model file's bytes (architecture, weights, optimizer state).
export function trainer_from_model(relu_lab, bytes) {
    const raw = raw_module(relu_lab);
    let instance = null;
    const copied = with_bytes_in_wasm(raw, [bytes], ([pointer]) => {
        instance = raw.Trainer._from_model_bytes(pointer, bytes.byteLength);
        return { ok: true };
    });
    if (!copied.ok) return copied;
    return wrap_trainer(raw, instance);
}

function evaluation_result({ metrics, confusion, probabilities }) {
    const { ok, error, count, loss, accuracy, classes, layers, ...refusal } = parse_from_cpp(metrics);
    return { ok, error, count, loss, accuracy, classes, confusion, probabilities, layers, ...refusal };
}

function wrap_trainer(raw, instance) {
    if (!instance.ok()) {
        const refusal = parse_from_cpp(instance._error());
        instance.delete();
        return refusal;
    }
    let disposed = false;
    const live = () => {
        if (disposed) throw new Error('this trainer was disposed');
        return instance;
    };

    // { pixels: Uint8Array [count * rows * cols], labels: Uint8Array [count], count, rows, cols }
    function hand_over_dataset(setter, { pixels, labels, count, rows, cols }) {
        if (pixels.length !== count * rows * cols || labels.length !== count) {
            return {
                ok: false,
                error: `The dataset says ${count} images of ${rows}x${cols} pixels but holds ${pixels.length} pixels and ${labels.length} labels.`,
                code: 'bridge.dataset_mismatch',
                params: { count, rows, cols, pixels: pixels.length, labels: labels.length },
            };
        }
        const joined = new Uint8Array(pixels.length + labels.length);
        joined.set(pixels);
        joined.set(labels, pixels.length);
        return with_bytes_in_wasm(raw, [joined], ([pointer]) => {
            return parse_from_cpp(live()[setter](pointer, pointer + pixels.length, count, rows, cols));
        });
    }

    const trainer = {
        config: () => parse_config(live()._config()),
        layers: () => parse_from_cpp(live()._layers()),
        flops_per_image: () => live().flops_per_image(),
        // Per-layer forward/backward wall time (ms) accumulated while profiling is on.
        set_profiling: (on) => live().set_profiling(Boolean(on)),
        layer_times: () => parse_from_cpp(live()._layer_times()),
        parameter_count: () => live().parameter_count(),
        // Sets the step and epoch counters (the learning rate follows the epoch count).
        set_progress: (steps, epochs) => live().set_progress(steps, epochs),
        memory_bytes: () => live().memory_bytes(),
        set_training_data: (dataset) => hand_over_dataset('_set_training_data', dataset),
        set_eval_data: (dataset) => hand_over_dataset('_set_eval_data', dataset),
        // Trains `batches` batches; metrics include loss, accuracy, images_per_s, per-layer
        // statistics and, when training diverged, divergence.{step, layer, message}.
        step: (batches = 1) => parse_from_cpp(live()._step(batches)),
        // Loss, accuracy, confusion (Uint32Array [classes * classes]), probabilities
        // (Float32Array [count * classes] when asked for) and per-layer statistics.
        // with_layer_statistics: false skips the per-layer numbers (layers comes back empty):
        // pure inference, for predictions and the benchmark.
        evaluate({ with_probabilities = false, with_layer_statistics = true } = {}) {
            return evaluation_result(live()._evaluate(with_probabilities, with_layer_statistics));
        },
        // The evaluation in parts, for a team to share (cpp/train/trainer.h): images
        // [first, first + count) -> { part: Float64Array, probabilities: Float32Array
        // [count * classes], empty unless asked for }, and the result of parts concatenated.
        evaluate_part: (first, count, { with_layer_statistics = true, with_probabilities = false } = {}) =>
            live().evaluate_part(first, count, with_layer_statistics, with_probabilities),
        evaluate_from_parts(parts, { with_layer_statistics = true } = {}) {
            let result = null;
            const bytes = new Uint8Array(parts.buffer, parts.byteOffset, parts.byteLength);
            with_bytes_in_wasm(raw, [bytes], ([pointer]) => {
                result = evaluation_result(live()._evaluate_from_parts(pointer, parts.length, with_layer_statistics));
                return { ok: true };
            });
            return result;
        },
        // One image: Uint8Array (0..255) or Float32Array (0..1) of rows * cols -> probabilities.
        predict(image) {
            const is_float = image instanceof Float32Array;
            const bytes = is_float ? new Uint8Array(image.buffer, image.byteOffset, image.byteLength) : image;
            let probabilities = null;
            with_bytes_in_wasm(raw, [bytes], ([pointer]) => {
                probabilities = is_float ? live()._predict_floats(pointer) : live()._predict(pointer);
                return { ok: true };
            });
            return probabilities;
        },
        // Layer i's output [channels, height, width] for the last predicted image.
        layer_output: (layer) => live().layer_output(layer),
        first_layer_filters: () => live().first_layer_filters(),
        // Layer i's weights and biases as Float32Arrays (layout in layer_parameters of
        // cpp/bindings/bindings.cpp), or null for a layer without parameters.
        layer_parameters: (layer) => live().layer_parameters(layer),
        // One step in phases, shared by a team of workers (web/workers/training_team.js;
        // the phases are explained in cpp/train/trainer.h). Records, weight slices and
        // optimizer state travel as Float32Arrays; every view of wasm memory is taken after the call that
        // may have grown it.
        team: Object.freeze({
            begin_step: () => live().begin_step(),
            batch_ends_epoch: () => live().batch_ends_epoch(),
            compute_images: (first, count, measure) => live().compute_images(first, count, Boolean(measure)),
            record_floats: () => live().record_floats(),
            // The records of positions [first, first + count), into `into` (a Float32Array
            // of at least count * record_floats(); a new one when not given). Reusing
            // arrays matters: a fresh one of megabytes costs more than the copy (page faults).
            write_records(first, count, into = null) {
                live().write_records(first, count);
                const floats = count * live().record_floats();
                const at = live().records_buffer(count) / 4;
                const out = into ?? new Float32Array(floats);
                out.set(raw.HEAPF32.subarray(at, at + floats));
                return out;
            },
            read_records(first, count, records) {
                const at = live().records_buffer(count) / 4;
                raw.HEAPF32.set(records.subarray(0, count * live().record_floats()), at);
                live().read_records(first, count);
            },
            reduce_range: (begin, end) => live().reduce_range(begin, end),
            slice_report_size: () => live().slice_report_size(),
            // The optimizer on weights [begin, end): { updated, report } (report: a
            // Float64Array of slice_report_size(), cpp/train/trainer.h).
            update_range(begin, end) {
                const updated = live().update_range(begin, end);
                const at = live().reports_buffer(1) / 8;
                return { updated, report: raw.HEAPF64.slice(at, at + live().slice_report_size()) };
            },
            // Every member's report, concatenated in member order.
            take_slice_reports(reports) {
                const members = reports.length / live().slice_report_size();
                raw.HEAPF64.set(reports, live().reports_buffer(members) / 8);
                return live().take_slice_reports(members);
            },
            apply_update: () => live().apply_update(),
            // Weights [begin, end) into `into` (or a new Float32Array), and back.
            read_parameters(begin, end, into = null) {
                const at = live().parameters_pointer() / 4;
                const out = into ?? new Float32Array(end - begin);
                out.set(raw.HEAPF32.subarray(at + begin, at + end));
                return out;
            },
            // CRC-32 of every weight's bytes (a copy built from the config checks its own).
            parameters_crc32: () => live().parameters_crc32(),
            write_parameters(begin, values) {
                raw.HEAPF32.set(values, live().parameters_pointer() / 4 + begin);
            },
            // The optimizer state of weights [begin, end) (Float32Array of (end - begin)
            // times the floats per weight: Adam 2, momentum 1, SGD 0), and back.
            read_optimizer_state(begin, end) {
                const count = (end - begin) * live().optimizer_state_floats_per_parameter();
                live().read_optimizer_state(begin, end, count);
                const at = live().state_buffer(count) / 4;
                return raw.HEAPF32.slice(at, at + count);
            },
            write_optimizer_state(begin, end, values) {
                const count = (end - begin) * live().optimizer_state_floats_per_parameter();
                raw.HEAPF32.set(values.subarray(0, count), live().state_buffer(count) / 4);
                live().write_optimizer_state(begin, end, count);
            },
            finish_step: (measured) => parse_from_cpp(live()._finish_step(Boolean(measured))),
            data_position: () => live().data_position(),
            set_data_position(words) {
                let accepted = false;
                with_bytes_in_wasm(raw, [words], ([pointer]) => {
                    accepted = live().set_data_position(pointer, words.length);
                    return { ok: true };
                });
                return accepted;
            },
        }),
        // The model file: architecture, weights and optimizer state (documented in cpp/train/model_file.h).
        save: () => live().save(),
        // Loads a model file of the same architecture into this trainer.
        load(bytes) {
            return with_bytes_in_wasm(raw, [bytes], ([pointer]) => {
                return parse_from_cpp(live()._load(pointer, bytes.byteLength));
            });
        },
        dispose() {
            if (disposed) return;
            disposed = true;
            instance.delete();
        },
    };
    return { ok: true, trainer: Object.freeze(trainer) };
}
