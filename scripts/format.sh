#!/usr/bin/env bash
# Formats the C++ sources with clang-format 14 (the version .clang-format is written for).
#   scripts/format.sh           rewrite in place
#   scripts/format.sh --check   fail if anything is not formatted
set -euo pipefail
cd "$(dirname "$0")/.."
FORMAT=$(command -v clang-format-14 || true)
if [ -z "$FORMAT" ]; then
    echo "clang-format-14 is missing (scripts/install-deps.sh --test installs it)" >&2
    exit 1
fi
mapfile -t files < <(git ls-files -co --exclude-standard -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
if [ "${1:-}" = "--check" ]; then
    "$FORMAT" --dry-run --Werror "${files[@]}"
    echo "format: ${#files[@]} files formatted"
else
    "$FORMAT" -i "${files[@]}"
fi
