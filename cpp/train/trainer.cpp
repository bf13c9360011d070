#include "train/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "kernels/tensor_stats.h"
#include "train/augment_image.h"
#include "train/model_file.h"
#include "train/optimizers.h"

namespace relu_lab {

namespace {

// image_stats_ per layer and image (trainer.h): zeros, sum, sum of squares of the
// output, sum of squares of its gradient, 1 when the output was finite.
constexpr std::size_t stats_per_layer = 5;

// A record is the network's parts, then these floats: the loss (a double's bits in
// two floats), right or not, the fault's layer and kind, then the statistics (doubles).
constexpr std::size_t record_extra_floats = 2 + 1 + 2;

// One rng stream per (step, position in the batch), whichever worker draws from it.
std::uint64_t image_stream(std::uint64_t seed, std::uint64_t step, std::size_t position) {
    return seed ^ (step * 0x9E3779B97F4A7C15ULL) ^ ((position + 1) * 0xC2B2AE3D27D4EB4FULL);
}

float* put_double(float* out, double value) {
    std::memcpy(out, &value, sizeof value);
    return out + 2;
}
const float* get_double(const float* in, double& value) {
    std::memcpy(&value, in, sizeof value);
    return in + 2;
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
    t->augment_seed_ = config.seed ^ 0xA5A5A5A587654321ULL;
    const std::size_t max_batch = config.batch_size, layer_count = t->net_->layers().size();
    t->batch_labels_.assign(max_batch, 0);
    t->image_loss_.assign(max_batch, 0.0);
    t->image_correct_.assign(max_batch, 0);
    t->fault_layer_.assign(max_batch, -1);
    t->fault_kind_.assign(max_batch, divergence_kind::none);
    t->image_stats_.assign(max_batch * layer_count * stats_per_layer, 0.0);
    t->grad_squares_.assign(layer_count, 0.0);
    t->solo_report_.assign(1 + layer_count, 0.0);
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
    t->batch_metrics_ = t->metrics_;
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

void trainer::load_image(std::size_t position) {
    const std::size_t image_size = net_->input_size();
    const std::uint8_t* src = train_pixels_.data() + order_[cursor_ + position] * image_size;
    float* dst = net_->input() + position * image_size;
    const bool augment = config_.augment != augmentation::none;
    float* target = augment ? scratch_image_.data() : dst;
    for (std::size_t i = 0; i < image_size; ++i) target[i] = src[i] * (1.0f / 255.0f);
    if (augment) {
        rng random(image_stream(augment_seed_, step_ + 1, position));
        augment_image(config_.augment, scratch_image_.data(), dst, config_.network.input_height,
                      config_.network.input_width, random, elastic_scratch_);
    }
}

std::size_t trainer::begin_step() {
    batch_ = 0;
    gradient_fault_ = false;
    if (metrics_.divergence.diverged || train_labels_.empty()) return 0;
    if (cursor_ >= order_.size()) {
        // Fisher-Yates with our rng: the same order natively and in wasm.
        for (std::size_t i = order_.size(); i > 1; --i) {
            std::swap(order_[i - 1], order_[shuffle_rng_.below(static_cast<std::uint32_t>(i))]);
        }
        cursor_ = 0;
    }
    batch_ = std::min(config_.batch_size, order_.size() - cursor_);
    for (std::size_t p = 0; p < batch_; ++p) batch_labels_[p] = train_labels_[order_[cursor_ + p]];
    return batch_;
}

bool trainer::batch_ends_epoch() const { return batch_ > 0 && cursor_ + batch_ >= order_.size(); }

void trainer::compute_images(std::size_t first, std::size_t count, bool measure) {
    count = first < batch_ ? std::min(count, batch_ - first) : 0;
    if (count == 0) return;
    for (std::size_t p = first; p < first + count; ++p) load_image(p);
    net_->set_dropout_stream(image_stream(0, step_ + 1, 0));
    net_->forward(first, count, true);
    net_->image_losses(batch_labels_.data(), first, count, image_loss_.data() + first);
    net_->backward_images(batch_labels_.data(), first, count, batch_);
    const std::size_t classes = net_->classes();
    for (std::size_t p = first; p < first + count; ++p) {
        image_correct_[p] = predicted_class(net_->probabilities() + p * classes, classes) == batch_labels_[p];
        fault_layer_[p] = -1;
        fault_kind_[p] = divergence_kind::none;
        if (measure) measure_image(p);
        // What reaches the weights is checked every step; the layer is named only when
        // something went wrong.
        bool finite = std::isfinite(image_loss_[p]) && net_->image_parts_finite(p);
        for (std::size_t i = 0; measure && i < net_->layers().size(); ++i)
            finite = finite && image_stats_[(p * net_->layers().size() + i) * stats_per_layer + 4] != 0.0;
        if (!finite) find_fault(p);
    }
}

// The first NaN or infinity of one image: outputs in forward order, then output and
// parameter gradients in backward order, then the loss.
void trainer::find_fault(std::size_t p) {
    const std::vector<layer_plan>& layers = net_->layers();
    const auto finite = [](const float* v, std::size_t n) { return kernels::measure_tensor(v, n).finite; };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (!finite(net_->output(i) + p * layers[i].out.size(), layers[i].out.size())) {
            fault_layer_[p] = static_cast<std::int32_t>(i);
            fault_kind_[p] = divergence_kind::output;
            return;
        }
    }
    for (std::size_t i = layers.size(); i-- > 0;) {
        if (!finite(net_->output_grad(i) + p * layers[i].out.size(), layers[i].out.size())) {
            fault_layer_[p] = static_cast<std::int32_t>(i);
            fault_kind_[p] = divergence_kind::gradient;
            return;
        }
        const float* g = net_->image_gradient(i, p);
        if (g && !finite(g, layers[i].weights_count + layers[i].bias_count)) {
            fault_layer_[p] = static_cast<std::int32_t>(i);
            fault_kind_[p] = divergence_kind::parameter_gradient;
            return;
        }
    }
    fault_layer_[p] = static_cast<std::int32_t>(layers.size());
    fault_kind_[p] = divergence_kind::loss;
}

void trainer::measure_image(std::size_t p) {
    const std::vector<layer_plan>& layers = net_->layers();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::size_t n = layers[i].out.size();
        const tensor_stats y = kernels::measure_tensor(net_->output(i) + p * n, n);
        const tensor_stats dy = kernels::measure_tensor(net_->output_grad(i) + p * n, n);
        double* s = image_stats_.data() + (p * layers.size() + i) * stats_per_layer;
        s[0] = y.zeros;
        s[1] = y.sum;
        s[2] = y.sum_squares;
        s[3] = dy.sum_squares;
        s[4] = y.finite ? 1.0 : 0.0;
    }
}

std::size_t trainer::record_floats() const {
    return net_->image_part_floats() + record_extra_floats + 2 * stats_per_layer * net_->layers().size();
}

void trainer::write_records(std::size_t first, std::size_t count, float* out) const {
    const std::size_t layer_count = net_->layers().size(), parts = net_->image_part_floats();
    for (std::size_t p = first; p < first + count; ++p) {
        net_->write_image_parts(p, 1, out);
        out += parts;
        out = put_double(out, image_loss_[p]);
        *out++ = image_correct_[p];
        *out++ = static_cast<float>(fault_layer_[p]);
        *out++ = static_cast<float>(static_cast<int>(fault_kind_[p]));
        const double* s = image_stats_.data() + p * layer_count * stats_per_layer;
        for (std::size_t k = 0; k < layer_count * stats_per_layer; ++k) out = put_double(out, s[k]);
    }
}

void trainer::read_records(std::size_t first, std::size_t count, const float* in) {
    const std::size_t layer_count = net_->layers().size(), parts = net_->image_part_floats();
    for (std::size_t p = first; p < first + count && p < batch_; ++p) {
        net_->read_image_parts(p, 1, in);
        in += parts;
        in = get_double(in, image_loss_[p]);
        image_correct_[p] = *in++ != 0.0f;
        fault_layer_[p] = static_cast<std::int32_t>(*in++);
        fault_kind_[p] = static_cast<divergence_kind>(static_cast<int>(*in++));
        double* s = image_stats_.data() + p * layer_count * stats_per_layer;
        for (std::size_t k = 0; k < layer_count * stats_per_layer; ++k) in = get_double(in, s[k]);
    }
}

std::uint32_t trainer::parameters_crc32() const {
    const std::vector<float>& params = net_->params();
    return crc32_bytes(reinterpret_cast<const std::uint8_t*>(params.data()), params.size() * sizeof(float));
}

std::vector<std::uint32_t> trainer::data_position() const {
    std::vector<std::uint32_t> words(5 + order_.size());
    words[0] = static_cast<std::uint32_t>(cursor_);
    shuffle_rng_.save(words.data() + 1);
    std::copy(order_.begin(), order_.end(), words.begin() + 5);
    return words;
}

bool trainer::set_data_position(const std::uint32_t* words, std::size_t count) {
    if (count != 5 + order_.size() || words[0] > order_.size()) return false;
    for (std::size_t i = 5; i < count; ++i)
        if (words[i] >= order_.size()) return false;
    cursor_ = words[0];
    shuffle_rng_.restore(words + 1);
    std::copy(words + 5, words + count, order_.begin());
    return true;
}

void trainer::reduce_range(std::size_t begin, std::size_t end) {
    end = std::min(end, net_->params().size());
    if (batch_ > 0 && begin < end) net_->reduce_gradients(batch_, begin, end);
}

std::size_t trainer::slice_report_size() const { return 1 + net_->layers().size(); }

bool trainer::update_range(std::size_t begin, std::size_t end, double* report) {
    std::fill(report, report + slice_report_size(), 0.0);
    report[0] = 1.0;
    if (batch_ == 0) return false;
    for (std::size_t p = 0; p < batch_; ++p)
        if (fault_layer_[p] >= 0) return false;
    // Finite parts can still sum to infinity: the reduced slice is checked too, tensor by
    // tensor, with the sums of squares the gradient norms need in the same pass.
    end = std::min(end, net_->params().size());
    const std::vector<float>& grads = net_->grads();
    bool finite = true;
    for (const param_tensor& t : net_->param_tensors()) {
        const std::size_t lo = std::max(begin, t.offset), hi = std::min(end, t.offset + t.count);
        if (lo >= hi) continue;
        const tensor_stats s = kernels::measure_tensor(grads.data() + lo, hi - lo);
        finite = finite && s.finite;
        report[1 + t.layer] += s.sum_squares;
    }
    report[0] = finite ? 1.0 : 0.0;
    if (!finite) {
        gradient_fault_ = true;
        return false;
    }
    const float lr = learning_rate();
    std::vector<float>& params = net_->params();
    std::vector<float>& state = net_->optimizer_state();
    const std::size_t state_floats = optimizer_state_floats(config_.optimizer.kind);
    for (const param_tensor& t : net_->param_tensors()) {
        const std::size_t lo = std::max(begin, t.offset), hi = std::min(end, t.offset + t.count);
        if (lo >= hi) continue;
        optimizer_update(config_.optimizer, lr, step_ + 1, t.weight_decay && config_.optimizer.weight_decay != 0.0f,
                         params.data() + lo, grads.data() + lo,
                         state.data() + t.offset * state_floats + (lo - t.offset), hi - lo, t.count);
    }
    return true;
}

bool trainer::take_slice_reports(const double* reports, std::size_t members) {
    std::fill(grad_squares_.begin(), grad_squares_.end(), 0.0);
    bool finite = true;
    for (std::size_t m = 0; m < members; ++m) {
        const double* r = reports + m * slice_report_size();
        finite = finite && r[0] != 0.0;
        for (std::size_t i = 0; i < grad_squares_.size(); ++i) grad_squares_[i] += r[1 + i];
    }
    if (!finite) gradient_fault_ = true;
    for (std::size_t p = 0; p < batch_; ++p) finite = finite && fault_layer_[p] < 0;
    return finite && batch_ > 0;
}

bool trainer::apply_update() {
    std::vector<double>& report = solo_report_;
    const bool updated = update_range(0, net_->params().size(), report.data());
    return take_slice_reports(report.data(), 1) && updated;  // both false on a bad step
}

void trainer::read_optimizer_state(std::size_t begin, std::size_t end, float* out) const {
    const std::size_t per = optimizer_state_floats(config_.optimizer.kind);
    const std::vector<float>& state = net_->optimizer_state();
    for (const param_tensor& t : net_->param_tensors()) {
        const std::size_t lo = std::max(begin, t.offset), hi = std::min(end, t.offset + t.count);
        for (std::size_t k = 0; k < per && lo < hi; ++k) {
            const float* from = state.data() + t.offset * per + k * t.count + (lo - t.offset);
            out = std::copy(from, from + (hi - lo), out);
        }
    }
}

void trainer::write_optimizer_state(std::size_t begin, std::size_t end, const float* in) {
    const std::size_t per = optimizer_state_floats(config_.optimizer.kind);
    std::vector<float>& state = net_->optimizer_state();
    for (const param_tensor& t : net_->param_tensors()) {
        const std::size_t lo = std::max(begin, t.offset), hi = std::min(end, t.offset + t.count);
        for (std::size_t k = 0; k < per && lo < hi; ++k) {
            std::copy(in, in + (hi - lo), state.data() + t.offset * per + k * t.count + (lo - t.offset));
            in += hi - lo;
        }
    }
}

// Names where the step went wrong, in the learner's words; the weights stay as they were.
void trainer::fail_step(step_metrics& m) {
    const std::vector<layer_plan>& layers = net_->layers();
    divergence_report& d = metrics_.divergence;
    d.diverged = true;
    d.step = step_ + 1;
    d.layer = "loss";
    d.kind = divergence_kind::loss;
    for (std::size_t p = 0; p < batch_; ++p) {
        if (fault_layer_[p] < 0) continue;
        const std::size_t l = static_cast<std::size_t>(fault_layer_[p]);
        d.layer = l < layers.size() ? layers[l].name : "loss";
        d.kind = fault_kind_[p];
        break;
    }
    if (gradient_fault_ && d.kind == divergence_kind::loss) {
        for (const param_tensor& t : net_->param_tensors()) {
            if (kernels::measure_tensor(net_->grads().data() + t.offset, t.count).finite) continue;
            d.layer = layers[t.layer].name;
            d.kind = divergence_kind::parameter_gradient;
            break;
        }
    }
    learner_error e = make_error(divergence_error_code(d.kind),
                                 {number_param("step", static_cast<double>(d.step)), text_param("layer", d.layer)});
    d.message = std::move(e.message);
    d.code = std::move(e.code);
    d.params = std::move(e.params);
    m.ok = false;
    m.divergence = d;
    double loss = 0.0;
    for (std::size_t p = 0; p < batch_; ++p) loss += image_loss_[p];
    m.loss = batch_ ? loss / static_cast<double>(batch_) : 0.0;
}

const step_metrics& trainer::finish_step(bool measured) {
    step_metrics& m = batch_metrics_;
    m.images = 0;
    m.loss = 0.0;
    m.accuracy = 0.0;
    m.images_per_s = 0.0;
    if (metrics_.divergence.diverged) {
        m.ok = false;
        m.divergence = metrics_.divergence;
        return m;
    }
    if (batch_ == 0) {
        m.ok = false;
        if (m.error.empty()) set_error(m, make_error("train.no_data"));
        return m;
    }
    bool fault = gradient_fault_;
    for (std::size_t p = 0; p < batch_; ++p) fault = fault || fault_layer_[p] >= 0;
    if (fault) {
        fail_step(m);
        return m;
    }
    double loss_sum = 0.0;
    std::size_t correct = 0;
    for (std::size_t p = 0; p < batch_; ++p) {
        loss_sum += image_loss_[p];
        correct += image_correct_[p];
    }
    ++step_;
    cursor_ += batch_;
    if (cursor_ >= order_.size()) ++epoch_;
    m.ok = true;
    m.step = step_;
    m.epoch = epoch_;
    m.images = batch_;
    m.loss = loss_sum / static_cast<double>(batch_);
    m.accuracy = static_cast<double>(correct) / static_cast<double>(batch_);
    m.learning_rate = learning_rate();
    if (measured) {
        const std::vector<layer_plan>& layers = net_->layers();
        for (std::size_t i = 0; i < layers.size(); ++i) {
            tensor_stats y;
            double dy_sq = 0.0;
            for (std::size_t p = 0; p < batch_; ++p) {
                const double* s = image_stats_.data() + (p * layers.size() + i) * stats_per_layer;
                y.zeros += static_cast<std::size_t>(s[0]);
                y.sum += s[1];
                y.sum_squares += s[2];
                dy_sq += s[3];
            }
            layer_metrics& lm = m.layers[i];
            fill_layer_stats(lm, y, layers[i].out.size() * batch_);
            lm.output_grad_norm = std::sqrt(dy_sq);
            lm.param_grad_norm = std::sqrt(grad_squares_[i]);
        }
    }
    return m;
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
    double loss_sum = 0.0, correct = 0.0;
    for (std::size_t k = 0; k < batches; ++k) {
        // The page charts the statistics of a call's last batch.
        const bool measure = k + 1 == batches;
        const std::size_t batch = begin_step();
        compute_images(0, batch, measure);
        reduce_range(0, net_->params().size());
        apply_update();
        const step_metrics& b = finish_step(measure);
        if (!b.ok) {
            m.ok = false;
            m.loss = b.loss;
            return m;
        }
        if (measure) m.layers = b.layers;
        loss_sum += b.loss * static_cast<double>(b.images);
        correct += b.accuracy * static_cast<double>(b.images);
        m.images += b.images;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.ok = true;
    m.step = step_;
    m.epoch = epoch_;
    m.loss = m.images ? loss_sum / m.images : 0.0;
    m.accuracy = m.images ? correct / m.images : 0.0;
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

namespace {
// An evaluation part's layout (trainer.h): [count, loss sum, right, confusion
// (classes x classes), then per layer: zeros, sum, sum of squares, alive per channel].
std::size_t eval_part_size(const network& net, bool with_layer_statistics) {
    std::size_t n = 3 + net.classes() * net.classes();
    for (std::size_t i = 0; with_layer_statistics && i < net.layers().size(); ++i)
        n += 3 + net.layers()[i].out.channels;
    return n;
}
}  // namespace

std::vector<double> trainer::evaluate_part(std::size_t first, std::size_t count, bool with_layer_statistics,
                                           float* probabilities) {
    const std::size_t total = eval_labels_.size();
    first = std::min(first, total);
    count = std::min(count, total - first);
    const std::size_t classes = net_->classes();
    const std::vector<layer_plan>& layers = net_->layers();
    std::vector<double> part(eval_part_size(*net_, with_layer_statistics), 0.0);
    part[0] = static_cast<double>(count);
    double* confusion = part.data() + 3;
    const std::size_t image_size = net_->input_size();
    for (std::size_t start = first; start < first + count; start += config_.batch_size) {
        const std::size_t batch = std::min(config_.batch_size, first + count - start);
        float* input = net_->input();
        for (std::size_t i = 0; i < batch * image_size; ++i) {
            input[i] = eval_pixels_[start * image_size + i] * (1.0f / 255.0f);
        }
        net_->forward(batch, false);
        part[1] += net_->loss_forward(eval_labels_.data() + start, batch) * static_cast<double>(batch);
        const float* probs = net_->probabilities();
        for (std::size_t b = 0; b < batch; ++b) {
            const std::size_t predicted = predicted_class(probs + b * classes, classes);
            const std::size_t truth = eval_labels_[start + b];
            part[2] += (predicted == truth);
            confusion[truth * classes + predicted] += 1;
        }
        if (probabilities != nullptr)
            std::copy(probs, probs + batch * classes, probabilities + (start - first) * classes);
        double* layer_part = confusion + classes * classes;
        for (std::size_t i = 0; with_layer_statistics && i < layers.size(); ++i) {
            const layer_plan& l = layers[i];
            const float* y = net_->output(i);
            const tensor_stats s = kernels::measure_tensor(y, l.out.size() * batch);
            layer_part[0] += static_cast<double>(s.zeros);
            layer_part[1] += s.sum;
            layer_part[2] += s.sum_squares;
            double* alive = layer_part + 3;
            // alive[channel]: an activation layer's channel had some pre-activation > 0
            // (its input, the layer before it); another layer's channel some nonzero output.
            const bool activation = l.type == layer_type::activation;
            const float* watched = activation ? (i > 0 ? net_->output(i - 1) : net_->input()) : y;
            const std::size_t inner = l.out.height * l.out.width;
            for (std::size_t b = 0; b < batch; ++b) {
                for (std::size_t c = 0; c < l.out.channels; ++c) {
                    if (alive[c] != 0.0) continue;
                    const float* plane = watched + (b * l.out.channels + c) * inner;
                    for (std::size_t p = 0; p < inner; ++p) {
                        if (activation ? plane[p] > 0.0f : plane[p] != 0.0f) {
                            alive[c] = 1.0;
                            break;
                        }
                    }
                }
            }
            layer_part += 3 + l.out.channels;
        }
    }
    return part;
}

eval_metrics trainer::evaluate_from_parts(const double* parts, std::size_t size, bool with_layer_statistics) const {
    eval_metrics r;
    const std::size_t classes = net_->classes();
    const std::vector<layer_plan>& layers = net_->layers();
    const std::size_t part_size = eval_part_size(*net_, with_layer_statistics);
    std::vector<double> total(part_size, 0.0);
    for (std::size_t at = 0; at + part_size <= size; at += part_size) {
        for (std::size_t k = 0; k < part_size; ++k) total[k] += parts[at + k];
    }
    const std::size_t count = static_cast<std::size_t>(total[0]);
    if (count == 0) {
        set_error(r, make_error("train.no_eval_data"));
        return r;
    }
    r.classes = classes;
    r.count = count;
    r.loss = total[1] / static_cast<double>(count);
    r.accuracy = total[2] / static_cast<double>(count);
    r.confusion.assign(classes * classes, 0);
    for (std::size_t k = 0; k < classes * classes; ++k) r.confusion[k] = static_cast<std::uint32_t>(total[3 + k]);
    const double* layer_part = total.data() + 3 + classes * classes;
    for (std::size_t i = 0; with_layer_statistics && i < layers.size(); ++i) {
        layer_metrics m;
        m.name = layers[i].name;
        m.units = layers[i].out.channels;
        tensor_stats s;
        s.zeros = static_cast<std::size_t>(layer_part[0]);
        s.sum = layer_part[1];
        s.sum_squares = layer_part[2];
        fill_layer_stats(m, s, layers[i].out.size() * count);
        for (std::size_t c = 0; c < layers[i].out.channels; ++c) m.dead_units += (layer_part[3 + c] == 0.0);
        r.layers.push_back(m);
        layer_part += 3 + layers[i].out.channels;
    }
    r.ok = true;
    return r;
}

eval_metrics trainer::evaluate(bool with_probabilities, bool with_layer_statistics) {
    const std::size_t count = eval_labels_.size();
    if (count == 0) {
        eval_metrics r;
        set_error(r, make_error("train.no_eval_data"));
        return r;
    }
    std::vector<float> probabilities(with_probabilities ? count * net_->classes() : 0);
    const std::vector<double> part =
        evaluate_part(0, count, with_layer_statistics, with_probabilities ? probabilities.data() : nullptr);
    eval_metrics r = evaluate_from_parts(part.data(), part.size(), with_layer_statistics);
    r.probabilities = std::move(probabilities);
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
