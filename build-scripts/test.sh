#!/usr/bin/env bash
# Sets up, builds, and runs every test: the formatters' check; the C++ suite natively, as
# wasm (FMA, SIMD, scalar, and SIMD and FMA linked with Emscripten's memory and stack checks) and under
# clang's ASan/UBSan through ctest; each libFuzzer target for 30 s ($RELU_LAB_FUZZ_SECONDS);
# the JS unit tests; the page in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/build.sh
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)

echo "== Format: C++ (clang-format) and JavaScript (Prettier)"
build-scripts/check-format.sh
echo "== C++ tests: native"
ctest --test-dir build/native --output-on-failure
echo "== C++ tests: wasm FMA (SIMD with relaxed fused multiply-add; Node with relaxed SIMD on)"
ctest --test-dir build/wasm-fma --output-on-failure -j "$jobs"
echo "== C++ tests: wasm SIMD (Node), also linked with Emscripten's checks (ASSERTIONS=2, SAFE_HEAP, STACK_OVERFLOW_CHECK=2)"
ctest --test-dir build/wasm-simd --output-on-failure -j "$jobs"
echo "== C++ tests: wasm scalar (Node)"
ctest --test-dir build/wasm-scalar --output-on-failure -j "$jobs"
echo "== C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer (clang), and fuzzing: each parser of outside bytes for ${RELU_LAB_FUZZ_SECONDS:-30} s (libFuzzer)"
# One sanitized tree serves both, so the engine is compiled with the sanitizers once.
# Every tree is configured from CMakePresets.json on every run, so edited flags apply.
cmake --preset fuzz -DRELU_LAB_FUZZ_SECONDS="${RELU_LAB_FUZZ_SECONDS:-30}" >/dev/null
cmake --build build/fuzz -j "$jobs"
# The tests run side by side, one per core: each fuzz target still gets its full time.
ctest --test-dir build/fuzz --output-on-failure -j "$jobs"

echo "== JS unit tests and browser tests (Node test runner, headless Chromium)"
node --test --test-concurrency=1 tests/js/ tests/browser/
