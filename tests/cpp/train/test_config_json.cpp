// Trainer configs as JSON (train/config_json.h): what the page and the CLI's --config
// send. Round trips keep every field; hostile text is refused with a code, never a crash.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "train/config_json.h"
#include "train/network.h"

using namespace relu_lab;

namespace {

config_json_result parse(const std::string& text) { return config_from_json(text); }

// The code of a refusal, after checking it is one (with a sentence).
std::string refusal_code(const std::string& text) {
    const config_json_result r = parse(text);
    INFO(text);
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.error.empty());
    return r.code;
}

template <typename Result> std::string param_text(const Result& r, const char* name) {
    for (const error_param& p : r.params) {
        if (p.name == name) return format_error_param(p);
    }
    return "(missing)";
}

}  // namespace

TEST_CASE("config JSON: every preset survives to JSON and back unchanged, field by field") {
    for (const char* name : {"seed-keras", "small", "deep-mlp"}) {
        INFO(name);
        const trainer_config original = preset_config(name).config;
        const std::string text = config_to_json(original);
        const config_json_result back = parse(text);
        REQUIRE(back.ok);
        const trainer_config& c = back.config;
        CHECK(c.network.layers.size() == original.network.layers.size());
        for (std::size_t i = 0; i < c.network.layers.size(); ++i) {
            const layer_config &a = c.network.layers[i], &b = original.network.layers[i];
            CHECK(a.type == b.type);
            CHECK(a.units == b.units);
            CHECK(a.kernel_size == b.kernel_size);
            CHECK(a.padding == b.padding);
            CHECK(a.activation == b.activation);
            CHECK(std::isnan(a.activation_param) == std::isnan(b.activation_param));
        }
        CHECK(c.optimizer.kind == original.optimizer.kind);
        CHECK(c.optimizer.learning_rate == original.optimizer.learning_rate);  // float -> double -> float is exact
        CHECK(c.batch_size == original.batch_size);
        CHECK(c.seed == original.seed);
        CHECK(config_to_json(c) == text);
    }
}

TEST_CASE(
    "config JSON: missing and null fields keep the defaults; layers replace the list; unknown fields are ignored") {
    const config_json_result r = parse(R"({"optimizer":"sgd","learning_rate":0.05,"seed":null,"epochs":12,
        "layers":[{"type":"flatten"},{"type":"dense","units":10,"activation":"softmax","activation_param":null}]})");
    REQUIRE(r.ok);
    CHECK(r.config.optimizer.kind == optimizer_kind::sgd);
    CHECK(r.config.optimizer.learning_rate == doctest::Approx(0.05));
    CHECK(r.config.seed == 1);         // default
    CHECK(r.config.batch_size == 32);  // default
    REQUIRE(r.config.network.layers.size() == 2);
    CHECK(std::isnan(r.config.network.layers[1].activation_param));
    CHECK(plan_network(r.config).ok);
    // Seeds up to 2^64 - 1 (model files carry any), as integer or as JS would write them.
    CHECK(parse(R"({"seed":18446744073709551615})").config.seed == 18446744073709551615ULL);
    CHECK(parse(R"({"seed":4294967296.0})").config.seed == 4294967296ULL);
}

