#!/usr/bin/env bash
# Sets up, builds, and runs every test: the C++ suite natively, under ASan/UBSan and as
# wasm (SIMD and scalar) through ctest; the JS unit tests; the page in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/build.sh
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)

echo "== C++ tests: native"
ctest --test-dir build/native --output-on-failure
echo "== C++ tests: native with AddressSanitizer and UndefinedBehaviorSanitizer"
[ -f build/native-sanitize/build.ninja ] || cmake -S . -B build/native-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELU_LAB_SANITIZE=ON >/dev/null
cmake --build build/native-sanitize -j "$jobs"
ctest --test-dir build/native-sanitize --output-on-failure
echo "== C++ tests: wasm SIMD (Node)"
ctest --test-dir build/wasm-simd --output-on-failure
echo "== C++ tests: wasm scalar (Node)"
ctest --test-dir build/wasm-scalar --output-on-failure

echo "== JS unit tests and browser tests (Node test runner, headless Chromium)"
node --test --test-concurrency=1 tests/js/ tests/browser/
