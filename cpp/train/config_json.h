// Trainer configs as JSON text, for the page (through the bindings) and the CLI's
// --config file. The field names are those of config.h, flattened:
//   { "input_channels", "input_height", "input_width", "classes",
//     "layers": [ { "type", "units", "kernel_size", "stride", "padding", "pool_size",
//                   "activation", "activation_param", "dropout_rate" } ],
//     "weight_init", "too_large_scale", "bias_init",
//     "optimizer", "learning_rate", "momentum", "beta1", "beta2", "epsilon", "weight_decay",
//     "batch_size", "seed", "augment", "learning_rate_decay", "max_bytes" }
// "augment" is "none", "shifts_rotations" or "elastic"; the booleans it was before are
// still read (true: "shifts_rotations", false: "none") and written as the name.
// A missing or null field keeps config.h's default; "layers", when present, replaces the
// whole list. activation_param null means the activation's default (NaN in C++).
// Fields with other names are ignored (page plans carry e.g. "epochs").
//
// Text from outside can be anything, so parsing never throws or aborts: malformed JSON,
// wrong types, non-whole or huge numbers, unknown names and oversized input come back as
// a refusal with a code (util/learner_error.h). Whether the network itself makes sense
// (shapes, memory) is build_network's job.
#pragma once

#include <cstddef>
#include <string>

#include "train/config.h"
#include "util/learner_error.h"

namespace relu_lab {

constexpr std::size_t config_json_max_bytes = 64 * 1024;
constexpr std::size_t config_json_max_layers = 256;
constexpr std::size_t config_json_max_string = 64;
// Arrays and objects inside each other: a config needs 3 levels. Deep nesting is refused
// before parsing, so no JSON code recurses deeply on the small wasm stack.
constexpr std::size_t config_json_max_depth = 16;
// Whole-number sizes (units, sides, batch) above this are refused before the builder
// multiplies them: the builder's own limits are far lower.
constexpr double config_json_max_size = 1 << 24;
// max_bytes cannot lift the memory cap past what a wasm page may hold.
constexpr double config_json_max_memory_bytes = double(std::size_t(1) << 30);

struct config_json_result {
    bool ok = false;
    std::string error, code;  // English sentence and its code
    error_params params;
    trainer_config config;
};

config_json_result config_from_json(const std::string& text);
std::string config_to_json(const trainer_config& config);

}  // namespace relu_lab
