// libFuzzer target: trainer configs as JSON text (train/config_json.h), the way they
// reach the core from the page (postMessage, the address, a saved state) and the CLI.
// Accepted configs are planned (and, when small, built) and must survive a round trip.
#include <cstddef>
#include <cstdint>
#include <string>

#include "train/config_json.h"
#include "train/network.h"

using namespace relu_lab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const config_json_result parsed = config_from_json(text);
    if (!parsed.ok) {
        if (parsed.code.empty() || parsed.error.empty()) __builtin_trap();
        return 0;
    }
    // Written out and read back, a config says the same thing.
    const std::string once = config_to_json(parsed.config);
    const config_json_result back = config_from_json(once);
    if (!back.ok || config_to_json(back.config) != once) __builtin_trap();

    const network_plan_result plan = plan_network(parsed.config);
    if (!plan.ok && plan.code.empty()) __builtin_trap();
    // Small enough to build quickly: build it, so the builder's allocations and
    // initialisation see the same odd configs as its planner.
    if (plan.ok && plan.memory_bytes < (std::size_t(256) << 10)) {
        const network_build_result built = build_network(parsed.config);
        if (!built.ok) __builtin_trap();  // the plan said yes
    }
    return 0;
}
