// Shared by the JSON writers of cpp/train (config_json, metrics_json): numbers JSON cannot
// hold, and text that is always valid UTF-8. Internal: includes nlohmann/json.
#pragma once

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace relu_lab {

// JSON has no NaN or infinity. They travel as the strings "NaN", "Infinity" and
// "-Infinity", which web/bridge/trainer.js turns back into numbers; with nan_as_null a
// NaN is null instead (activation_param: null means "the activation's default").
inline nlohmann::json json_number(double value, bool nan_as_null = false) {
    if (std::isfinite(value)) return value;
    if (std::isnan(value)) return nan_as_null ? nlohmann::json(nullptr) : nlohmann::json("NaN");
    return value > 0 ? "Infinity" : "-Infinity";
}

// Compact text. Strings from a model file can hold any bytes: invalid UTF-8 is replaced
// (U+FFFD) instead of throwing, which would abort a wasm page.
inline std::string json_text(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace relu_lab
