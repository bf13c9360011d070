// Refusals that reach a learner: a stable code, named parameters and the English
// sentence. The page translates by code (web/i18n/locales/<tag>/errors.json has one key
// per code, "errors.<code>", with the same {name} placeholders); the CLI prints the
// English sentence. The English text lives once, in error_catalog() below, and the
// English errors.json must repeat it word for word (tests/cpp/train/test_error_codes.cpp).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace relu_lab {

// A parameter of a message: a number (formatted by the page for the learner's
// language) or a text that is not translated (a file name, an activation name).
struct error_param {
    std::string name;
    bool is_number = false;
    double number = 0.0;
    std::string text;
};
using error_params = std::vector<error_param>;

inline error_param number_param(const char* name, double value) { return {name, true, value, {}}; }
inline error_param text_param(const char* name, std::string value) { return {name, false, 0.0, std::move(value)}; }

struct learner_error {
    std::string code;     // "" when there is no error
    std::string message;  // English
    error_params params;
    bool ok() const { return code.empty(); }
};

struct error_text {
    const char* code;
    const char* english;  // {name} placeholders, one per parameter
};

// Every code the C++ core can produce. Ordered by room; codes never change meaning
// once shipped (a translation is keyed by them).
inline const std::vector<error_text>& error_catalog() {
    static const std::vector<error_text> catalog = {
        // Network settings as JSON (train/config_json.h)
        {"config.not_json", "The network settings are not valid JSON."},
        {"config.not_object", "The network settings must be a JSON object with named fields."},
        {"config.too_long", "The network settings are {bytes} bytes long; the limit is {limit}."},
        {"config.too_deep", "The network settings nest lists and objects {depth} levels deep; the limit is {limit}."},
        {"config.not_a_number", "The setting {field} must be a number."},
        {"config.not_a_whole_number", "The setting {field} must be a whole number from {min} to {max}."},
        {"config.out_of_range", "The setting {field} must be between {min} and {max}."},
        {"config.not_a_string", "The setting {field} must be a text."},
        {"config.string_too_long", "The setting {field} is longer than {limit} characters."},
        {"config.not_a_boolean", "The setting {field} must be true or false."},
        {"config.not_a_list", "The setting {field} must be a list of layers."},
        {"config.layer_not_object", "Layer {layer} must be an object with named fields."},
        {"config.too_many_layers", "The network has {count} layers; the limit is {limit}."},
        {"config.unknown_layer_type", "Layer {layer} has the unknown type “{name}”. Choose one of: {choices}."},
        {"config.unknown_padding", "Layer {layer}: padding is “valid” or “same”, not “{name}”."},
        {"config.unknown_activation", "Layer {layer} names the unknown activation “{name}”. Choose one of: {choices}."},
        {"config.unknown_weight_init", "There is no weight initialisation called “{name}”. Choose one of: {choices}."},
        {"config.unknown_optimizer", "There is no optimizer called “{name}”. Choose one of: {choices}."},
        {"config.unknown_augmentation", "There is no augmentation called “{name}”. Choose one of: {choices}."},
        {"config.unknown_preset", "There is no preset called “{name}”. Choose one of: {choices}."},
        // Network assembly (train/network.h)
        {"network.batch_size", "The batch size must be between 1 and {max}, not {value}."},
        {"network.input_shape", "The input must have between 1 and {max} channels, rows and columns."},
        {"network.input_too_large", "The input ({shape}) has more than {limit} values per image."},
        {"network.classes", "There must be between 2 and 256 classes, not {value}."},
        {"network.no_layers", "The network has no layers. It needs at least Flatten and Dense({classes}, softmax)."},
        {"network.last_not_head",
         "The last layer must be Dense({classes}, softmax): one output per class, turned into probabilities."},
        {"network.learning_rate", "The learning rate must be a positive number."},
        {"network.setting_out_of_range", "The setting {field} must be between {min} and {max}, not {value}."},
        {"network.softmax_not_last",
         "Layer {layer}: softmax is only allowed on the last Dense layer, where it turns the outputs into class probabilities."},
        {"network.conv_after_flatten",
         "Layer {layer}: Conv2D needs an image (channels x height x width), but its input was already flattened. Put Conv2D layers before Flatten."},
        {"network.conv_filters", "Layer {layer}: Conv2D needs between 1 and {max} filters."},
        {"network.conv_kernel_size", "Layer {layer}: Conv2D's kernel size must be between 1 and {max}."},
        {"network.conv_stride", "Layer {layer}: Conv2D's stride must be between 1 and the kernel size."},
        {"network.conv_kernel_too_big",
         "Layer {layer}: a {kernel}x{kernel} kernel does not fit in the {input} input with 'valid' padding. Use a smaller kernel, 'same' padding, or fewer pooling layers before it."},
        {"network.pool_after_flatten", "Layer {layer}: MaxPool2D needs an image, but its input was already flattened."},
        {"network.pool_too_big", "Layer {layer}: a {pool}x{pool} pool does not fit in the {input} input."},
        {"network.dense_needs_flat",
         "Layer {layer}: Dense needs a flat input, but gets a {input} image. Put a Flatten layer before it."},
        {"network.dense_units", "Layer {layer}: Dense needs between 1 and {max} units."},
        {"network.dropout_rate", "Layer {layer}: Dropout's rate must be at least 0 and below 1, not {value}."},
        {"network.output_too_large", "Layer {layer}: its output ({shape}) is too large."},
        {"network.unknown_activation",
         "Layer {layer}: unknown activation '{name}'. Choose one of: {choices} (or softmax on the last Dense layer)."},
        {"network.activation_param",
         "Layer {layer}: {activation}'s {param} must be between {min} and {max}, not {value}."},
        {"network.too_large",
         "This network needs {needed_mb} MB for a batch of {batch} (parameters, gradients, optimizer state and activations), more than the limit of {limit_mb} MB. Use fewer filters or units, more pooling, or a smaller batch."},
        // Training and evaluation data, training (train/trainer.h)
        {"data.empty", "The dataset is empty."},
        {"data.no_buffers", "The dataset has no pixel or label buffer."},
        {"data.wrong_size", "The images are {rows}x{cols} but the network expects {channels}x{height}x{width}."},
        {"data.bad_label", "Label {label} of image {image} is not one of the {classes} classes."},
        {"train.no_data", "There is no training data: hand the trainer images and labels first."},
        {"train.no_eval_data", "There is no evaluation data."},
        {"train.diverged_loss",
         "Training diverged at step {step}: the loss became NaN or infinite. The weights are kept from before that step. Try a smaller learning rate or a gentler initialisation."},
        {"train.diverged_output",
         "Training diverged at step {step}: the output of layer {layer} became NaN or infinite. The weights are kept from before that step. Try a smaller learning rate or a gentler initialisation."},
        {"train.diverged_gradient",
         "Training diverged at step {step}: the gradient of layer {layer} became NaN or infinite. The weights are kept from before that step. Try a smaller learning rate or a gentler initialisation."},
        {"train.diverged_parameter_gradient",
         "Training diverged at step {step}: the parameter gradient of layer {layer} became NaN or infinite. The weights are kept from before that step. Try a smaller learning rate or a gentler initialisation."},
        // IDX files (data/idx_reader.h)
        {"idx.images.empty", "The images file is empty."},
        {"idx.labels.empty", "The labels file is empty."},
        {"idx.images.gzip", "The images file is still gzip-compressed (.gz); it must be decompressed first."},
        {"idx.labels.gzip", "The labels file is still gzip-compressed (.gz); it must be decompressed first."},
        {"idx.images.too_short", "The images file is only {bytes} bytes long; an IDX header needs at least 4."},
        {"idx.labels.too_short", "The labels file is only {bytes} bytes long; an IDX header needs at least 4."},
        {"idx.images.bad_magic",
         "The images file is not an IDX file: it starts with {first} {second} instead of 0x00 0x00."},
        {"idx.labels.bad_magic",
         "The labels file is not an IDX file: it starts with {first} {second} instead of 0x00 0x00."},
        {"idx.images.element_type",
         "The images file stores {type_name} values (type {type}); only unsigned bytes (type 0x08) are supported."},
        {"idx.labels.element_type",
         "The labels file stores {type_name} values (type {type}); only unsigned bytes (type 0x08) are supported."},
        {"idx.images.dimensions", "The images file has {dims} dimensions but should have 3 (images, rows, columns)."},
        {"idx.labels.dimensions", "The labels file has {dims} dimensions but should have 1 (labels)."},
        {"idx.images.looks_like_labels",
         "The images file has 1 dimension but should have 3 (images, rows, columns); it looks like a labels file."},
        {"idx.labels.looks_like_images",
         "The labels file has 3 dimensions but should have 1 (labels); it looks like an images file."},
        {"idx.images.header_cut",
         "The images file is cut off inside its header: {bytes} bytes, but the header alone is {header_bytes}."},
        {"idx.labels.header_cut",
         "The labels file is cut off inside its header: {bytes} bytes, but the header alone is {header_bytes}."},
        {"idx.images.no_images", "The images file contains no images (its count is 0)."},
        {"idx.images.zero_side",
         "The images file says each image is {rows} x {cols} pixels; both sides must be at least 1."},
        {"idx.images.side_limit",
         "The images file says each image is {rows} x {cols} pixels; the limit is {limit} per side."},
        {"idx.images.count_limit", "The images file says it holds {count} images; the limit is {limit}."},
        {"idx.images.bytes_limit", "The images file would hold {bytes} bytes of pixels; the limit is {limit}."},
        {"idx.images.cut_off",
         "The images file is cut off: its header promises {count} images of {rows} x {cols} pixels ({expected} bytes with the header), but it has only {bytes} bytes."},
        {"idx.images.extra_bytes",
         "The images file has {extra} unexpected bytes after the {count} images of {rows} x {cols} pixels its header promises."},
        {"idx.labels.no_labels", "The labels file contains no labels (its count is 0)."},
        {"idx.labels.count_limit", "The labels file says it holds {count} labels; the limit is {limit}."},
        {"idx.labels.cut_off",
         "The labels file is cut off: its header promises {count} labels ({expected} bytes with the header), but it has only {bytes} bytes."},
        {"idx.labels.extra_bytes",
         "The labels file has {extra} unexpected bytes after the {count} labels its header promises."},
        {"idx.labels.bad_label",
         "The labels file has label {label} at position {position}; labels must be classes 0 to 9."},
        {"idx.count_mismatch",
         "The labels file has {labels} labels but the images file has {images} images; they must match one to one."},
        // Model files (train/model_file.h)
        {"model.too_short", "This is not a ReLU Lab model file: it is too short."},
        {"model.bad_magic", "This is not a ReLU Lab model file (it does not start with RELULABM)."},
        {"model.version", "This model file has format version {version}; this program reads version {supported}."},
        {"model.size_mismatch",
         "The model file is truncated or has extra bytes: it should be {expected} bytes, not {bytes}."},
        {"model.checksum", "The model file is damaged: its checksum does not match its content."},
        {"model.unknown_optimizer", "The model file names an unknown optimizer."},
        {"model.unknown_augmentation", "The model file names an unknown augmentation."},
        {"model.unknown_init", "The model file names an unknown initialiser."},
        {"model.layers_damaged", "The model file's layer list is damaged."},
        {"model.unknown_layer_type", "The model file names an unknown layer type."},
        {"model.truncated_weights", "The model file ends in the middle of its weights."},
        {"model.truncated_state", "The model file ends in the middle of its optimizer state."},
        {"model.truncated", "The model file is truncated."},
        {"model.trailing_bytes", "The model file has unexpected bytes after the optimizer state."},
        {"model.parameter_count", "The model file holds {count} parameters but its network has {expected}."},
        {"model.state_count", "The model file's optimizer state has {count} values, expected {expected}."},
        {"model.different_network", "The model file holds a different network (other layers or shapes) than this one."},
        {"model.other_optimizer",
         "The model file was trained with {file_optimizer} but this trainer uses {optimizer}."},
        // Drawn digits (data/digit_normalize.h)
        {"digit.nothing_drawn", "Nothing drawn: no pixel has enough ink."},
        // The bundled digits (data/bundled_digits.h): only a damaged copy of the page fails these
        {"digits.not_bundled_shape",
         "This is not the bundled digits set: it should hold 5000 images of 28 x 28 pixels."},
        {"digits.not_bundled_labels",
         "This is not the bundled digits set: its labels are not 500 zeros, then 500 ones, and so on."},
    };
    return catalog;
}

