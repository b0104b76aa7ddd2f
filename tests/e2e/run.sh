#!/bin/sh
# End-to-end tests of the web interface.   Usage: sh tests/e2e/run.sh BINARY
#
# Starts `BINARY demo` on a fresh data directory and a free port, waits for
# the API, runs the tests (node --test, playwright-core driving Debian's
# Chromium, axe-core), stops the server and ends with the line
#   e2e: N passed, M failed
# Screenshots go to build/e2e-screenshots/. Needs node >= 18, the chromium
# package (/usr/bin/chromium) and npm (to install tests/e2e's packages).
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

fail() {
	echo "e2e: $*" >&2
	echo "e2e: 0 passed, 1 failed"
	exit 1
}
[ -x "$bin" ] || fail "$bin: not an executable"
chrome=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chrome" ] || fail "$chrome missing (apt-get install -y chromium)"
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
	(cd "$here" && npm ci --no-audit --no-fund >&2) || fail "npm ci in tests/e2e failed"
fi
if [ ! -f "$root/web/dist/index.html" ]; then
	(cd "$root/web" && { [ -d node_modules ] || npm ci --no-audit --no-fund >&2; } && npm run build >&2) ||
		fail "web build failed"
fi

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data=$(mktemp -d "${TMPDIR:-/tmp}/cybercap-e2e.XXXXXX")
log=$data.server.log
webflag=
if "$bin" demo --help 2>&1 | grep -q -- '--web'; then
	webflag="--web $root/web/dist"
fi
# shellcheck disable=SC2086
"$bin" demo --data "$data" --listen "127.0.0.1:$port" $webflag >"$log" 2>&1 &
pid=$!
cleanup() {
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rm -rf "$data" "$log"
}
trap cleanup EXIT INT TERM

base=http://127.0.0.1:$port
ok=
i=0
while [ $i -lt 120 ]; do
	if node -e "fetch('$base/api/v1/campaigns').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null; then
		ok=1
		break
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.25
	i=$((i + 1))
done
if [ -z "$ok" ]; then
	cat "$log" >&2
	fail "the server did not answer on $base"
fi

mkdir -p "$root/build/e2e-screenshots"
out=$(mktemp "${TMPDIR:-/tmp}/cybercap-e2e-tap.XXXXXX")
# One file at a time (they share the server, and workflow.test.mjs publishes
# a campaign); E2E_DATA holds demo-logins.txt, E2E_BIN is for `user add`.
E2E_BASE=$base E2E_SHOTS=$root/build/e2e-screenshots CHROMIUM=$chrome E2E_DATA=$data E2E_BIN=$bin \
	node --test --test-concurrency=1 --test-reporter=tap "$here"/*.test.mjs >"$out" 2>&1
status=$?
cat "$out"
pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$out" | tail -n 1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$out" | tail -n 1)
rm -f "$out"
pass=${pass:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1
fi
echo "e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