TEST_CASE("config JSON: malformed text, wrong types and impossible numbers are refused with a code") {
    CHECK(refusal_code("") == "config.not_json");
    CHECK(refusal_code("{\"batch_size\": 32") == "config.not_json");
    CHECK(refusal_code("{\"learning_rate\": NaN}") == "config.not_json");  // JSON has no NaN
    CHECK(refusal_code("[1, 2]") == "config.not_object");
    CHECK(refusal_code("\"adam\"") == "config.not_object");
    CHECK(refusal_code(R"({"learning_rate":"fast"})") == "config.not_a_number");
    CHECK(refusal_code(R"({"learning_rate":1e999})") == "config.not_json");  // past double's range
    CHECK(refusal_code(R"({"bias_init":-1e31})") == "config.out_of_range");
    CHECK(refusal_code(R"({"batch_size":-1})") == "config.not_a_whole_number");
    CHECK(refusal_code(R"({"batch_size":2.5})") == "config.not_a_whole_number");
    CHECK(refusal_code(R"({"batch_size":1e20})") == "config.not_a_whole_number");
    CHECK(refusal_code(R"({"batch_size":true})") == "config.not_a_number");
    CHECK(refusal_code(R"({"seed":-3})") == "config.not_a_whole_number");
    CHECK(refusal_code(R"({"seed":1e30})") == "config.not_a_whole_number");
    CHECK(refusal_code(R"({"max_bytes":4294967296})") == "config.not_a_whole_number");  // past 1 GiB
    CHECK(refusal_code(R"({"augment":"yes"})") == "config.unknown_augmentation");
    CHECK(refusal_code(R"({"augment":1})") == "config.not_a_string");
    CHECK(refusal_code(R"({"optimizer":7})") == "config.not_a_string");
    CHECK(refusal_code(R"({"optimizer":"rmsprop"})") == "config.unknown_optimizer");
    CHECK(refusal_code(R"({"weight_init":"lecun"})") == "config.unknown_weight_init");
    CHECK(refusal_code(R"({"layers":{"type":"dense"}})") == "config.not_a_list");
    CHECK(refusal_code(R"({"layers":[3]})") == "config.layer_not_object");
    CHECK(refusal_code(R"({"layers":[{"units":3}]})") == "config.unknown_layer_type");
    CHECK(refusal_code(R"({"layers":[{"type":"lstm"}]})") == "config.unknown_layer_type");
    CHECK(refusal_code(R"({"layers":[{"type":"conv2d","padding":"full"}]})") == "config.unknown_padding");
    CHECK(refusal_code(R"({"layers":[{"type":"dense","units":4,"activation":"swish"}]})") ==
          "config.unknown_activation");
    CHECK(refusal_code(R"({"layers":[{"type":"dense","units":-4}]})") == "config.not_a_whole_number");
    CHECK(refusal_code(R"({"layers":[{"type":"dense","units":1e300}]})") == "config.not_a_whole_number");
    CHECK(refusal_code("{\"optimizer\":\"" + std::string(65, 'a') + "\"}") == "config.string_too_long");
    // Unicode and escapes inside a name are just an unknown name.
    CHECK(refusal_code(R"({"optimizer":"ad\u0000am"})") == "config.unknown_optimizer");
}

TEST_CASE("config JSON: a number at the edge of its range reads back from the config it gives") {
    // 1e30 is allowed, but the float nearest to it is above 1e30: what is stored is the
    // float just within, so a trainer's reported config builds the same trainer again.
    for (const char* text : {R"({"learning_rate":1e30})", R"({"learning_rate":-1e30})", R"({"bias_init":1e30})"}) {
        INFO(text);
        const config_json_result first = parse(text);
        REQUIRE(first.ok);
        const config_json_result again = parse(config_to_json(first.config));
        REQUIRE_MESSAGE(again.ok, again.error);
        CHECK(again.config.optimizer.learning_rate == first.config.optimizer.learning_rate);
        CHECK(again.config.network.init.bias == first.config.network.init.bias);
        CHECK(std::fabs(static_cast<double>(first.config.optimizer.learning_rate)) <= 1e30);
        CHECK(std::fabs(static_cast<double>(first.config.network.init.bias)) <= 1e30);
    }
    // Within range and exactly a float: stored as it is.
    CHECK(parse(R"({"learning_rate":0.5})").config.optimizer.learning_rate == 0.5f);
}

