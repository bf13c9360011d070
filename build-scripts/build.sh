#!/usr/bin/env bash
# Builds everything the page loads, and the native tools:
#   build/native       native C++ (tests, command-line tools)
#   build/wasm-fma     WebAssembly with SIMD and relaxed fused multiply-add \
#   build/wasm-simd    WebAssembly with SIMD                                 | the page picks one at load
#   build/wasm-scalar  WebAssembly without SIMD                              /
#   dist/              the static site
# Each build tree's flags live in CMakePresets.json (a preset per tree, named like it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${RELU_LAB_SKIP_SETUP:-0}" = 1 ] || build-scripts/setup.sh

# Emscripten 3.1.6's JS optimizer finds acorn only through NODE_PATH.
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)

# Configured on every run, not only when the tree is new: a flag edited in
# CMakePresets.json reaches trees that exist already (re-configuring one takes a second).
for preset in native wasm-fma wasm-simd wasm-scalar; do
  cmake --preset "$preset" >/dev/null
  cmake --build "build/$preset" -j "$jobs"
done

node build-scripts/build_web.mjs
# The learning-platform packages of the built site (package-courses.mjs lists them).
node build-scripts/package-courses.mjs
