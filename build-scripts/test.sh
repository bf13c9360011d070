#!/usr/bin/env bash
# Sets up, builds, and runs every test: the formatters' check; the C++ suite natively, under ASan/UBSan and as
# wasm (SIMD, scalar, and a debug build with Emscripten's memory and stack checks) through
# ctest; each libFuzzer target for 30 s ($RELU_LAB_FUZZ_SECONDS); the JS unit tests; the
# page in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/build.sh
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)

echo "== Format: C++ (clang-format) and JavaScript (Prettier)"
build-scripts/check-format.sh
echo "== C++ tests: native"
ctest --test-dir build/native --output-on-failure
echo "== C++ tests: native with AddressSanitizer and UndefinedBehaviorSanitizer"
# Every tree is configured from CMakePresets.json on every run, so edited flags apply.
cmake --preset native-sanitize >/dev/null
cmake --build build/native-sanitize -j "$jobs"
ctest --test-dir build/native-sanitize --output-on-failure
echo "== C++ tests: wasm SIMD (Node)"
ctest --test-dir build/wasm-simd --output-on-failure
echo "== C++ tests: wasm scalar (Node)"
ctest --test-dir build/wasm-scalar --output-on-failure
echo "== C++ tests: wasm debug build (Node; ASSERTIONS=2, SAFE_HEAP, STACK_OVERFLOW_CHECK=2)"
cmake --preset wasm-debug >/dev/null
cmake --build build/wasm-debug -j "$jobs" --target relu_lab_tests relu_lab_fuzz_replay
ctest --test-dir build/wasm-debug --output-on-failure
echo "== Fuzzing: each parser of outside bytes for ${RELU_LAB_FUZZ_SECONDS:-30} s (libFuzzer, ASan, UBSan)"
cmake --preset fuzz -DRELU_LAB_FUZZ_SECONDS="${RELU_LAB_FUZZ_SECONDS:-30}" >/dev/null
cmake --build build/fuzz -j "$jobs"
# The targets run side by side, one per core: each still gets its full time.
ctest --test-dir build/fuzz --output-on-failure -j "$jobs"

echo "== JS unit tests and browser tests (Node test runner, headless Chromium)"
node --test --test-concurrency=1 tests/js/ tests/browser/
