#!/usr/bin/env python3
"""mapping_coverage.py MAPPING SOURCE TARGET: the coverage CSV of
`cybercap mapping check` (../shared/spec/mapping-format.md), computed
independently of the C code from the YAML files (PyYAML), to write and
review the expected.csv of the mapping_bundled_* golden cases.

Per target node, depth first, root left out: the strongest relation any
pair gives it (equal > superset > subset > intersect > not_related; empty
when none) and the sources with that relation in the file's order,
joined by "|". It also checks what `check` checks: the frameworks' ids and
versions, and that every node id exists.
"""
import csv
import io
import sys

import yaml

ORDER = ["equal", "superset", "subset", "intersect", "not_related"]


def nodes(fw):
    out = []

    def walk(ns):
        for n in ns:
            out.append(n["id"])
            walk(n.get("children", []))
    walk(fw["nodes"])
    return out


def main(mpath, spath, tpath):
    m = yaml.safe_load(open(mpath))
    s = yaml.safe_load(open(spath))
    t = yaml.safe_load(open(tpath))
    assert m["source"] == s["id"] and m["target"] == t["id"], "framework ids"
    for k, fw in (("source_version", s), ("target_version", t)):
        assert k not in m or m[k] == str(fw.get("version")), k
    sids, tids = set(nodes(s)) | {s["id"]}, nodes(t)
    for p in m["mappings"]:
        assert p["source"] in sids, p["source"]
        assert p["target"] in tids or p["target"] == t["id"], p["target"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["target", "relation", "sources"])
    for n in tids:
        pairs = [p for p in m["mappings"] if p["target"] == n]
        if not pairs:
            w.writerow([n, "", ""])
            continue
        best = min(ORDER.index(p["relation"]) for p in pairs)
        w.writerow([n, ORDER[best], "|".join(p["source"] for p in pairs
                                             if ORDER.index(p["relation"]) == best)])
    sys.stdout.write(buf.getvalue())


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: mapping_coverage.py MAPPING SOURCE TARGET")
    main(*sys.argv[1:])
