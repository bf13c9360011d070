// relu-lab-train: trains a preset network natively on the bundled digits (default)
// or on IDX files, prints per-epoch metrics, evaluates and saves model files.
// Run with --help for the flags. Exit codes: 0 ok, 1 failure (data, divergence, file), 2 bad flags.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "data/bundled_digits.h"
#include "data/gzip_file.h"
#include "data/idx_reader.h"
#include "kernels/kernel_path.h"
#include "train/config_json.h"
#include "train/model_file.h"
#include "train/trainer.h"

#ifndef RELU_LAB_DIGITS_DIR
#define RELU_LAB_DIGITS_DIR "web/data/digits"
#endif

using namespace relu_lab;

namespace {

const char* help_text =
    "Usage: relu-lab-train [flags]\n"
    "Trains a small network on handwritten digits and reports its accuracy.\n"
    "\n"
    "  --preset NAME          seed-keras (default), small or deep-mlp\n"
    "  --config FILE          the network and training settings as JSON (the page's format,\n"
    "                         cpp/train/config_json.h) instead of a preset; --seed, --lr,\n"
    "                         --lr-decay, --batch and --augment override it when given\n"
    "  --epochs N             epochs to train (default 15; 0 with --load: evaluate only)\n"
    "  --seed N               seed for weights, shuffling and augmentation (default 1)\n"
    "  --depth N, --width N, --activation NAME\n"
    "                         deep-mlp only: hidden layers (default 8), units each (64), activation (relu)\n"
    "  --lr X                 learning rate (default: the preset's)\n"
    "  --lr-decay X           learning rate multiplied by X after every epoch (default 0.85)\n"
    "  --batch N              batch size (default: the preset's)\n"
    "  --augment MODE         what happens to each training image: none, shifts (random shifts\n"
    "                         and rotations, the default) or elastic (elastic distortions);\n"
    "                         on and off are shifts and none\n"
    "  --digits-dir DIR       folder of the bundled digits (default " RELU_LAB_DIGITS_DIR ")\n"
    "  --train-idx IMAGES LABELS  train on IDX files (.gz or not) instead of the bundled digits\n"
    "  --eval-idx IMAGES LABELS   evaluate on IDX files after training\n"
    "  --save FILE            write the trained model (architecture, weights, optimizer state)\n"
    "  --load FILE            start from a saved model instead of a preset\n"
    "  --json                 one JSON object per line instead of text\n"
    "  --help                 this text\n";

struct options {
    std::string preset = "seed-keras";
    long epochs = 15;
    unsigned long long seed = 1;
    float lr = 0.0f;  // 0: the preset's
    float lr_decay = 0.85f;
    long batch = 0;  // 0: the preset's
    augmentation augment = augmentation::shifts_rotations;
    bool json = false;
    std::string digits_dir = RELU_LAB_DIGITS_DIR;
    std::string train_images, train_labels, eval_images, eval_labels;
    std::string save_path, load_path, config_path;
    bool preset_given = false, seed_given = false, lr_decay_given = false, augment_given = false;
    long depth = 8, width = 64;
    std::string activation = "relu";
};

int usage_error(const std::string& message) {
    std::fprintf(stderr, "relu-lab-train: %s\nRun relu-lab-train --help for the list of flags.\n", message.c_str());
    return 2;
}

bool parse_long(const char* text, long min, long max, long& out) {
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < min || v > max) return false;
    out = v;
    return true;
}

bool parse_float(const char* text, float& out) {
    char* end = nullptr;
    const float v = std::strtof(text, &end);
    if (end == text || *end != '\0' || !(v > 0.0f) || v > 1e6f) return false;
    out = v;
    return true;
}

