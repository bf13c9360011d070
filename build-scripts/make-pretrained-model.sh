#!/usr/bin/env bash
# Regenerates the model the draw-a-digit pad uses before a learner trains anything:
# web/data/models/pretrained-small.relulab and its PROVENANCE.md, trained by the
# command-line trainer on the bundled digits (4,000 to train; accuracy measured on the
# 1,000 held out). Training is seeded and single-threaded, so running this again gives
# byte-identical files; a diff after running it means the trainer or the data changed.
#   build-scripts/make-pretrained-model.sh [OUT_DIR]     (default web/data/models)
# RELU_LAB_BUILD_DIR chooses the native build directory (default build/native).
set -euo pipefail
cd "$(dirname "$0")/.."

out_dir=${1:-web/data/models}
build_dir=${RELU_LAB_BUILD_DIR:-build/native}
# Every setting spelled out, so a change of the CLI's defaults cannot change the model.
flags=(--preset small --epochs 15 --seed 1 --lr-decay 0.85 --augment on --digits-dir web/data/digits)

[ -f "$build_dir/build.ninja" ] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target relu-lab-train -j 2

mkdir -p "$out_dir"
model="$out_dir/pretrained-small.relulab"
log=$("$build_dir/cpp/relu-lab-train" "${flags[@]}" --save "$model" --json)
last_epoch=$(printf '%s\n' "$log" | grep '"epoch"' | tail -n 1)
# test_acc of the last epoch, as a fraction with 6 decimals -> held-out images right of 1,000.
test_acc=$(printf '%s\n' "$last_epoch" | sed -E 's/.*"test_acc":([0-9.]+).*/\1/')
correct=$(awk -v a="$test_acc" 'BEGIN { printf "%d", a * 1000 + 0.5 }')
percent=$(awk -v c="$correct" 'BEGIN { printf "%.1f", c / 10 }')
bytes=$(wc -c < "$model")
sha=$(sha256sum "$model" | cut -d' ' -f1)

cat > "$out_dir/PROVENANCE.md" <<MD
# The pretrained model: where it comes from

\`pretrained-small.relulab\` is what the draw-a-digit pad uses until a learner trains a
model of their own. It is a model file of the command-line trainer (format in
\`cpp/train/model_file.h\`: architecture, weights and Adam state, with a checksum), written by
\`build-scripts/make-pretrained-model.sh\`, which runs:

    relu-lab-train ${flags[*]} --save pretrained-small.relulab

- Network: the \`small\` preset (conv 8@5x5 same, ReLU -> max-pool 2 -> conv 16@5x5 same,
  ReLU -> max-pool 3 -> dense 10, softmax), 5,994 parameters; He-normal weights before each
  ReLU and Glorot-uniform for the softmax head; Adam, learning rate 0.004 times 0.85 after
  every epoch, batch 32; random shifts and small rotations of the training images.
- Data: the bundled digits (\`web/data/digits/PROVENANCE.md\`), the fixed split: 4,000
  images to train on, 1,000 held out.
- Held-out accuracy after 15 epochs: ${correct} of 1000 (${percent} %).
- Size: ${bytes} bytes; SHA-256 \`${sha}\`.

Training is seeded and runs on one thread, so the script reproduces the file byte for byte
on the same compiler (checked by \`tests/js/pretrained_model.test.js\`, which also loads the
file through the page's bridge and measures the accuracy above on the held-out digits).
MD
echo "make-pretrained-model: $model ($bytes bytes), held-out accuracy $correct / 1000"