inline const error_text* find_error_text(const std::string& code) {
    for (const error_text& e : error_catalog()) {
        if (code == e.code) return &e;
    }
    return nullptr;
}

// Numbers as the English sentence shows them: whole numbers in full, others with up
// to 6 significant digits.
inline std::string format_error_param(const error_param& p) {
    if (!p.is_number) return p.text;
    const double v = p.number;
    char buffer[40];
    if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::floor(v)) {
        std::snprintf(buffer, sizeof buffer, "%.0f", v);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.6g", v);
    }
    return buffer;
}

// The error for `code` with its English sentence filled in. An unknown code (a bug,
// caught by the tests) still gives a usable value: the code stands in for the sentence.
inline learner_error make_error(const char* code, error_params params = {}) {
    learner_error e;
    e.code = code;
    e.params = std::move(params);
    const error_text* text = find_error_text(e.code);
    const std::string english = text != nullptr ? text->english : e.code;
    for (std::size_t i = 0; i < english.size(); ++i) {
        if (english[i] == '{') {
            const std::size_t close = english.find('}', i);
            if (close != std::string::npos) {
                const std::string name = english.substr(i + 1, close - i - 1);
                bool found = false;
                for (const error_param& p : e.params) {
                    if (p.name == name) {
                        e.message += format_error_param(p);
                        found = true;
                        break;
                    }
                }
                if (!found) e.message += english.substr(i, close - i + 1);
                i = close;
                continue;
            }
        }
        e.message += english[i];
    }
    return e;
}

// For result structs with the fields `error` (English), `code` and `params`.
template <typename Result> void set_error(Result& result, learner_error e) {
    result.error = std::move(e.message);
    result.code = std::move(e.code);
    result.params = std::move(e.params);
}

template <typename Result> learner_error error_of(const Result& result) {
    return {result.code, result.error, result.params};
}

}  // namespace relu_lab