// 0 parsed, 1 --help, 2 bad flags (message printed).
int parse_options(int argc, char** argv, options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        auto need = [&](int count) { return i + count < argc; };
        if (flag == "--help" || flag == "-h") return 1;
        if (flag == "--json") {
            o.json = true;
            continue;
        }
        if (flag == "--train-idx" || flag == "--eval-idx") {
            if (!need(2)) return usage_error(flag + " needs two files: IMAGES LABELS.");
            (flag == "--train-idx" ? o.train_images : o.eval_images) = argv[i + 1];
            (flag == "--train-idx" ? o.train_labels : o.eval_labels) = argv[i + 2];
            i += 2;
            continue;
        }
        static const char* with_value[] = {"--preset", "--epochs",  "--seed",       "--lr",        "--lr-decay",
                                           "--batch",  "--augment", "--digits-dir", "--save",      "--load",
                                           "--config", "--depth",   "--width",      "--activation"};
        bool known = false;
        for (const char* f : with_value) known = known || flag == f;
        if (!known) return usage_error("unknown flag '" + flag + "'.");
        if (!need(1)) return usage_error(flag + " needs a value.");
        const char* value = argv[++i];
        long n = 0;
        if (flag == "--preset") {
            o.preset = value;
            o.preset_given = true;
        } else if (flag == "--config") {
            o.config_path = value;
        } else if (flag == "--epochs") {
            if (!parse_long(value, 0, 10000, n)) return usage_error("--epochs needs a whole number from 0 to 10000.");
            o.epochs = n;
        } else if (flag == "--seed") {
            if (!parse_long(value, 0, static_cast<long>(max_seed), n))
                return usage_error("--seed needs a whole number from 0 to " + std::to_string(max_seed) + ".");
            o.seed = static_cast<unsigned long long>(n);
            o.seed_given = true;
        } else if (flag == "--lr") {
            if (!parse_float(value, o.lr)) return usage_error("--lr needs a positive number, e.g. 0.001.");
        } else if (flag == "--lr-decay") {
            if (!parse_float(value, o.lr_decay) || o.lr_decay > 1.0f)
                return usage_error("--lr-decay needs a number in (0, 1].");
            o.lr_decay_given = true;
        } else if (flag == "--batch") {
            if (!parse_long(value, 1, 4096, n)) return usage_error("--batch needs a whole number from 1 to 4096.");
            o.batch = n;
        } else if (flag == "--augment") {
            const std::string v = value;
            // The config's names work too; on and off are what the flag took before elastic.
            if (v == "shifts" || v == "on") o.augment = augmentation::shifts_rotations;
            else if (v == "off") o.augment = augmentation::none;
            else if (!parse_augmentation(v, o.augment)) return usage_error("--augment takes none, shifts or elastic.");
            o.augment_given = true;
        } else if (flag == "--depth") {
            if (!parse_long(value, 1, 100, n)) return usage_error("--depth needs a whole number from 1 to 100.");
            o.depth = n;
        } else if (flag == "--width") {
            if (!parse_long(value, 1, 4096, n)) return usage_error("--width needs a whole number from 1 to 4096.");
            o.width = n;
        } else if (flag == "--activation") {
            o.activation = value;
        } else if (flag == "--digits-dir") {
            o.digits_dir = value;
        } else if (flag == "--save") {
            o.save_path = value;
        } else if (flag == "--load") {
            o.load_path = value;
        }
    }
    if (!o.config_path.empty() && (o.preset_given || !o.load_path.empty())) {
        return usage_error("--config replaces --preset and --load; give only one of them.");
    }
    return 0;
}

bool read_idx_pair(const std::string& images, const std::string& labels, image_dataset& out, std::string& error) {
    const file_bytes_result a = read_file_maybe_gzip(images);
    if (!a.ok) {
        error = a.error;
        return false;
    }
    const file_bytes_result b = read_file_maybe_gzip(labels);
    if (!b.ok) {
        error = b.error;
        return false;
    }
    idx_dataset_result r = read_idx_dataset(a.bytes.data(), a.bytes.size(), b.bytes.data(), b.bytes.size());
    if (!r.ok) {
        error = images + ", " + labels + ": " + r.error;
        return false;
    }
    out = std::move(r.dataset);
    return true;
}

