// Inputs the fuzzers (tests/fuzz) and the issue-9 review found, kept as regression
// tests: each once crashed, leaked or misbehaved, or guards a limit that keeps it from
// doing so. Every one must come back as a refusal with a code, or be handled.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "train/config_json.h"
#include "train/model_file.h"
#include "train/network.h"

using namespace relu_lab;

TEST_CASE("hostile: a model file's layer with a non-UTF-8 activation name still shows as JSON") {
    // Layers without an activation of their own (flatten, pooling) keep whatever name the
    // file gives them; the page shows the config as JSON, which must not throw (abort).
    trainer_config c;
    c.network.input_height = c.network.input_width = 4;
    c.network.layers = {flatten_layer(), dense_layer(10, "softmax")};
    c.network.layers[0].activation = std::string("\xff\xfe\x80", 3);
    const trainer_create_result t = trainer::create(c);
    REQUIRE(t.ok);
    const std::string text = config_to_json(t.instance->config());
    CHECK(text.find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD replaces the bad bytes
}

TEST_CASE("hostile: sizes past 2^32 are refused, not wrapped (size_t is 32 bits in wasm)") {
    // 4096 filters on a 4096 x 4096 input: 2^36 outputs per image. In wasm a size_t
    // product wrapped to 0, passed the size and memory checks, and the conv then wrote
    // far past its buffer. The planner counts in 64 bits now.
    trainer_config c;
    c.network.input_height = c.network.input_width = 4096;
    c.network.layers = {conv2d_layer(4096, 1, "relu", padding_mode::same), flatten_layer(), dense_layer(10, "softmax")};
    const network_plan_result wide = plan_network(c);
    CHECK_FALSE(wide.ok);
    CHECK(wide.code == "network.output_too_large");

    // 4096 channels of 4096 x 4096: the input alone is 2^36 values.
    trainer_config deep;
    deep.network.input_channels = deep.network.input_height = deep.network.input_width = 4096;
    deep.network.layers = {flatten_layer(), dense_layer(10, "softmax")};
    CHECK(plan_network(deep).code == "network.input_too_large");

    // Dense: 2^20 units on 2^24 inputs is 2^44 weights; the memory check must see all of them.
    trainer_config dense;
    dense.network.input_height = dense.network.input_width = 4096;
    dense.network.layers = {flatten_layer(), dense_layer(1 << 20, "relu"), dense_layer(10, "softmax")};
    dense.max_bytes = std::size_t(1) << 30;  // the most a config can ask for (config_json.h)
    const network_plan_result huge = plan_network(dense);
    CHECK_FALSE(huge.ok);
    CHECK(huge.code == "network.too_large");
}
