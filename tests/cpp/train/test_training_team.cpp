// A training team in one process: several trainers with the same config and data share
// each batch as the page's workers do (train/trainer.h: compute their images, exchange
// records, reduce their slice of the gradients, update that slice, exchange the weight
// slices and reports). The weights must come out bit-identical to one trainer's step(),
// for any team size and any split, and the optimizer state gathered from the members'
// slices must be one trainer's.
#include <doctest/doctest.h>

#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "kernels/tensor_stats.h"
#include "train/synthetic_digits.h"
#include "train/trainer.h"

using namespace relu_lab;

namespace {

// conv2d, PReLU (a per-image gradient of its own), max-pooling, dropout and two dense
// layers: every kind of gradient part a team exchanges.
trainer_config team_config(augmentation augment) {
    trainer_config c;
    c.network.layers = {conv2d_layer(6, 5, "prelu"), max_pool2d_layer(2),     flatten_layer(),
                        dropout_layer(0.2f),         dense_layer(24, "relu"), dense_layer(10, "softmax")};
    c.batch_size = 12;
    c.optimizer.learning_rate = 3e-3f;
    c.augment = augment;
    c.seed = 77;
    return c;
}

std::unique_ptr<trainer> make_member(const trainer_config& c, const test::synthetic_images& data) {
    trainer_create_result r = trainer::create(c);
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(r.instance->set_training_data(data.pixels.data(), data.labels.data(), data.count, 28, 28).ok());
    return std::move(r.instance);
}

// [begin, end) of `total` for member k of n, with uneven cuts (not at rows or tensors).
std::size_t cut(std::size_t total, std::size_t k, std::size_t n) { return total * k / n + (k > 0 && k < n ? 1 : 0); }

struct team_result {
    std::vector<float> weights, optimizer_state;
    std::vector<double> param_grad_norms;  // the last step's, per layer
};

// Runs `steps` steps with `n` members; returns member 0's weights and the optimizer state
// gathered from every member's slice. Every member must hold the same weights after
// every step.
team_result train_as_team(std::size_t n, std::size_t steps, augmentation augment, const test::synthetic_images& data) {
    std::vector<std::unique_ptr<trainer>> team;
    for (std::size_t k = 0; k < n; ++k) team.push_back(make_member(team_config(augment), data));
    const std::size_t record = team[0]->record_floats();
    const std::size_t params = team[0]->net().params().size();
    const std::size_t report_size = team[0]->slice_report_size();
    team_result result;
    for (std::size_t s = 0; s < steps; ++s) {
        const bool measured = s + 1 == steps;
        const std::size_t batch = team[0]->begin_step();
        for (std::size_t k = 1; k < n; ++k) REQUIRE(team[k]->begin_step() == batch);
        // Each member computes its images and writes their records; every member reads all.
        std::vector<float> records(batch * record);
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t first = cut(batch, k, n), last = cut(batch, k + 1, n);
            team[k]->compute_images(first, last - first, measured);
            team[k]->write_records(first, last - first, records.data() + first * record);
        }
        for (std::size_t k = 0; k < n; ++k) {
            for (std::size_t j = 0; j < n; ++j) {
                if (j == k) continue;
                const std::size_t first = cut(batch, j, n), last = cut(batch, j + 1, n);
                team[k]->read_records(first, last - first, records.data() + first * record);
            }
        }
        // Each member reduces and updates its slice and hands the new weights and its
        // report to the others.
        std::vector<double> reports(n * report_size);
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t lo = cut(params, k, n), hi = cut(params, k + 1, n);
            team[k]->reduce_range(lo, hi);
            REQUIRE(team[k]->update_range(lo, hi, reports.data() + k * report_size));
        }
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t lo = cut(params, k, n), hi = cut(params, k + 1, n);
            for (std::size_t j = 0; j < n; ++j) {
                if (j != k)
                    std::memcpy(team[j]->parameters() + lo, team[k]->parameters() + lo, (hi - lo) * sizeof(float));
            }
        }
        for (std::size_t k = 0; k < n; ++k) REQUIRE(team[k]->take_slice_reports(reports.data(), n));
        for (std::size_t k = 0; k < n; ++k) {
            const step_metrics& m = team[k]->finish_step(measured);
            REQUIRE(m.ok);
            if (k == 0 && measured)
                for (const layer_metrics& l : m.layers) result.param_grad_norms.push_back(l.param_grad_norm);
        }
    }
    for (std::size_t k = 1; k < n; ++k) {
        CHECK(std::memcmp(team[k]->net().params().data(), team[0]->net().params().data(), params * sizeof(float)) == 0);
    }
    // The leader gathers the optimizer state of the others' slices.
    for (std::size_t k = 1; k < n; ++k) {
        const std::size_t lo = cut(params, k, n), hi = cut(params, k + 1, n);
        std::vector<float> slice(team[0]->net().optimizer_state().size());
        team[k]->read_optimizer_state(lo, hi, slice.data());
        team[0]->write_optimizer_state(lo, hi, slice.data());
    }
    result.weights = team[0]->net().params();
    result.optimizer_state = team[0]->net().optimizer_state();
    return result;
}

}  // namespace

