// The trainer on synthetic data: learning, determinism, the golden seeded init
// (same bits natively and in wasm), divergence handling, no allocation in steps.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "train/synthetic_digits.h"
#include "train/trainer.h"
#include "train/trainer_json.h"

// Counts every allocation of this test binary, so a test can assert that training
// steps allocate nothing.
namespace {
std::atomic<long> allocation_count{0};
}
void* operator new(std::size_t size) {
    ++allocation_count;
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace relu_lab;

namespace {

trainer_config quick_config(std::uint64_t seed) {
    trainer_config c;
    c.network.layers = {conv2d_layer(4, 5, "relu"), max_pool2d_layer(4), flatten_layer(), dropout_layer(0.1f),
                        dense_layer(10, "softmax")};
    c.batch_size = 16;
    c.optimizer.learning_rate = 5e-3f;
    c.seed = seed;
    return c;
}

std::unique_ptr<trainer> make_trainer(const trainer_config& c, const test::synthetic_images& data) {
    trainer_create_result r = trainer::create(c);
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(r.instance->set_training_data(data.pixels.data(), data.labels.data(), data.count, 28, 28).ok());
    REQUIRE(r.instance->set_eval_data(data.pixels.data(), data.labels.data(), data.count, 28, 28).ok());
    return std::move(r.instance);
}

}  // namespace

TEST_CASE("the trainer learns the synthetic squares and reports metrics") {
    const std::uint64_t seed = 901;
    CAPTURE(seed);
    const test::synthetic_images data = test::make_synthetic_digits(200, seed);
    auto t = make_trainer(quick_config(seed), data);
    const double before = t->evaluate().accuracy;
    epoch_metrics e{};
    for (int epoch = 0; epoch < 5; ++epoch) e = t->train_epoch();
    REQUIRE(e.ok);
    CHECK(e.epoch == 5);
    CHECK(t->steps_taken() == 5 * 13);  // ceil(200 / 16) = 13 batches per epoch
    const eval_metrics after = t->evaluate(true);
    REQUIRE(after.ok);
    INFO("accuracy before " << before << ", after " << after.accuracy);
    CHECK(after.accuracy > 0.9);
    CHECK(after.accuracy > before + 0.3);
    std::uint32_t confusion_total = 0, diagonal = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        for (std::size_t j = 0; j < 10; ++j) confusion_total += after.confusion[i * 10 + j];
        diagonal += after.confusion[i * 10 + i];
    }
    CHECK(confusion_total == 200);
    CHECK(diagonal == static_cast<std::uint32_t>(std::lround(after.accuracy * 200)));
    REQUIRE(after.probabilities.size() == 2000);
    double row_sum = 0.0;
    for (std::size_t c = 0; c < 10; ++c) row_sum += after.probabilities[c];
    CHECK(row_sum == doctest::Approx(1.0).epsilon(1e-5));
    // relu_1 outputs are exactly zero for about half the inputs; pooling output is never NaN.
    REQUIRE(after.layers.size() == 6);
    CHECK(after.layers[1].name == "relu_1");
    CHECK(after.layers[1].zero_fraction > 0.05);
    CHECK(after.layers[1].zero_fraction < 0.99);
    const step_metrics& s = t->step(2);
    REQUIRE(s.ok);
    CHECK(s.images == 32);
    CHECK(s.layers[0].param_grad_norm > 0.0);
    CHECK(s.images_per_s > 0.0);
}

TEST_CASE("dead units: a large negative bias kills every ReLU unit, and the evaluation counts them") {
    trainer_config c = quick_config(3);
    c.network.init.bias = -100.0f;
    const test::synthetic_images data = test::make_synthetic_digits(50, 3);
    auto t = make_trainer(c, data);
    const eval_metrics e = t->evaluate();
    REQUIRE(e.ok);
    CHECK(e.layers[1].dead_units == 4);  // relu_1: every channel outputs 0 everywhere
    CHECK(e.layers[1].zero_fraction == 1.0);
    trainer_config healthy = quick_config(3);
    auto t2 = make_trainer(healthy, data);
    CHECK(t2->evaluate().layers[1].dead_units == 0);
}

TEST_CASE(
    "dead units are counted by pre-activation: Leaky ReLU units below 0 everywhere count, though they output != 0") {
    trainer_config c = quick_config(3);
    c.network.init.bias = -100.0f;
    for (layer_config& l : c.network.layers) {
        if (l.activation == "relu") l.activation = "leaky_relu";
    }
    const test::synthetic_images data = test::make_synthetic_digits(50, 3);
    auto t = make_trainer(c, data);
    const eval_metrics e = t->evaluate();
    REQUIRE(e.ok);
    CHECK(e.layers[1].name.rfind("leaky_relu", 0) == 0);
    CHECK(e.layers[1].dead_units == 4);       // every pre-activation is about -100
    CHECK(e.layers[1].zero_fraction == 0.0);  // yet no output is 0: slope 0.01 times -100
}

