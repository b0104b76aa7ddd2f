#!/bin/sh
# The suites on PostgreSQL.   Usage: sh tests/pg/run.sh BINARY
#
# Starts a throwaway PostgreSQL server under build/pg (tests/pg/cluster.sh:
# initdb + pg_ctl, a Unix socket, no system service) and runs against it:
#   - every unit test (cmocka) with CYBERCAP_PG_HOST set: each store test
#     then opens a fresh database of its own (tests/unit/helpers.h);
#   - the API suites (tests/api/run.sh: the API, workflow, workshop, plans,
#     risks, drills, challenges, partnerships, skills, static-site suites)
#     through tests/pg/cybercap-pg, which gives each data directory a
#     database of its own;
#   - the same results on both backends: the demo is built on SQLite and on
#     PostgreSQL and its published results exported (export-site); every
#     API response of the two sites must be the same bytes, wall-clock
#     times masked (tests/pg/same_site.py);
#   - two servers on one database (test_cluster.py: sessions, answers,
#     sign-in limits, publication, drill injects across servers, and
#     PostgreSQL restarted under load);
#   - cybercap migrate, SQLite to PostgreSQL (the same published results)
#     and back (the audit chain intact), and its refusal of a used target;
#     backup and restore on PostgreSQL.
# Stops the server and ends with "pg: N passed, M failed".
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
build=$(cd "$(dirname "$bin")" && pwd)
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
finish() {
	sh "$here/cluster.sh" stop "$build/pg" 2>/dev/null
	echo "pg: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

if ! url=$(sh "$here/cluster.sh" start "$build/pg" 2>&1); then
	echo "$url" >&2
	fail "the PostgreSQL test server starts"
	finish
fi
pass "the PostgreSQL test server starts"
CYBERCAP_PG_HOST="$build/pg/run"
CYBERCAP_REAL_BIN="$bin"
export CYBERCAP_PG_HOST CYBERCAP_REAL_BIN
# Databases of an earlier run go first (their names come from data folders).
psql -X -q -h "$CYBERCAP_PG_HOST" -U postgres -d postgres -tAc \
	"SELECT datname FROM pg_database WHERE datname LIKE 'cc\_%'" |
	while read -r db; do dropdb -h "$CYBERCAP_PG_HOST" -U postgres "$db"; done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# CYBERCAP_PG_ALSO_UNITS: another build's unit tests to run on PostgreSQL
# too (make test: the sanitized build's, build/asan/tests).
also=${CYBERCAP_PG_ALSO_UNITS:-}
if [ -n "$also" ] && ! ls "$also"/test_* >/dev/null 2>&1; then
	fail "CYBERCAP_PG_ALSO_UNITS=$also holds unit tests"
	also=
fi
for t in "$build"/tests/test_* ${also:+"$also"/test_*}; do
	[ -x "$t" ] || continue
	case $t in "$build"/tests/*) name=$(basename "$t") ;; *) name="$(basename "$t") ($also)" ;; esac
	CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
	st=$?
	n_ok=$(grep -c '^\[       OK \]' "$log")
	n_bad=$(grep -E '^\[  FAILED  \] [a-z_0-9]+$' "$log" | sort -u | wc -l)
	[ "$st" -ne 0 ] && [ "$n_bad" -eq 0 ] && n_bad=1
	passed=$((passed + n_ok))
	failed=$((failed + n_bad))
	echo "unit $name on PostgreSQL: $n_ok passed, $n_bad failed"
	[ "$st" -eq 0 ] || cat "$log"
done

sh "$root/tests/api/run.sh" "$here/cybercap-pg" >"$log" 2>&1
grep -v '^ok ' "$log"
line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\1/')
f=$(echo "$line" | sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\2/')
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-1}))

# Two servers on one database (tests/pg/test_cluster.py).
CYBERCAP_PG_DIR="$build/pg" python3 "$here/test_cluster.py" --bin "$bin" >"$log" 2>&1
grep -v '^ok ' "$log"
p=$(sed -n 's/^RESULT passed=\([0-9]*\) failed=\([0-9]*\)$/\1/p' "$log")
f=$(sed -n 's/^RESULT passed=\([0-9]*\) failed=\([0-9]*\)$/\2/p' "$log")
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-1}))

# The same published results from both backends.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cybercap-pg.XXXXXX")
demo_data() { # demo_data BINARY DIR: builds the demo in DIR (its server stopped)
	"$1" demo --data "$2" --listen 127.0.0.1:0 >"$2.out" 2>&1 &
	pid=$!
	for _ in $(seq 1 600); do
		grep -q "serving http" "$2.out" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	grep -q "serving http" "$2.out"
}
same=1
for b in lite pg; do
	exe=$bin
	[ "$b" = pg ] && exe="$here/cybercap-pg"
	if ! demo_data "$exe" "$tmp/$b" ||
		! "$exe" export-site --data "$tmp/$b" --web "$root/web/dist" --campaign nci-2025 \
			--campaign nci-2026 --campaign nci-2027 --campaign national-maturity-2026 "$tmp/site-$b" >"$tmp/$b.export" 2>&1; then
		cat "$tmp/$b.out" "$tmp/$b.export" 2>/dev/null | tail -n 5
		same=0
	fi
done
if [ "$same" -eq 1 ] && python3 "$here/same_site.py" "$tmp/site-lite" "$tmp/site-pg" >"$tmp/diff" 2>&1; then
	pass "the demo's published results are the same on SQLite and PostgreSQL ($(tail -n 1 "$tmp/diff"))"
else
	cat "$tmp/diff" 2>/dev/null
	fail "the demo's published results are the same on SQLite and PostgreSQL"
fi
answers() { # the answers in DIR's SQLite database
	python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM answer").fetchone()[0])' "$1/cybercap.db"
}
# cybercap migrate: the SQLite demo into a new PostgreSQL database, its
# published results the same as SQLite's; back into a new data directory,
# its audit chain intact; a destination that is not new is refused whole.
to="postgresql:///cc_migrate?host=$CYBERCAP_PG_HOST&user=postgres"
createdb -h "$CYBERCAP_PG_HOST" -U postgres cc_migrate
if [ -d "$tmp/lite" ] && "$bin" migrate --from "$tmp/lite" --to "$to" >"$tmp/m1" 2>&1 &&
	grep -q "verified" "$tmp/m1" &&
	CYBERCAP_DB=$to "$bin" export-site --data "$tmp/m-data" --web "$root/web/dist" --campaign nci-2025 \
		--campaign nci-2026 --campaign nci-2027 --campaign national-maturity-2026 "$tmp/site-m" >/dev/null 2>&1 &&
	python3 "$here/same_site.py" "$tmp/site-lite" "$tmp/site-m" >"$tmp/diff" 2>&1; then
	pass "migrate: SQLite to PostgreSQL, verified, the same published results ($(tail -n 1 "$tmp/m1" | cut -d';' -f1))"
else
	cat "$tmp/m1" "$tmp/diff" 2>/dev/null | tail -n 5
	fail "migrate: SQLite to PostgreSQL, verified, the same published results"
fi
if "$bin" migrate --from "$to" --to "$tmp/back" >"$tmp/m2" 2>&1 &&
	"$bin" audit verify --data "$tmp/back" >/dev/null 2>&1 &&
	[ "$(answers "$tmp/lite")" = "$(answers "$tmp/back")" ]; then
	pass "migrate: PostgreSQL back to a data directory, audit chain intact"
else
	tail -n 3 "$tmp/m2"
	fail "migrate: PostgreSQL back to a data directory, audit chain intact"
fi
# backup on PostgreSQL: a folder restorable into either backend
createdb -h "$CYBERCAP_PG_HOST" -U postgres cc_restore
back="postgresql:///cc_restore?host=$CYBERCAP_PG_HOST&user=postgres"
if CYBERCAP_DB=$to "$bin" backup --data "$tmp/bk-data" "$tmp/bk" >"$tmp/b1" 2>&1 &&
	"$bin" audit verify --data "$tmp/bk" >"$tmp/b2" 2>&1 &&
	"$bin" restore --db "$back" --data "$tmp/bk-data2" "$tmp/bk" >>"$tmp/b2" 2>&1 &&
	"$bin" audit verify --db "$back" --data "$tmp/bk-data2" >>"$tmp/b2" 2>&1 &&
	[ "$(grep -o '([0-9]* events)' "$tmp/b2" | sort -u | wc -l)" -eq 1 ]; then
	pass "backup and restore on PostgreSQL ($(head -n 1 "$tmp/b1" | sed 's/^[^:]*: //'))"
else
	cat "$tmp/b1" "$tmp/b2" 2>/dev/null | tail -n 5
	fail "backup and restore on PostgreSQL"
fi
dropdb -h "$CYBERCAP_PG_HOST" -U postgres cc_restore
"$bin" migrate --from "$tmp/lite" --to "$to" >"$tmp/m3" 2>&1
st=$?
if [ "$st" -eq 2 ] && grep -q "not empty" "$tmp/m3"; then
	pass "migrate refuses a destination that is not new (exit 2, names the table)"
else
	cat "$tmp/m3"
	fail "migrate refuses a destination that is not new (exit $st)"
fi
dropdb -h "$CYBERCAP_PG_HOST" -U postgres cc_migrate
rm -rf "$tmp"
finish