TEST_CASE("a team of 1, 2, 3 or 4 trainers gives the same bits as one trainer's step()") {
    const test::synthetic_images data = test::make_synthetic_digits(60, 5);
    for (augmentation augment : {augmentation::none, augmentation::elastic}) {
        CAPTURE(static_cast<int>(augment));
        // 7 steps of 12 over 60 images: an epoch ends, the order is shuffled again.
        const std::size_t steps = 7;
        auto alone = make_member(team_config(augment), data);
        const std::vector<float> initial = alone->net().params();
        const step_metrics& m = alone->step(steps);
        REQUIRE(m.ok);
        CHECK(m.epoch == 1);
        const std::vector<float>& expected = alone->net().params();
        CHECK(std::memcmp(initial.data(), expected.data(), initial.size() * sizeof(float)) != 0);
        const std::vector<float>& expected_state = alone->net().optimizer_state();
        std::vector<double> expected_norms;
        for (const layer_metrics& l : m.layers) expected_norms.push_back(l.param_grad_norm);
        for (std::size_t n = 1; n <= 4; ++n) {
            CAPTURE(n);
            const team_result team = train_as_team(n, steps, augment, data);
            REQUIRE(team.weights.size() == expected.size());
            CHECK(std::memcmp(team.weights.data(), expected.data(), expected.size() * sizeof(float)) == 0);
            REQUIRE(team.optimizer_state.size() == expected_state.size());
            CHECK(std::memcmp(team.optimizer_state.data(), expected_state.data(),
                              expected_state.size() * sizeof(float)) == 0);
            // The gradient norms are sums of the members' parts: equal to rounding.
            REQUIRE(team.param_grad_norms.size() == expected_norms.size());
            for (std::size_t i = 0; i < expected_norms.size(); ++i)
                CHECK(team.param_grad_norms[i] == doctest::Approx(expected_norms[i]).epsilon(1e-5));
        }
    }
}

TEST_CASE("a dense layer's gradient rows are the same bits whichever rows a member computes") {
    // The split test above cuts the arena at uneven places; this one asks for every
    // single row of a wide dense layer apart and compares with the whole at once.
    trainer_config c;
    c.network.layers = {flatten_layer(), dense_layer(130, "relu"), dense_layer(10, "softmax")};
    c.batch_size = 9;
    c.seed = 3;
    const test::synthetic_images data = test::make_synthetic_digits(9, 4);
    auto whole = make_member(c, data);
    auto parts = make_member(c, data);
    REQUIRE(whole->begin_step() == 9);
    REQUIRE(parts->begin_step() == 9);
    whole->compute_images(0, 9, false);
    parts->compute_images(0, 9, false);
    whole->reduce_range(0, 784 * 130);
    for (std::size_t row = 0; row < 130; ++row) parts->reduce_range(row * 784, (row + 1) * 784);
    CHECK(std::memcmp(whole->net().grads().data(), parts->net().grads().data(), 784 * 130 * sizeof(float)) == 0);
}

TEST_CASE("a NaN in one member's images stops every member before any update") {
    const test::synthetic_images data = test::make_synthetic_digits(24, 6);
    trainer_config c = team_config(augmentation::none);
    c.optimizer.learning_rate = 1e30f;  // the second step's forward overflows
    auto a = make_member(c, data);
    auto b = make_member(c, data);
    const std::size_t record = a->record_floats(), params = a->net().params().size();
    bool stopped = false;
    for (int s = 0; s < 5 && !stopped; ++s) {
        const std::vector<float> before = a->net().params();
        const std::size_t batch = a->begin_step();
        REQUIRE(b->begin_step() == batch);
        std::vector<float> records(batch * record);
        a->compute_images(0, batch / 2, false);
        b->compute_images(batch / 2, batch - batch / 2, false);
        a->write_records(0, batch / 2, records.data());
        b->write_records(batch / 2, batch - batch / 2, records.data() + batch / 2 * record);
        a->read_records(batch / 2, batch - batch / 2, records.data() + batch / 2 * record);
        b->read_records(0, batch / 2, records.data());
        a->reduce_range(0, params / 2);
        b->reduce_range(params / 2, params);
        std::vector<double> reports(2 * a->slice_report_size());
        const bool a_ok = a->update_range(0, params / 2, reports.data());
        const bool b_ok = b->update_range(params / 2, params, reports.data() + a->slice_report_size());
        CHECK(a_ok == b_ok);
        std::memcpy(a->parameters() + params / 2, b->parameters() + params / 2, (params - params / 2) * sizeof(float));
        std::memcpy(b->parameters(), a->parameters(), params / 2 * sizeof(float));
        CHECK(a->take_slice_reports(reports.data(), 2) == a_ok);
        CHECK(b->take_slice_reports(reports.data(), 2) == b_ok);
        if (!a_ok) {
            stopped = true;
            CHECK(std::memcmp(before.data(), a->net().params().data(), params * sizeof(float)) == 0);
            const step_metrics& ma = a->finish_step(false);
            const step_metrics& mb = b->finish_step(false);
            CHECK_FALSE(ma.ok);
            CHECK(ma.divergence.diverged);
            CHECK(ma.divergence.layer == mb.divergence.layer);
            CHECK(ma.divergence.step == mb.divergence.step);
            // Every member stops: a step the team had already begun ends at once on each.
            CHECK(a->begin_step() == 0);
            CHECK(b->begin_step() == 0);
        } else {
            REQUIRE(a->finish_step(false).ok);
            REQUIRE(b->finish_step(false).ok);
        }
    }
    CHECK(stopped);
}

