// Replays the committed fuzz corpora (tests/fuzz/corpus/<target>/*) through each fuzz
// target's entry point, without libFuzzer, in the normal test builds: natively, and as
// wasm under Node, where size_t is 32 bits and a size that wraps aborts the module (the
// libFuzzer runs are native, 64-bit, and cannot see that). Each target's source is
// compiled with LLVMFuzzerTestOneInput renamed to <target>_test_one_input
// (tests/fuzz/replay.cmake), so one program holds them all.
//
// Usage: fuzz_replay CORPUS_DIR. Prints the inputs replayed per target; exits non-zero
// when a target's folder is missing or empty (a replay of nothing proves nothing). An
// input that crashes a target ends the program there (trap or abort), naming the file.
#include <dirent.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#define RELU_LAB_REPLAY_TARGET(name) extern "C" int name##_test_one_input(const std::uint8_t* data, std::size_t size);
RELU_LAB_REPLAY_TARGET(fuzz_idx_reader)
RELU_LAB_REPLAY_TARGET(fuzz_model_file)
RELU_LAB_REPLAY_TARGET(fuzz_config_json)
RELU_LAB_REPLAY_TARGET(fuzz_digit_normalize)
#if defined(RELU_LAB_REPLAY_GUNZIP)
RELU_LAB_REPLAY_TARGET(fuzz_gunzip)
#endif

namespace {

struct replay_target {
    const char* name;
    int (*test_one_input)(const std::uint8_t*, std::size_t);
};

const replay_target targets[] = {
    {"fuzz_idx_reader", fuzz_idx_reader_test_one_input},
    {"fuzz_model_file", fuzz_model_file_test_one_input},
    {"fuzz_config_json", fuzz_config_json_test_one_input},
    {"fuzz_digit_normalize", fuzz_digit_normalize_test_one_input},
#if defined(RELU_LAB_REPLAY_GUNZIP)  // zlib: native builds only (the wasm module never links it)
    {"fuzz_gunzip", fuzz_gunzip_test_one_input},
#endif
};

bool read_file(const std::string& path, std::vector<std::uint8_t>& bytes) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return false;
    bytes.clear();
    std::uint8_t buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.insert(bytes.end(), buffer, buffer + got);
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    return !failed;
}

// The regular files of `dir`, sorted so every run replays in the same order.
bool list_files(const std::string& dir, std::vector<std::string>& names) {
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) return false;
    while (const dirent* entry = readdir(d)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..") continue;
        // d_type is not filled in everywhere (Node's file system under Emscripten): ask.
        DIR* sub = opendir((dir + "/" + name).c_str());
        if (sub != nullptr) {
            closedir(sub);
            continue;
        }
        names.push_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    const std::string corpus = argv[1];
    std::size_t total = 0;
    bool every_target_ran = true;
    for (const replay_target& target : targets) {
        const std::string dir = corpus + "/" + target.name;
        std::vector<std::string> names;
        if (!list_files(dir, names)) {
            std::fprintf(stderr, "%s: cannot read %s\n", target.name, dir.c_str());
            every_target_ran = false;
            continue;
        }
        std::size_t replayed = 0;
        std::vector<std::uint8_t> bytes;
        for (const std::string& name : names) {
            const std::string path = dir + "/" + name;
            if (!read_file(path, bytes)) {
                std::fprintf(stderr, "%s: cannot read %s\n", target.name, path.c_str());
                return 1;
            }
            // Named before the call: a crash inside ends the program with this line last.
            std::fprintf(stderr, "%s: %s (%zu bytes)\n", target.name, name.c_str(), bytes.size());
            target.test_one_input(bytes.data(), bytes.size());
            ++replayed;
        }
        std::printf("%s: %zu inputs replayed\n", target.name, replayed);
        if (replayed == 0) every_target_ran = false;
        total += replayed;
    }
    std::printf("fuzz replay: %zu inputs through %zu targets\n", total, sizeof targets / sizeof targets[0]);
    return every_target_ran && total > 0 ? 0 : 1;
}
