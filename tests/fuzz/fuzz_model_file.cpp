// libFuzzer target: model files (train/model_file.h) as a learner might upload them.
// Random bytes rarely carry a valid CRC-32 and payload size, so each input is tried as
// is AND with its size field and checksum repaired: the repaired copy reaches the
// parser behind the checksum, where a damaged file with a correct checksum would go.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "train/config_json.h"
#include "train/model_file.h"

using namespace relu_lab;

namespace {

// Networks past this are refused at the plan, before allocation, as the 512 MiB
// default refuses larger ones: the same code path, at a size that keeps the
// fuzzer at thousands of inputs a second instead of building 300 MB networks.
constexpr std::size_t fuzz_max_network_bytes = std::size_t(1) << 20;

void check(const std::uint8_t* data, std::size_t size, trainer& fixed) {
    model_load_result loaded = load_model(data, size, fuzz_max_network_bytes);
    if (loaded.ok) {
        // What loads saves, and what is saved loads again with the same weights.
        const std::vector<std::uint8_t> saved = save_model(*loaded.instance);
        model_load_result again = load_model(saved.data(), saved.size(), fuzz_max_network_bytes);
        if (!again.ok) __builtin_trap();
        if (again.instance->net().params() != loaded.instance->net().params()) {
            // NaN weights compare unequal; compare bits instead.
            const auto& a = again.instance->net().params();
            const auto& b = loaded.instance->net().params();
            if (a.size() != b.size() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) != 0)
                __builtin_trap();
        }
        // The page shows the loaded config as JSON: that must never throw on odd bytes.
        const std::string text = config_to_json(loaded.instance->config());
        if (text.empty()) __builtin_trap();
    } else if (loaded.code.empty() || loaded.error.empty()) {
        __builtin_trap();
    }
    const learner_error into = load_model_into(fixed, data, size);
    if (!into.ok() && into.message.empty()) __builtin_trap();
}

std::unique_ptr<trainer> make_fixed_trainer() {
    trainer_config c;
    c.network.input_height = c.network.input_width = 6;
    c.network.layers = {conv2d_layer(2, 3, "relu"), max_pool2d_layer(2), flatten_layer(), dense_layer(10, "softmax")};
    c.batch_size = 4;
    return std::move(trainer::create(c).instance);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static std::unique_ptr<trainer> fixed = make_fixed_trainer();
    check(data, size, *fixed);
    if (size >= 20) {
        std::vector<std::uint8_t> repaired(data, data + size);
        const std::uint32_t payload = static_cast<std::uint32_t>(size - 20);
        for (int i = 0; i < 4; ++i) repaired[12 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
        const std::uint32_t crc = crc32_bytes(repaired.data(), size - 4);
        for (int i = 0; i < 4; ++i) repaired[size - 4 + i] = static_cast<std::uint8_t>(crc >> (8 * i));
        check(repaired.data(), repaired.size(), *fixed);
    }
    return 0;
}
