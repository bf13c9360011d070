#!/usr/bin/env bash
# Sets up and builds if needed, then serves dist/ at http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
build-scripts/build.sh
exec node build-scripts/serve_dist.mjs --port "${PORT:-8080}"
