#!/bin/sh
# bench/http.sh BINARY: the server's figures (issue targets in brackets):
#  - wrk, 64 connections, 10 s, on /api/v1/campaigns/nci-2026/results/XAA,
#    beside nginx serving a static file of the same size in the same run:
#    requests/s ratio [>= 80 %] and p99 latency [within 1.5 x nginx's];
#  - CPU time per request of the server and of nginx's worker (what each
#    costs, whatever share of the shared cores it got);
#  - the server's resident memory with the demo loaded [< 50 MB];
#  - time from start to the first answered request [< 200 ms];
#  - the first page's weight, compressed [< 250 KB].
# The comparison runs HTTP_ROUNDS times (default 3), cybercap and nginx in
# turn, because the machine is shared: each round's figures are printed,
# then the median ratio of requests/s and of p99, with their range.
# wrk and nginx come from Debian (installed here when missing).
set -eu
bin=${1:-build/cybercap}
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
for tool in wrk nginx; do
	command -v $tool >/dev/null || command -v /usr/sbin/$tool >/dev/null || {
		echo "bench: installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null; }
done
tmp=$(mktemp -d)
trap 'kill $srv 2>/dev/null; [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null; rm -rf "$tmp"' EXIT
port=$((20000 + $$ % 20000))
nport=$((port + 1))
path=/api/v1/campaigns/nci-2026/results/XAA

# The demo data once, so that start-up is timed on a prepared directory.
"$bin" demo --data "$tmp/data" --listen 127.0.0.1:$port >"$tmp/demo.log" 2>&1 &
srv=$!
until curl -sf "http://127.0.0.1:$port/api/v1/campaigns" >/dev/null 2>&1; do sleep 0.1; done
kill -TERM $srv; wait $srv || true

# Time to first response: start, then poll as fast as curl goes.
t0=$(date +%s%N)
"$bin" serve --data "$tmp/data" --listen 127.0.0.1:$port >"$tmp/serve.log" 2>&1 &
srv=$!
until curl -sf "http://127.0.0.1:$port$path" -o "$tmp/body.json" 2>/dev/null; do :; done
t1=$(date +%s%N)
first_ms=$(( (t1 - t0) / 1000000 ))

# nginx with the same bytes as a static file.
mkdir -p "$tmp/www"
cp "$tmp/body.json" "$tmp/www/static.json"
cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx.err;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		location / { default_type application/json; }
	}
}
CONF
nginx=$(command -v nginx || echo /usr/sbin/nginx)
$nginx -c "$tmp/nginx.conf" -p "$tmp"
sleep 0.3

run_wrk() { wrk -t2 -c64 -d10s --latency "$1" 2>&1; }
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
# a wrk duration (950.00us, 6.80ms, 1.20s) in ms
ms() { echo "$1" | awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/ && $1 !~ /ms$/) v *= 1000; print v }'; }
errs() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}'; }
# CPU time a process used so far, in clock ticks (utime + stime): CPU per
# request does not depend on how much of the shared machine a process got
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
reqs() { echo "$1" | awk '/requests in/ { print $1 }'; }
hz=$(getconf CLK_TCK)
worker=$(ps -o pid= --ppid "$(cat "$tmp/nginx.pid")" | head -n 1 | tr -d ' ')
# microseconds of CPU per request: cpu_us TICKS_BEFORE TICKS_AFTER WRK_OUTPUT
cpu_us() { awk -v a="$1" -v b="$2" -v n="$(reqs "$3")" -v hz="$hz" 'BEGIN { printf "%.1f", (b - a) / hz * 1e6 / n }'; }
rounds=${HTTP_ROUNDS:-3}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$tmp/rounds"
i=1
while [ $i -le "$rounds" ]; do
	t0=$(ticks $srv)
	ours=$(run_wrk "http://127.0.0.1:$port$path")
	t1=$(ticks $srv); n0=$(ticks "$worker")
	theirs=$(run_wrk "http://127.0.0.1:$nport/static.json")
	n1=$(ticks "$worker")
	c_ours=$(cpu_us "$t0" "$t1" "$ours"); c_nginx=$(cpu_us "$n0" "$n1" "$theirs")
	r_ours=$(rps "$ours"); r_nginx=$(rps "$theirs")
	p_ours=$(ms "$(p99 "$ours")"); p_nginx=$(ms "$(p99 "$theirs")")
	echo "round $i: cybercap $r_ours requests/s, p99 $p_ours ms $(errs "$ours") | nginx $r_nginx requests/s, p99 $p_nginx ms | ratio $(awk -v a="$r_ours" -v b="$r_nginx" 'BEGIN { printf "%.0f %%", 100 * a / b }'), p99 x$(awk -v a="$p_ours" -v b="$p_nginx" 'BEGIN { printf "%.2f", a / b }'); CPU per request $c_ours / $c_nginx us"
	echo "$r_ours $r_nginx $p_ours $p_nginx $c_ours $c_nginx" >>"$tmp/rounds"
	i=$((i + 1))
done
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$srv/status)
# median and range of a column expression over the rounds
summary() { awk "{ print $1 }" "$tmp/rounds" | sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "'"$2"' (%'"$3"' to %'"$3"')", m, v[1], v[NR] }'; }

# First page weight: index.html and the assets it names, gzip-compressed.
weight="(no web/dist)"
if [ -f web/dist/index.html ]; then
	total=$(gzip -9c web/dist/index.html | wc -c)
	for a in $(grep -oE '/assets/[^"]+\.(js|css)' web/dist/index.html | sort -u); do
		total=$((total + $(gzip -9c "web/dist$a" | wc -c)))
	done
	weight="$((total / 1024)) KB"
fi

echo "body size:               $(wc -c <"$tmp/body.json") bytes ($path)"
echo "load average before:     $load_before (the machine is shared)"
echo "cybercap requests/s:     $(summary '$1' '%.0f' .0f) median of $rounds rounds (64 connections)"
echo "nginx static same size:  $(summary '$2' '%.0f' .0f)"
echo "ratio:                   $(summary '100 * $1 / $2' '%.0f %%' .0f)"
echo "p99 cybercap / nginx:    $(summary '$3' '%.2f ms' .2f) / $(summary '$4' '%.2f ms' .2f)"
echo "p99 ratio:               $(summary '$3 / $4' 'x%.2f' .2f)"
echo "CPU per request:         $(summary '$5' '%.1f us' .1f) cybercap / $(summary '$6' '%.1f us' .1f) nginx (server process time / requests)"
echo "server peak RSS:         $((rss_kb / 1024)) MB (VmHWM, demo loaded, after the run)"
echo "first response after start: $first_ms ms"
echo "first page weight:       $weight compressed"
