#!/bin/sh
# A throwaway PostgreSQL server for the tests: no system service, no TCP,
# a Unix socket in its own folder.
#
#   sh tests/pg/cluster.sh start DIR   initdb (first time) + pg_ctl start;
#                                      prints the admin URL
#   sh tests/pg/cluster.sh stop DIR    pg_ctl stop (fast)
#   sh tests/pg/cluster.sh url DIR     the admin URL (database postgres)
#
# DIR (build/pg by default) holds data/ and run/ (the socket). The cluster
# orders text by bytes (--no-locale), as cybercap needs. fsync is off: these
# databases are thrown away (CLUSTER_FSYNC=on for a cluster that is
# durable, as bench/load.sh's pg-writes measures it). Run as root, the server runs as the postgres user
# (initdb refuses root), which then owns DIR.
set -eu
cmd=${1:-}
dir=${2:-build/pg}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || {
	echo "cluster.sh: PostgreSQL is not installed (apt-get install postgresql; scripts/install-deps does)" >&2
	exit 2
}
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
url() {
	echo "postgresql:///postgres?host=$dir/run&user=postgres"
}
case $cmd in
start)
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres "$dir"
	fi
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as_pg "$bindir/initdb" -D "$dir/data" --no-locale -E UTF8 -A trust -U postgres >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
	fi
	as_pg mkdir -p "$dir/run"
	if ! as_pg "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-k $dir/run -c listen_addresses='' -c fsync=${CLUSTER_FSYNC:-off} -c max_connections=300 -c shared_buffers=64MB" \
			start >/dev/null || {
			tail -n 20 "$dir/server.log" >&2
			exit 1
		}
	fi
	url
	;;
stop)
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	;;
url)
	url
	;;
*)
	echo "usage: $0 start|stop|url [DIR]" >&2
	exit 2
	;;
esac
