// The network as assembled from a config: whole-network gradient check, shapes,
// FLOP count, refusals of bad configs with readable messages.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "support/gradient_check.h"
#include "train/network.h"

using namespace relu_lab;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

trainer_config tiny_config() {
    trainer_config c;
    c.network.input_height = 8;
    c.network.input_width = 8;
    c.network.classes = 4;
    c.network.layers = {conv2d_layer(3, 3, "", padding_mode::same),
                        activation_layer("prelu"),
                        max_pool2d_layer(2),
                        conv2d_layer(4, 3, "relu"),
                        flatten_layer(),
                        dense_layer(6, "tanh"),
                        dense_layer(4, "softmax")};
    c.batch_size = 3;
    c.seed = 7;
    return c;
}

}  // namespace

TEST_CASE("whole-network gradient: every parameter of conv-prelu-pool-conv-relu-dense-tanh-softmax") {
    const std::uint64_t seed = 801;
    CAPTURE(seed);
    trainer_config c = tiny_config();
    c.seed = seed;
    network_build_result built = build_network(c);
    REQUIRE_MESSAGE(built.ok, built.error);
    network& net = *built.net;
    rng random(seed);
    const std::size_t batch = 3;
    for (std::size_t i = 0; i < batch * net.input_size(); ++i) net.input()[i] = random.uniform(0.0f, 1.0f);
    const std::vector<std::uint8_t> labels = {0, 3, 2};
    // Biases away from zero so that ReLU inputs rarely sit at the kink.
    net.forward(batch, true);
    net.loss_forward(labels.data(), batch);
    net.backward(labels.data(), batch);
    const std::vector<float> grads = net.grads();
    auto loss = [&] {
        net.forward(batch, true);
        return net.loss_forward(labels.data(), batch);
    };
    const auto result =
        test::check_gradient(net.params().data(), grads.data(), grads.size(), loss, 1e-2, grads.size(), random, 1e-2);
    INFO(test::describe(result));
    // Gradients here are 1e-3..1e-1; the 1e-2 floor turns float rounding of the loss
    // (about 1e-7 absolute) into at most ~1e-3 relative.
    CHECK(result.max_error < 5e-3);
    CHECK(result.checked > grads.size() * 9 / 10);
}

TEST_CASE("backward writes every parameter gradient: a second pass over the same batch gives the same bits") {
    // The network does not zero gradients between steps: each layer writes its own
    // (nn/ headers), PReLU slopes and conv biases included. A layer that added to its
    // gradient instead would double it here.
    trainer_config c = tiny_config();
    c.seed = 801;  // tiny_config's seed 7 draws a second conv whose ReLUs are all dead here
    network_build_result built = build_network(c);
    REQUIRE_MESSAGE(built.ok, built.error);
    network& net = *built.net;
    rng random(802);
    const std::size_t batch = 3;
    for (std::size_t i = 0; i < batch * net.input_size(); ++i) net.input()[i] = random.uniform(0.0f, 1.0f);
    const std::vector<std::uint8_t> labels = {1, 0, 3};
    net.forward(batch, true);
    net.loss_forward(labels.data(), batch);
    net.backward(labels.data(), batch);
    const std::vector<float> first = net.grads();
    net.backward(labels.data(), batch);
    CHECK(std::memcmp(first.data(), net.grads().data(), first.size() * sizeof(float)) == 0);
    std::size_t nonzero = 0;
    for (float g : first) nonzero += (g != 0.0f);
    CHECK(nonzero > first.size() / 2);
}

TEST_CASE("seed-keras: shapes, parameter count and 9.87 MFLOP per image per training step") {
    const preset_result preset = preset_config("seed-keras");
    REQUIRE(preset.ok);
    const network_plan_result plan = plan_network(preset.config);
    REQUIRE_MESSAGE(plan.ok, plan.error);
    // conv2d_1, relu_1, max_pool2d_1, flatten_1, dense_1, relu_2, dense_2
    REQUIRE(plan.layers.size() == 7);
    CHECK(plan.layers[0].name == "conv2d_1");
    CHECK(plan.layers[0].out.channels == 64);
    CHECK(plan.layers[0].out.height == 26);       // 28 - 3 + 1
    CHECK(plan.layers[2].out.height == 13);       // 26 / 2
    CHECK(plan.layers[3].out.channels == 10816);  // 64 * 13 * 13
    CHECK(plan.layers[6].out.channels == 10);
    // Keras' model.summary(): 640 + 1,384,576 + 1,290 = 1,386,506 parameters.
    CHECK(plan.parameter_count == 1386506);
    // conv forward 2*64*676*9 = 778,752, its weight gradient the same (no input gradient
    // for the first layer); dense 2*10816*128 = 2,768,896 three times (forward, weight
    // and input gradient); head 2*128*10 = 2,560 three times:
    // 2*778,752 + 3*2,768,896 + 3*2,560 = 9,871,872.
    CHECK(plan.flops_per_image == 9871872.0);
}

