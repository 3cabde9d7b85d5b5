#!/usr/bin/env bash
# Build the Ombudsman archive as committed at BASE (default: where this branch left main) and as this checkout holds
# it (committed files only), each with its own Arsip and this checkout's .venv libraries, and compare output/ file
# by file. Usage: scripts/compare-output.sh [BASE]
# Prints each file that differs or exists on one side only, then a summary; exit 1 when anything differs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-$(git -C "$here" merge-base HEAD main)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$here" archive "$base" | tar -x -C "$work" --one-top-level=main
git -C "$here" ls-files -z | (cd "$here" && tar --null -T - -cf -) | tar -x -C "$work" --one-top-level=branch
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}
(cd "$work/main" && PYTHONPATH="$work/main" "$here/.venv/bin/python" build.py build >/dev/null)
(cd "$work/branch" && PYTHONPATH="$work/branch" "$here/.venv/bin/python" build.py build >/dev/null)
if diff -rq "$work/main/output" "$work/branch/output"; then
  echo "output/ identical: $(find "$work/main/output" -type f | wc -l) files"
else
  echo "output/ differs (see above)"
  exit 1
fi
