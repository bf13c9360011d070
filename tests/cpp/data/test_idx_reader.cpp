#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "data/idx_reader.h"

using namespace relu_lab;

namespace {

using bytes = std::vector<std::uint8_t>;

void push_be32(bytes& out, std::uint32_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 24));
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

// An IDX file written by hand, independently of write_idx_*: magic bytes, dims, payload.
bytes idx_file(std::uint8_t type, const std::vector<std::uint32_t>& dims, std::size_t payload_bytes,
               std::uint8_t fill = 7) {
    bytes out = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
    for (std::uint32_t d : dims) push_be32(out, d);
    out.insert(out.end(), payload_bytes, fill);
    return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("idx: a valid hand-written images file and labels file are read") {
    // 2 images of 3 x 4: header 16 bytes + 2 * 3 * 4 = 24 pixel bytes.
    bytes images = idx_file(0x08, {2, 3, 4}, 0);
    for (int i = 0; i < 24; ++i) images.push_back(static_cast<std::uint8_t>(i * 10));
    REQUIRE(images.size() == 40);
    const idx_images_result read = read_idx_images(images.data(), images.size());
    REQUIRE(read.ok);
    CHECK(read.error.empty());
    CHECK(read.count == 2);
    CHECK(read.rows == 3);
    CHECK(read.cols == 4);
    REQUIRE(read.pixels.size() == 24);
    CHECK(read.pixels[0] == 0);
    CHECK(read.pixels[23] == 230);

    bytes labels = idx_file(0x08, {2}, 0);
    labels.push_back(9);
    labels.push_back(0);
    const idx_dataset_result both = read_idx_dataset(images.data(), images.size(), labels.data(), labels.size());
    REQUIRE(both.ok);
    CHECK(both.dataset.count == 2);
    CHECK(both.dataset.labels == bytes{9, 0});
}

TEST_CASE("idx: check_idx_dataset checks like read_idx_dataset without copying the elements") {
    bytes images = idx_file(0x08, {2, 3, 4}, 24);
    bytes labels = idx_file(0x08, {2}, 0);
    labels.push_back(9);
    labels.push_back(0);
    const idx_dataset_result checked = check_idx_dataset(images.data(), images.size(), labels.data(), labels.size());
    REQUIRE(checked.ok);
    CHECK(checked.dataset.count == 2);
    CHECK(checked.dataset.rows == 3);
    CHECK(checked.dataset.cols == 4);
    CHECK(checked.dataset.pixels.empty());
    CHECK(checked.dataset.labels.empty());
    // The elements start right after the headers the constants name.
    CHECK(images.size() - idx_images_header_bytes == 2 * 3 * 4);
    CHECK(labels.size() - idx_labels_header_bytes == 2);

    // The same refusals, code for code: a bad label, cut-off labels, cut-off images.
    labels.back() = 10;
    CHECK(check_idx_dataset(images.data(), images.size(), labels.data(), labels.size()).code == "idx.labels.bad_label");
    labels.pop_back();
    CHECK(check_idx_dataset(images.data(), images.size(), labels.data(), labels.size()).code ==
          read_idx_dataset(images.data(), images.size(), labels.data(), labels.size()).code);
    CHECK(check_idx_dataset(images.data(), images.size() - 1, labels.data(), labels.size()).code ==
          "idx.images.cut_off");
}

TEST_CASE("idx: a count larger than 16 bits is read big-endian") {
    // 0x00010002 = 65538 labels; little-endian reading would give 0x02000100.
    const bytes labels = idx_file(0x08, {65538}, 65538, 3);
    const idx_labels_result read = read_idx_labels(labels.data(), labels.size());
    REQUIRE(read.ok);
    CHECK(read.labels.size() == 65538);
}

TEST_CASE("idx: every kind of corrupt file is refused with a message") {
    const bytes good_images = idx_file(0x08, {2, 3, 4}, 24);
    const bytes good_labels = idx_file(0x08, {2}, 2, 1);
    REQUIRE(read_idx_images(good_images.data(), good_images.size()).ok);
    REQUIRE(read_idx_labels(good_labels.data(), good_labels.size()).ok);

    SUBCASE("empty") {
        const idx_images_result r = read_idx_images(nullptr, 0);
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "empty"));
        CHECK_FALSE(read_idx_labels(good_labels.data(), 0).ok);
    }
    SUBCASE("shorter than the 4 magic bytes") {
        const idx_images_result r = read_idx_images(good_images.data(), 3);
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "3 bytes"));
    }
    SUBCASE("bad magic: nonzero first bytes") {
        bytes b = good_images;
        b[0] = 0x12;
        const idx_images_result r = read_idx_images(b.data(), b.size());
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "not an IDX file"));
    }
    SUBCASE("still gzip-compressed") {
        const bytes b = {0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0};
        const idx_images_result r = read_idx_images(b.data(), b.size());
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "gzip"));
    }
    SUBCASE("wrong element type: float") {
        const bytes b = idx_file(0x0D, {2, 3, 4}, 96);
        const idx_images_result r = read_idx_images(b.data(), b.size());
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "32-bit float"));
        CHECK(contains(r.error, "0x0d"));
    }
    SUBCASE("labels file given as images and the other way round") {
        const idx_images_result r = read_idx_images(good_labels.data(), good_labels.size());
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "looks like a labels file"));
        const idx_labels_result l = read_idx_labels(good_images.data(), good_images.size());
        CHECK_FALSE(l.ok);
        CHECK(contains(l.error, "looks like an images file"));
    }
    SUBCASE("truncated header") {
        // Magic says 3 dims (needs 16 header bytes); only 10 given.
        const idx_images_result r = read_idx_images(good_images.data(), 10);
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "header"));
    }
    SUBCASE("truncated data") {
        const idx_images_result r = read_idx_images(good_images.data(), good_images.size() - 1);
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "cut off"));
        CHECK(contains(r.error, "2 images of 3 x 4 pixels"));
        const idx_labels_result l = read_idx_labels(good_labels.data(), good_labels.size() - 1);
        CHECK_FALSE(l.ok);
        CHECK(contains(l.error, "cut off"));
    }
    SUBCASE("extra bytes") {
        bytes b = good_images;
        b.push_back(0);
        b.push_back(0);
        const idx_images_result r = read_idx_images(b.data(), b.size());
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "2 unexpected bytes"));
        bytes l = good_labels;
        l.push_back(1);
        CHECK_FALSE(read_idx_labels(l.data(), l.size()).ok);
    }
    SUBCASE("label 10") {
        bytes l = good_labels;
        l.back() = 10;
        const idx_labels_result r = read_idx_labels(l.data(), l.size());
        CHECK_FALSE(r.ok);
        CHECK(contains(r.error, "label 10 at position 1"));
    }
    SUBCASE("zero count, zero rows, zero cols") {
        const bytes no_images = idx_file(0x08, {0, 28, 28}, 0);
        CHECK(contains(read_idx_images(no_images.data(), no_images.size()).error, "no images"));
        const bytes no_rows = idx_file(0x08, {2, 0, 28}, 0);
        CHECK(contains(read_idx_images(no_rows.data(), no_rows.size()).error, "at least 1"));
        const bytes no_cols = idx_file(0x08, {2, 28, 0}, 0);
        CHECK_FALSE(read_idx_images(no_cols.data(), no_cols.size()).ok);
        const bytes no_labels = idx_file(0x08, {0}, 0);
        CHECK(contains(read_idx_labels(no_labels.data(), no_labels.size()).error, "no labels"));
    }
    SUBCASE("huge dims beyond the limits") {
        const bytes wide = idx_file(0x08, {1, 28, 1025}, 0);
        CHECK(contains(read_idx_images(wide.data(), wide.size()).error, "limit is 1024"));
        const bytes many = idx_file(0x08, {10000001, 1, 1}, 0);
        CHECK(contains(read_idx_images(many.data(), many.size()).error, "limit is 10000000"));
        const bytes many_labels = idx_file(0x08, {10000001}, 0);
        CHECK_FALSE(read_idx_labels(many_labels.data(), many_labels.size()).ok);
        // Each dim within its limit, but 10^7 * 1024 * 1024 bytes is far past the byte cap.
        const bytes too_big = idx_file(0x08, {10000000, 1024, 1024}, 0);
        CHECK(contains(read_idx_images(too_big.data(), too_big.size()).error, "bytes of pixels"));
    }
    SUBCASE("dims whose product overflows 32 bits") {
        // 0xFFFFFFFF * 0xFFFFFFFF * 0xFFFFFFFF wraps in any fixed width: refused, not wrapped.
        const bytes b = idx_file(0x08, {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}, 8);
        CHECK_FALSE(read_idx_images(b.data(), b.size()).ok);
        // 65536 * 256 * 256 = 2^32 wraps to 0 in 32-bit size_t (wasm): an empty payload must not pass.
        const bytes wraps = idx_file(0x08, {65536, 256, 256}, 0);
        CHECK_FALSE(read_idx_images(wraps.data(), wraps.size()).ok);
    }
    SUBCASE("count mismatch between images and labels") {
        const bytes three_labels = idx_file(0x08, {3}, 3, 1);
        const idx_dataset_result r =
            read_idx_dataset(good_images.data(), good_images.size(), three_labels.data(), three_labels.size());
        CHECK_FALSE(r.ok);
        CHECK(r.error == "The labels file has 3 labels but the images file has 2 images; they must match one to one.");
    }
}

