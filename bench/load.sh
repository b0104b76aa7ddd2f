#!/bin/sh
# bench/load.sh [BINARY]: the server under load (`make load`; figures in
# bench/README.md, "Load (wrk)").
#
#  reads   LOAD_CONNECTIONS (1000) connections for LOAD_SECONDS (60) on
#          public GETs (bench/load/read.lua: campaigns, results, the 40
#          unit profiles, summaries, units, frameworks, the web files);
#  writes  LOAD_WRITE_CONNECTIONS (100) connections for LOAD_SECONDS on
#          PUT .../answers/{q} with an admin's bearer token
#          (bench/load/write.lua), then checks that nothing was lost: every
#          acknowledged save is in answer_history (2xx <= rows added <=
#          requests sent), one audit event per save, each answer equal to
#          its last history row, PRAGMA integrity_check ok and
#          `cybercap audit verify` intact.
#
# Each phase runs against a fresh `cybercap serve` on the demo data (made
# once by `cybercap demo`), so that the peak RSS (VmHWM, read before the
# server stops) is that phase's. Prints requests/s, p50/p90/p99 latency,
# wrk's socket errors (connect, read, write, timeout), responses by class
# (4xx and 5xx apart, counted in Lua) and the peak RSS. Exit status 1 when
# any phase had a socket error, a timeout, a response other than 2xx/3xx
# or failed a check.
#
# Environment: LOAD_SECONDS (60), LOAD_CONNECTIONS (1000, reads),
# LOAD_WRITE_CONNECTIONS (100), LOAD_THREADS (wrk threads, 2),
# LOAD_TIMEOUT (wrk's per-request timeout, 2s as wrk's default),
# LOAD_PHASES ("reads writes"; also "pg-writes": the writes on PostgreSQL
# with two servers, LOAD_PG_HOST naming the socket folder of
# tests/pg/cluster.sh; and "mixed": both at once on one server,
# LOAD_MIXED_READ_CONNECTIONS readers, default 200), LOAD_WRITE_RATE (the
# writers' pace in saves/s over all their connections: each waits
# connections/rate between its saves; default none, as fast as they go),
# LOAD_SERVER_THREADS (serve --threads; default the server's own),
# LOAD_OUT (build/load: wrk's output and server logs).
set -eu
bin=${1:-build/cybercap}
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${LOAD_SECONDS:-60}
rconn=${LOAD_CONNECTIONS:-1000}
wconn=${LOAD_WRITE_CONNECTIONS:-100}
threads=${LOAD_THREADS:-2}
timeout=${LOAD_TIMEOUT:-2s}
phases=${LOAD_PHASES:-reads writes}
out=${LOAD_OUT:-$root/build/load}
campaign=nci-2028

