// Inputs the fuzzers (tests/fuzz) and the issue-9 review found, kept as regression
// tests: each once crashed, leaked or misbehaved, or guards a limit that keeps it from
// doing so. Every one must come back as a refusal with a code, or be handled.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "data/idx_reader.h"
#include "train/config_json.h"
#include "train/model_file.h"
#include "train/network.h"
#include "util/checked_size.h"

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

namespace {

// A model file written field by field (layout in train/model_file.h), with its size
// field and checksum right, so the parser reaches the counts it is given.
struct model_bytes {
    std::vector<std::uint8_t> out;
    void u8(std::uint8_t v) { out.push_back(v); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void f32_zeros(int n) { out.insert(out.end(), std::size_t(4 * n), 0); }
    std::vector<std::uint8_t> finished() {
        std::vector<std::uint8_t> b = out;
        const std::uint32_t payload = static_cast<std::uint32_t>(b.size() - 16);
        for (int i = 0; i < 4; ++i) b[12 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
        const std::uint32_t crc = crc32_bytes(b.data(), b.size());
        for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
        return b;
    }
};

// Magic, version, a 1x4x4 input, no layers, counters; then the caller's counts.
model_bytes model_without_layers() {
    model_bytes m;
    for (char ch : std::string("RELULABM")) m.u8(static_cast<std::uint8_t>(ch));
    m.u32(model_format_version);
    m.u32(0);  // payload size, set by finished()
    m.u32(1);
    m.u32(4);
    m.u32(4);
    m.u32(10);  // channels, height, width, classes
    m.u32(8);   // batch size
    m.u32(1);
    m.u32(0);        // seed (u64)
    m.u8(0);         // augment
    m.f32_zeros(1);  // learning-rate decay
    m.u8(0);         // optimizer: sgd
    m.f32_zeros(6);  // learning rate, momentum, beta1, beta2, epsilon, weight decay
    m.u8(0);         // weight init
    m.f32_zeros(2);  // too_large_scale, bias
    m.u32(0);        // layer count
    m.u32(0);
    m.u32(0);  // steps taken (u64)
    m.u32(0);  // epochs done
    return m;
}

}  // namespace

TEST_CASE("hostile: a model file whose parameter count times 4 wraps 2^32 is refused, not allocated") {
    // 2^30 + 1 parameters: 4 * count is 2^32 + 4, which a 32-bit size_t (wasm) wraps to 4.
    // The 4 bytes that follow passed the "enough bytes left" check, and resizing to
    // 2^30 + 1 floats aborted the module. 115 bytes in all.
    model_bytes m = model_without_layers();
    m.u32((1u << 30) + 1);
    m.f32_zeros(1);
    m.u32(0);  // optimizer state count
    const std::vector<std::uint8_t> bytes = m.finished();
    CHECK(bytes.size() == 115);
    const model_load_result loaded = load_model(bytes.data(), bytes.size());
    CHECK_FALSE(loaded.ok);
    CHECK(loaded.code == "model.truncated_weights");

    // The optimizer state's count, the same way.
    model_bytes s = model_without_layers();
    s.u32(0);
    s.u32((1u << 30) + 1);
    s.f32_zeros(1);
    const std::vector<std::uint8_t> state_bytes = s.finished();
    const model_load_result state = load_model(state_bytes.data(), state_bytes.size());
    CHECK_FALSE(state.ok);
    CHECK(state.code == "model.truncated_state");

    // Into an existing trainer (the page's "load into this model"): refused, weights kept.
    trainer_config c;
    c.network.input_height = c.network.input_width = 4;
    c.network.layers = {flatten_layer(), dense_layer(10, "softmax")};
    trainer_create_result t = trainer::create(c);
    REQUIRE(t.ok);
    const std::vector<float> weights = t.instance->net().params();
    CHECK(load_model_into(*t.instance, bytes.data(), bytes.size()).code == "model.truncated_weights");
    CHECK(load_model_into(*t.instance, state_bytes.data(), state_bytes.size()).code == "model.truncated_state");
    CHECK(t.instance->net().params() == weights);
}

TEST_CASE("hostile: IDX dimensions whose product wraps 2^32 are refused, not read as a tiny file") {
    // 20857 images of 603 x 683 pixels: 2^32 + 1 bytes of pixels. Counted in 32 bits the
    // product is 1, and this 17-byte file (header and one pixel) would have looked complete.
    const std::vector<std::uint8_t> images = {0, 0, 8, 3, 0, 0, 0x51, 0x79, 0, 0, 0x02, 0x5b, 0, 0, 0x02, 0xab, 7};
    const idx_images_result read = read_idx_images(images.data(), images.size());
    CHECK_FALSE(read.ok);
    CHECK(read.code == "idx.images.bytes_limit");
    const std::vector<std::uint8_t> labels = {0, 0, 8, 1, 0, 0, 0x51, 0x79};
    const idx_dataset_result pair = read_idx_dataset(images.data(), images.size(), labels.data(), labels.size());
    CHECK_FALSE(pair.ok);
    CHECK(pair.code == "idx.images.bytes_limit");
}

TEST_CASE("hostile: checked sizes refuse products and sums past 2^64 instead of wrapping") {
    std::uint64_t out = 7;
    CHECK(checked_mul(std::uint64_t(1) << 32, std::uint64_t(1) << 31, out));
    CHECK(out == std::uint64_t(1) << 63);
    CHECK_FALSE(checked_mul(std::uint64_t(1) << 32, std::uint64_t(1) << 32, out));
    CHECK(out == std::uint64_t(1) << 63);  // untouched when refused
    CHECK(checked_mul(0, checked_size_max, out));
    CHECK(out == 0);
    CHECK(checked_add(checked_size_max - 1, 1, out));
    CHECK(out == checked_size_max);
    CHECK_FALSE(checked_add(checked_size_max, 1, out));
    // 2^32 bytes cannot be addressed in wasm (32-bit size_t); natively they can.
    CHECK(size_fits(0xFFFFFFFFu));
    CHECK(size_fits(std::uint64_t(1) << 32) == (sizeof(std::size_t) == 8));
}
