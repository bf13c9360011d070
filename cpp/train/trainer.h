// The trainer: a network, its optimizer, the data, the schedule and the metrics.
// Everything is allocated in create() and set_*_data(); step() allocates nothing
// (tests/cpp/train/test_trainer.cpp counts operator new during steps).
//
// Divergence: after the forward and backward passes of a step, the loss, every
// layer's output and every gradient are checked for NaN/infinity BEFORE the update,
// so a bad step leaves the weights untouched. The trainer then refuses further steps.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/elastic_distortion.h"
#include "train/config.h"
#include "train/metrics.h"
#include "train/network.h"
#include "util/rng.h"

namespace relu_lab {

class trainer;

struct trainer_create_result {
    bool ok = false;
    std::string error, code;  // English sentence and its code (util/learner_error.h)
    error_params params;
    std::unique_ptr<trainer> instance;
};

class trainer {
public:
    static trainer_create_result create(const trainer_config& config);

    // Copies the images [count, rows, cols] (0..255, ink high) and labels [count];
    // ok() when accepted, else why not. rows/cols must match the network's input.
    learner_error set_training_data(const std::uint8_t* pixels, const std::uint8_t* labels, std::size_t count,
                                    std::size_t rows, std::size_t cols);
    learner_error set_eval_data(const std::uint8_t* pixels, const std::uint8_t* labels, std::size_t count,
                                std::size_t rows, std::size_t cols);

    // `batches` optimizer steps on shuffled training data (a new permutation each epoch).
    const step_metrics& step(std::size_t batches);
    // The rest of the current epoch.
    epoch_metrics train_epoch();
    // Loss, accuracy, confusion matrix and per-layer statistics on the evaluation data.
    // Without layer statistics (layers left empty) it is pure inference, a third faster.
    eval_metrics evaluate(bool with_probabilities = false, bool with_layer_statistics = true);

    // One image [rows * cols] -> probabilities [classes]; afterwards layer_output(i)
    // holds that image's activations for visualisation.
    void predict(const std::uint8_t* image, float* probabilities);
    void predict_floats(const float* image, float* probabilities);
    // Layer i's output for the last predicted image [out.size()].
    const float* layer_output(std::size_t layer) const { return net_->output(layer); }

    network& net() { return *net_; }
    const network& net() const { return *net_; }
    const trainer_config& config() const { return config_; }
    std::uint64_t steps_taken() const { return step_; }
    std::size_t epochs_done() const { return epoch_; }
    float learning_rate() const;
    const divergence_report& divergence() const { return metrics_.divergence; }
    std::size_t training_count() const { return train_labels_.size(); }
    std::size_t batches_per_epoch() const;

    // Restores counters saved in a model file (weights go straight into net()).
    void set_progress(std::uint64_t steps, std::size_t epochs);

private:
    trainer() = default;
    void load_batch(std::size_t batch);
    bool check_and_measure(std::size_t batch);
    bool parameter_gradients_finite();

    trainer_config config_;
    std::unique_ptr<network> net_;
    std::uint64_t step_ = 0;
    std::size_t epoch_ = 0;
    std::size_t cursor_ = 0;  // next position in order_
    rng shuffle_rng_{0};
    rng augment_rng_{0};

    std::vector<std::uint8_t> train_pixels_, train_labels_;
    std::vector<std::uint8_t> eval_pixels_, eval_labels_;
    std::vector<std::uint32_t> order_;
    std::vector<std::uint8_t> batch_labels_;
    std::vector<float> scratch_image_;
    elastic_scratch elastic_scratch_;  // sized in create() when the config asks for elastic
    step_metrics metrics_;
};

}  // namespace relu_lab
