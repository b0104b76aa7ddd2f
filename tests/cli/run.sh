#!/bin/sh
# Golden tests for `cybercap score` (and `targets`: a file `command`).  Usage: sh tests/cli/run.sh BINARY
# See tests/cli/README.md for the layout of a case.
# Needs only a POSIX sh, coreutils, diff, and python3 (JSON cases only).

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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cybercap-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0

# report NAME MESSAGE... : print FAIL line and details
failed() {
	name=$1
	shift
	echo "FAIL $name"
	for m in "$@"; do
		printf '  %s\n' "$m"
	done
	fail=$((fail + 1))
}

for dir in "$here"/cases/*/; do
	dir=${dir%/}
	name=${dir##*/}
	if [ -f "$dir/args" ]; then
		args=$(cat "$dir/args")
	else
		args="framework.yaml responses.csv"
	fi
	cmd=score
	[ -f "$dir/command" ] && cmd=$(cat "$dir/command")
	# shellcheck disable=SC2086  # args is split on purpose
	(cd "$dir" && exec "$bin" $cmd $args) >"$tmp/out" 2>"$tmp/err"
	status=$?

	if [ -f "$dir/expected.status" ]; then
		# ---- error case ----
		want_status=$(head -n 1 "$dir/expected.status")
		loc=$(head -n 1 "$dir/expected.err")
		msgs=""
		if [ "$status" != "$want_status" ]; then
			msgs="exit status $status, expected $want_status"
		fi
		if [ -s "$tmp/out" ]; then
			msgs="$msgs${msgs:+
}stdout is not empty"
		fi
		# stderr must start with LOC: error:  or  LOC:COL: error:
		re="^$(printf '%s' "$loc" | sed 's/[.[\*^$]/\\&/g')(:[0-9]+)?: error: "
		if ! head -n 1 "$tmp/err" | grep -Eq "$re"; then
			msgs="$msgs${msgs:+
}stderr does not start with '$loc[:COL]: error: '"
		fi
		# further lines of expected.err: substrings stderr must contain
		tail -n +2 "$dir/expected.err" >"$tmp/subs"
		while IFS= read -r sub || [ -n "$sub" ]; do
			[ -z "$sub" ] && continue
			if ! grep -Fq -- "$sub" "$tmp/err"; then
				msgs="$msgs${msgs:+
}stderr does not contain '$sub'"
			fi
		done <"$tmp/subs"
		if [ -n "$msgs" ]; then
			echo "FAIL $name"
			printf '%s\n' "$msgs" | sed 's/^/  /'
			echo "  --- stderr:"
			head -n 5 "$tmp/err" | sed 's/^/  | /'
			if [ -s "$tmp/out" ]; then
				echo "  --- stdout (first lines):"
				head -n 5 "$tmp/out" | sed 's/^/  | /'
			fi
			fail=$((fail + 1))
		else
			echo "ok $name"
			pass=$((pass + 1))
		fi
	elif [ -f "$dir/expected.json" ]; then
		# ---- JSON output case: compare parsed values ----
		if [ "$status" != 0 ]; then
			failed "$name" "exit status $status, expected 0"
			head -n 5 "$tmp/err" | sed 's/^/  | /'
			continue
		fi
		if python3 "$here/jsoncmp.py" "$dir/expected.json" "$tmp/out" >"$tmp/diff" 2>&1; then
			echo "ok $name"
			pass=$((pass + 1))
		else
			echo "FAIL $name"
			sed 's/^/  /' "$tmp/diff"
			fail=$((fail + 1))
		fi
	elif [ -f "$dir/expected.csv" ]; then
		# ---- CSV output case: exact bytes ----
		msgs=""
		if [ "$status" != 0 ]; then
			msgs="exit status $status, expected 0"
		fi
		if ! cmp -s "$dir/expected.csv" "$tmp/out"; then
			msgs="$msgs${msgs:+
}stdout differs from expected.csv"
		fi
		if [ -n "$msgs" ]; then
			echo "FAIL $name"
			printf '%s\n' "$msgs" | sed 's/^/  /'
			diff -u "$dir/expected.csv" "$tmp/out" | sed 's/^/  /' | head -n 60
			if [ -s "$tmp/err" ]; then
				echo "  --- stderr:"
				head -n 5 "$tmp/err" | sed 's/^/  | /'
			fi
			fail=$((fail + 1))
		else
			echo "ok $name"
			pass=$((pass + 1))
		fi
	else
		failed "$name" "case has no expected.csv, expected.json or expected.status"
	fi
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
