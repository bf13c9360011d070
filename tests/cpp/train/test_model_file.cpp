// Model files: round trip, and refusal of corrupt, truncated and mismatched input.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "train/model_file.h"
#include "train/synthetic_digits.h"

using namespace relu_lab;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::unique_ptr<trainer> trained(const std::vector<layer_config>& layers, std::uint64_t seed,
                                 augmentation augment = augmentation::none) {
    trainer_config c;
    c.network.layers = layers;
    c.augment = augment;
    c.batch_size = 8;
    c.seed = seed;
    trainer_create_result r = trainer::create(c);
    REQUIRE(r.ok);
    const test::synthetic_images data = test::make_synthetic_digits(24, seed);
    REQUIRE(r.instance->set_training_data(data.pixels.data(), data.labels.data(), data.count, 28, 28).ok());
    REQUIRE(r.instance->step(3).ok);
    return std::move(r.instance);
}

const std::vector<layer_config> conv_net = {conv2d_layer(3, 3, "relu"), max_pool2d_layer(2), flatten_layer(),
                                            dense_layer(16, "leaky_relu"), dense_layer(10, "softmax")};

}  // namespace

TEST_CASE("CRC-32 check value") {
    const char* text = "123456789";
    CHECK(crc32_bytes(reinterpret_cast<const std::uint8_t*>(text), 9) == 0xCBF43926u);
    CHECK(crc32_bytes(nullptr, 0) == 0u);
}

