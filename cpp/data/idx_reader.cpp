#include "data/idx_reader.h"

#include <string>

#include "util/checked_size.h"
#include "util/learner_error.h"

namespace relu_lab {

namespace {

constexpr std::uint8_t idx_type_unsigned_byte = 0x08;

std::string hex_byte(std::uint8_t value) {
    const char* digits = "0123456789abcdef";
    return std::string("0x") + digits[value >> 4] + digits[value & 15];
}

// The element types of the IDX format, named for the message (technical terms).
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
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
}

void write_be32(std::vector<std::uint8_t>& out, std::uint64_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 24));
    out.push_back(static_cast<std::uint8_t>(value >> 16));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

// The header both kinds of file share; `images` says which kind is expected, and picks
// the codes (idx.images.* or idx.labels.*), so a translation can name the file.
struct idx_header {
    bool ok = false;
    learner_error error;
    std::uint32_t dims[3] = {0, 0, 0};
    std::size_t header_bytes = 0;
};

idx_header read_header(const std::uint8_t* bytes, std::size_t size_bytes, bool images) {
    idx_header header;
    const std::uint8_t expected_dims = images ? 3 : 1;
    if (bytes == nullptr || size_bytes == 0) {
        header.error = make_error(images ? "idx.images.empty" : "idx.labels.empty");
        return header;
    }
    if (size_bytes >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) {
        header.error = make_error(images ? "idx.images.gzip" : "idx.labels.gzip");
        return header;
    }
    if (size_bytes < 4) {
        header.error = make_error(images ? "idx.images.too_short" : "idx.labels.too_short",
                                  {number_param("bytes", double(size_bytes))});
        return header;
    }
    if (bytes[0] != 0 || bytes[1] != 0) {
        header.error = make_error(images ? "idx.images.bad_magic" : "idx.labels.bad_magic",
                                  {text_param("first", hex_byte(bytes[0])), text_param("second", hex_byte(bytes[1]))});
        return header;
    }
    if (bytes[2] != idx_type_unsigned_byte) {
        header.error =
            make_error(images ? "idx.images.element_type" : "idx.labels.element_type",
                       {text_param("type", hex_byte(bytes[2])), text_param("type_name", idx_type_name(bytes[2]))});
        return header;
    }
    const std::uint8_t dims = bytes[3];
    if (dims != expected_dims) {
        if (images && dims == 1) {
            header.error = make_error("idx.images.looks_like_labels");
        } else if (!images && dims == 3) {
            header.error = make_error("idx.labels.looks_like_images");
        } else {
            header.error =
                make_error(images ? "idx.images.dimensions" : "idx.labels.dimensions", {number_param("dims", dims)});
        }
        return header;
    }
    header.header_bytes = 4 + 4 * std::size_t(dims);
    if (size_bytes < header.header_bytes) {
        header.error = make_error(images ? "idx.images.header_cut" : "idx.labels.header_cut",
                                  {number_param("bytes", double(size_bytes)),
                                   number_param("header_bytes", double(header.header_bytes))});
        return header;
    }
    for (std::size_t d = 0; d < dims; ++d) header.dims[d] = read_be32(bytes + 4 + 4 * d);
    header.ok = true;
    return header;
}

// The readers with and without copying the elements out (check_idx_dataset).
idx_images_result images_from(const std::uint8_t* bytes, std::size_t size_bytes, bool copy_pixels) {
    idx_images_result result;
    idx_header header = read_header(bytes, size_bytes, true);
    if (!header.ok) {
        set_error(result, header.error);
        return result;
    }
    const std::uint64_t count = header.dims[0], rows = header.dims[1], cols = header.dims[2];
    const error_param count_p = number_param("count", double(count)), rows_p = number_param("rows", double(rows)),
                      cols_p = number_param("cols", double(cols));
    if (count == 0) {
        set_error(result, make_error("idx.images.no_images"));
        return result;
    }
    if (rows == 0 || cols == 0) {
        set_error(result, make_error("idx.images.zero_side", {rows_p, cols_p}));
        return result;
    }
    if (rows > idx_max_side || cols > idx_max_side) {
        set_error(result,
                  make_error("idx.images.side_limit", {rows_p, cols_p, number_param("limit", double(idx_max_side))}));
        return result;
    }
    if (count > idx_max_count) {
        set_error(result,
                  make_error("idx.images.count_limit", {count_p, number_param("limit", double(idx_max_count))}));
        return result;
    }
    // In 64 bits, checked: 20857 x 603 x 683 is 2^32 + 1, which a 32-bit size_t (wasm)
    // wraps to 1. (Below 2^44 within the limits above; checked all the same.)
    std::uint64_t side_bytes = 0, pixel_bytes = 0;
    if (!checked_mul(rows, cols, side_bytes) || !checked_mul(count, side_bytes, pixel_bytes) ||
        pixel_bytes > idx_max_image_bytes) {
        set_error(result, make_error("idx.images.bytes_limit",
                                     {number_param("bytes", double(count) * double(rows) * double(cols)),
                                      number_param("limit", double(idx_max_image_bytes))}));
        return result;
    }
    // The exact file length (below 2^31 after the cap above).
    const std::uint64_t expected = pixel_bytes + header.header_bytes;
    if (size_bytes < expected) {
        set_error(result,
                  make_error("idx.images.cut_off", {count_p, rows_p, cols_p, number_param("expected", double(expected)),
                                                    number_param("bytes", double(size_bytes))}));
        return result;
    }
    if (size_bytes > expected) {
        set_error(result, make_error("idx.images.extra_bytes",
                                     {number_param("extra", double(size_bytes - expected)), count_p, rows_p, cols_p}));
        return result;
    }

    result.count = static_cast<std::size_t>(count);
    result.rows = static_cast<std::size_t>(rows);
    result.cols = static_cast<std::size_t>(cols);
    if (copy_pixels) result.pixels.assign(bytes + header.header_bytes, bytes + size_bytes);
    result.ok = true;
    return result;
}

