// Weight initialisers against their published variances, and what "automatic" picks
// for each activation. The statistical checks are seeded; each tolerance is stated
// with the sampling error it has to clear and the neighbouring initialiser it has to
// tell apart.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "train/initializers.h"
#include "train/network.h"
#include "train/trainer_json.h"

using namespace relu_lab;

namespace {

struct moments {
    double mean = 0.0, variance = 0.0;
};

moments sample_moments(const std::vector<float>& values) {
    double sum = 0.0;
    for (float v : values) sum += v;
    const double mean = sum / static_cast<double>(values.size());
    double squares = 0.0;
    for (float v : values) squares += (v - mean) * (v - mean);
    return {mean, squares / static_cast<double>(values.size() - 1)};
}

}  // namespace

TEST_CASE("LeCun normal: mean 0, variance 1 / fan_in (Klambauer et al. 2017 for SELU)") {
    const std::uint64_t seed = 20170608;
    CAPTURE(seed);
    const std::size_t count = 200000, fan_in = 100, fan_out = 50;
    std::vector<float> weights(count);
    rng random(seed);
    init_weights(weights.data(), count, fan_in, fan_out, weight_init::lecun_normal, 10.0f, random);
    const moments m = sample_moments(weights);
    const double expected_variance = 1.0 / fan_in;
    INFO("mean " << m.mean << ", variance " << m.variance << " (expected " << expected_variance << ")");
    // Sampling error of the variance of n normal draws: variance * sqrt(2 / n), 0.32 % here;
    // 2 % is more than six of those, and far below the 33 % gap to Glorot normal
    // (2 / (fan_in + fan_out) = 0.0133) and the 100 % gap to He normal (2 / fan_in = 0.02).
    CHECK(std::fabs(m.variance - expected_variance) < 0.02 * expected_variance);
    // Standard error of the mean: sqrt(variance / n) = 2.2e-4; 1.5e-3 is about seven of those.
    CHECK(std::fabs(m.mean) < 1.5e-3);
    // An untruncated normal: about 0.27 % of the draws lie beyond 3 standard deviations
    // (a 2-sigma truncation, as Keras' lecun_normal does, would leave none).
    const double sd = std::sqrt(expected_variance);
    std::size_t beyond = 0;
    for (float v : weights) beyond += std::fabs(v) > 3.0 * sd ? 1 : 0;
    CHECK(beyond > count / 1000);
}

TEST_CASE("LeCun normal is seeded: the same seed draws the same weights") {
    std::vector<float> a(64), b(64);
    rng first(5), second(5);
    init_weights(a.data(), a.size(), 16, 8, weight_init::lecun_normal, 10.0f, first);
    init_weights(b.data(), b.size(), 16, 8, weight_init::lecun_normal, 10.0f, second);
    CHECK(a == b);
}

TEST_CASE("automatic picks He for the ReLU family, LeCun for SELU, Glorot uniform otherwise") {
    for (const char* name : {"relu", "leaky_relu", "prelu", "elu", "relu6"}) {
        CAPTURE(name);
        CHECK(automatic_weight_init(name) == weight_init::he_normal);
    }
    CHECK(automatic_weight_init("selu") == weight_init::lecun_normal);
    for (const char* name : {"sigmoid", "tanh", "gelu", "silu", "softplus", "mish", "", "softmax"}) {
        CAPTURE(name);
        CHECK(automatic_weight_init(name) == weight_init::glorot_uniform);
    }
}

TEST_CASE("a network built with automatic initialisation uses what automatic_weight_init picks") {
    trainer_config c;
    c.network.layers = {flatten_layer(), dense_layer(32, "selu"), dense_layer(32, "relu"), dense_layer(32, "tanh"),
                        dense_layer(10, "softmax")};
    c.network.init.weights = weight_init::automatic;
    network_build_result built = build_network(c);
    REQUIRE_MESSAGE(built.ok, built.error);
    std::vector<weight_init> dense_inits;
    for (const layer_plan& l : built.net->layers()) {
        if (l.type == layer_type::dense) dense_inits.push_back(l.init);
    }
    CHECK(dense_inits == std::vector<weight_init>{weight_init::lecun_normal, weight_init::he_normal,
                                                  weight_init::glorot_uniform, weight_init::glorot_uniform});
    // The first layer's weights (fan_in 784) have LeCun's variance 1 / 784: 25,088 draws,
    // sampling error 0.9 %; 5 % is over five of those, far below the 92 % gap to
    // Glorot uniform's 2 / (784 + 32) and the 100 % gap to He's 2 / 784.
    const layer_plan& first = built.net->layers()[1];
    REQUIRE(first.type == layer_type::dense);
    const std::vector<float>& params = built.net->params();
    const std::vector<float> weights(params.begin() + static_cast<std::ptrdiff_t>(first.weights_offset),
                                     params.begin() +
                                         static_cast<std::ptrdiff_t>(first.weights_offset + first.weights_count));
    const double expected_variance = 1.0 / 784.0;
    CHECK(std::fabs(sample_moments(weights).variance - expected_variance) < 0.05 * expected_variance);
    // The page reads the initialiser each layer got (the vanishing-gradient lab names it).
    const std::string layers_json = network_layers_to_json(*built.net);
    INFO(layers_json);
    CHECK(layers_json.find(R"("init":"lecun_normal")") != std::string::npos);
    CHECK(layers_json.find(R"("init":"he_normal")") != std::string::npos);
    CHECK(layers_json.find(R"("init":"glorot_uniform")") != std::string::npos);
}

TEST_CASE("lecun_normal has a name and parses back") {
    weight_init parsed = weight_init::automatic;
    CHECK(std::string(weight_init_name(weight_init::lecun_normal)) == "lecun_normal");
    CHECK(parse_weight_init("lecun_normal", parsed));
    CHECK(parsed == weight_init::lecun_normal);
}
