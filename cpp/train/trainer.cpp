#include "train/trainer.h"

#include <algorithm>
#include <cmath>

#include "kernels/tensor_stats.h"
#include "train/augment_image.h"
#include "train/optimizers.h"

namespace relu_lab {

namespace {

bool all_finite(const float* values, std::size_t n, double& norm) {
    const tensor_stats t = kernels::measure_tensor(values, n);
    norm = std::sqrt(t.sum_squares);
    return t.finite;
}

// Adds the statistics of one more batch of a layer's outputs.
void accumulate(tensor_stats& total, const tensor_stats& batch) {
    total.finite = total.finite && batch.finite;
    total.zeros += batch.zeros;
    total.sum += batch.sum;
    total.sum_squares += batch.sum_squares;
}

void fill_layer_stats(layer_metrics& m, const tensor_stats& s, std::size_t n) {
    const double count = static_cast<double>(n);
    m.zero_fraction = n ? s.zeros / count : 0.0;
    m.mean = n ? s.sum / count : 0.0;
    const double var = n ? s.sum_squares / count - m.mean * m.mean : 0.0;
    m.stddev = var > 0.0 ? std::sqrt(var) : 0.0;
}

// The class with the highest probability (the first on ties).
std::size_t predicted_class(const float* probabilities, std::size_t classes) {
    return static_cast<std::size_t>(std::max_element(probabilities, probabilities + classes) - probabilities);
}

// Records the first place a step went NaN or infinite; later findings keep it.
void mark_divergence(divergence_report& d, const std::string& layer, divergence_kind kind) {
    if (d.diverged) return;
    d.diverged = true;
    d.layer = layer;
    d.kind = kind;
}

learner_error check_dataset(const network& net, const std::uint8_t* pixels, const std::uint8_t* labels,
                            std::size_t count, std::size_t rows, std::size_t cols) {
    const trainer_config& c = net.config();
    if (count == 0) return make_error("data.empty");
    if (pixels == nullptr || labels == nullptr) return make_error("data.no_buffers");
    if (c.network.input_channels != 1 || rows != c.network.input_height || cols != c.network.input_width) {
        return make_error("data.wrong_size", {number_param("rows", double(rows)), number_param("cols", double(cols)),
                                              number_param("channels", double(c.network.input_channels)),
                                              number_param("height", double(c.network.input_height)),
                                              number_param("width", double(c.network.input_width))});
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (labels[i] >= c.network.classes) {
            return make_error("data.bad_label", {number_param("label", labels[i]), number_param("image", double(i)),
                                                 number_param("classes", double(c.network.classes))});
        }
    }
    return {};
}

}  // namespace

trainer_create_result trainer::create(const trainer_config& config) {
    trainer_create_result result;
    network_build_result built = build_network(config);
    if (!built.ok) {
        set_error(result, error_of(built));
        return result;
    }
    std::unique_ptr<trainer> t(new trainer());
    t->config_ = config;
    t->net_ = std::move(built.net);
    t->shuffle_rng_ = rng(config.seed ^ 0x5A5A5A5A12345678ULL);
    t->augment_rng_ = rng(config.seed ^ 0xA5A5A5A587654321ULL);
    t->batch_labels_.assign(config.batch_size, 0);
    t->scratch_image_.assign(t->net_->input_size(), 0.0f);
    // Sized here, once: step() must not allocate (trainer.h).
    if (config.augment == augmentation::elastic) {
        t->elastic_scratch_ = make_elastic_scratch(config.network.input_height, config.network.input_width);
    }
    for (const layer_plan& l : t->net_->layers()) {
        layer_metrics m;
        m.name = l.name;
        m.units = l.out.channels;
        t->metrics_.layers.push_back(m);
    }
    t->metrics_.divergence.layer.reserve(64);
    result.ok = true;
    result.instance = std::move(t);
    return result;
}

learner_error trainer::set_training_data(const std::uint8_t* pixels, const std::uint8_t* labels, std::size_t count,
                                         std::size_t rows, std::size_t cols) {
    learner_error error = check_dataset(*net_, pixels, labels, count, rows, cols);
    if (!error.ok()) return error;
    train_pixels_.assign(pixels, pixels + count * rows * cols);
    train_labels_.assign(labels, labels + count);
    order_.resize(count);
    for (std::size_t i = 0; i < count; ++i) order_[i] = static_cast<std::uint32_t>(i);
    cursor_ = count;  // the first batch shuffles
    return {};
}

learner_error trainer::set_eval_data(const std::uint8_t* pixels, const std::uint8_t* labels, std::size_t count,
                                     std::size_t rows, std::size_t cols) {
    learner_error error = check_dataset(*net_, pixels, labels, count, rows, cols);
    if (!error.ok()) return error;
    eval_pixels_.assign(pixels, pixels + count * rows * cols);
    eval_labels_.assign(labels, labels + count);
    return {};
}

float trainer::learning_rate() const {
    return config_.optimizer.learning_rate *
           static_cast<float>(std::pow(static_cast<double>(config_.learning_rate_decay), static_cast<double>(epoch_)));
}

std::size_t trainer::batches_per_epoch() const {
    return (train_labels_.size() + config_.batch_size - 1) / config_.batch_size;
}

void trainer::set_progress(std::uint64_t steps, std::size_t epochs) {
    step_ = steps;
    epoch_ = epochs;
}

void trainer::load_batch(std::size_t batch) {
    const std::size_t image_size = net_->input_size();
    float* input = net_->input();
    for (std::size_t b = 0; b < batch; ++b) {
        const std::size_t index = order_[cursor_ + b];
        const std::uint8_t* src = train_pixels_.data() + index * image_size;
        batch_labels_[b] = train_labels_[index];
        float* dst = input + b * image_size;
        const bool augment = config_.augment != augmentation::none;
        float* target = augment ? scratch_image_.data() : dst;
        for (std::size_t i = 0; i < image_size; ++i) target[i] = src[i] * (1.0f / 255.0f);
        if (augment) {
            augment_image(config_.augment, scratch_image_.data(), dst, config_.network.input_height,
                          config_.network.input_width, augment_rng_, elastic_scratch_);
        }
    }
}

// The update is safe when every parameter gradient is finite (a NaN or infinity in an
// output reaches the loss or the gradients before it could reach the weights).
bool trainer::parameter_gradients_finite() {
    return kernels::measure_tensor(net_->grads().data(), net_->grads().size()).finite;
}

// Fills metrics_.layers from the last forward/backward; false (and the divergence
// report) at the first NaN/infinity: outputs in forward order, then gradients in
// backward order.
bool trainer::check_and_measure(std::size_t batch) {
    const std::vector<layer_plan>& layers = net_->layers();
    divergence_report& d = metrics_.divergence;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::size_t n = layers[i].out.size() * batch;
        const tensor_stats s = kernels::measure_tensor(net_->output(i), n);
        fill_layer_stats(metrics_.layers[i], s, n);
        if (!s.finite) mark_divergence(d, layers[i].name, divergence_kind::output);
    }
    if (d.diverged) return false;
    for (std::size_t i = layers.size(); i-- > 0;) {
        const layer_plan& l = layers[i];
        layer_metrics& m = metrics_.layers[i];
        const bool out_ok = all_finite(net_->output_grad(i), l.out.size() * batch, m.output_grad_norm);
        double w_norm = 0.0, b_norm = 0.0;
        const bool w_ok = all_finite(net_->grads().data() + l.weights_offset, l.weights_count, w_norm);
        const bool b_ok = all_finite(net_->grads().data() + l.bias_offset, l.bias_count, b_norm);
        m.param_grad_norm = std::sqrt(w_norm * w_norm + b_norm * b_norm);
        if (!out_ok) mark_divergence(d, l.name, divergence_kind::gradient);
        if (!w_ok || !b_ok) mark_divergence(d, l.name, divergence_kind::parameter_gradient);
    }
    return !d.diverged;
}

