#!/bin/sh
# Tests of the commands other than the `score` contract (run.sh covers
# that): check, summary, gaps, sample, help and usage errors, exit statuses.
# Expectations are computed by hand in commands/ (see the comments there).
# Usage: sh tests/cli/commands.sh BINARY
case "$1" in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
d=$here/commands
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cybercap-cmd.XXXXXX") || exit 2
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
	if [ ! -s "$2" ]; then ok "$1"; else bad "$1" "expected no output"; fi
}

# --- summary
expect summary-status 0 "$bin" summary "$d/fw.yaml" "$d/responses.csv" --by itu_region --units "$d/units.csv" --depth 1
same summary-figures "$tmp/out" "$d/summary.expected"
expect summary-no-column 2 "$bin" summary "$d/fw.yaml" "$d/responses.csv" --by nope --units "$d/units.csv"
empty summary-no-column-stdout "$tmp/out"
expect summary-needs-by 2 "$bin" summary "$d/fw.yaml" "$d/responses.csv"
expect summary-depth 0 "$bin" summary "$d/fw.yaml" "$d/responses.csv" --by ldc --units "$d/units.csv" --depth 0
if [ "$(wc -l <"$tmp/out")" -eq 4 ]; then ok summary-depth-rows; else bad summary-depth-rows "$(cat "$tmp/out")"; fi
has summary-ldc-yes "$tmp/out" "yes,tiny,2,37.50,37.50,25.00,50.00"
expect summary-bundled-countries 0 "$bin" summary "$d/fw.yaml" "$d/responses.csv" --by itu_region
has summary-not-listed "$tmp/out" "(not listed),tiny,4,62.50"

# --- gaps
expect gaps-status 0 "$bin" gaps "$d/fw.yaml" "$d/responses.csv" U2 --units "$d/units.csv" --format csv
same gaps-figures "$tmp/out" "$d/gaps.expected"
expect gaps-top 0 "$bin" gaps "$d/fw.yaml" "$d/responses.csv" U2 --units "$d/units.csv" --top 2
has gaps-table-head "$tmp/out" "Largest gains for U2 (Unit two): 25.00 of 100 points; ITU region: R1"
has gaps-table-row "$tmp/out" "b: B"
if grep -q "a2: Q a2" "$tmp/out"; then bad gaps-top-limit "row 3 shown with --top 2"; else ok gaps-top-limit; fi
expect gaps-full-unit 0 "$bin" gaps "$d/fw.yaml" "$d/responses.csv" U3 --units "$d/units.csv"
has gaps-none "$tmp/out" "No gaps"
expect gaps-unknown-unit 2 "$bin" gaps "$d/fw.yaml" "$d/responses.csv" ZZZ --units "$d/units.csv"
empty gaps-unknown-unit-stdout "$tmp/out"

# --- check
expect check-status 0 "$bin" check "$d/fw.yaml"
has check-counts "$tmp/out" "4 questions: 4 yes_no, 0 choice, 0 multi, 0 number, 0 text (1 need evidence); 0 indicators; 3 groups"
has check-share "$tmp/out" "    a1 yes_no                 1   50.0%     25.00"
has check-when "$tmp/out" "25.00  when b1"
grep -E '^  b  ' "$tmp/out" >"$tmp/row"
has check-max "$tmp/row" "50.0%     50.00"
expect check-invalid 2 "$bin" check "$here/cases/err_unknown_key_node/framework.yaml"
empty check-invalid-stdout "$tmp/out"
has check-invalid-where "$tmp/err" "framework.yaml:"

# --- sample
expect sample-a 0 "$bin" sample "$d/fw.yaml" --units 30 --seed 5 --units-out "$tmp/u1.csv"
cp "$tmp/out" "$tmp/s1.csv"
expect sample-b 0 "$bin" sample "$d/fw.yaml" --units 30 --seed 5
same sample-deterministic "$tmp/out" "$tmp/s1.csv"
expect sample-c 0 "$bin" sample "$d/fw.yaml" --units 30 --seed 6
if cmp -s "$tmp/out" "$tmp/s1.csv"; then bad sample-seed-matters "seed 5 and 6 gave the same file"; else ok sample-seed-matters; fi
has sample-units-file "$tmp/u1.csv" "XAA,Fictional country XAA,"
if [ "$(wc -l <"$tmp/u1.csv")" -eq 31 ]; then ok sample-units-rows; else bad sample-units-rows "$(wc -l <"$tmp/u1.csv")"; fi
expect sample-scores 0 "$bin" score "$d/fw.yaml" "$tmp/s1.csv"
expect sample-too-many 2 "$bin" sample "$d/fw.yaml" --units 677
expect sample-bundled 0 "$bin" sample "$here/../../frameworks/national-commitment.yaml" --units 3
cp "$tmp/out" "$tmp/s3.csv"
expect sample-bundled-scores 0 "$bin" score "$here/../../frameworks/national-commitment.yaml" "$tmp/s3.csv"

