#!/bin/sh
# API tests. Usage: sh tests/api/run.sh BINARY
#
# Starts `BINARY demo` on a free port with a fresh data directory and a small
# web folder of its own (so the static-file and path-traversal tests know
# what may and may not come back), then runs:
#   - validate-openapi.mjs on src/server/openapi.json and on the served
#     /api/v1/openapi.json (@apidevtools/swagger-parser; `npm ci` first when
#     tests/api/node_modules is missing),
#   - test_api.py (Python 3, standard library only),
#   - test_tls.py (HTTPS with a throwaway openssl certificate, on a server of
#     its own; the plain-HTTP cookie check on this one),
# stops the server with SIGTERM and checks that it exits 0 within 10 s; then
#   - test_workflow.py (accounts, roles, CSRF, sign-in limits, the campaign
#     workflow, uploads, the audit trail), which starts its own demo server
#     on a data directory of its own and stops it with SIGTERM;
#   - test_traversal.py (path traversal on every route that reads or writes
#     files), likewise on a server of its own;
#   - test_workshop.py (workshops of respondents: accounts, set-password
#     tokens, answers, spread, consensus, annex), likewise;
#   - test_plans.py (action plans: the demo's plans, the whole flow, every
#     422, drafting, monitoring against the results, the report, the CSIRT
#     services, the templates, the audit chain), likewise;
#   - test_drills.py (scenarios, drills run on a fast clock, the SSE stream
#     per viewer, evaluations, feedback, the report, the authorisation
#     matrix of the drill routes), likewise.
#   - test_mappings.py (the bundled mappings and their coverage, pre-filling
#     an assessment through a mapping and confirming it), likewise.
#   - test_drill_files.py (a scenario's injects as an MSEL spreadsheet out
#     and in, every bad cell, the round trip; files attached to inject
#     responses: types, limits, who sees them), likewise.
#   - test_challenges.py (technical challenges of a drill: flags, attempts,
#     one solve under concurrency, limits, hints, the board, awards, the
#     authorisation matrix of the challenge routes), likewise.
#   - test_partners.py (partnerships: requests, offers, matches with their
#     score, the country's decision, pledges and deliveries, the donor report
#     and its exports, eligibility by year, the authorisation matrix of the
#     partnership routes; with the tests of partners_deals.py), likewise.
#   - test_skills.py (skills programmes: set-up, the enrolment lifecycle,
#     person records, attendance, progress imports, mentoring, evaluation,
#     the dashboard with small cells suppressed, consent withdrawal, erasure,
#     the role and scope matrix; with the tests of skills_workbook.py,
#     skills_knowledge.py and skills_dashboard.py), likewise.
#   - test_static_site.py (`cybercap export-site`: every response in the
#     static site equal to the live server's, published campaigns only,
#     content-addressed names, gzip and brotli copies, what it refuses),
#     likewise.
# Ends with "api: N passed, M failed"; exit status 1 when anything failed.

