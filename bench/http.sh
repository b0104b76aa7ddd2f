#!/bin/sh
# bench/http.sh BINARY: the server's figures (issue targets in brackets):
#  - wrk, 64 connections, 10 s, on /api/v1/campaigns/nci-2026/results/XAA,
#    beside nginx serving a static file of the same size in the same run:
#    requests/s ratio [>= 50 %] and p99 latency [< 5 ms];
#  - the server's resident memory with the demo loaded [< 50 MB];
#  - time from start to the first answered request [< 200 ms];
#  - the first page's weight, compressed [< 250 KB].
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
ours=$(run_wrk "http://127.0.0.1:$port$path")
theirs=$(run_wrk "http://127.0.0.1:$nport/static.json")
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
errs() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}'; }
r_ours=$(rps "$ours"); r_nginx=$(rps "$theirs")
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$srv/status)

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
echo "cybercap:                $r_ours requests/s, p99 $(p99 "$ours") (64 connections) $(errs "$ours")"
echo "nginx static same size:  $r_nginx requests/s, p99 $(p99 "$theirs")"
echo "ratio:                   $(awk -v a="$r_ours" -v b="$r_nginx" 'BEGIN { printf "%.0f %%", 100 * a / b }')"
echo "server peak RSS:         $((rss_kb / 1024)) MB (VmHWM, demo loaded, after the run)"
echo "first response after start: $first_ms ms"
echo "first page weight:       $weight compressed"