TEST_CASE("same seed, same loss trajectory; another seed, another one") {
    const test::synthetic_images data = test::make_synthetic_digits(100, 5);
    for (augmentation augment : {augmentation::shifts_rotations, augmentation::elastic}) {
        INFO(std::string(augmentation_name(augment)));
        trainer_config c = quick_config(11);
        c.augment = augment;
        auto a = make_trainer(c, data);
        auto b = make_trainer(c, data);
        c.seed = 12;
        auto other = make_trainer(c, data);
        bool any_difference = false;
        for (int i = 0; i < 8; ++i) {
            const double la = a->step(1).loss;
            const double lb = b->step(1).loss;
            CHECK(la == lb);
            any_difference = any_difference || other->step(1).loss != la;
        }
        CHECK(any_difference);
        CHECK(a->net().params() == b->net().params());
    }
}

TEST_CASE("each augmentation feeds the network other images from the same seed; none feeds them as they are") {
    const test::synthetic_images data = test::make_synthetic_digits(32, 13);
    std::vector<double> first_losses;
    for (augmentation augment : {augmentation::none, augmentation::shifts_rotations, augmentation::elastic}) {
        trainer_config c = quick_config(13);
        c.augment = augment;
        auto t = make_trainer(c, data);
        first_losses.push_back(t->step(1).loss);
    }
    CHECK(first_losses[0] != first_losses[1]);
    CHECK(first_losses[0] != first_losses[2]);
    CHECK(first_losses[1] != first_losses[2]);
}

TEST_CASE("golden: the first weights of seed-keras with seed 1 are these bits, natively and in wasm") {
    const preset_result preset = preset_config("seed-keras");
    trainer_create_result r = trainer::create(preset.config);
    REQUIRE(r.ok);
    const std::vector<float>& p = r.instance->net().params();
    // Computed once by this build (He normal, std sqrt(2/9), relu_lab::rng seed 1);
    // the same values must come out of the wasm build.
    const std::uint32_t golden[4] = {0xbf1c9171u, 0xbe65b4c5u, 0xbe6f483cu, 0x3f5cba3fu};
    for (int i = 0; i < 4; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, &p[i], 4);
        CAPTURE(i);
        CAPTURE(p[i]);
        CHECK(bits == golden[i]);
    }
}

TEST_CASE("divergence: caught at once, step and layer named, weights from before the bad step kept") {
    const test::synthetic_images data = test::make_synthetic_digits(64, 21);
    SUBCASE("a NaN weight: the first conv's output is named") {
        auto t = make_trainer(quick_config(21), data);
        REQUIRE(t->step(2).ok);
        t->net().params()[0] = NAN;
        const std::vector<float> before = t->net().params();
        const step_metrics& s = t->step(1);
        CHECK_FALSE(s.ok);
        CHECK(s.divergence.diverged);
        CHECK(s.divergence.step == 3);
        CHECK(s.divergence.layer == "conv2d_1");
        CHECK(s.divergence.kind == divergence_kind::output);
        CHECK(s.divergence.code == "train.diverged_output");
        CHECK(s.divergence.message.find("step 3") != std::string::npos);
        // What the page reads: the kind under "what", spelled as before.
        CHECK(step_metrics_to_json(s, 0.0).find("\"what\":\"output\"") != std::string::npos);
        CHECK(t->steps_taken() == 2);
        CHECK(std::memcmp(before.data(), t->net().params().data(), before.size() * 4) == 0);
        CHECK_FALSE(t->step(1).ok);  // refuses to go on
    }
    SUBCASE("a NaN weight before a multi-batch call: caught at its first batch, the same report") {
        // Only a call's last batch gets the full statistics pass; earlier batches are
        // checked through the parameter gradients, and a failure still names the layer.
        auto t = make_trainer(quick_config(21), data);
        REQUIRE(t->step(2).ok);
        t->net().params()[0] = NAN;
        const step_metrics& s = t->step(5);
        CHECK_FALSE(s.ok);
        CHECK(s.divergence.step == 3);
        CHECK(s.divergence.layer == "conv2d_1");
        CHECK(s.divergence.kind == divergence_kind::output);
        CHECK(t->steps_taken() == 2);
    }
    SUBCASE("a huge learning rate") {
        trainer_config c = quick_config(22);
        c.optimizer.kind = optimizer_kind::sgd;
        c.optimizer.learning_rate = 1e30f;
        auto t = make_trainer(c, data);
        bool diverged = false;
        for (int i = 0; i < 50 && !diverged; ++i) {
            const std::vector<float> before = t->net().params();
            const std::uint64_t steps_before = t->steps_taken();
            const step_metrics& s = t->step(1);
            if (!s.ok) {
                diverged = true;
                INFO(s.divergence.message);
                CHECK(s.divergence.step == steps_before + 1);
                CHECK_FALSE(s.divergence.layer.empty());
                CHECK(t->steps_taken() == steps_before);
                CHECK(before == t->net().params());
            }
        }
        CHECK(diverged);
    }
}

