// Native only (links zlib; the wasm module never does: the page inflates .gz files
// with the browser's DecompressionStream). Reads a file that may or may not be
// gzip-compressed, telling them apart by the gzip magic bytes 1f 8b, and writes gzip
// with no timestamp or file name in the header, so the same bytes give the same file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace relu_lab {

// Inflated data above this is refused: a corrupt or hostile .gz cannot fill memory.
// Counted while inflating: the gzip trailer's ISIZE is only the size mod 2^32, and
// nothing stops it from lying.
constexpr std::uint64_t gzip_max_inflated_bytes = std::uint64_t(1) << 31;

struct file_bytes_result {
    bool ok = false;
    std::string error;  // empty when ok
    bool was_gzip = false;
    std::vector<std::uint8_t> bytes;  // the uncompressed content
};

struct file_write_result {
    bool ok = false;
    std::string error;
};

// The whole file, inflated if it starts with 1f 8b (several concatenated gzip members
// are read as one stream, as gunzip does).
file_bytes_result read_file_maybe_gzip(const std::string& path);

// In memory: inflate gzip bytes (refused past max_bytes, or past what this build can
// address) / deflate to gzip bytes (level 0..9, 9 = smallest).
file_bytes_result gunzip_bytes(const std::uint8_t* data, std::size_t size_bytes,
                               std::uint64_t max_bytes = gzip_max_inflated_bytes);
std::vector<std::uint8_t> gzip_bytes(const std::uint8_t* data, std::size_t size_bytes, int level = 9);

file_write_result write_gzip_file(const std::string& path, const std::uint8_t* data, std::size_t size_bytes,
                                  int level = 9);

}  // namespace relu_lab
