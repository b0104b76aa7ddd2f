#!/bin/sh
# Tests of the web interface's sources that need no server or browser: the
# message catalogues against English (web/scripts/i18n.mjs).
#   Usage: sh tests/web/run.sh [BINARY]   (the binary is not used)
# Ends with the line "web: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ ! -d "$root/web/node_modules/esbuild" ]; then
	(cd "$root/web" && npm ci --no-audit --no-fund >&2) || { echo "web: 0 passed, 1 failed"; exit 1; }
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
node --test --test-reporter=tap "$here"/*.test.mjs >"$out" 2>&1
status=$?
grep -E '^(not )?ok' "$out" | sed 's/^/  /'
[ $status -eq 0 ] || cat "$out"
pass=$(grep -E '^# pass ' "$out" | awk '{print $3}')
fail=$(grep -E '^# fail ' "$out" | awk '{print $3}')
echo "web: ${pass:-0} passed, ${fail:-1} failed"
[ $status -eq 0 ]
