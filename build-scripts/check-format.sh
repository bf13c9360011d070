#!/usr/bin/env bash
# Checks that the repository's C++ and JavaScript follow the formatters' settings:
# C++ with clang-format (.clang-format), JavaScript with Prettier (.prettierrc.json).
# Prints each file that differs and exits 1 if there is one.
#   build-scripts/check-format.sh          check only
#   build-scripts/check-format.sh --fix    rewrite the files that differ, in place
# clang-format is Debian's (package clang-format, version 14); Prettier is the version
# package-lock.json pins (npm ci installs it). Files are those git tracks, plus new
# ones it does not ignore.
set -euo pipefail
cd "$(dirname "$0")/.."

fix=0
case "${1:-}" in
  "") ;;
  --fix) fix=1 ;;
  *) echo "usage: build-scripts/check-format.sh [--fix]" >&2; exit 2 ;;
esac

command -v clang-format >/dev/null || { echo "check-format: clang-format is missing (apt-get install clang-format)" >&2; exit 2; }
prettier=node_modules/.bin/prettier
[ -x "$prettier" ] || { echo "check-format: Prettier is missing (run npm ci, or build-scripts/setup.sh)" >&2; exit 2; }

tracked_files() { git ls-files --cached --others --exclude-standard -- "$@" | sort -u | while read -r f; do [ -f "$f" ] && echo "$f"; done; }
mapfile -t cpp_files < <(tracked_files '*.cpp' '*.h')
mapfile -t js_files < <(tracked_files '*.js' '*.mjs' '*.cjs')

if [ "$fix" = 1 ]; then
  clang-format -i "${cpp_files[@]}"
  "$prettier" --log-level warn --write "${js_files[@]}"
  exit 0
fi

unformatted=0
for f in "${cpp_files[@]}"; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not formatted (clang-format): $f"
    unformatted=$((unformatted + 1))
  fi
done
# --list-different prints each JavaScript file whose formatting differs and exits 1 if
# there is one; 2 means it could not parse a file (its message is on stderr).
js_list=$(mktemp)
trap 'rm -f "$js_list"' EXIT
js_status=0
"$prettier" --list-different "${js_files[@]}" > "$js_list" || js_status=$?
[ "$js_status" -le 1 ] || { echo "check-format: prettier failed (exit $js_status)" >&2; exit 2; }
while read -r f; do
  echo "not formatted (prettier): $f"
  unformatted=$((unformatted + 1))
done < "$js_list"

echo "check-format: ${#cpp_files[@]} C++ and ${#js_files[@]} JavaScript files checked, $unformatted not formatted"
[ "$unformatted" -eq 0 ] || { echo "(see a file's changes with: clang-format FILE | diff FILE -, or $prettier FILE | diff FILE -; apply all with --fix)"; exit 1; }
