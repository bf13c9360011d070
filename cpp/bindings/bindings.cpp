// The Embind surface: batch calls only, raw pointer calls underscore-prefixed.
// Page code never calls these directly; web/bridge/relu_lab_module.js wraps them,
// owns every allocation and copies results out before the next call.
// This is the only file in cpp/ that includes an Emscripten header.
#include <emscripten/bind.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "kernels/activation_registry.h"
#include "kernels/activations.h"

using namespace relu_lab;

namespace {

struct activation_description {
    std::string name;
    std::string param_name;
    float default_param;
    float min_param;
    float max_param;
    bool core;
};

activation_description describe_activation(std::size_t index) {
    const activation_info& info = activation_info_of(static_cast<activation_kind>(index));
    return {std::string(info.name), std::string(info.param_name), info.default_param,
            info.min_param, info.max_param, info.core};
}

void activation_forward_raw(std::size_t index, std::uintptr_t x, std::uintptr_t y, std::size_t n,
                            float param) {
    activation_info_of(static_cast<activation_kind>(index))
        .forward(reinterpret_cast<const float*>(x), reinterpret_cast<float*>(y), n, param);
}

void activation_backward_raw(std::size_t index, std::uintptr_t x, std::uintptr_t dy,
                             std::uintptr_t dx, std::size_t n, float param) {
    activation_info_of(static_cast<activation_kind>(index))
        .backward(reinterpret_cast<const float*>(x), reinterpret_cast<const float*>(dy),
                  reinterpret_cast<float*>(dx), n, param);
}

// The bandwidth yardstick for the kernel benchmark: a plain copy of the same buffer.
void copy_floats_raw(std::uintptr_t dst, std::uintptr_t src, std::size_t n) {
    std::memcpy(reinterpret_cast<float*>(dst), reinterpret_cast<const float*>(src), n * sizeof(float));
}

std::string build_name() { return kernel_build_name(); }

}  // namespace

EMSCRIPTEN_BINDINGS(relu_lab) {
    emscripten::value_object<activation_description>("ActivationDescription")
        .field("name", &activation_description::name)
        .field("param_name", &activation_description::param_name)
        .field("default_param", &activation_description::default_param)
        .field("min_param", &activation_description::min_param)
        .field("max_param", &activation_description::max_param)
        .field("core", &activation_description::core);

    emscripten::constant("activation_count", activation_kind_count);
    emscripten::function("describe_activation", &describe_activation);
    emscripten::function("kernel_build_name", &build_name);
    emscripten::function("_activation_forward", &activation_forward_raw);
    emscripten::function("_activation_backward", &activation_backward_raw);
    emscripten::function("_copy_floats", &copy_floats_raw);
}