const step_metrics& trainer::step(std::size_t batches) {
    step_metrics& m = metrics_;
    m.images = 0;
    m.loss = 0.0;
    m.accuracy = 0.0;
    if (m.divergence.diverged) {
        m.ok = false;
        return m;
    }
    if (train_labels_.empty()) {
        m.ok = false;
        if (m.error.empty()) set_error(m, make_error("train.no_data"));
        return m;
    }
    const auto start = std::chrono::steady_clock::now();
    double loss_sum = 0.0;
    std::size_t correct = 0;
    const std::size_t classes = net_->classes();
    for (std::size_t k = 0; k < batches; ++k) {
        if (cursor_ >= order_.size()) {
            // Fisher-Yates with our rng: the same order natively and in wasm.
            for (std::size_t i = order_.size(); i > 1; --i) {
                std::swap(order_[i - 1], order_[shuffle_rng_.below(static_cast<std::uint32_t>(i))]);
            }
            cursor_ = 0;
        }
        const std::size_t batch = std::min(config_.batch_size, order_.size() - cursor_);
        load_batch(batch);
        net_->forward(batch, true);
        const double loss = net_->loss_forward(batch_labels_.data(), batch);
        net_->backward(batch_labels_.data(), batch);
        // The page charts the statistics of a call's last batch; earlier batches only
        // need the check that makes the update safe. When that check fails, the full
        // pass runs after all, to name the layer where the NaN or infinity started.
        const bool last_of_call = k + 1 == batches;
        const bool finite =
            (last_of_call || !parameter_gradients_finite() || !std::isfinite(loss)) ? check_and_measure(batch) : true;
        if (!finite || !std::isfinite(loss)) {
            divergence_report& d = m.divergence;
            mark_divergence(d, "loss", divergence_kind::loss);
            d.step = step_ + 1;
            learner_error e =
                make_error(divergence_error_code(d.kind),
                           {number_param("step", static_cast<double>(d.step)), text_param("layer", d.layer)});
            d.message = std::move(e.message);
            d.code = std::move(e.code);
            d.params = std::move(e.params);
            m.ok = false;
            m.loss = loss;
            return m;
        }
        ++step_;
        const float lr = learning_rate();
        std::vector<float>& params = net_->params();
        std::vector<float>& state = net_->optimizer_state();
        const std::size_t state_floats = optimizer_state_floats(config_.optimizer.kind);
        for (const param_tensor& t : net_->param_tensors()) {
            optimizer_update(config_.optimizer, lr, step_, t.weight_decay && config_.optimizer.weight_decay != 0.0f,
                             params.data() + t.offset, net_->grads().data() + t.offset,
                             state.data() + t.offset * state_floats, t.count);
        }
        const float* probs = net_->probabilities();
        for (std::size_t b = 0; b < batch; ++b)
            correct += (predicted_class(probs + b * classes, classes) == batch_labels_[b]);
        loss_sum += loss * static_cast<double>(batch);
        m.images += batch;
        cursor_ += batch;
        if (cursor_ >= order_.size()) ++epoch_;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.ok = true;
    m.step = step_;
    m.epoch = epoch_;
    m.loss = m.images ? loss_sum / m.images : 0.0;
    m.accuracy = m.images ? static_cast<double>(correct) / m.images : 0.0;
    m.images_per_s = seconds > 0.0 ? m.images / seconds : 0.0;
    m.learning_rate = learning_rate();
    return m;
}

epoch_metrics trainer::train_epoch() {
    epoch_metrics e;
    if (train_labels_.empty()) {
        e.ok = false;
        learner_error no_data = make_error("train.no_data");
        e.divergence.message = no_data.message;
        e.divergence.code = no_data.code;
        return e;
    }
    const std::size_t position = cursor_ >= order_.size() ? 0 : cursor_;
    const std::size_t remaining = order_.size() - position;
    const step_metrics& m = step((remaining + config_.batch_size - 1) / config_.batch_size);
    e.ok = m.ok;
    e.epoch = epoch_;
    e.loss = m.loss;
    e.train_accuracy = m.accuracy;
    e.images_per_s = m.images_per_s;
    e.divergence = m.divergence;
    return e;
}

eval_metrics trainer::evaluate(bool with_probabilities, bool with_layer_statistics) {
    eval_metrics r;
    const std::size_t count = eval_labels_.size();
    if (count == 0) {
        set_error(r, make_error("train.no_eval_data"));
        return r;
    }
    const std::size_t classes = net_->classes();
    const std::vector<layer_plan>& layers = net_->layers();
    r.classes = classes;
    r.count = count;
    r.confusion.assign(classes * classes, 0);
    if (with_probabilities) r.probabilities.assign(count * classes, 0.0f);
    std::vector<tensor_stats> stats(layers.size());
    // alive[layer][channel]: an activation layer's channel had some pre-activation > 0
    // (its input); another layer's channel had some nonzero output.
    std::vector<std::vector<std::uint8_t>> alive(layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) alive[i].assign(layers[i].out.channels, 0);

    const std::size_t image_size = net_->input_size();
    double loss_sum = 0.0;
    std::size_t correct = 0;
    for (std::size_t start = 0; start < count; start += config_.batch_size) {
        const std::size_t batch = std::min(config_.batch_size, count - start);
        float* input = net_->input();
        for (std::size_t i = 0; i < batch * image_size; ++i) {
            input[i] = eval_pixels_[start * image_size + i] * (1.0f / 255.0f);
        }
        net_->forward(batch, false);
        loss_sum += net_->loss_forward(eval_labels_.data() + start, batch) * static_cast<double>(batch);
        const float* probs = net_->probabilities();
        for (std::size_t b = 0; b < batch; ++b) {
            const float* p = probs + b * classes;
            const std::size_t predicted = predicted_class(p, classes);
            const std::size_t truth = eval_labels_[start + b];
            correct += (predicted == truth);
            r.confusion[truth * classes + predicted] += 1;
            if (with_probabilities) std::copy(p, p + classes, r.probabilities.begin() + (start + b) * classes);
        }
        for (std::size_t i = 0; with_layer_statistics && i < layers.size(); ++i) {
            const layer_plan& l = layers[i];
            const float* y = net_->output(i);
            accumulate(stats[i], kernels::measure_tensor(y, l.out.size() * batch));
            // An activation keeps its input's shape; its input is the layer before it.
            const bool activation = l.type == layer_type::activation;
            const float* watched = activation ? (i > 0 ? net_->output(i - 1) : net_->input()) : y;
            const std::size_t inner = l.out.height * l.out.width;
            for (std::size_t b = 0; b < batch; ++b) {
                for (std::size_t c = 0; c < l.out.channels; ++c) {
                    if (alive[i][c]) continue;
                    const float* plane = watched + (b * l.out.channels + c) * inner;
                    for (std::size_t p = 0; p < inner; ++p) {
                        if (activation ? plane[p] > 0.0f : plane[p] != 0.0f) {
                            alive[i][c] = 1;
                            break;
                        }
                    }
                }
            }
        }
    }
    r.loss = loss_sum / static_cast<double>(count);
    r.accuracy = static_cast<double>(correct) / static_cast<double>(count);
    for (std::size_t i = 0; with_layer_statistics && i < layers.size(); ++i) {
        layer_metrics m;
        m.name = layers[i].name;
        m.units = layers[i].out.channels;
        fill_layer_stats(m, stats[i], layers[i].out.size() * count);
        for (std::uint8_t a : alive[i]) m.dead_units += (a == 0);
        r.layers.push_back(m);
    }
    r.ok = true;
    return r;
}

void trainer::predict_floats(const float* image, float* probabilities) {
    std::copy(image, image + net_->input_size(), net_->input());
    net_->forward(1, false);
    // The loss needs a label; class 0 stands in, only the probabilities are used.
    const std::uint8_t dummy_label = 0;
    net_->loss_forward(&dummy_label, 1);
    std::copy(net_->probabilities(), net_->probabilities() + net_->classes(), probabilities);
}

void trainer::predict(const std::uint8_t* image, float* probabilities) {
    for (std::size_t i = 0; i < net_->input_size(); ++i) scratch_image_[i] = image[i] * (1.0f / 255.0f);
    predict_floats(scratch_image_.data(), probabilities);
}

}  // namespace relu_lab
