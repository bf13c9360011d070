#include "data/idx_reader.h"

#include <string>

namespace relu_lab {

namespace {

constexpr std::uint8_t idx_type_unsigned_byte = 0x08;

std::string hex_byte(std::uint8_t value) {
    const char* digits = "0123456789abcdef";
    return std::string("0x") + digits[value >> 4] + digits[value & 15];
}

const char* idx_type_name(std::uint8_t type) {
    switch (type) {
        case 0x08: return "unsigned byte";
        case 0x09: return "signed byte";
        case 0x0B: return "16-bit integer";
        case 0x0C: return "32-bit integer";
        case 0x0D: return "32-bit float";
        case 0x0E: return "64-bit float";
        default: return "unknown";
    }
}

std::uint32_t read_be32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           std::uint32_t(p[3]);
}

void write_be32(std::vector<std::uint8_t>& out, std::uint64_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 24));
    out.push_back(static_cast<std::uint8_t>(value >> 16));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

// The header both kinds of file share. `what` names the file in messages ("images file").
struct idx_header {
    bool ok = false;
    std::string error;
    std::uint32_t dims[3] = {0, 0, 0};
    std::size_t header_bytes = 0;
};

idx_header read_header(const std::uint8_t* bytes, std::size_t size_bytes, std::uint8_t expected_dims,
                       const char* what) {
    idx_header header;
    const std::string file = what;
    if (bytes == nullptr || size_bytes == 0) {
        header.error = "The " + file + " is empty.";
        return header;
    }
    if (size_bytes >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) {
        header.error = "The " + file + " is still gzip-compressed (.gz); it must be decompressed first.";
        return header;
    }
    if (size_bytes < 4) {
        header.error = "The " + file + " is only " + std::to_string(size_bytes) +
                       " bytes long; an IDX header needs at least 4.";
        return header;
    }
    if (bytes[0] != 0 || bytes[1] != 0) {
        header.error = "The " + file + " is not an IDX file: it starts with " + hex_byte(bytes[0]) + " " +
                       hex_byte(bytes[1]) + " instead of 0x00 0x00.";
        return header;
    }
    if (bytes[2] != idx_type_unsigned_byte) {
        header.error = "The " + file + " stores " + idx_type_name(bytes[2]) + " values (type " +
                       hex_byte(bytes[2]) + "); only unsigned bytes (type 0x08) are supported.";
        return header;
    }
    const std::uint8_t dims = bytes[3];
    if (dims != expected_dims) {
        header.error = "The " + file + " has " + std::to_string(dims) + " dimension" + (dims == 1 ? "" : "s") +
                       " but should have " + std::to_string(expected_dims) +
                       (expected_dims == 3 ? " (images, rows, columns)" : " (labels)");
        if (expected_dims == 3 && dims == 1) header.error += "; it looks like a labels file";
        if (expected_dims == 1 && dims == 3) header.error += "; it looks like an images file";
        header.error += ".";
        return header;
    }
    header.header_bytes = 4 + 4 * std::size_t(dims);
    if (size_bytes < header.header_bytes) {
        header.error = "The " + file + " is cut off inside its header: " + std::to_string(size_bytes) +
                       " bytes, but the header alone is " + std::to_string(header.header_bytes) + ".";
        return header;
    }
    for (std::size_t d = 0; d < dims; ++d) header.dims[d] = read_be32(bytes + 4 + 4 * d);
    header.ok = true;
    return header;
}

// The exact file length, in 64-bit arithmetic (size_t is 32 bits in wasm). `promise`
// says in words what the header announced, for the message.
bool check_length(std::uint64_t payload_bytes, std::size_t header_bytes, std::size_t size_bytes,
                  const std::string& file, const std::string& promise, std::string& error) {
    const std::uint64_t expected = payload_bytes + header_bytes;
    if (size_bytes < expected) {
        error = "The " + file + " is cut off: its header promises " + promise + " (" +
                std::to_string(expected) + " bytes with the header), but it has only " +
                std::to_string(size_bytes) + " bytes.";
        return false;
    }
    if (size_bytes > expected) {
        error = "The " + file + " has " + std::to_string(size_bytes - expected) +
                " unexpected bytes after the " + promise + " its header promises.";
        return false;
    }
    return true;
}

}  // namespace

