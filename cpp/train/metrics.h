// What training reports: per step, per epoch, per evaluation, and per layer.
// The trainer owns one step_metrics whose strings are set at construction, so filling
// it during a step allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "util/learner_error.h"

namespace relu_lab {

struct layer_metrics {
    std::string name;                 // "conv2d_1", "relu_1", ...
    std::size_t units = 0;            // channels of an image output, units of a flat one
    double zero_fraction = 0.0;       // share of outputs that are exactly 0 (sparsity)
    double mean = 0.0, stddev = 0.0;  // of the outputs
    double param_grad_norm = 0.0;     // L2 norm of dL/d(weights and biases); 0 without parameters
    double output_grad_norm = 0.0;    // L2 norm of dL/d(output) over the batch
    // Evaluation only. Activation layers: units (channels) whose pre-activation is <= 0
    // for every example and position. For ReLU these output 0 and get no gradient: dead.
    // Leaky ReLU, PReLU and ELU units there still pass a small gradient, so the same count
    // says how many sit in the negative part, not that they stopped learning. Other
    // layers: units whose output is exactly 0 for every example and position.
    std::size_t dead_units = 0;
};

// Where a step first produced NaN or infinity: checked in this order, outputs in
// forward order, then output and parameter gradients in backward order, then the loss.
enum class divergence_kind { none, output, gradient, parameter_gradient, loss };

// The kind as the page receives it (JSON "what"; web/trainer/trainer_section.js turns
// it into a translation key): "output", "gradient", "parameter gradient", "loss", or ""
// for none. These strings are an interface: keep them.
inline const char* divergence_kind_name(divergence_kind kind) {
    switch (kind) {
        case divergence_kind::none: return "";
        case divergence_kind::output: return "output";
        case divergence_kind::gradient: return "gradient";
        case divergence_kind::parameter_gradient: return "parameter gradient";
        case divergence_kind::loss: return "loss";
    }
    return "";
}

// The refusal code of each kind (util/learner_error.h); "" for none.
inline const char* divergence_error_code(divergence_kind kind) {
    switch (kind) {
        case divergence_kind::none: return "";
        case divergence_kind::output: return "train.diverged_output";
        case divergence_kind::gradient: return "train.diverged_gradient";
        case divergence_kind::parameter_gradient: return "train.diverged_parameter_gradient";
        case divergence_kind::loss: return "train.diverged_loss";
    }
    return "";
}

// Set when a step produced NaN or infinity. The step's update was not applied, so the
// weights are those from before `step`.
struct divergence_report {
    bool diverged = false;
    std::uint64_t step = 0;  // 1-based index of the bad step
    std::string layer;       // first layer affected ("loss" when only the loss is bad)
    divergence_kind kind = divergence_kind::none;
    std::string message;  // a sentence for the learner (English)
    std::string code;     // train.diverged_* (util/learner_error.h)
    error_params params;
};

struct step_metrics {
    bool ok = true;     // false: diverged (see divergence) or no training data (error)
    std::string error;  // set only when there is nothing to train on
    std::string code;   // error's code (util/learner_error.h)
    error_params params;
    std::uint64_t step = 0;  // optimizer steps taken so far
    std::size_t epoch = 0;   // completed epochs
    std::size_t images = 0;  // images seen by this call
    double loss = 0.0;       // mean over this call's batches
    double accuracy = 0.0;   // training accuracy over this call's batches
    double images_per_s = 0.0;
    double learning_rate = 0.0;
    std::vector<layer_metrics> layers;  // from the last batch
    divergence_report divergence;
};

struct epoch_metrics {
    bool ok = true;
    std::size_t epoch = 0;  // 1-based: the epoch just finished
    double loss = 0.0, train_accuracy = 0.0, images_per_s = 0.0;
    divergence_report divergence;
};

struct eval_metrics {
    bool ok = false;
    std::string error;  // e.g. no evaluation data
    std::string code;   // error's code (util/learner_error.h)
    error_params params;
    std::size_t count = 0;
    double loss = 0.0, accuracy = 0.0;
    std::size_t classes = 0;
    std::vector<std::uint32_t> confusion;  // [classes (true), classes (predicted)]
    std::vector<float> probabilities;      // [count, classes] when asked for
    std::vector<layer_metrics> layers;     // over the whole set, dead_units filled in
};

}  // namespace relu_lab