command -v wrk >/dev/null || { echo "load: wrk is missing (scripts/install-deps installs it)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "load: python3 is missing" >&2; exit 2; }
[ -x "$bin" ] || { echo "load: $bin: not an executable" >&2; exit 2; }
mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cybercap-load.XXXXXX")
srv=
cleanup() {
	if [ -n "$srv" ]; then kill -KILL "$srv" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# wrk needs a descriptor per connection, and so does the server.
need=$((rconn > wconn ? rconn : wconn))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((need + 256)) ]; then
	ulimit -n $((need + 256)) 2>/dev/null || {
		echo "load: ulimit -n is $(ulimit -n), $need connections need more" >&2; exit 2; }
fi

# start CMD LOG [OPTIONS]: runs `BINARY CMD --data $tmp/d` on a free port,
# sets srv (pid) and port.
start() {
	cmd=$1 log=$2
	shift 2
	: >"$log"
	"$bin" "$cmd" --data "$tmp/d" --listen 127.0.0.1:0 "$@" >"$log" 2>"$log.err" &
	srv=$!
	port=
	i=0
	while [ $i -lt 600 ]; do
		port=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$log" || true)
		[ -n "$port" ] && return 0
		kill -0 "$srv" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	cat "$log" "$log.err" >&2
	echo "load: the server did not start" >&2
	exit 2
}

stop() {
	kill -TERM "$srv"
	wait "$srv" || echo "load: the server exited with status $?" >&2
	srv=
}

peak_rss_mb() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$srv/status"; }

# key=value from wrk's "load:" line
val() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

failures=0
fail() { failures=$((failures + 1)); echo "FAIL $*"; }

# report PHASE WRK_OUTPUT RSS: prints the figures, fails on errors.
report() {
	line=$(grep '^load: requests=' "$2" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$2"
		fail "$1: wrk printed no figures"
		return
	fi
	err=$(( $(val err_connect "$line") + $(val err_read "$line") +
		$(val err_write "$line") + $(val err_timeout "$line") ))
	bad=$(( $(val s4xx "$line") + $(val s5xx "$line") ))
	echo "requests:        $(val requests "$line") in ${seconds} s, $(val rps "$line") requests/s"
	echo "latency:         p50 $(val p50_ms "$line") ms, p90 $(val p90_ms "$line") ms," \
		"p99 $(val p99_ms "$line") ms, max $(val max_ms "$line") ms"
	echo "wrk errors:      connect $(val err_connect "$line"), read $(val err_read "$line")," \
		"write $(val err_write "$line"), timeout $(val err_timeout "$line")"
	echo "responses:       2xx $(val s2xx "$line"), 3xx $(val s3xx "$line")," \
		"4xx $(val s4xx "$line"), 5xx $(val s5xx "$line") (non-2xx/3xx: $bad)"
	echo "server peak RSS: $3 MB (VmHWM)"
	grep '^load: first' "$2" || true
	[ "$err" -eq 0 ] || fail "$1: $err socket errors or timeouts"
	[ "$(val s5xx "$line")" -eq 0 ] || fail "$1: $(val s5xx "$line") responses 5xx"
	[ "$(val s4xx "$line")" -eq 0 ] || fail "$1: $(val s4xx "$line") responses 4xx"
	[ "$(val requests "$line")" -gt 0 ] || fail "$1: no request answered"
}

serve_opts() { # CONNECTIONS: limits that let them all in
	max=$(($1 * 2 > 2048 ? $1 * 2 : 2048))
	echo "--max-connections $max --per-ip $(($1 + 64))${LOAD_SERVER_THREADS:+ --threads $LOAD_SERVER_THREADS}"
}

echo "load: machine $(nproc) cores ($(uname -m)), shared by wrk and the server; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load: preparing the demo data"
start demo "$tmp/demo.log"
stop

# The data for the write phase: an admin's token, the open campaign's
# units, the framework's yes/no questions that no condition hides.
db="$tmp/d/cybercap.db"
sql() { python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2], sys.argv[3:]):
    print("|".join(str(x) for x in row))' "$db" "$@"; }

# The write phase's data: an admin's token, the open campaign's units,
# and the counts before (write_checks compares).
write_setup() {
	token=$("$bin" user token --data "$tmp/d" --email admin@demo.cybercap)
	units=$(sql "SELECT unit_id FROM assessment WHERE campaign_id = ? AND status IN ('not_started', 'in_progress', 'returned') ORDER BY position" $campaign | paste -sd, -)
	before_hist=$(sql "SELECT count(*) FROM answer_history WHERE campaign_id = ?" $campaign)
	before_audit=$(sql "SELECT count(*) FROM audit_event WHERE action = 'answer'")
}

# The framework's yes/no questions that no condition hides (server running).
write_questions() {
	questions=$(python3 -c 'import json, sys, urllib.request
fw = json.load(urllib.request.urlopen(sys.argv[1]))
out = []
def walk(n, hidden):
    hidden = hidden or "when" in n
    if n.get("type") == "yes_no" and not hidden:
        out.append(n["id"])
    for c in n.get("children", []):
        walk(c, hidden)
walk(fw, False)
print(",".join(out))' "http://127.0.0.1:$port/api/v1/frameworks/national-commitment")
	echo "units: $(echo "$units" | tr ',' '\n' | wc -l), yes/no questions: $(echo "$questions" | tr ',' '\n' | wc -l)"
}

# the pause of each writing connection between its saves, for LOAD_WRITE_RATE
write_delay_ms() {
	if [ -n "${LOAD_WRITE_RATE:-}" ]; then echo $((wconn * 1000 / LOAD_WRITE_RATE)); else echo 0; fi
}

run_writes() { # OUT
	LOAD_WRITE_DELAY_MS=$(write_delay_ms) LOAD_LUA_DIR="$root/bench/load" LOAD_TOKEN=$token LOAD_CAMPAIGN=$campaign \
		LOAD_UNITS=$units LOAD_QUESTIONS=$questions LOAD_THREADS=$threads \
		wrk -t"$threads" -c"$wconn" -d"${seconds}s" --timeout "$timeout" --latency \
		-s "$root/bench/load/write.lua" "http://127.0.0.1:$port" >"$1" 2>&1 || true
}

# write_checks PHASE WRK_OUTPUT: every acknowledged save stored, with its
# audit event; answers equal their last history row; the database and the
# audit chain intact.
write_checks() {
	line=$(grep '^load: requests=' "$2" | tail -n 1 || true)
	ok2=$(val s2xx "$line"); sent=$(val sent "$line")
	hist=$(($(sql "SELECT count(*) FROM answer_history WHERE campaign_id = ?" $campaign) - before_hist))
	aud=$(($(sql "SELECT count(*) FROM audit_event WHERE action = 'answer'") - before_audit))
	stale=$(sql "SELECT count(*) FROM answer a WHERE campaign_id = ? AND (answer, comment) IS NOT
		(SELECT h.answer, h.comment FROM answer_history h WHERE h.campaign_id = a.campaign_id
		 AND h.unit_id = a.unit_id AND h.question = a.question ORDER BY h.id DESC LIMIT 1)" $campaign)
	echo "saves:           ${ok2:-0} acknowledged (2xx), $hist stored (answer_history), $aud audit events, ${sent:-0} sent"
	[ -n "$ok2" ] && [ "$hist" -ge "$ok2" ] || fail "$1: acknowledged saves lost ($hist stored < ${ok2:-?} acknowledged)"
	[ -n "$sent" ] && [ "$hist" -le "$sent" ] || fail "$1: more saves stored ($hist) than sent (${sent:-?})"
	[ "$aud" -eq "$hist" ] || fail "$1: $aud audit events for $hist saves"
	[ "$stale" -eq 0 ] || fail "$1: $stale answers differ from their last history row"
	ic=$(sql "PRAGMA integrity_check")
	echo "integrity_check: $ic"
	[ "$ic" = ok ] || fail "$1: PRAGMA integrity_check: $ic"
	if av=$("$bin" audit verify --data "$tmp/d" 2>&1); then
		echo "audit verify:    $av"
	else
		echo "$av"
		fail "$1: cybercap audit verify"
	fi
}

for phase in $phases; do
	case $phase in
	reads)
		echo "== reads: $rconn connections, $seconds s, wrk -t$threads, --timeout $timeout =="
		# shellcheck disable=SC2046
		start serve "$tmp/serve-reads.log" $(serve_opts "$rconn")
		assets=$(grep -oE '/assets/[^"]+\.(js|css)' "$root/web/dist/index.html" 2>/dev/null | sort -u | tr '\n' ' ' || true)
		LOAD_LUA_DIR="$root/bench/load" LOAD_READ_ASSETS="$assets" \
			wrk -t"$threads" -c"$rconn" -d"${seconds}s" --timeout "$timeout" --latency \
			-s "$root/bench/load/read.lua" "http://127.0.0.1:$port" >"$out/reads.txt" 2>&1 || true
		rss=$(peak_rss_mb)
		stop
		cp "$tmp/serve-reads.log.err" "$out/serve-reads.err"
		report reads "$out/reads.txt" "$rss"
		grep 'closed for headers' "$out/serve-reads.err" || true
		;;
	writes)
		echo "== writes: $wconn connections, $seconds s, wrk -t$threads, --timeout $timeout =="
		write_setup
		# shellcheck disable=SC2046
		start serve "$tmp/serve-writes.log" $(serve_opts "$wconn")
		write_questions
		run_writes "$out/writes.txt"
		rss=$(peak_rss_mb)
		stop   # lets requests in flight finish
		cp "$tmp/serve-writes.log.err" "$out/serve-writes.err"
		report writes "$out/writes.txt" "$rss"
		grep 'closed for headers' "$out/serve-writes.err" || true
		write_checks writes "$out/writes.txt"
		;;
	mixed)
		# reads and writes at once on one server: what readers see while
		# focal points save (issue 19: reads p99 < 50 ms under the write load)
		mconn=${LOAD_MIXED_READ_CONNECTIONS:-200}
		echo "== mixed: $mconn reading and $wconn writing connections at once, $seconds s, --timeout $timeout =="
		write_setup
		# shellcheck disable=SC2046
		start serve "$tmp/serve-mixed.log" $(serve_opts "$((mconn + wconn))")
		write_questions
		assets=$(grep -oE '/assets/[^"]+\.(js|css)' "$root/web/dist/index.html" 2>/dev/null | sort -u | tr '\n' ' ' || true)
		LOAD_LUA_DIR="$root/bench/load" LOAD_READ_ASSETS="$assets" \
			wrk -t1 -c"$mconn" -d"${seconds}s" --timeout "$timeout" --latency \
			-s "$root/bench/load/read.lua" "http://127.0.0.1:$port" >"$out/mixed-reads.txt" 2>&1 &
		rpid=$!
		run_writes "$out/mixed-writes.txt"
		wait "$rpid" || true
		rss=$(peak_rss_mb)
		stop
		cp "$tmp/serve-mixed.log.err" "$out/serve-mixed.err"
		echo "-- reads while writing"
		report mixed-reads "$out/mixed-reads.txt" "$rss"
		echo "-- writes while reading"
		report mixed-writes "$out/mixed-writes.txt" "$rss"
		write_checks mixed "$out/mixed-writes.txt"
		;;
	pg-writes)
		# the write phase on PostgreSQL with two servers: the demo data
		# migrated into a database of the test cluster (LOAD_PG_HOST: its
		# socket folder, tests/pg/cluster.sh), two `cybercap serve --db`
		# sharing it, half the writing connections on each
		[ -n "${LOAD_PG_HOST:-}" ] || { echo "load: pg-writes needs LOAD_PG_HOST (tests/pg/cluster.sh start)" >&2; exit 2; }
		echo "== pg-writes: $wconn connections on two servers sharing PostgreSQL, $seconds s =="
		write_setup
		pgdb=cc_load_$$
		dropdb -h "$LOAD_PG_HOST" -U postgres --if-exists "$pgdb"
		createdb -h "$LOAD_PG_HOST" -U postgres -T template0 -E UTF8 "$pgdb"
		url="postgresql:///$pgdb?host=$LOAD_PG_HOST&user=postgres"
		"$bin" migrate --from "$tmp/d" --to "$url" | tail -n 1
		pq() { psql -X -q -tA -h "$LOAD_PG_HOST" -U postgres -d "$pgdb" -c "$1"; }
		before_hist=$(pq "SELECT count(*) FROM answer_history WHERE campaign_id = '$campaign'")
		before_audit=$(pq "SELECT count(*) FROM audit_event WHERE action = 'answer'")
		ports=""; pids=""
		for side in a b; do
			mkdir -p "$tmp/pg-$side"
			# shellcheck disable=SC2046
			CYBERCAP_DB=$url "$bin" serve --data "$tmp/pg-$side" --listen 127.0.0.1:0 \
				$(serve_opts "$wconn") >"$tmp/pg-$side.log" 2>"$tmp/pg-$side.err" &
			pids="$pids $!"
			for _ in $(seq 1 300); do
				p=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/pg-$side.log")
				[ -n "$p" ] && break
				sleep 0.1
			done
			ports="$ports $p"
		done
		port=${ports# }; port=${port%% *}
		write_questions
		half=$((wconn / 2))
		wpids=""
		for p in $ports; do
			LOAD_WRITE_DELAY_MS=$(write_delay_ms) LOAD_LUA_DIR="$root/bench/load" \
				LOAD_TOKEN=$token LOAD_CAMPAIGN=$campaign \
				LOAD_UNITS=$units LOAD_QUESTIONS=$questions LOAD_THREADS=1 \
				wrk -t1 -c"$half" -d"${seconds}s" --timeout "$timeout" --latency \
				-s "$root/bench/load/write.lua" "http://127.0.0.1:$p" >"$out/pg-writes-$p.txt" 2>&1 &
			wpids="$wpids $!"
		done
		for w in $wpids; do wait "$w" || true; done
		for p in $pids; do kill -TERM "$p"; wait "$p" || true; done
		ok2=0; sent=0
		for p in $ports; do
			echo "-- server on :$p"
			report pg-writes "$out/pg-writes-$p.txt" "-"
			line=$(grep '^load: requests=' "$out/pg-writes-$p.txt" | tail -n 1)
			ok2=$((ok2 + $(val s2xx "$line"))); sent=$((sent + $(val sent "$line")))
			rps=$(val rps "$line"); total_rps=$(python3 -c "print(round(${total_rps:-0} + $rps, 1))")
		done
		hist=$(($(pq "SELECT count(*) FROM answer_history WHERE campaign_id = '$campaign'") - before_hist))
		aud=$(($(pq "SELECT count(*) FROM audit_event WHERE action = 'answer'") - before_audit))
		echo "both servers:    $total_rps saves/s"
		echo "saves:           $ok2 acknowledged (2xx), $hist stored (answer_history), $aud audit events, $sent sent"
		[ "$hist" -ge "$ok2" ] || fail "pg-writes: acknowledged saves lost ($hist stored < $ok2 acknowledged)"
		[ "$hist" -le "$sent" ] || fail "pg-writes: more saves stored ($hist) than sent ($sent)"
		[ "$aud" -eq "$hist" ] || fail "pg-writes: $aud audit events for $hist saves"
		if av=$(CYBERCAP_DB=$url "$bin" audit verify --data "$tmp/pg-a" 2>&1); then
			echo "audit verify:    $av"
		else
			echo "$av"
			fail "pg-writes: cybercap audit verify"
		fi
		dropdb -h "$LOAD_PG_HOST" -U postgres "$pgdb"
		;;
	*)
		echo "load: unknown phase \"$phase\" (reads, writes, mixed, pg-writes)" >&2
		exit 2
		;;
	esac
done

if grep -E 'AddressSanitizer|runtime error' "$out"/serve-*.err >/dev/null 2>&1; then
	fail "sanitizer report in the server's output"
fi
echo "load: $failures failures (wrk output in $out)"
[ "$failures" -eq 0 ]
