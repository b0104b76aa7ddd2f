#!/bin/sh
# tests/slow/run.sh BINARY: slow and hostile clients (see slow_client.py):
# slowloris, slow bodies, oversized headers and bodies, more connections
# than the limits; ends with "slow: N passed, M failed".
if [ $# -ne 1 ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi
exec python3 "$(dirname "$0")/slow_client.py" "$1"