TEST_CASE("CRC-32 eight bytes at a time equals the bit-at-a-time definition, at any length and offset") {
    // The definition: the reflected polynomial 0xEDB88320 shifted in one bit at a time.
    const auto bitwise = [](const std::uint8_t* p, std::size_t n) {
        std::uint32_t crc = 0xFFFFFFFFu;
        for (std::size_t i = 0; i < n; ++i) {
            crc ^= p[i];
            for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
        return crc ^ 0xFFFFFFFFu;
    };
    std::vector<std::uint8_t> bytes(70000);
    std::uint32_t x = 12345;
    for (std::uint8_t& b : bytes) {
        x = x * 1664525u + 1013904223u;
        b = static_cast<std::uint8_t>(x >> 24);
    }
    for (std::size_t offset = 0; offset < 8; ++offset) {
        for (std::size_t n = 0; n <= 40; ++n) {
            CHECK(crc32_bytes(bytes.data() + offset, n) == bitwise(bytes.data() + offset, n));
        }
    }
    CHECK(crc32_bytes(bytes.data() + 3, bytes.size() - 3) == bitwise(bytes.data() + 3, bytes.size() - 3));
}

TEST_CASE("weights and optimizer state are stored as little-endian floats, then the checksum") {
    auto t = trained(conv_net, 43);
    const std::vector<std::uint8_t> b = save_model(*t);
    const std::vector<float>& params = t->net().params();
    const std::vector<float>& state = t->net().optimizer_state();
    REQUIRE(!state.empty());
    const auto le32 = [&](std::size_t at) {
        return std::uint32_t(b[at]) | std::uint32_t(b[at + 1]) << 8 | std::uint32_t(b[at + 2]) << 16 |
               std::uint32_t(b[at + 3]) << 24;
    };
    const auto f32_at = [&](std::size_t at) {
        const std::uint32_t bits = le32(at);
        float v;
        std::memcpy(&v, &bits, 4);
        return v;
    };
    // ... u32 P, P floats, u32 S, S floats, u32 CRC
    const std::size_t state_at = b.size() - 4 - 4 * state.size();
    const std::size_t params_at = state_at - 4 - 4 * params.size();
    CHECK(le32(state_at - 4) == state.size());
    CHECK(le32(params_at - 4) == params.size());
    bool same = true;
    for (std::size_t i = 0; i < params.size(); ++i) same = same && f32_at(params_at + 4 * i) == params[i];
    for (std::size_t i = 0; i < state.size(); ++i) same = same && f32_at(state_at + 4 * i) == state[i];
    CHECK(same);
}

TEST_CASE("save then load gives the same architecture, weights, optimizer state and predictions") {
    auto original = trained(conv_net, 41);
    const std::vector<std::uint8_t> bytes = save_model(*original);
    CHECK(std::memcmp(bytes.data(), "RELULABM", 8) == 0);
    model_load_result loaded = load_model(bytes.data(), bytes.size());
    REQUIRE_MESSAGE(loaded.ok, loaded.error);
    trainer& copy = *loaded.instance;
    CHECK(copy.net().params() == original->net().params());
    CHECK(copy.net().optimizer_state() == original->net().optimizer_state());
    CHECK(copy.steps_taken() == 3);
    CHECK(copy.net().layers().size() == original->net().layers().size());
    std::vector<std::uint8_t> image(784, 0);
    for (std::size_t i = 300; i < 400; ++i) image[i] = 200;
    std::vector<float> p1(10), p2(10);
    original->predict(image.data(), p1.data());
    copy.predict(image.data(), p2.data());
    CHECK(p1 == p2);
    // Saving the copy gives the same bytes.
    CHECK(save_model(copy) == bytes);
    // And into an existing trainer of the same shape.
    auto other = trained(conv_net, 42);
    CHECK(load_model_into(*other, bytes.data(), bytes.size()).ok());
    CHECK(other->net().params() == original->net().params());
}

TEST_CASE("corrupt, truncated and foreign bytes are refused with a clear error") {
    auto t = trained(conv_net, 43);
    const std::vector<std::uint8_t> bytes = save_model(*t);
    auto refused = [](const std::vector<std::uint8_t>& b, const std::string& expected) {
        const model_load_result r = load_model(b.data(), b.size());
        CHECK_FALSE(r.ok);
        CHECK(r.instance == nullptr);
        INFO("message: " << r.error);
        CHECK(contains(r.error, expected));
    };
    refused({}, "too short");
    std::vector<std::uint8_t> b = bytes;
    b[0] = 'X';
    refused(b, "not a ReLU Lab model file");
    b = bytes;
    b[8] = 2;  // version 2
    refused(b, "format version 2");
    b = bytes;
    b.resize(b.size() - 100);
    refused(b, "truncated");
    b = bytes;
    b.push_back(0);
    refused(b, "extra bytes");
    // Every single flipped bit in the payload is caught by the checksum.
    for (std::size_t i = 16; i < bytes.size(); i += 97) {
        b = bytes;
        b[i] ^= 0x10;
        refused(b, "checksum");
    }
}

TEST_CASE("the caller's memory cap applies to the file's network, and counts are checked before building") {
    auto t = trained(conv_net, 44);
    const std::vector<std::uint8_t> bytes = save_model(*t);
    const std::size_t needed = t->net().memory_bytes();
    CHECK(load_model(bytes.data(), bytes.size(), needed).ok);
    const model_load_result capped = load_model(bytes.data(), bytes.size(), needed - 4);
    CHECK_FALSE(capped.ok);
    CHECK(capped.code == "network.too_large");

    // One weight fewer, with size field and checksum repaired: refused by its count.
    std::vector<std::uint8_t> b = bytes;
    const std::size_t params_at =
        bytes.size() - 4 - 4 - t->net().optimizer_state().size() * 4 - t->net().params().size() * 4 - 4;
    std::uint32_t count = 0;
    std::memcpy(&count, &b[params_at], 4);
    REQUIRE(count == t->net().params().size());
    count -= 1;
    std::memcpy(&b[params_at], &count, 4);
    b.erase(b.begin() + static_cast<std::ptrdiff_t>(params_at + 4),
            b.begin() + static_cast<std::ptrdiff_t>(params_at + 8));
    const std::uint32_t payload = static_cast<std::uint32_t>(b.size() - 20);
    std::memcpy(&b[12], &payload, 4);
    const std::uint32_t crc = crc32_bytes(b.data(), b.size() - 4);
    std::memcpy(&b[b.size() - 4], &crc, 4);
    const model_load_result short_one = load_model(b.data(), b.size());
    CHECK_FALSE(short_one.ok);
    CHECK(short_one.code == "model.parameter_count");
}

TEST_CASE("a model file of another network is refused by load_model_into, leaving the trainer as it was") {
    auto t = trained(conv_net, 44);
    const std::vector<float> before = t->net().params();
    auto mlp = trained({flatten_layer(), dense_layer(12, "relu"), dense_layer(10, "softmax")}, 45);
    const std::vector<std::uint8_t> bytes = save_model(*mlp);
    const std::string error = load_model_into(*t, bytes.data(), bytes.size()).message;
    INFO(error);
    CHECK(contains(error, "different network"));
    CHECK(t->net().params() == before);
}

TEST_CASE("the augmentation byte: 0, 1 and 2 round trip as none, shifts and rotations, elastic; 3 is refused") {
    // Its offset: the 16-byte header, five u32 (input shape, classes, batch size), the u64 seed.
    const std::size_t augment_at = 16 + 5 * 4 + 8;
    auto with_byte = [&](std::vector<std::uint8_t> b, std::uint8_t value) {
        b[augment_at] = value;
        const std::uint32_t crc = crc32_bytes(b.data(), b.size() - 4);
        std::memcpy(&b[b.size() - 4], &crc, 4);
        return b;
    };
    for (augmentation augment : {augmentation::none, augmentation::shifts_rotations, augmentation::elastic}) {
        INFO(std::string(augmentation_name(augment)));
        auto t = trained(conv_net, 46, augment);
        const std::vector<std::uint8_t> bytes = save_model(*t);
        CHECK(bytes[augment_at] == static_cast<std::uint8_t>(augment));
        const model_load_result loaded = load_model(bytes.data(), bytes.size());
        REQUIRE_MESSAGE(loaded.ok, loaded.error);
        CHECK(loaded.instance->config().augment == augment);
        CHECK(save_model(*loaded.instance) == bytes);
    }
    // Files from before elastic wrote 0 and 1 and read as they did.
    const std::vector<std::uint8_t> elastic = save_model(*trained(conv_net, 47, augmentation::elastic));
    for (augmentation old : {augmentation::none, augmentation::shifts_rotations}) {
        const std::vector<std::uint8_t> b = with_byte(elastic, static_cast<std::uint8_t>(old));
        const model_load_result r = load_model(b.data(), b.size());
        REQUIRE_MESSAGE(r.ok, r.error);
        CHECK(r.instance->config().augment == old);
    }
    for (std::uint8_t value : {std::uint8_t(3), std::uint8_t(255)}) {
        CAPTURE(int(value));
        const std::vector<std::uint8_t> b = with_byte(elastic, value);
        const model_load_result r = load_model(b.data(), b.size());
        CHECK_FALSE(r.ok);
        CHECK(r.code == "model.unknown_augmentation");
        CHECK(r.error == "The model file names an unknown augmentation.");
        auto other = trained(conv_net, 48);
        CHECK(load_model_into(*other, b.data(), b.size()).code == "model.unknown_augmentation");
    }
}
