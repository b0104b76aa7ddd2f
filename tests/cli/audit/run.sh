#!/bin/sh
# Tests of `cybercap audit-stats`: the fixture here (figures computed by hand
# in notes.md, checked by check.py; the text report against expected.txt),
# usage and input errors, and the bundled framework with the sample
# responses (runs, and every flag agrees with its figure).
# Usage: sh tests/cli/audit/run.sh BINARY
# Prints "ok NAME" / "FAIL NAME: why" and last "audit: N passed, M failed";
# exit status 1 when anything failed.
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cybercap-audit.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

# expect NAME STATUS CMD...: runs CMD, checks its exit status
expect() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name"; else bad "$name" "exit $got, expected $want ($(head -c 300 "$tmp/err"))"; fi
}

same() { # same NAME FILE EXPECTED
	if cmp -s "$2" "$3"; then ok "$1"; else bad "$1" "output differs:"; diff "$3" "$2" | head -20; fi
}

has() { # has NAME FILE TEXT
	if grep -qF -- "$3" "$2"; then ok "$1"; else bad "$1" "\"$3\" not in output"; fi
}

empty() { # empty NAME FILE
	if [ ! -s "$2" ]; then ok "$1"; else bad "$1" "expected nothing, got: $(head -c 200 "$2")"; fi
}

# pycheck MODE FILE: adds check.py's ok/FAIL lines to the counts
pycheck() {
	python3 "$here/check.py" "$1" "$2" >"$tmp/check" 2>&1
	status=$?
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) bad "${line#FAIL }" "" ;;
		*) echo "$line" ;;
		esac
	done <"$tmp/check"
	[ "$status" -eq 0 ] || grep -q '^FAIL' "$tmp/check" || bad "check.py $1" "exit $status"
}

fw=$here/framework.yaml
resp=$here/responses.csv

# --- the fixture
cd "$here" || exit 2
expect text-status 0 "$bin" audit-stats framework.yaml responses.csv
same text-report "$tmp/out" "$here/expected.txt"
empty text-stderr "$tmp/err"
has text-alpha "$tmp/out" "Cronbach's alpha: -3.000 (5 units with every audited child)  [low-alpha]"
has text-constant "$tmp/out" "    h2        5  constant: undefined"
has text-few "$tmp/out" "Not enough data: the audit needs 2 audited children and 3 units with a value."
has text-flags "$tmp/out" "Flags (11):"
if grep -qi 'nan' "$tmp/out"; then bad text-no-nan "NaN printed"; else ok text-no-nan; fi
cd "$root" || exit 2

expect json-status 0 "$bin" audit-stats --format json "$fw" "$resp"
cp "$tmp/out" "$tmp/fixture.json"
pycheck fixture-json "$tmp/fixture.json"
expect csv-status 0 "$bin" audit-stats "$fw" "$resp" --format csv
cp "$tmp/out" "$tmp/fixture.csv"
pycheck fixture-csv "$tmp/fixture.csv"

# --- usage and input errors: exit 2, nothing on stdout
expect help 0 "$bin" audit-stats --help
has help-text "$tmp/out" "Usage: cybercap audit-stats FRAMEWORK RESPONSES"
expect bad-format 2 "$bin" audit-stats --format xml "$fw" "$resp"
empty bad-format-stdout "$tmp/out"
has bad-format-msg "$tmp/err" "cybercap audit-stats: --format must be text, csv or json"
expect missing-arg 2 "$bin" audit-stats "$fw"
expect unknown-option 2 "$bin" audit-stats --nope "$fw" "$resp"
printf 'unit,question,answer\nU1,x,0.5\nU1,zzz,1\n' >"$tmp/bad.csv"
expect bad-responses 2 "$bin" audit-stats "$fw" "$tmp/bad.csv"
empty bad-responses-stdout "$tmp/out"
has bad-responses-where "$tmp/err" "$tmp/bad.csv:3: error: "
printf 'cybercap: 1\nid: t\ntitle: T\nnodes:\n  - {id: a, question: A, type: yes_no, wieght: 2}\n' >"$tmp/bad.yaml"
expect bad-framework 2 "$bin" audit-stats "$tmp/bad.yaml" "$resp"
has bad-framework-where "$tmp/err" "$tmp/bad.yaml:5:"
expect no-file 2 "$bin" audit-stats "$tmp/none.yaml" "$resp"

# --- the bundled framework and sample responses
nc=$root/frameworks/national-commitment.yaml
sample=$root/data/sample-responses.csv
for f in text csv json; do
	expect "bundled-$f" 0 "$bin" audit-stats --format "$f" "$nc" "$sample"
	empty "bundled-$f-stderr" "$tmp/err"
	cp "$tmp/out" "$tmp/bundled.$f"
done
has bundled-root "$tmp/bundled.text" "== national-commitment: National commitment to cybersecurity (root; 40 of 40 units"
pycheck bundled-json "$tmp/bundled.json"

echo "audit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
