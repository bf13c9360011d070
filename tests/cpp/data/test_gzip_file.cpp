// Native only (gzip_file links zlib; the wasm module never does).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <unistd.h>

#include "data/gzip_file.h"
#include "util/rng.h"

using namespace relu_lab;

namespace {

std::vector<std::uint8_t> random_bytes(std::size_t n, std::uint64_t seed) {
    rng random(seed);
    std::vector<std::uint8_t> out(n);
    // Few distinct values, so the data compresses.
    for (std::uint8_t& b : out) b = static_cast<std::uint8_t>(random.below(4) * 60);
    return out;
}

std::string temp_path(const char* name) {
    // The process id keeps parallel runs (several build directories) apart.
    return std::string(P_tmpdir) + "/relu_lab_test_" + std::to_string(getpid()) + "_" + name;
}

}  // namespace

TEST_CASE("gzip: round trip in memory, deterministic header without timestamp") {
    const std::uint64_t seed = 42;
    INFO("seed " << seed);
    const std::vector<std::uint8_t> data = random_bytes(200000, seed);
    const std::vector<std::uint8_t> packed = gzip_bytes(data.data(), data.size(), 9);
    REQUIRE(packed.size() > 18);
    CHECK(packed.size() < data.size() / 2);
    CHECK(packed[0] == 0x1f);
    CHECK(packed[1] == 0x8b);
    CHECK(packed[2] == 8);                              // deflate
    CHECK(packed[3] == 0);                              // no flags: no file name, no comment
    for (int i = 4; i < 8; ++i) CHECK(packed[i] == 0);  // modification time 0
    CHECK(gzip_bytes(data.data(), data.size(), 9) == packed);

    const file_bytes_result unpacked = gunzip_bytes(packed.data(), packed.size());
    REQUIRE(unpacked.ok);
    CHECK(unpacked.was_gzip);
    CHECK(unpacked.bytes == data);

    const std::vector<std::uint8_t> empty_packed = gzip_bytes(nullptr, 0, 9);
    const file_bytes_result empty = gunzip_bytes(empty_packed.data(), empty_packed.size());
    REQUIRE(empty.ok);
    CHECK(empty.bytes.empty());
}

TEST_CASE("gzip: concatenated members, truncation, trailing junk, not gzip") {
    const std::vector<std::uint8_t> a = random_bytes(1000, 1), b = random_bytes(3000, 2);
    std::vector<std::uint8_t> both = gzip_bytes(a.data(), a.size());
    const std::vector<std::uint8_t> packed_b = gzip_bytes(b.data(), b.size());
    both.insert(both.end(), packed_b.begin(), packed_b.end());
    const file_bytes_result joined = gunzip_bytes(both.data(), both.size());
    REQUIRE(joined.ok);
    std::vector<std::uint8_t> expected = a;
    expected.insert(expected.end(), b.begin(), b.end());
    CHECK(joined.bytes == expected);

    const file_bytes_result cut = gunzip_bytes(packed_b.data(), packed_b.size() - 5);
    CHECK_FALSE(cut.ok);
    CHECK(cut.error.find("cut off") != std::string::npos);
    CHECK(cut.bytes.empty());

    std::vector<std::uint8_t> junk = packed_b;
    junk.push_back(0x42);
    CHECK_FALSE(gunzip_bytes(junk.data(), junk.size()).ok);

    std::vector<std::uint8_t> corrupt = packed_b;
    corrupt[corrupt.size() - 2] ^= 0xff;  // inside the length trailer
    CHECK_FALSE(gunzip_bytes(corrupt.data(), corrupt.size()).ok);

    CHECK_FALSE(gunzip_bytes(a.data(), a.size()).ok);
}

TEST_CASE("gzip: the inflated size is capped while inflating, whatever the ISIZE trailer says") {
    const std::vector<std::uint8_t> zeros(std::size_t(4) << 20, 0);
    const std::vector<std::uint8_t> bomb = gzip_bytes(zeros.data(), zeros.size());
    CHECK(bomb.size() < zeros.size() / 500);
    const file_bytes_result capped = gunzip_bytes(bomb.data(), bomb.size(), std::uint64_t(1) << 20);
    CHECK_FALSE(capped.ok);
    CHECK(capped.error.find("more than 1048576 bytes") != std::string::npos);
    CHECK(capped.bytes.empty());
    CHECK(gunzip_bytes(bomb.data(), bomb.size(), std::uint64_t(4) << 20).ok);

    // ISIZE (the last 4 bytes) claiming 100 bytes: the cap still counts what comes out,
    // and without the cap zlib's length check refuses the lie.
    std::vector<std::uint8_t> lying = bomb;
    lying[lying.size() - 4] = 100;
    lying[lying.size() - 3] = lying[lying.size() - 2] = lying[lying.size() - 1] = 0;
    CHECK_FALSE(gunzip_bytes(lying.data(), lying.size(), std::uint64_t(1) << 20).ok);
    const file_bytes_result uncapped = gunzip_bytes(lying.data(), lying.size());
    CHECK_FALSE(uncapped.ok);
    CHECK(uncapped.error.find("corrupt") != std::string::npos);
}

TEST_CASE("gzip: files are read whether compressed or not") {
    const std::vector<std::uint8_t> data = random_bytes(5000, 3);
    const std::string packed_path = temp_path("packed.gz"), plain_path = temp_path("plain.bin");
    REQUIRE(write_gzip_file(packed_path, data.data(), data.size()).ok);
    std::FILE* plain = std::fopen(plain_path.c_str(), "wb");
    REQUIRE(plain != nullptr);
    std::fwrite(data.data(), 1, data.size(), plain);
    std::fclose(plain);

    const file_bytes_result from_packed = read_file_maybe_gzip(packed_path);
    REQUIRE(from_packed.ok);
    CHECK(from_packed.was_gzip);
    CHECK(from_packed.bytes == data);
    const file_bytes_result from_plain = read_file_maybe_gzip(plain_path);
    REQUIRE(from_plain.ok);
    CHECK_FALSE(from_plain.was_gzip);
    CHECK(from_plain.bytes == data);
    std::remove(packed_path.c_str());
    std::remove(plain_path.c_str());

    const file_bytes_result missing = read_file_maybe_gzip(temp_path("does_not_exist"));
    CHECK_FALSE(missing.ok);
    CHECK(missing.error.find("Cannot open") == 0);
}