TEST_CASE("a flatten copies nothing: its output and its gradient are its input's buffers") {
    // seed-keras: conv2d_1, relu_1, max_pool2d_1, flatten_1, dense_1, ...
    network_build_result keras = build_network(preset_config("seed-keras").config);
    REQUIRE_MESSAGE(keras.ok, keras.error);
    const network& net = *keras.net;
    REQUIRE(net.layers()[3].type == layer_type::flatten);
    CHECK(net.output(3) == net.output(2));
    CHECK(net.output_grad(3) == net.output_grad(2));
    // A network that starts with its flatten reads the input buffer itself.
    network_build_result mlp = build_network(preset_config("deep-mlp").config);
    REQUIRE_MESSAGE(mlp.ok, mlp.error);
    REQUIRE(mlp.net->layers()[0].type == layer_type::flatten);
    CHECK(mlp.net->output(0) == mlp.net->input());
}

TEST_CASE("small preset builds: 28 -> 28 -> 14 -> 14 -> 4, 256 features into the head") {
    const preset_result preset = preset_config("small");
    REQUIRE(preset.ok);
    const network_plan_result plan = plan_network(preset.config);
    REQUIRE_MESSAGE(plan.ok, plan.error);
    CHECK(plan.layers.back().in.channels == 256);
    const preset_result mlp = preset_config("deep-mlp");
    REQUIRE(mlp.ok);
    CHECK(plan_network(mlp.config).ok);
    CHECK_FALSE(preset_config("huge").ok);
    CHECK(contains(preset_config("huge").error, "seed-keras"));
}

TEST_CASE("bad configs are refused with a message a learner understands") {
    trainer_config c;
    auto refuse = [&](const std::string& expected) {
        const network_build_result r = build_network(c);
        CHECK_FALSE(r.ok);
        CHECK(r.net == nullptr);
        INFO("message: " << r.error);
        CHECK(contains(r.error, expected));
    };
    c.network.layers = {};
    refuse("no layers");
    c.network.layers = {dense_layer(10, "softmax")};
    refuse("Flatten");
    c.network.layers = {conv2d_layer(8, 31, "relu"), flatten_layer(), dense_layer(10, "softmax")};
    refuse("does not fit");
    c.network.layers = {conv2d_layer(8, 3, "rleu"), flatten_layer(), dense_layer(10, "softmax")};
    refuse("unknown activation 'rleu'");
    c.network.layers = {flatten_layer(), dense_layer(32, "softmax"), dense_layer(10, "softmax")};
    refuse("only allowed on the last");
    c.network.layers = {flatten_layer(), dense_layer(12, "softmax")};
    refuse("Dense(10, softmax)");
    c.network.layers = {
        flatten_layer(),
        dense_layer(10, "softmax"),
    };
    c.network.layers.insert(c.network.layers.begin() + 1, dropout_layer(1.0f));
    refuse("Dropout's rate");
    c.network.layers = {flatten_layer(), conv2d_layer(4, 3, "relu"), dense_layer(10, "softmax")};
    refuse("before Flatten");
    c.network.layers = {flatten_layer(), activation_layer("leaky_relu", 5.0f), dense_layer(10, "softmax")};
    refuse("negative_slope");
    c.network.layers = {flatten_layer(), dense_layer(10, "softmax")};
    c.batch_size = 0;
    refuse("batch size");
    c.batch_size = 32;
    c.optimizer.learning_rate = -1.0f;
    refuse("learning rate");
    c.optimizer.learning_rate = 1e-3f;
    // Size cap: 20000 units of 784 inputs is 15.7 M parameters, over 250 MB with Adam.
    c.network.layers = {flatten_layer(), dense_layer(20000, "relu"), dense_layer(10, "softmax")};
    c.max_bytes = std::size_t(64) << 20;
    refuse("more than the limit of 64 MB");
    c.network.layers = {flatten_layer(), dense_layer(10, "softmax")};
    CHECK(build_network(c).ok);
}

TEST_CASE("automatic initialisation: He normal before ReLU, Glorot uniform before the softmax head") {
    const preset_result preset = preset_config("seed-keras");
    const network_plan_result plan = plan_network(preset.config);
    REQUIRE(plan.ok);
    CHECK(plan.layers[0].init == weight_init::he_normal);
    CHECK(plan.layers[4].init == weight_init::he_normal);
    CHECK(plan.layers[6].init == weight_init::glorot_uniform);

    // The drawn weights have the variance 2 / fan_in (fan_in 9 for the first conv):
    // 576 draws, so the sample variance is within ~3 standard errors of 2/9 (~18%).
    build_network(preset.config);
    trainer_config c = preset.config;
    c.network.init.bias = -0.5f;
    network_build_result built = build_network(c);
    REQUIRE(built.ok);
    const layer_plan& conv = built.net->layers()[0];
    double sum_squares = 0.0;
    for (std::size_t i = 0; i < conv.weights_count; ++i) {
        const double w = built.net->params()[conv.weights_offset + i];
        sum_squares += w * w;
    }
    CHECK(sum_squares / conv.weights_count == doctest::Approx(2.0 / 9.0).epsilon(0.2));
    CHECK(built.net->params()[conv.bias_offset] == -0.5f);
}