TEST_CASE("idx: writer then reader gives the dataset back") {
    image_dataset original;
    original.count = 3;
    original.rows = 5;
    original.cols = 7;
    for (std::size_t i = 0; i < 3 * 5 * 7; ++i) original.pixels.push_back(static_cast<std::uint8_t>(i * 37 % 256));
    original.labels = {4, 0, 9};
    const bytes images = write_idx_images(original);
    const bytes labels = write_idx_labels(original);
    // The header by hand: 00 00 08 03, then 3, 5, 7 as big-endian uint32.
    REQUIRE(images.size() == 16 + 105);
    CHECK(images[3] == 3);
    CHECK(images[7] == 3);
    CHECK(images[11] == 5);
    CHECK(images[15] == 7);
    REQUIRE(labels.size() == 8 + 3);
    CHECK(labels[3] == 1);

    const idx_dataset_result read = read_idx_dataset(images.data(), images.size(), labels.data(), labels.size());
    REQUIRE(read.ok);
    CHECK(read.dataset.count == 3);
    CHECK(read.dataset.rows == 5);
    CHECK(read.dataset.cols == 7);
    CHECK(read.dataset.pixels == original.pixels);
    CHECK(read.dataset.labels == original.labels);

    image_dataset inconsistent = original;
    inconsistent.labels.push_back(1);
    CHECK(write_idx_images(inconsistent).empty());
    CHECK(write_idx_labels(inconsistent).empty());
}

