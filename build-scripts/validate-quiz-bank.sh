#!/usr/bin/env bash
# Checks quiz bank files (see web/quiz/bank/SCHEMA.md); exit 0 when all are valid.
# Usage: build-scripts/validate-quiz-bank.sh [bank.json ...]  (default: the built-in bank)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$#" -eq 0 ]; then set -- "$root/web/quiz/bank/relu_lab_bank.json"; fi
exec node "$root/build-scripts/validate-quiz-bank.mjs" "$@"
