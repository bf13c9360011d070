#!/usr/bin/env bash
# Builds everything the page loads, and the native tools:
#   build/native       native C++ (tests, command-line tools)
#   build/wasm-simd    WebAssembly with SIMD      \ the page picks one at load
#   build/wasm-scalar  WebAssembly without SIMD   /
#   dist/              the static site
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${RELU_LAB_SKIP_SETUP:-0}" = 1 ] || build-scripts/setup.sh

# Emscripten 3.1.6's JS optimizer finds acorn only through NODE_PATH.
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)

configure() {  # configure DIR ARGS...: only when not configured yet
  local dir=$1; shift
  [ -f "$dir/build.ninja" ] || "$@" -B "$dir" -S . -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
}

configure build/native cmake
cmake --build build/native -j "$jobs"
configure build/wasm-simd emcmake cmake -DRELU_LAB_SIMD=ON
cmake --build build/wasm-simd -j "$jobs"
configure build/wasm-scalar emcmake cmake -DRELU_LAB_SIMD=OFF
cmake --build build/wasm-scalar -j "$jobs"

node build-scripts/build_web.mjs
# The SCORM 1.2 package of the built site (dist/relu-lab-scorm12.zip).
node build-scripts/package-scorm.mjs
