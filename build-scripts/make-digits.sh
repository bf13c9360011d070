#!/usr/bin/env bash
# Regenerates the bundled digits (web/data/digits/*.gz) from OpenCV's sample digits.png
# (Debian package opencv-doc). The output is deterministic: running this again gives
# byte-identical files, so a diff after running it means the normalisation changed.
#   build-scripts/make-digits.sh [--contact-sheet /tmp/digits-sheet.png]
# RELU_LAB_BUILD_DIR chooses the native build directory (default build/native).
set -euo pipefail
cd "$(dirname "$0")/.."

digits_png=/usr/share/doc/opencv-doc/examples/data/digits.png
if [ ! -f "$digits_png" ]; then
  echo "make-digits: $digits_png is missing; install it with: apt-get install opencv-doc" >&2
  exit 1
fi

build_dir=${RELU_LAB_BUILD_DIR:-build/native}
[ -f "$build_dir/build.ninja" ] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target relu-lab-make-digits -j 2

mkdir -p web/data/digits
"$build_dir/cpp/relu-lab-make-digits" --png "$digits_png" --out web/data/digits "$@"