# --- every bundled framework: check; sample -> score; sample -> targets (when it has targets).
# Each output must hold rows for all 12 sampled units.
units_in() { cut -d, -f1 "$1" | tail -n +2 | sort -u | wc -l; }
for fw in "$here"/../../frameworks/*.yaml; do
	n=$(basename "$fw" .yaml)
	expect "bundled-$n-check" 0 "$bin" check "$fw"
	expect "bundled-$n-sample" 0 "$bin" sample "$fw" --units 12 --seed 7
	cp "$tmp/out" "$tmp/bundled.csv"
	expect "bundled-$n-score" 0 "$bin" score "$fw" "$tmp/bundled.csv"
	if [ "$(units_in "$tmp/out")" -eq 12 ]; then ok "bundled-$n-score-rows"; else bad "bundled-$n-score-rows" "$(head -3 "$tmp/out")"; fi
	if grep -q '^targets:' "$fw"; then
		expect "bundled-$n-targets" 0 "$bin" targets "$fw" "$tmp/bundled.csv"
		if [ "$(units_in "$tmp/out")" -eq 12 ]; then ok "bundled-$n-targets-rows"; else bad "bundled-$n-targets-rows" "$(head -3 "$tmp/out")"; fi
	fi
done

# --- data directory: init, import (all or nothing), publish, backup, restore
dd="$tmp/data"
expect init 0 "$bin" init --data "$dd" --units "$d/units.csv" --framework "$d/fw.yaml"
nbundled=$(ls "$here"/../../frameworks/*.yaml | wc -l)
nmaps=$(ls "$here"/../../mappings/*.yaml | wc -l)
has init-counts "$tmp/out" "units, $((nbundled + 1)) frameworks, $nmaps mappings, "
# --mapping: checked against the frameworks loaded (the latest of an id is
# its highest version: 2027 has no technical.national_cirt.contact).
expect init-mapping 0 "$bin" init --data "$dd" --framework "$d/fw.yaml" --mapping "$d/map.yaml"
has init-mapping-counts "$tmp/out" "frameworks, $((nmaps + 1)) mappings, "
expect init-mapping-bad-node 2 "$bin" init --data "$dd" --framework "$d/fw.yaml" --mapping "$d/map-bad-node.yaml"
has init-mapping-bad-node-where "$tmp/err" "map-bad-node.yaml:7:"
has init-mapping-bad-node-what "$tmp/err" '"technical.national_cirt.contact" is not a node of the target framework'
expect init-mapping-no-framework 2 "$bin" init --data "$dd" --framework "$d/fw.yaml" --mapping "$d/map-no-framework.yaml"
has init-mapping-no-framework-what "$tmp/err" 'map-no-framework.yaml:5:9: error: the target framework "national-commitment" version "2031" is not loaded'
# import: the latest version (2027) by default, another with
# --framework-version; answers into an existing campaign are read with its
# own version.
printf 'unit,question,answer\nU1,technical.national_cirt.contact,yes\n' >"$tmp/v26.csv"
printf 'unit,question,answer\nU2,technical.national_cirt.contact,no\n' >"$tmp/v26b.csv"
expect import-latest-version 2 "$bin" import --data "$dd" --campaign v27 --framework national-commitment "$tmp/v26.csv"
has import-latest-version-what "$tmp/err" "technical.national_cirt.contact"
expect import-version 0 "$bin" import --data "$dd" --campaign v26 --framework national-commitment --framework-version 2026 "$tmp/v26.csv"
expect import-into-its-version 0 "$bin" import --data "$dd" --campaign v26 --framework national-commitment "$tmp/v26b.csv"
has import-into-its-version-counts "$tmp/out" "1 answers from 1 units stored in existing campaign v26"
expect import-other-version 2 "$bin" import --data "$dd" --campaign v26 --framework national-commitment --framework-version 2027 "$tmp/v26b.csv"
has import-other-version-what "$tmp/err" 'uses framework "national-commitment" version "2026"'
expect import-no-version 2 "$bin" import --data "$dd" --campaign v31 --framework national-commitment --framework-version 2031 "$tmp/v26.csv"
has import-no-version-what "$tmp/err" 'version "2031"'
expect init-mapping-needs-framework 2 "$bin" init --data "$tmp/data-nofw" --mapping "$d/map.yaml"
has init-mapping-needs-framework-what "$tmp/err" 'the source framework "tiny" is not loaded'
nmatrices=$(ls "$here"/../../matrices/*.yaml | wc -l)
nterms=$(cat "$here"/../../data/taxonomies/*.csv | grep -vc '^id,')
expect init-risks 0 "$bin" init --data "$dd"
has init-risk-counts "$tmp/out" "$nmatrices risk matrices, $nterms taxonomy terms loaded"
# a risk matrix of one's own, and a changed bundled one: a new version each
sed 's/^title: .*/title: A changed national matrix/' "$here/../../matrices/national-5x5.yaml" >"$tmp/changed-5x5.yaml"
expect init-matrix 0 "$bin" init --data "$dd" --matrix "$tmp/changed-5x5.yaml"
has init-matrix-counts "$tmp/out" "$((nmatrices + 1)) risk matrices"
if [ "$(sqlite3 "$dd/cybercap.db" "SELECT count(*) FROM risk_matrix WHERE id = 'national-5x5'" 2>/dev/null)" = 2 ]; then
	ok init-matrix-versions
