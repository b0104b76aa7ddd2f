#!/bin/sh
# tests/crash/run.sh BINARY [KILLS]: crash consistency (see crash.py);
# make test runs it with a few kills, `make crash-test` with 60.
exec python3 "$(dirname "$0")/crash.py" "$1" "${2:-8}"