idx_images_result read_idx_images(const std::uint8_t* bytes, std::size_t size_bytes) {
    idx_images_result result;
    const std::string file = "images file";
    idx_header header = read_header(bytes, size_bytes, 3, "images file");
    if (!header.ok) {
        result.error = header.error;
        return result;
    }
    const std::uint64_t count = header.dims[0], rows = header.dims[1], cols = header.dims[2];
    if (count == 0) {
        result.error = "The " + file + " contains no images (its count is 0).";
        return result;
    }
    if (rows == 0 || cols == 0) {
        result.error = "The " + file + " says each image is " + std::to_string(rows) + " x " +
                       std::to_string(cols) + " pixels; both sides must be at least 1.";
        return result;
    }
    if (rows > idx_max_side || cols > idx_max_side) {
        result.error = "The " + file + " says each image is " + std::to_string(rows) + " x " +
                       std::to_string(cols) + " pixels; the limit is " + std::to_string(idx_max_side) +
                       " per side.";
        return result;
    }
    if (count > idx_max_count) {
        result.error = "The " + file + " says it holds " + std::to_string(count) + " images; the limit is " +
                       std::to_string(idx_max_count) + ".";
        return result;
    }
    // count <= 1e7 and rows * cols <= 2^20, so the product stays below 2^44: no overflow in 64 bits.
    const std::uint64_t pixel_bytes = count * rows * cols;
    if (pixel_bytes > idx_max_image_bytes) {
        result.error = "The " + file + " would hold " + std::to_string(pixel_bytes) +
                       " bytes of pixels; the limit is " + std::to_string(idx_max_image_bytes) + ".";
        return result;
    }
    const std::string promise = std::to_string(count) + " images of " + std::to_string(rows) + " x " +
                                std::to_string(cols) + " pixels";
    if (!check_length(pixel_bytes, header.header_bytes, size_bytes, file, promise, result.error)) return result;

    result.count = static_cast<std::size_t>(count);
    result.rows = static_cast<std::size_t>(rows);
    result.cols = static_cast<std::size_t>(cols);
    result.pixels.assign(bytes + header.header_bytes, bytes + size_bytes);
    result.ok = true;
    return result;
}

idx_labels_result read_idx_labels(const std::uint8_t* bytes, std::size_t size_bytes) {
    idx_labels_result result;
    const std::string file = "labels file";
    idx_header header = read_header(bytes, size_bytes, 1, "labels file");
    if (!header.ok) {
        result.error = header.error;
        return result;
    }
    const std::uint64_t count = header.dims[0];
    if (count == 0) {
        result.error = "The " + file + " contains no labels (its count is 0).";
        return result;
    }
    if (count > idx_max_count) {
        result.error = "The " + file + " says it holds " + std::to_string(count) + " labels; the limit is " +
                       std::to_string(idx_max_count) + ".";
        return result;
    }
    if (!check_length(count, header.header_bytes, size_bytes, file, std::to_string(count) + " labels",
                      result.error)) {
        return result;
    }
    const std::uint8_t* labels = bytes + header.header_bytes;
    for (std::size_t i = 0; i < count; ++i) {
        if (labels[i] >= image_class_count) {
            result.error = "The " + file + " has label " + std::to_string(labels[i]) + " at position " +
                           std::to_string(i) + "; labels must be classes 0 to 9.";
            return result;
        }
    }
    result.labels.assign(labels, labels + count);
    result.ok = true;
    return result;
}

idx_dataset_result read_idx_dataset(const std::uint8_t* image_bytes, std::size_t image_size_bytes,
                                    const std::uint8_t* label_bytes, std::size_t label_size_bytes) {
    idx_dataset_result result;
    idx_images_result images = read_idx_images(image_bytes, image_size_bytes);
    if (!images.ok) {
        result.error = images.error;
        return result;
    }
    idx_labels_result labels = read_idx_labels(label_bytes, label_size_bytes);
    if (!labels.ok) {
        result.error = labels.error;
        return result;
    }
    if (labels.labels.size() != images.count) {
        result.error = "The labels file has " + std::to_string(labels.labels.size()) +
                       " labels but the images file has " + std::to_string(images.count) +
                       " images; they must match one to one.";
        return result;
    }
    result.dataset.count = images.count;
    result.dataset.rows = images.rows;
    result.dataset.cols = images.cols;
    result.dataset.pixels = std::move(images.pixels);
    result.dataset.labels = std::move(labels.labels);
    result.ok = true;
    return result;
}

namespace {

// The writers refuse what the readers would refuse, so a written file always reads back.
bool writable(const image_dataset& dataset) {
    return image_dataset_is_consistent(dataset) && dataset.count >= 1 && dataset.count <= idx_max_count &&
           dataset.rows >= 1 && dataset.rows <= idx_max_side && dataset.cols >= 1 &&
           dataset.cols <= idx_max_side && dataset.pixels.size() <= idx_max_image_bytes;
}

}  // namespace

std::vector<std::uint8_t> write_idx_images(const image_dataset& dataset) {
    std::vector<std::uint8_t> out;
    if (!writable(dataset)) return out;
    out.reserve(16 + dataset.pixels.size());
    const std::uint8_t magic[4] = {0, 0, idx_type_unsigned_byte, 3};
    out.insert(out.end(), magic, magic + 4);
    write_be32(out, dataset.count);
    write_be32(out, dataset.rows);
    write_be32(out, dataset.cols);
    out.insert(out.end(), dataset.pixels.begin(), dataset.pixels.end());
    return out;
}

std::vector<std::uint8_t> write_idx_labels(const image_dataset& dataset) {
    std::vector<std::uint8_t> out;
    if (!writable(dataset)) return out;
    out.reserve(8 + dataset.labels.size());
    const std::uint8_t magic[4] = {0, 0, idx_type_unsigned_byte, 1};
    out.insert(out.end(), magic, magic + 4);
    write_be32(out, dataset.count);
    out.insert(out.end(), dataset.labels.begin(), dataset.labels.end());
    return out;
}

}  // namespace relu_lab
