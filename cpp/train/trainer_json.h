// What the trainer reports, as JSON text for the page (the bindings hand these strings
// to web/bridge/trainer.js, which parses them). Bulk numbers (confusion matrix,
// probabilities, weights, activations) stay typed arrays and are not in here.
// Non-finite numbers are the strings "NaN", "Infinity", "-Infinity" (train/json_text.h).
#pragma once

#include <string>

#include "train/metrics.h"
#include "train/network.h"
#include "util/learner_error.h"

namespace relu_lab {

// { ok, error, step, epoch, images, loss, accuracy, images_per_s, gflops, learning_rate,
//   layers: [layer metrics], divergence: { diverged, step, layer, what, message, code, params } }
// plus code and params when not ok (the error's, else the divergence's). Without
// with_layers, layers is empty: a step that was not measured has no statistics of its own
// (and writing the last measured step's took most of a step's 0.2 ms of JSON).
std::string step_metrics_to_json(const step_metrics& m, double flops_per_image, bool with_layers = true);

// { ok, error, count, loss, accuracy, classes, layers } plus code and params when not ok.
std::string eval_metrics_to_json(const eval_metrics& e);

// [{ name, type, channels, height, width, parameters, init (conv2d and dense) }] in layer order.
std::string network_layers_to_json(const network& net);
// A network planned but not built (plan_network, train/network.h): its refusal, or
// {"ok": true, "layers": [as above], "parameters", "memory_bytes", "flops_per_image"}.
std::string network_plan_to_json(const network_plan_result& plan);

// [{ name, forward_ms, backward_ms }] accumulated while profiling is on (network.h).
std::string layer_times_to_json(const network& net);

// { ok: true } or { ok: false, error, code, params: { name: number or text } }.
std::string error_to_json(const learner_error& e);

// { name: number or text } of a refusal's params.
std::string error_params_to_json(const error_params& params);

// The first conv2d layer (whose filters the page draws), or nullptr.
const layer_plan* first_conv2d_layer(const network& net);

}  // namespace relu_lab
