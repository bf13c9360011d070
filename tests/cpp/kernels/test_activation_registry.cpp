#include <doctest/doctest.h>

#include <set>
#include <string>

#include "kernels/activation_registry.h"
#include "kernels/activations.h"

using namespace relu_lab;

TEST_CASE("every kind is registered once, in enum order, and found by name") {
    std::set<std::string> names;
    for (std::size_t k = 0; k < activation_kind_count; ++k) {
        const activation_info& info = activation_info_of(static_cast<activation_kind>(k));
        CHECK(static_cast<std::size_t>(info.kind) == k);
        CHECK(names.insert(std::string(info.name)).second);
        CHECK(find_activation(info.name) == &info);
        CHECK(info.min_param <= info.default_param);
        CHECK(info.default_param <= info.max_param);
    }
    CHECK(find_activation("relu_typo") == nullptr);
    CHECK(find_activation("leaky_relu")->default_param == 0.01f);
}

TEST_CASE("the worked examples learners see: relu([-2, -1, 0, 1, 2]) = [0, 0, 0, 1, 2], and backprop masks") {
    const activation_info& relu = *find_activation("relu");
    const float a[5] = {-2, -1, 0, 1, 2};
    const float b[5] = {-5, -1, 0, 3, 10};
    float ya[5], yb[5];
    relu.forward(a, ya, 5, 0.0f);
    relu.forward(b, yb, 5, 0.0f);
    const float expected_a[5] = {0, 0, 0, 1, 2};
    const float expected_b[5] = {0, 0, 0, 3, 10};
    for (int i = 0; i < 5; ++i) {
        CHECK(ya[i] == expected_a[i]);
        CHECK(yb[i] == expected_b[i]);
    }
    // Backprop through ReLU is a mask: the upstream gradient passes where x > 0.
    const float upstream[5] = {0.5f, -1.0f, 2.0f, 3.0f, -4.0f};
    float downstream[5];
    relu.backward(a, upstream, downstream, 5, 0.0f);
    const float expected_downstream[5] = {0, 0, 0, 3.0f, -4.0f};
    for (int i = 0; i < 5; ++i) CHECK(downstream[i] == expected_downstream[i]);
}

TEST_CASE("build name says which path relu_lab::kernels is") {
#if defined(RELU_LAB_RELAXED_SIMD)
    CHECK(std::string(kernel_build_name()) == "fma");
#elif defined(RELU_LAB_SIMD)
    CHECK(std::string(kernel_build_name()) == "simd");
#else
    CHECK(std::string(kernel_build_name()) == "scalar");
#endif
}
