#!/usr/bin/env bash
# Installs what ReLU Lab needs on a fresh Debian 12 machine, idempotently:
# Debian packages (only the missing ones) and the npm packages of package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  cmake ninja-build g++ git ca-certificates
  emscripten        # em++ 3.1.6 for the wasm builds
  doctest-dev       # the C++ test framework (one header)
  chromium          # the real browser for page tests and benchmarks
  fonts-wqy-microhei  # a CJK system font, so headless Chromium can render the Chinese page
  zlib1g-dev        # gzip for IDX files in the native command-line trainer
  libpng-dev        # decoding OpenCV's digits.png when the bundled digits are regenerated
  nlohmann-json3-dev  # JSON for trainer configs, metrics and refusals (cpp/train/config_json.h)
  clang libclang-rt-14-dev  # libFuzzer with ASan/UBSan for tests/fuzz (build-scripts/test.sh)
  clang-format      # the C++ formatter that build-scripts/check-format.sh runs
  python3           # tests/js/keras_code.test.js parses the generated Keras script with ast
)

# Node.js and npm: Debian's, unless the machine already has them (a nodejs package from
# elsewhere bundles npm, and Debian's npm package would conflict with it).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_packages+=(nodejs npm)
fi

missing=()
for package in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root (or install sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js $(node --version) is too old; ReLU Lab's build and tests need Node.js 20 or newer." >&2
  exit 1
fi

# npm packages exactly as locked; reinstalled only when the lock file changes.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.relu-lab-lock-hash ] || [ "$(cat node_modules/.relu-lab-lock-hash)" != "$lock_hash" ]; then
  echo "setup: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.relu-lab-lock-hash
fi
