// Refusals carry a stable code and named params (util/learner_error.h); the page
// translates by code. Checked here: the catalog is well-formed, sentences are filled in
// from params, and (natively, where the sources can be read) every code the C++ sources
// use is in the catalog and the English errors.json repeats every catalog text exactly.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>

#include "data/idx_reader.h"
#include "train/model_file.h"
#include "util/learner_error.h"

#if defined(RELU_LAB_SOURCE_DIR)
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#endif

using namespace relu_lab;

TEST_CASE("error catalog: codes are unique, dotted, and every placeholder is closed") {
    std::set<std::string> seen;
    const std::regex code_pattern("^[a-z_]+(\\.[a-z_]+)+$");
    for (const error_text& e : error_catalog()) {
        INFO(e.code);
        CHECK(seen.insert(e.code).second);
        CHECK(std::regex_match(std::string(e.code), code_pattern));
        const std::string text = e.english;
        int open = 0;
        for (char ch : text) {
            if (ch == '{') ++open;
            if (ch == '}') --open;
            CHECK((open == 0 || open == 1));
        }
        CHECK(open == 0);
    }
    CHECK(seen.size() > 90);
}

TEST_CASE("make_error fills the English sentence from the params; numbers print whole or with 6 digits") {
    const learner_error e = make_error("network.batch_size", {number_param("max", 4096), number_param("value", 0)});
    CHECK(e.code == "network.batch_size");
    CHECK(e.message == "The batch size must be between 1 and 4096, not 0.");
    CHECK(make_error("network.dropout_rate", {number_param("layer", 2), number_param("value", 1.5)}).message ==
          "Layer 2: Dropout's rate must be at least 0 and below 1, not 1.5.");
    CHECK(make_error("network.too_large", {number_param("needed_mb", 3000000000.0), number_param("batch", 32),
                                           number_param("limit_mb", 512)})
              .message.find("needs 3000000000 MB") != std::string::npos);
    // A missing param stays visible as its placeholder; an unknown code stands in for its sentence.
    CHECK(make_error("network.batch_size", {number_param("max", 8)}).message ==
          "The batch size must be between 1 and 8, not {value}.");
    CHECK(make_error("no.such_code").message == "no.such_code");
}

TEST_CASE("refusals from the readers and the loader carry their codes and params") {
    const std::uint8_t gz[] = {0x1f, 0x8b, 8, 0};
    const idx_images_result images = read_idx_images(gz, sizeof gz);
    CHECK(images.code == "idx.images.gzip");
    const std::uint8_t labels_file[] = {0, 0, 8, 1, 0, 0, 0, 2, 3, 11};
    const idx_labels_result labels = read_idx_labels(labels_file, sizeof labels_file);
    CHECK(labels.code == "idx.labels.bad_label");
    REQUIRE(labels.params.size() == 2);
    CHECK(labels.params[0].name == "label");
    CHECK(labels.params[0].number == 11);
    CHECK(labels.params[1].number == 1);  // position
    CHECK(labels.error == "The labels file has label 11 at position 1; labels must be classes 0 to 9.");
    const std::uint8_t not_a_model[24] = {'R', 'E', 'L', 'U'};
    CHECK(load_model(not_a_model, sizeof not_a_model).code == "model.bad_magic");
}

#if defined(RELU_LAB_SOURCE_DIR)
namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("every code the C++ sources use is in the catalog, and errors.json has each with the same English text") {
    const std::filesystem::path root = RELU_LAB_SOURCE_DIR;
    // String literals that look like codes, in every source file but the catalog itself.
    const std::regex literal("\"((?:config|network|data|train|idx|model|digit)\\.[a-z_.]+)\"");
    std::set<std::string> used;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "cpp")) {
        const std::string ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
        if (entry.path().filename() == "learner_error.h") continue;
        const std::string text = read_text(entry.path());
        for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) used.insert((*it)[1]);
    }
    CHECK(used.size() > 60);
    for (const std::string& code : used) {
        INFO(code);
        CHECK(find_error_text(code) != nullptr);
    }
    const nlohmann::json english =
        nlohmann::json::parse(read_text(root / "web/i18n/locales/en/errors.json"), nullptr, false);
    REQUIRE(english.is_object());
    for (const error_text& e : error_catalog()) {
        INFO(e.code);
        const auto it = english.find(e.code);
        REQUIRE(it != english.end());
        CHECK(it->get<std::string>() == std::string(e.english));
    }
}
#endif
