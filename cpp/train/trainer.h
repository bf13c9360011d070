// The trainer: a network, its optimizer, the data, the schedule and the metrics.
// Everything is allocated in create() and set_*_data(); step() allocates nothing
// (tests/cpp/train/test_trainer.cpp counts operator new during steps).
//
// Divergence: after the forward and backward passes of a step, everything that reaches
// the weights (each image's loss and gradient parts) is checked for NaN/infinity BEFORE
// the update, so a bad step leaves the weights untouched; only then is the layer where
// it started looked for. The trainer then refuses further steps.
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

    // `batches` optimizer steps on shuffled training data (a new permutation each epoch):
    // the phases below, done by one worker.
    const step_metrics& step(std::size_t batches);

    // One step in phases, for a team of workers that share each batch (the page's
    // web/workers/training_team.js). Every member has the same config, data and weights
    // and runs, in turn:
    //   begin_step()                    the step's batch (shuffled at an epoch's start)
    //   compute_images(first, count)    its share of the batch, forward and backward
    //   write_records / read_records    each image's gradient parts, loss and checks, exchanged
    //   reduce_range(begin, end)        its slice of the parameter gradients
    //   update_range(begin, end)        the optimizer on that slice only, and the slice's report
    //   (the members exchange their slices of the weights, net().params(), and the reports)
    //   take_slice_reports()            whether every slice was finite; the gradient norms
    //   finish_step()                   counters, and the batch's loss, accuracy and statistics
    // The weights come out bit-identical for any number of members and any split: every
    // gradient is a fold in batch order of per-image parts (train/network.h), each
    // image's augmentation and dropout come from rng(seed, step, position in the batch),
    // and the optimizer works element by element. The optimizer state is sharded: each
    // member's is current only on its slice, so the leader gathers the others' slices
    // (read_/write_optimizer_state) before it saves the model or goes on alone.
    // One worker alone runs update_range over every parameter (apply_update).
    std::size_t begin_step();       // images in the batch; 0 when it cannot step (finish_step says why)
    bool batch_ends_epoch() const;  // whether finishing the begun batch ends the epoch
    void compute_images(std::size_t first, std::size_t count, bool measure);
    std::size_t record_floats() const;  // one image's record
    void write_records(std::size_t first, std::size_t count, float* out) const;
    void read_records(std::size_t first, std::size_t count, const float* in);
    void reduce_range(std::size_t begin, std::size_t end);
    // A slice report: [1 when the slice's gradients are finite, else 0; then per layer the
    // sum of squares of its parameter gradients within the slice].
    std::size_t slice_report_size() const;
    // Checks the gradient slice for NaN and infinity (finite parts can sum to infinity)
    // and fills `report`; then, when the slice and every image of the batch are finite,
    // applies the optimizer to the slice. False when nothing was updated.
    bool update_range(std::size_t begin, std::size_t end, double* report);
    // Every member's reports, in member order: false when the step failed (an image of
    // the batch or a slice went NaN or infinite; finish_step reports the divergence). When
    // only another member's slice failed, this member has updated its own slice: it no
    // longer holds the last good state.
    bool take_slice_reports(const double* reports, std::size_t members);
    // update_range over every parameter, then its report: one worker's update. False when
    // an image of the batch or a gradient went NaN or infinite: then nothing is updated.
    bool apply_update();
    // The optimizer state of parameters [begin, end): for each parameter tensor that the
    // range meets, its state streams (Adam: m, then v) over the part it meets.
    void read_optimizer_state(std::size_t begin, std::size_t end, float* out) const;
    void write_optimizer_state(std::size_t begin, std::size_t end, const float* in);
    // This batch alone; statistics when `measured` (compute_images measured it too).
    const step_metrics& finish_step(bool measured);
    // The arena's weights, for members to exchange the slices they updated.
    float* parameters() { return net_->params().data(); }
    // CRC-32 of the weights' bytes: a member that built its copy from the config instead
    // of the model file checks it against the leader's.
    std::uint32_t parameters_crc32() const;
    // Where the training data's order stands: the position in this epoch's order, the
    // shuffle rng, the order itself. A member that joins copies the leader's.
    std::vector<std::uint32_t> data_position() const;
    bool set_data_position(const std::uint32_t* words, std::size_t count);
    // The rest of the current epoch.
    epoch_metrics train_epoch();
    // Loss, accuracy, confusion matrix and per-layer statistics on the evaluation data.
    // Without layer statistics (layers left empty) it is pure inference, a third faster.
    eval_metrics evaluate(bool with_probabilities = false, bool with_layer_statistics = true);
    // The same in parts, so a team can share the evaluation set: the numbers of images
    // [first, first + count) that add up (count, loss sum, right, confusion; per layer:
    // zeros, sum, sum of squares, and which channels were ever alive), and the metrics
    // from such parts concatenated in any order. evaluate() is one part. probabilities,
    // when given, receives [count, classes].
    std::vector<double> evaluate_part(std::size_t first, std::size_t count, bool with_layer_statistics,
                                      float* probabilities = nullptr);
    eval_metrics evaluate_from_parts(const double* parts, std::size_t size, bool with_layer_statistics) const;

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
    void load_image(std::size_t position);
    void find_fault(std::size_t position);
    void measure_image(std::size_t position);
    void fail_step(step_metrics& m);

    trainer_config config_;
    std::unique_ptr<network> net_;
    std::uint64_t step_ = 0;
    std::size_t epoch_ = 0;
    std::size_t cursor_ = 0;  // next position in order_
    rng shuffle_rng_{0};
    std::uint64_t augment_seed_ = 0;

    std::vector<std::uint8_t> train_pixels_, train_labels_;
    std::vector<std::uint8_t> eval_pixels_, eval_labels_;
    std::vector<std::uint32_t> order_;
    std::vector<std::uint8_t> batch_labels_;
    std::vector<float> scratch_image_;
    elastic_scratch elastic_scratch_;  // sized in create() when the config asks for elastic
    // The current step, per position in the batch: loss, right or not, the first NaN or
    // infinity (fault_layer_: -1 none, a layer index, or layers().size() for the loss),
    // and, when measured, per layer: output zeros, sum, sum of squares, output-gradient
    // sum of squares, and 1 when the output was finite.
    std::size_t batch_ = 0;
    std::vector<double> image_loss_;
    std::vector<std::uint8_t> image_correct_;
    std::vector<std::int32_t> fault_layer_;
    std::vector<divergence_kind> fault_kind_;
    std::vector<double> image_stats_;
    bool gradient_fault_ = false;       // a slice of the gradients had a NaN/infinity
    std::vector<double> grad_squares_;  // per layer, this step's parameter gradients (reports)
    std::vector<double> solo_report_;   // apply_update's report
    step_metrics batch_metrics_;        // finish_step's
    step_metrics metrics_;              // step()'s, over its batches
};

}  // namespace relu_lab