TEST_CASE("image_dataset helpers: subset, class counts, float conversion") {
    image_dataset d;
    d.count = 3;
    d.rows = 1;
    d.cols = 2;
    d.pixels = {0, 255, 51, 102, 10, 20};
    d.labels = {2, 7, 2};
    CHECK(image_dataset_is_consistent(d));
    const image_dataset s = image_dataset_subset(d, {2, 0, 99});  // 99 is out of range: skipped
    CHECK(s.count == 2);
    CHECK(s.pixels == std::vector<std::uint8_t>{10, 20, 0, 255});
    CHECK(s.labels == std::vector<std::uint8_t>{2, 2});
    const auto counts = image_dataset_class_counts(d);
    CHECK(counts[2] == 2);
    CHECK(counts[7] == 1);
    CHECK(counts[0] == 0);
    float f[2];
    image_dataset_image_to_float(d, 0, f);
    CHECK(f[0] == 0.0f);
    CHECK(f[1] == 1.0f);
    image_dataset_image_to_float(d, 1, f);
    CHECK(f[0] == doctest::Approx(0.2).epsilon(1e-6));  // 51 / 255
    const float back[4] = {0.2f, 1.5f, -1.0f, 0.5f};
    std::uint8_t b[4];
    float_image_to_bytes(back, 4, b);
    CHECK(b[0] == 51);   // 0.2 * 255 = 51
    CHECK(b[1] == 255);  // clamped
    CHECK(b[2] == 0);    // clamped
    CHECK(b[3] == 128);  // 127.5 rounds away from zero
    d.labels[1] = 10;
    CHECK_FALSE(image_dataset_is_consistent(d));
}