idx_labels_result labels_from(const std::uint8_t* bytes, std::size_t size_bytes, bool copy_labels) {
    idx_labels_result result;
    idx_header header = read_header(bytes, size_bytes, false);
    if (!header.ok) {
        set_error(result, header.error);
        return result;
    }
    const std::uint64_t count = header.dims[0];
    const error_param count_p = number_param("count", double(count));
    if (count == 0) {
        set_error(result, make_error("idx.labels.no_labels"));
        return result;
    }
    if (count > idx_max_count) {
        set_error(result,
                  make_error("idx.labels.count_limit", {count_p, number_param("limit", double(idx_max_count))}));
        return result;
    }
    const std::uint64_t expected = count + header.header_bytes;
    if (size_bytes < expected) {
        set_error(result, make_error("idx.labels.cut_off", {count_p, number_param("expected", double(expected)),
                                                            number_param("bytes", double(size_bytes))}));
        return result;
    }
    if (size_bytes > expected) {
        set_error(result, make_error("idx.labels.extra_bytes",
                                     {number_param("extra", double(size_bytes - expected)), count_p}));
        return result;
    }
    const std::uint8_t* labels = bytes + header.header_bytes;
    for (std::size_t i = 0; i < count; ++i) {
        if (labels[i] >= image_class_count) {
            set_error(result, make_error("idx.labels.bad_label",
                                         {number_param("label", labels[i]), number_param("position", double(i))}));
            return result;
        }
    }
    if (copy_labels) result.labels.assign(labels, labels + count);
    result.count = static_cast<std::size_t>(count);
    result.ok = true;
    return result;
}

idx_dataset_result dataset_from(const std::uint8_t* image_bytes, std::size_t image_size_bytes,
                                const std::uint8_t* label_bytes, std::size_t label_size_bytes, bool copy) {
    idx_dataset_result result;
    idx_images_result images = images_from(image_bytes, image_size_bytes, copy);
    if (!images.ok) {
        set_error(result, error_of(images));
        return result;
    }
    idx_labels_result labels = labels_from(label_bytes, label_size_bytes, copy);
    if (!labels.ok) {
        set_error(result, error_of(labels));
        return result;
    }
    if (labels.count != images.count) {
        set_error(result, make_error("idx.count_mismatch", {number_param("labels", double(labels.count)),
                                                            number_param("images", double(images.count))}));
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

}  // namespace

idx_images_result read_idx_images(const std::uint8_t* bytes, std::size_t size_bytes) {
    return images_from(bytes, size_bytes, true);
}

idx_labels_result read_idx_labels(const std::uint8_t* bytes, std::size_t size_bytes) {
    return labels_from(bytes, size_bytes, true);
}

idx_dataset_result read_idx_dataset(const std::uint8_t* image_bytes, std::size_t image_size_bytes,
                                    const std::uint8_t* label_bytes, std::size_t label_size_bytes) {
    return dataset_from(image_bytes, image_size_bytes, label_bytes, label_size_bytes, true);
}

idx_dataset_result check_idx_dataset(const std::uint8_t* image_bytes, std::size_t image_size_bytes,
                                     const std::uint8_t* label_bytes, std::size_t label_size_bytes) {
    return dataset_from(image_bytes, image_size_bytes, label_bytes, label_size_bytes, false);
}

namespace {

// The writers refuse what the readers would refuse, so a written file always reads back.
bool writable(const image_dataset& dataset) {
    return image_dataset_is_consistent(dataset) && dataset.count >= 1 && dataset.count <= idx_max_count &&
           dataset.rows >= 1 && dataset.rows <= idx_max_side && dataset.cols >= 1 && dataset.cols <= idx_max_side &&
           dataset.pixels.size() <= idx_max_image_bytes;
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