TEST_CASE("config JSON: augment is a mode by name; the booleans it was before still load as the modes they meant") {
    for (augmentation augment : {augmentation::none, augmentation::shifts_rotations, augmentation::elastic}) {
        INFO(std::string(augmentation_name(augment)));
        trainer_config original = preset_config("small").config;
        original.augment = augment;
        const std::string text = config_to_json(original);
        CHECK(text.find("\"augment\":\"" + std::string(augmentation_name(augment)) + "\"") != std::string::npos);
        const config_json_result back = parse(text);
        REQUIRE(back.ok);
        CHECK(back.config.augment == augment);
        CHECK(config_to_json(back.config) == text);
    }
    const config_json_result on = parse(R"({"augment":true})");
    REQUIRE(on.ok);
    CHECK(on.config.augment == augmentation::shifts_rotations);
    CHECK(config_to_json(on.config).find(R"("augment":"shifts_rotations")") != std::string::npos);
    const config_json_result off = parse(R"({"augment":false})");
    REQUIRE(off.ok);
    CHECK(off.config.augment == augmentation::none);
    CHECK(parse(R"({"augment":null})").config.augment == trainer_config{}.augment);  // null keeps the default

    // An unknown name, refused like an unknown optimizer: the name and the choices.
    const config_json_result r = parse(R"({"augment":"mixup"})");
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == "config.unknown_augmentation");
    CHECK(param_text(r, "name") == "mixup");
    CHECK(param_text(r, "choices") == "none, shifts_rotations, elastic");
    CHECK(r.error == "There is no augmentation called “mixup”. Choose one of: none, shifts_rotations, elastic.");
    // The page's URL spelling is not a config name.
    CHECK(refusal_code(R"({"augment":"shifts"})") == "config.unknown_augmentation");
}

TEST_CASE("config JSON: the refusal names the field and keeps its parameters") {
    const config_json_result r = parse(R"({"layers":[{"type":"flatten"},{"type":"dense","units":2.5}]})");
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == "config.not_a_whole_number");
    CHECK(param_text(r, "field") == "layers[1].units");
    CHECK(param_text(r, "max") == "16777216");
    CHECK(r.error == "The setting layers[1].units must be a whole number from 0 to 16777216.");
}

TEST_CASE("config JSON: oversized input, too many layers and deep nesting are refused before any work") {
    std::string many = "{\"layers\":[";
    for (std::size_t i = 0; i <= config_json_max_layers; ++i)
        many += (i ? "," : "") + std::string("{\"type\":\"flatten\"}");
    many += "]}";
    CHECK(refusal_code(many) == "config.too_many_layers");
    CHECK(refusal_code(std::string(config_json_max_bytes + 1, ' ')) == "config.too_long");
    // 30,000 nested arrays fit in 64 KiB; parsed, they could overflow the wasm stack.
    const std::string deep = std::string(30000, '[') + std::string(30000, ']');
    CHECK(refusal_code(deep) == "config.too_deep");
    // Brackets inside strings do not count: 40 of them are just an unknown name.
    CHECK(refusal_code("{\"optimizer\":\"" + std::string(40, '[') + "\"}") == "config.unknown_optimizer");
}

TEST_CASE("config JSON: a config the parser accepts can still be refused by the network builder, with its own code") {
    const config_json_result r = parse(R"({"batch_size":0})");
    REQUIRE(r.ok);
    const network_plan_result plan = plan_network(r.config);
    CHECK_FALSE(plan.ok);
    CHECK(plan.code == "network.batch_size");
    const config_json_result big = parse(
        R"({"max_bytes":1048576,"layers":[{"type":"flatten"},{"type":"dense","units":4096,"activation":"relu"},{"type":"dense","units":10}]})");
    REQUIRE(big.ok);
    const network_plan_result too_large = plan_network(big.config);
    CHECK(too_large.code == "network.too_large");
    CHECK(param_text(too_large, "limit_mb") == "1");
    const config_json_result nan_momentum =
        parse(R"({"momentum":-0.5,"layers":[{"type":"flatten"},{"type":"dense","units":10}]})");
    REQUIRE(nan_momentum.ok);
    CHECK(plan_network(nan_momentum.config).code == "network.setting_out_of_range");
}
