// Model files: architecture, weights and optimizer state in one versioned binary blob
// with a checksum. Works on byte buffers (the page has no file system); the CLI reads
// and writes them as files.
//
// Format version 1, all integers and floats little-endian, floats IEEE 754 binary32:
//   offset  size  field
//   0       8     magic "RELULABM"
//   8       4     u32 format version (1)
//   12      4     u32 payload size P in bytes
//   16      P     payload:
//                   u32 input_channels, input_height, input_width, classes, batch_size
//                   u64 seed, u8 augmentation (0 none, 1 shifts and rotations, 2 elastic;
//                      files from before elastic hold 0 or 1 and read as before),
//                   f32 learning_rate_decay
//                   u8 optimizer kind (0 sgd, 1 momentum, 2 adam), f32 learning_rate,
//                      momentum, beta1, beta2, epsilon, weight_decay
//                   u8 weight init (weight_init order in config.h), f32 too_large_scale, f32 bias
//                   u32 layer count L, then per layer:
//                     u8 type (layer_type order), u32 units, kernel_size, stride,
//                     u8 padding (0 valid, 1 same), u32 pool_size,
//                     u8 activation name length N, N bytes name, f32 activation_param,
//                     f32 dropout_rate
//                   u64 optimizer steps taken, u32 epochs done
//                   u32 parameter count W, W x f32 parameters (the arena, in layer order)
//                   u32 optimizer state count S, S x f32 state (0, W or 2W floats)
//   16+P    4     u32 CRC-32 (IEEE 802.3, as zlib's crc32) of bytes [0, 16+P)
// Anything else (wrong magic, newer version, wrong size, bad checksum, a config the
// network builder refuses, counts that disagree with the built network) is refused
// with a sentence; nothing is read past the buffer. Counts are weighed against the bytes
// left in 64-bit arithmetic (util/checked_size.h): a count whose byte size wraps a 32-bit
// size_t (wasm) is refused as truncated, never allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "train/trainer.h"
#include "util/learner_error.h"

namespace relu_lab {

constexpr std::uint32_t model_format_version = 1;

// CRC-32 with the reflected polynomial 0xEDB88320; crc32_bytes("123456789") = 0xCBF43926.
std::uint32_t crc32_bytes(const std::uint8_t* data, std::size_t size);

std::vector<std::uint8_t> save_model(const trainer& t);

struct model_load_result {
    bool ok = false;
    std::string error, code;  // English sentence and its code (util/learner_error.h)
    error_params params;
    std::unique_ptr<trainer> instance;
};

// A new trainer with the file's architecture, weights, optimizer state and counters.
// The file does not carry a memory cap: the caller's max_bytes applies to the network
// it describes (refused, without allocating, when larger).
model_load_result load_model(const std::uint8_t* bytes, std::size_t size,
                             std::size_t max_bytes = trainer_config{}.max_bytes);

// Into an existing trainer: refused unless the file's network has the same layers and
// shapes; ok() when loaded. The trainer is unchanged when refused.
learner_error load_model_into(trainer& t, const std::uint8_t* bytes, std::size_t size);

}  // namespace relu_lab
