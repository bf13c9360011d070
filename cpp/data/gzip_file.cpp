#include "data/gzip_file.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "util/checked_size.h"

namespace relu_lab {

namespace {

// zlib counts in uInt; feed it at most this much per call so 64-bit sizes are safe.
constexpr std::size_t zlib_chunk_bytes = std::size_t(1) << 30;

bool starts_with_gzip_magic(const std::uint8_t* data, std::size_t size_bytes) {
    return size_bytes >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

}  // namespace

file_bytes_result gunzip_bytes(const std::uint8_t* data, std::size_t size_bytes, std::uint64_t max_bytes) {
    file_bytes_result result;
    result.was_gzip = true;
    if (!starts_with_gzip_magic(data, size_bytes)) {
        result.error = "The data is not gzip-compressed (it does not start with 1f 8b).";
        return result;
    }
    z_stream stream;
    std::memset(&stream, 0, sizeof stream);
    // 15 + 16: the largest window, gzip wrapper only.
    if (inflateInit2(&stream, 15 + 16) != Z_OK) {
        result.error = "zlib could not start inflating.";
        return result;
    }
    std::size_t consumed = 0;
    std::uint8_t buffer[1 << 16];
    int status = Z_OK;
    for (;;) {
        if (stream.avail_in == 0 && consumed < size_bytes) {
            const std::size_t chunk = std::min(size_bytes - consumed, zlib_chunk_bytes);
            stream.next_in = const_cast<Bytef*>(data + consumed);
            stream.avail_in = static_cast<uInt>(chunk);
            consumed += chunk;
        }
        stream.next_out = buffer;
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = sizeof buffer - stream.avail_out;
        std::uint64_t total = 0;
        if (!checked_add(result.bytes.size(), produced, total) || total > max_bytes || !size_fits(total)) {
            result.error = "The gzip data inflates to more than " + std::to_string(max_bytes) + " bytes; refusing it.";
            break;
        }
        result.bytes.insert(result.bytes.end(), buffer, buffer + produced);
        if (status == Z_STREAM_END) {
            // Another gzip member may follow (as `cat a.gz b.gz` makes); gunzip reads on.
            const std::size_t remaining = stream.avail_in + (size_bytes - consumed);
            if (remaining == 0) {
                result.ok = true;
                break;
            }
            const std::uint8_t* next = data + (size_bytes - remaining);
            if (!starts_with_gzip_magic(next, remaining)) {
                result.error =
                    "The gzip data is followed by " + std::to_string(remaining) + " bytes that are not gzip.";
                break;
            }
            inflateReset(&stream);
            continue;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0 && consumed == size_bytes) {
            result.error = "The gzip data is cut off before its end.";
            break;
        }
        if (status != Z_OK && status != Z_BUF_ERROR) {
            result.error = std::string("The gzip data is corrupt (zlib: ") +
                           (stream.msg != nullptr ? stream.msg : "unknown error") + ").";
            break;
        }
    }
    inflateEnd(&stream);
    if (!result.ok) result.bytes.clear();
    return result;
}

std::vector<std::uint8_t> gzip_bytes(const std::uint8_t* data, std::size_t size_bytes, int level) {
    std::vector<std::uint8_t> out;
    z_stream stream;
    std::memset(&stream, 0, sizeof stream);
    if (level < 0 || level > 9) level = 9;
    // 15 + 16: gzip wrapper. Without deflateSetHeader zlib writes modification time 0
    // and no file name, so the output depends only on the input bytes and the level.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return out;
    std::size_t consumed = 0;
    std::uint8_t buffer[1 << 16];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        if (stream.avail_in == 0 && consumed < size_bytes) {
            const std::size_t chunk = std::min(size_bytes - consumed, zlib_chunk_bytes);
            stream.next_in = const_cast<Bytef*>(data + consumed);
            stream.avail_in = static_cast<uInt>(chunk);
            consumed += chunk;
        }
        const int flush = consumed == size_bytes ? Z_FINISH : Z_NO_FLUSH;
        stream.next_out = buffer;
        stream.avail_out = sizeof buffer;
        status = deflate(&stream, flush);
        if (status == Z_STREAM_ERROR) {
            out.clear();
            break;
        }
        out.insert(out.end(), buffer, buffer + (sizeof buffer - stream.avail_out));
    }
    deflateEnd(&stream);
    return out;
}

file_bytes_result read_file_maybe_gzip(const std::string& path) {
    file_bytes_result result;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        result.error = "Cannot open " + path + ".";
        return result;
    }
    std::vector<std::uint8_t> raw;
    std::uint8_t buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
        raw.insert(raw.end(), buffer, buffer + got);
        if (raw.size() > gzip_max_inflated_bytes) {
            std::fclose(file);
            result.error = path + " is larger than 2 GiB; refusing it.";
            return result;
        }
    }
    const bool read_error = std::ferror(file) != 0;
    std::fclose(file);
    if (read_error) {
        result.error = "Reading " + path + " failed.";
        return result;
    }
    if (!starts_with_gzip_magic(raw.data(), raw.size())) {
        result.bytes = std::move(raw);
        result.ok = true;
        return result;
    }
    result = gunzip_bytes(raw.data(), raw.size());
    if (!result.ok) result.error = path + ": " + result.error;
    return result;
}

file_write_result write_gzip_file(const std::string& path, const std::uint8_t* data, std::size_t size_bytes,
                                  int level) {
    file_write_result result;
    const std::vector<std::uint8_t> compressed = gzip_bytes(data, size_bytes, level);
    if (compressed.empty()) {
        result.error = "zlib failed to compress the data for " + path + ".";
        return result;
    }
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
        result.error = "Cannot create " + path + ".";
        return result;
    }
    const bool written = std::fwrite(compressed.data(), 1, compressed.size(), file) == compressed.size();
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        result.error = "Writing " + path + " failed.";
        return result;
    }
    result.ok = true;
    return result;
}

}  // namespace relu_lab