void print_eval(const options& o, const eval_metrics& e) {
    if (o.json) {
        std::printf("{\"eval_acc\":%.6f,\"eval_count\":%zu}\n", e.accuracy, e.count);
    } else {
        std::printf("evaluation: accuracy %.2f %% on %zu images, loss %.4f\n", 100.0 * e.accuracy, e.count, e.loss);
    }
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    const int parsed = parse_options(argc, argv, o);
    if (parsed == 1) {
        std::fputs(help_text, stdout);
        return 0;
    }
    if (parsed != 0) return parsed;

    // The network: from a model file or a preset.
    std::unique_ptr<trainer> t;
    if (!o.load_path.empty()) {
        const file_bytes_result bytes = read_file_maybe_gzip(o.load_path);
        if (!bytes.ok) {
            std::fprintf(stderr, "relu-lab-train: %s\n", bytes.error.c_str());
            return 1;
        }
        model_load_result loaded = load_model(bytes.bytes.data(), bytes.bytes.size());
        if (!loaded.ok) {
            std::fprintf(stderr, "relu-lab-train: %s: %s\n", o.load_path.c_str(), loaded.error.c_str());
            return 1;
        }
        t = std::move(loaded.instance);
    } else if (!o.config_path.empty()) {
        const file_bytes_result bytes = read_file_maybe_gzip(o.config_path);
        if (!bytes.ok) {
            std::fprintf(stderr, "relu-lab-train: %s\n", bytes.error.c_str());
            return 1;
        }
        config_json_result from_file = config_from_json(std::string(bytes.bytes.begin(), bytes.bytes.end()));
        if (!from_file.ok) return usage_error(o.config_path + ": " + from_file.error);
        trainer_config& config = from_file.config;
        if (o.seed_given) config.seed = o.seed;
        if (o.augment_given) config.augment = o.augment;
        if (o.lr_decay_given) config.learning_rate_decay = o.lr_decay;
        if (o.lr > 0.0f) config.optimizer.learning_rate = o.lr;
        if (o.batch > 0) config.batch_size = static_cast<std::size_t>(o.batch);
        trainer_create_result created = trainer::create(config);
        if (!created.ok) return usage_error(o.config_path + ": " + created.error);
        t = std::move(created.instance);
        o.preset = o.config_path;  // names the network in the report
    } else {
        preset_result preset = preset_config(o.preset);
        if (!preset.ok) return usage_error(preset.error);
        trainer_config config = preset.config;
        if (o.preset == "deep-mlp") {
            config =
                deep_mlp_config(static_cast<std::size_t>(o.depth), static_cast<std::size_t>(o.width), o.activation);
        }
        config.seed = o.seed;
        config.augment = o.augment;
        config.learning_rate_decay = o.lr_decay;
        if (o.lr > 0.0f) config.optimizer.learning_rate = o.lr;
        if (o.batch > 0) config.batch_size = static_cast<std::size_t>(o.batch);
        trainer_create_result created = trainer::create(config);
        if (!created.ok) return usage_error(created.error);  // the flags made a network that cannot be built
        t = std::move(created.instance);
    }

    // The data.
    image_dataset train_set, test_set, eval_set;
    bool have_test = false;
    std::string error;
    if (!o.train_images.empty()) {
        if (!read_idx_pair(o.train_images, o.train_labels, train_set, error)) {
            std::fprintf(stderr, "relu-lab-train: %s\n", error.c_str());
            return 1;
        }
    } else if (o.epochs > 0 || o.eval_images.empty()) {
        image_dataset all;
        if (!read_idx_pair(o.digits_dir + "/digits-images.idx3-ubyte.gz", o.digits_dir + "/digits-labels.idx1-ubyte.gz",
                           all, error)) {
            std::fprintf(stderr, "relu-lab-train: %s\n(use --digits-dir DIR or --train-idx IMAGES LABELS)\n",
                         error.c_str());
            return 1;
        }
        dataset_split split = split_bundled_digits(all);
        if (!split.ok) {
            std::fprintf(stderr, "relu-lab-train: %s\n", split.error.c_str());
            return 1;
        }
        train_set = std::move(split.train);
        test_set = std::move(split.test);
        have_test = true;
    }
    if (!o.eval_images.empty() && !read_idx_pair(o.eval_images, o.eval_labels, eval_set, error)) {
        std::fprintf(stderr, "relu-lab-train: %s\n", error.c_str());
        return 1;
    }
    if (!have_test && !o.eval_images.empty()) {
        test_set = eval_set;
        have_test = true;
    }

    if (train_set.count > 0) {
        error = t->set_training_data(train_set.pixels.data(), train_set.labels.data(), train_set.count, train_set.rows,
                                     train_set.cols)
                    .message;
        if (!error.empty()) {
            std::fprintf(stderr, "relu-lab-train: training data: %s\n", error.c_str());
            return 1;
        }
    }
    if (have_test) {
        error = t->set_eval_data(test_set.pixels.data(), test_set.labels.data(), test_set.count, test_set.rows,
                                 test_set.cols)
                    .message;
        if (!error.empty()) {
            std::fprintf(stderr, "relu-lab-train: test data: %s\n", error.c_str());
            return 1;
        }
    }
    if (!o.json) {
        std::printf("%s: %zu parameters, %.2f MFLOP per image per step, %s kernels, %zu training images\n",
                    o.load_path.empty() ? o.preset.c_str() : o.load_path.c_str(), t->net().params().size(),
                    t->net().flops_per_image() / 1e6, kernel_build_name(), train_set.count);
    }

    for (long epoch = 0; epoch < o.epochs; ++epoch) {
        const epoch_metrics e = t->train_epoch();
        if (!e.ok) {
            std::fprintf(stderr, "relu-lab-train: %s\n", e.divergence.message.c_str());
            return 1;
        }
        double test_acc = -1.0;
        if (have_test) test_acc = t->evaluate().accuracy;
        const double gflops = e.images_per_s * t->net().flops_per_image() / 1e9;
        if (o.json) {
            std::printf("{\"epoch\":%zu,\"loss\":%.6f,\"train_acc\":%.6f,\"test_acc\":", e.epoch, e.loss,
                        e.train_accuracy);
            if (have_test) std::printf("%.6f", test_acc);
            else std::printf("null");
            std::printf(",\"images_per_s\":%.1f,\"gflops\":%.3f}\n", e.images_per_s, gflops);
        } else {
            std::printf("epoch %3zu  loss %.4f  train %.2f %%", e.epoch, e.loss, 100.0 * e.train_accuracy);
            if (have_test) std::printf("  test %.2f %%", 100.0 * test_acc);
            std::printf("  %.0f images/s  %.2f GFLOP/s\n", e.images_per_s, gflops);
        }
        std::fflush(stdout);
    }

    if (!o.eval_images.empty()) {
        t->set_eval_data(eval_set.pixels.data(), eval_set.labels.data(), eval_set.count, eval_set.rows, eval_set.cols);
        print_eval(o, t->evaluate());
    } else if (o.epochs == 0 && have_test) {
        print_eval(o, t->evaluate());
    }

    if (!o.save_path.empty()) {
        const std::vector<std::uint8_t> bytes = save_model(*t);
        std::FILE* file = std::fopen(o.save_path.c_str(), "wb");
        const bool written = file != nullptr && std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
        if (file != nullptr && std::fclose(file) != 0) file = nullptr;
        if (!written || file == nullptr) {
            std::fprintf(stderr, "relu-lab-train: could not write %s\n", o.save_path.c_str());
            return 1;
        }
        if (!o.json) std::printf("saved %s (%zu bytes)\n", o.save_path.c_str(), bytes.size());
    }
    return 0;
}