TEST_CASE("batch_ends_epoch says which begun batch finishes the epoch, before it is finished") {
    // 30 images in batches of 12: 12, 12 and the last 6 of each epoch.
    const test::synthetic_images data = test::make_synthetic_digits(30, 6);
    auto t = make_member(team_config(augmentation::none), data);
    CHECK_FALSE(t->batch_ends_epoch());  // no batch begun
    std::vector<bool> ends;
    for (int s = 0; s < 6; ++s) {
        const std::size_t batch = t->begin_step();
        REQUIRE(batch > 0);
        const bool said = t->batch_ends_epoch();
        ends.push_back(said);
        const std::size_t epoch_before = t->epochs_done();
        t->compute_images(0, batch, false);
        t->reduce_range(0, t->net().params().size());
        REQUIRE(t->apply_update());
        const step_metrics& m = t->finish_step(false);
        REQUIRE(m.ok);
        CHECK(said == (m.epoch != epoch_before));
    }
    CHECK(ends == std::vector<bool>{false, false, true, false, false, true});
}

TEST_CASE("a member's slice that is not finite fails the step for every member") {
    const test::synthetic_images data = test::make_synthetic_digits(24, 6);
    auto t = make_member(team_config(augmentation::none), data);
    const std::size_t batch = t->begin_step();
    t->compute_images(0, batch, false);
    const std::size_t params = t->net().params().size();
    t->reduce_range(0, params / 3);
    std::vector<double> reports(2 * t->slice_report_size());
    REQUIRE(t->update_range(0, params / 3, reports.data()));
    CHECK(reports[0] == 1.0);
    // The other member's report: its slice summed to infinity.
    reports[t->slice_report_size()] = 0.0;
    CHECK_FALSE(t->take_slice_reports(reports.data(), 2));
    const step_metrics& m = t->finish_step(false);
    CHECK_FALSE(m.ok);
    CHECK(m.divergence.diverged);
    CHECK(t->steps_taken() == 0);
}

TEST_CASE("an evaluation in parts, in any order, gives evaluate()'s accuracy, confusion and dead units") {
    const test::synthetic_images data = test::make_synthetic_digits(50, 8);
    trainer_config c = team_config(augmentation::none);
    auto t = make_member(c, data);
    REQUIRE(t->set_eval_data(data.pixels.data(), data.labels.data(), data.count, 28, 28).ok());
    REQUIRE(t->step(4).ok);
    const eval_metrics whole = t->evaluate();
    REQUIRE(whole.ok);
    // Three uneven parts, handed over last first.
    std::vector<double> parts;
    for (auto [first, count] : {std::pair<std::size_t, std::size_t>{31, 19}, {0, 7}, {7, 24}}) {
        const std::vector<double> part = t->evaluate_part(first, count, true);
        parts.insert(parts.end(), part.begin(), part.end());
    }
    const eval_metrics split = t->evaluate_from_parts(parts.data(), parts.size(), true);
    REQUIRE(split.ok);
    CHECK(split.count == whole.count);
    CHECK(split.accuracy == whole.accuracy);
    CHECK(split.confusion == whole.confusion);
    // The loss and the layer sums are added in another order: equal to rounding (the
    // SIMD tensor statistics sum blocks in float: kernels/tensor_stats.h's tolerance).
    CHECK(split.loss == doctest::Approx(whole.loss).epsilon(1e-12));
    REQUIRE(split.layers.size() == whole.layers.size());
    for (std::size_t i = 0; i < whole.layers.size(); ++i) {
        CAPTURE(i);
        CHECK(split.layers[i].dead_units == whole.layers[i].dead_units);
        CHECK(split.layers[i].zero_fraction == whole.layers[i].zero_fraction);
        CHECK(split.layers[i].mean == doctest::Approx(whole.layers[i].mean).epsilon(tensor_stats_rel_tolerance));
    }
}
