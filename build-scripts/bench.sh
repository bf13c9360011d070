#!/usr/bin/env bash
# Sets up and builds if needed, then benchmarks in headless Chromium (activation kernels;
# training vs TensorFlow.js and ConvNetJS; page weight and load time; how responsive the
# page stays while it trains): tables on stdout, JSON in build/bench.json. Options go to
# bench.mjs, e.g. --rounds 5, --parts training or --parts responsiveness.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/build.sh
exec node build-scripts/bench.mjs "$@"