TEST_CASE("divergence kinds keep the names and codes the page and the locale files know") {
    // web/trainer/trainer_section.js turns "parameter gradient" into the key
    // trainer.diverged_what_parameter_gradient; errors.json has one text per code.
    CHECK(std::string(divergence_kind_name(divergence_kind::none)).empty());
    CHECK(std::string(divergence_kind_name(divergence_kind::output)) == "output");
    CHECK(std::string(divergence_kind_name(divergence_kind::gradient)) == "gradient");
    CHECK(std::string(divergence_kind_name(divergence_kind::parameter_gradient)) == "parameter gradient");
    CHECK(std::string(divergence_kind_name(divergence_kind::loss)) == "loss");
    CHECK(std::string(divergence_error_code(divergence_kind::output)) == "train.diverged_output");
    CHECK(std::string(divergence_error_code(divergence_kind::gradient)) == "train.diverged_gradient");
    CHECK(std::string(divergence_error_code(divergence_kind::parameter_gradient)) ==
          "train.diverged_parameter_gradient");
    CHECK(std::string(divergence_error_code(divergence_kind::loss)) == "train.diverged_loss");
}

TEST_CASE("training steps allocate nothing after construction, with every optimizer and every augmentation") {
    const test::synthetic_images data = test::make_synthetic_digits(64, 31);
    for (augmentation augment : {augmentation::none, augmentation::shifts_rotations, augmentation::elastic}) {
        for (optimizer_kind kind : {optimizer_kind::sgd, optimizer_kind::momentum, optimizer_kind::adam}) {
            // Before the count starts: doctest's message list may grow when it is added.
            INFO(std::string(optimizer_kind_name(kind)) << ", " << std::string(augmentation_name(augment)));
            trainer_config c = quick_config(31);
            c.optimizer.kind = kind;
            c.augment = augment;
            c.network.layers.insert(c.network.layers.begin() + 1, activation_layer("prelu"));
            auto t = make_trainer(c, data);
            t->step(1);  // the first step shuffles; still nothing to allocate, but keep it outside
            const long before = allocation_count.load();
            for (int i = 0; i < 10; ++i) REQUIRE(t->step(1).ok);  // crosses an epoch boundary (4 batches each)
            CHECK(allocation_count.load() == before);
        }
    }
}

TEST_CASE("a trainer without data refuses to step, with a message") {
    trainer_create_result r = trainer::create(quick_config(1));
    REQUIRE(r.ok);
    const step_metrics& s = r.instance->step(1);
    CHECK_FALSE(s.ok);
    CHECK(s.error.find("no training data") != std::string::npos);
    CHECK(r.instance->steps_taken() == 0);
    CHECK_FALSE(r.instance->evaluate().ok);
    std::vector<std::uint8_t> pixels(10 * 28 * 28, 0), labels(10, 12);  // label 12 is not a class
    CHECK(r.instance->set_training_data(pixels.data(), labels.data(), 10, 28, 28).message.find("Label 12") !=
          std::string::npos);
    CHECK(r.instance->set_training_data(pixels.data(), labels.data(), 10, 14, 56).message.find("14x56") !=
          std::string::npos);
}

TEST_CASE("a multi-batch call reports the statistics of its last batch, as single steps would") {
    const test::synthetic_images data = test::make_synthetic_digits(64, 23);
    auto together = make_trainer(quick_config(23), data);
    auto one_by_one = make_trainer(quick_config(23), data);
    const step_metrics& a = together->step(3);
    one_by_one->step(1);
    one_by_one->step(1);
    const step_metrics& b = one_by_one->step(1);
    REQUIRE(a.ok);
    REQUIRE(b.ok);
    REQUIRE(a.layers.size() == b.layers.size());
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
        CAPTURE(a.layers[i].name);
        CHECK(a.layers[i].zero_fraction == b.layers[i].zero_fraction);
        CHECK(a.layers[i].stddev == b.layers[i].stddev);
        CHECK(a.layers[i].param_grad_norm == b.layers[i].param_grad_norm);
        CHECK(a.layers[i].output_grad_norm == b.layers[i].output_grad_norm);
    }
}

TEST_CASE("evaluation without layer statistics: the same predictions, no per-layer numbers") {
    const test::synthetic_images data = test::make_synthetic_digits(64, 24);
    auto t = make_trainer(quick_config(24), data);
    REQUIRE(t->set_eval_data(data.pixels.data(), data.labels.data(), data.count, 28, 28).ok());
    REQUIRE(t->step(3).ok);
    const eval_metrics full = t->evaluate(true);
    const eval_metrics lean = t->evaluate(true, false);
    REQUIRE(full.ok);
    REQUIRE(lean.ok);
    CHECK(lean.loss == full.loss);
    CHECK(lean.accuracy == full.accuracy);
    CHECK(lean.confusion == full.confusion);
    CHECK(lean.probabilities == full.probabilities);
    CHECK_FALSE(full.layers.empty());
    CHECK(lean.layers.empty());
}