else
	bad init-matrix-versions "national-5x5 is not stored in two versions"
fi
printf 'cybercap-matrix: 1\nid: broken\n' >"$tmp/broken-matrix.yaml"
expect init-matrix-bad 2 "$bin" init --data "$dd" --matrix "$tmp/broken-matrix.yaml"
has init-matrix-bad-where "$tmp/err" "broken-matrix.yaml:"
printf 'unit,question,answer\nU1,a1,yes\nU2,a1,maybe\n' >"$tmp/bad.csv"
expect import-bad 2 "$bin" import --data "$dd" --campaign c1 --framework tiny --year 2026 "$tmp/bad.csv"
has import-bad-line "$tmp/err" "bad.csv:3: error:"
expect import-bad-nothing-created 2 "$bin" publish --data "$dd" --campaign c1
has import-bad-no-campaign "$tmp/err" 'no campaign "c1"'
expect import 0 "$bin" import --data "$dd" --campaign c1 --framework tiny --year 2026 "$d/responses.csv"
has import-counts "$tmp/out" "15 answers from 4 units stored in new campaign c1"
expect publish 0 "$bin" publish --data "$dd" --campaign c1
expect publish-twice 2 "$bin" publish --data "$dd" --campaign c1
expect import-into-published 2 "$bin" import --data "$dd" --campaign c1 --framework tiny "$d/responses.csv"
has import-into-published-msg "$tmp/err" "published"
sha=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
mkdir -p "$dd/evidence/01" && printf 'evidence bytes' >"$dd/evidence/01/$sha"
expect backup 0 "$bin" backup --data "$dd" "$tmp/bk"
has backup-files "$tmp/out" "1 evidence files"
expect backup-exists 2 "$bin" backup --data "$dd" "$tmp/bk"
expect restore 0 "$bin" restore --data "$tmp/rs" "$tmp/bk"
if cmp -s "$dd/evidence/01/$sha" "$tmp/rs/evidence/01/$sha"; then ok restore-evidence; else bad restore-evidence "file differs"; fi
expect restore-has-campaign 2 "$bin" publish --data "$tmp/rs" --campaign c1
has restore-campaign-published "$tmp/err" "published already"
expect restore-refuses 2 "$bin" restore --data "$tmp/rs" "$tmp/bk"
expect restore-force 0 "$bin" restore --data "$tmp/rs" "$tmp/bk" --force
expect audit-verify 0 "$bin" audit verify --data "$tmp/rs"

# --- help, usage and exit statuses
for c in score check summary gaps sample init import publish serve demo robustness user audit backup restore; do
	expect "help-$c" 0 "$bin" "$c" --help
	has "help-$c-usage" "$tmp/out" "Usage: cybercap $c"
done
expect help-main 0 "$bin" --help
has help-main-lists "$tmp/out" "summary"
expect no-args 2 "$bin"
expect unknown-command 2 "$bin" frobnicate
expect score-one-arg 2 "$bin" score "$d/fw.yaml"
empty score-one-arg-stdout "$tmp/out"
expect score-bad-format 2 "$bin" score --format xml "$d/fw.yaml" "$d/responses.csv"
expect score-missing-file 2 "$bin" score "$d/nope.yaml" "$d/responses.csv"
has score-missing-file-msg "$tmp/err" "nope.yaml: error: cannot open"
expect score-unknown-option 2 "$bin" score --frobnicate "$d/fw.yaml" "$d/responses.csv"
expect score-json 0 "$bin" score --format json "$d/fw.yaml" "$d/responses.csv"
has score-json-row "$tmp/out" '{"unit":"U2","node":"b2","value":0.0,"points":0.0,"max":25.0,"rank":2,"level":null}' 

echo "commands: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
