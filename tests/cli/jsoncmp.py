#!/usr/bin/env python3
"""Compare cybercap --format json output with an expected JSON file.

usage: jsoncmp.py EXPECTED ACTUAL
Both must be a JSON array of objects with exactly the keys
unit,node,value,points,max,rank,level (`cybercap score`) or, when the
expected rows have a `target` key, unit,target,node,required,attained,met
(`cybercap targets`).  Strings and null must match exactly, rank must be the
same integer, value/points/max/required/attained must be numbers equal to
within a relative 1e-9 (the CSV golden files pin the exact digits).
"""
import json
import sys

SCORE_KEYS = ["unit", "node", "value", "points", "max", "rank", "level"]
TARGET_KEYS = ["unit", "target", "node", "required", "attained", "met"]
NUMBERS = ("value", "points", "max", "required", "attained")


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        want = json.load(f)
    try:
        with open(sys.argv[2], encoding="utf-8") as f:
            got = json.load(f)
    except ValueError as e:
        print("output is not valid JSON: %s" % e)
        return 1
    errs = []
    keys = TARGET_KEYS if want and "target" in want[0] else SCORE_KEYS
    if not isinstance(got, list):
        print("output is not a JSON array")
        return 1
    if len(got) != len(want):
        errs.append("%d rows, expected %d" % (len(got), len(want)))
    for i, (w, g) in enumerate(zip(want, got)):
        if not isinstance(g, dict):
            errs.append("row %d: not an object" % i)
            continue
        if sorted(g.keys()) != sorted(keys):
            errs.append("row %d: keys %s, expected %s" % (i, sorted(g.keys()), sorted(keys)))
        for k in keys:
            a, b = w.get(k), g.get(k)
            if k in NUMBERS and a is not None:
                ok = (isinstance(b, (int, float)) and not isinstance(b, bool)
                      and close(float(a), float(b)))
            elif k == "rank" and a is not None:
                ok = isinstance(b, int) and not isinstance(b, bool) and a == b
            else:
                ok = a == b and type(a) is type(b)
            if not ok:
                errs.append("row %d (%s,%s): %s = %r, expected %r"
                            % (i, w.get("unit"), w.get("node"), k, b, a))
    for e in errs[:30]:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