if [ $# -ne 1 ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
if [ ! -x "$bin" ]; then
	echo "run.sh: $bin: not an executable" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cybercap-api.XXXXXX") || exit 2
pid=
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
# tally LOG NAME: prints a Python suite's log and adds its last
# "RESULT passed=N failed=M" line to the counts.
tally() {
	grep -v '^RESULT ' "$1"
	res=$(grep '^RESULT ' "$1" | tail -n 1)
	if [ -z "$res" ]; then
		fail "$2 ran to the end"
		return
	fi
	passed=$((passed + $(echo "$res" | sed -E 's/.*passed=([0-9]+).*/\1/')))
	failed=$((failed + $(echo "$res" | sed -E 's/.*failed=([0-9]+).*/\1/')))
}
finish() {
	echo "api: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

# A web folder with an index page, an asset (and its .gz), a hidden file,
# and a secret beside it that must never be served.
mkdir -p "$tmp/web/assets"
printf '<!doctype html><title>cybercap</title><!-- cybercap-api-test-index -->\n' >"$tmp/web/index.html"
printf 'console.log("cybercap api test asset");\n' >"$tmp/web/assets/app.js"
gzip -9 -k "$tmp/web/assets/app.js"
printf 'CYBERCAP-SECRET hidden\n' >"$tmp/web/.hidden"
cp "$tmp/web/.hidden" "$tmp/web/assets/.hidden"
printf 'CYBERCAP-SECRET outside\n' >"$tmp/secret.txt"

# Node packages for the OpenAPI validation.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	if [ ! -d "$here/node_modules/@apidevtools/swagger-parser" ]; then
		(cd "$here" && npm ci --no-audit --no-fund >"$tmp/npm.log" 2>&1) ||
			{ cat "$tmp/npm.log"; fail "npm ci in tests/api"; }
	fi
	have_node=1
else
	fail "node and npm are needed for the OpenAPI validation"
	have_node=
fi

if [ -n "$have_node" ]; then
	if node "$here/validate-openapi.mjs" "$root/src/server/openapi.json"; then
		pass "openapi.json (source) is valid OpenAPI"
	else
		fail "openapi.json (source) is valid OpenAPI"
	fi
fi

# The server, on a free port.
"$bin" demo --data "$tmp/d" --listen 127.0.0.1:0 --web "$tmp/web" \
	>"$tmp/server.out" 2>"$tmp/server.err" &
pid=$!
port=
i=0
while [ $i -lt 200 ]; do
	port=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/server.out")
	[ -n "$port" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ -z "$port" ]; then
	cat "$tmp/server.out" "$tmp/server.err"
	fail "the demo server starts and prints its address"
	finish
fi
pass "the demo server starts and prints its address"
base="http://127.0.0.1:$port"

if [ -n "$have_node" ]; then
	if node "$here/validate-openapi.mjs" "$base/api/v1/openapi.json"; then
		pass "/api/v1/openapi.json (served) is valid OpenAPI"
	else
		fail "/api/v1/openapi.json (served) is valid OpenAPI"
	fi
fi

python3 "$here/test_api.py" --base "$base" --bin "$bin" --data "$tmp/d" --web "$tmp/web" \
	>"$tmp/py.log" 2>&1
tally "$tmp/py.log" test_api.py

# HTTPS (a TLS demo server of its own, a throwaway certificate made with
# openssl); the plain-HTTP cookie check uses the server above.
TMPDIR=$tmp python3 "$here/test_tls.py" --bin "$bin" --plain-base "$base" --plain-data "$tmp/d" \
	>"$tmp/tls.log" 2>&1
tally "$tmp/tls.log" test_tls.py

# Clean shutdown: SIGTERM, exit status 0 within 10 s.
kill -TERM "$pid"
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
	if [ $(($(date +%s) - start)) -ge 10 ]; then
		break
	fi
	sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
	fail "the server exits within 10 s of SIGTERM"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
else
	wait "$pid"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "the server exits 0 within 10 s of SIGTERM"
	else
		cat "$tmp/server.err"
		fail "the server exits 0 after SIGTERM (status $rc)"
	fi
fi
pid=
if grep -E 'AddressSanitizer|runtime error|LeakSanitizer' "$tmp/server.err" >/dev/null; then
	cat "$tmp/server.err"
	fail "no sanitizer report from the server"
fi

# Accounts and the workflow, on a server and data directory of their own.
TMPDIR=$tmp python3 "$here/test_workflow.py" --bin "$bin" >"$tmp/wf.log" 2>&1
tally "$tmp/wf.log" test_workflow.py

# Path traversal on the routes that read or write files (evidence, the
# questionnaire workbook, exports, every path parameter), on a server and
# data directory of its own.
TMPDIR=$tmp python3 "$here/test_traversal.py" --bin "$bin" >"$tmp/trav.log" 2>&1
tally "$tmp/trav.log" test_traversal.py

# Workshops of respondents (a framework with rating questions of its own),
# on a server and data directory of its own.
TMPDIR=$tmp python3 "$here/test_workshop.py" --bin "$bin" >"$tmp/ws.log" 2>&1
tally "$tmp/ws.log" test_workshop.py

# Risk assessments (the demo's register of XAA and assessments of its own),
# on a server and data directory of its own.
TMPDIR=$tmp python3 "$here/test_risks.py" --bin "$bin" >"$tmp/risks.log" 2>&1
tally "$tmp/risks.log" test_risks.py

# Action plans, on a server and data directory of their own.
TMPDIR=$tmp python3 "$here/test_plans.py" --bin "$bin" >"$tmp/plans.log" 2>&1
tally "$tmp/plans.log" test_plans.py

# Drills: scenarios, a drill run on a fast clock, its event streams, the
# report, on a server and data directory of their own.
TMPDIR=$tmp python3 "$here/test_drills.py" --bin "$bin" >"$tmp/drills.log" 2>&1
tally "$tmp/drills.log" test_drills.py
# Drill files: MSEL spreadsheets and response attachments, likewise.
TMPDIR=$tmp python3 "$here/test_drill_files.py" --bin "$bin" >"$tmp/dfiles.log" 2>&1
tally "$tmp/dfiles.log" test_drill_files.py
# Crosswalks: coverage and pre-filling, on a server and data directory of
# their own.
TMPDIR=$tmp python3 "$here/test_mappings.py" --bin "$bin" >"$tmp/map.log" 2>&1
tally "$tmp/map.log" test_mappings.py
# Technical challenges, on a server and data directory of their own.
TMPDIR=$tmp python3 "$here/test_challenges.py" --bin "$bin" >"$tmp/ctf.log" 2>&1
tally "$tmp/ctf.log" test_challenges.py
# Partnerships, on a server and data directory of their own.
TMPDIR=$tmp python3 "$here/test_partners.py" --bin "$bin" >"$tmp/partners.log" 2>&1
tally "$tmp/partners.log" test_partners.py
# Skills programmes, on a server and data directory of their own.
TMPDIR=$tmp python3 "$here/test_skills.py" --bin "$bin" >"$tmp/skills.log" 2>&1
tally "$tmp/skills.log" test_skills.py
# The static site for readers, on a server and data directory of its own.
TMPDIR=$tmp python3 "$here/test_static_site.py" --bin "$bin" >"$tmp/site.log" 2>&1
tally "$tmp/site.log" test_static_site.py

finish
