#!/usr/bin/env bash
# Sets up and builds if needed, then benchmarks in headless Chromium: table on stdout,
# JSON in build/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/build.sh
exec node build-scripts/bench.mjs
