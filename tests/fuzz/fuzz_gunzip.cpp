// libFuzzer target: gzip bytes inflated in memory (data/gzip_file.h), as the command-line
// trainer does with the .gz IDX files and model files a learner gives it.
#include <cstddef>
#include <cstdint>

#include "data/gzip_file.h"
#include "data/idx_reader.h"

using namespace relu_lab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const file_bytes_result r = gunzip_bytes(data, size);
    if (!r.ok && r.error.empty()) __builtin_trap();
    if (r.ok) {
        // What comes out goes to the IDX reader next.
        const idx_images_result images = read_idx_images(r.bytes.data(), r.bytes.size());
        (void)images;
    }
    return 0;
}
