#!/usr/bin/env python3
"""Checks of `cybercap audit-stats` output for tests/cli/audit/run.sh.

    check.py fixture-json FILE     key figures of the fixture (notes.md)
    check.py fixture-csv FILE      the same figures in the CSV
    check.py bundled-json FILE     the bundled framework: flags agree with
                                   the figures and with the rules

Prints "ok NAME" or "FAIL NAME: why" per check. Plain python3 only.
"""
import csv
import json
import math
import sys

TOL = 1e-9
results = []


def check(name, cond, why=""):
    results.append((name, bool(cond), why))


def near(name, got, want, tol=TOL):
    ok = got is not None and abs(got - want) <= tol * max(1.0, abs(want))
    check(name, ok, "got %r, expected %r" % (got, want))


def group(doc, gid):
    for g in doc["groups"]:
        if g["id"] == gid:
            return g
    raise SystemExit("FAIL no group %s" % gid)


def child(g, cid):
    for c in g["children"]:
        if c["id"] == cid:
            return c
    raise SystemExit("FAIL no child %s in %s" % (cid, g["id"]))


def fixture_json(path):
    doc = json.load(open(path))
    r2, r5, r10 = math.sqrt(2), math.sqrt(5), math.sqrt(10)
    check("json-head", doc["framework"] == "audit-demo" and doc["units"] == 5
          and doc["kurtosis"] == "excess (G2)")
    g = group(doc, "g")
    near("g-x-pearson", child(g, "x")["pearson"], 1)
    near("g-w-pearson", child(g, "w")["pearson"], -1)
    near("g-w-spearman", child(g, "w")["spearman"], -1)
    check("g-x-flags", child(g, "x")["flags"] == ["redundant", "collinear"],
          child(g, "x")["flags"])
    check("g-w-flags", child(g, "w")["flags"] == ["negative-corr"], child(g, "w")["flags"])
    near("g-corr-xw", g["correlations"]["pearson"][0][2], -1)
    near("g-alpha", g["alpha"]["value"], -3)
    check("g-alpha-flag", g["alpha"]["flags"] == ["low-alpha"] and g["alpha"]["units"] == 5)
    near("g-pc1-share", g["pca"]["share"], 1)
    near("g-pc1-loading-w", g["pca"]["loadings"]["w"], -1 / math.sqrt(3))
    near("g-x-kurtosis", child(g, "x")["descriptive"]["kurtosis_excess"], -1.2)
    near("g-x-sd", child(g, "x")["descriptive"]["sd"], math.sqrt(0.15625))

    h = group(doc, "h")
    c = child(h, "h2")
    check("h-h2-constant", c["pearson"] is None and c["status"] == "constant: undefined")
    near("h-alpha", h["alpha"]["value"], 0)
    check("h-pca-constant", h["pca"]["status"] == "constant: undefined"
          and h["pca"]["share"] is None)
    d = c["descriptive"]
    check("h-h2-desc", d["sd"] == 0 and d["skewness"] is None and d["distinct"] == 1
          and d["status"] == "constant: undefined")
    check("h-h1-not-redundant", child(h, "h1")["flags"] == [])

    o = group(doc, "o")
    near("o-o1-pearson", child(o, "o1")["pearson"], 3 / r10)
    near("o-o2-pearson", child(o, "o2")["pearson"], 2 / r5)
    near("o-o1-spearman", child(o, "o1")["spearman"], 1 / r2)
    near("o-alpha", o["alpha"]["value"], 0.8)
    near("o-pc1-share", o["pca"]["share"], (1 + 1 / r2) / 2)
    near("o-eigen-2", o["pca"]["eigenvalues"][1], 1 - 1 / r2)
    d = child(o, "o1")["descriptive"]
    near("o-o1-skew", d["skewness"], r5)
    near("o-o1-kurt", d["kurtosis_excess"], 5)
    check("o-o1-outliers", d["flags"] == ["outliers"])
    c = child(o, "o3")
    check("o-o3-weight0", c["audited"] is False and c["role"] == "weight 0"
          and "pearson" not in c)
    near("o-o3-kurt", c["descriptive"]["kurtosis_excess"], -10 / 3)

    f = group(doc, "few")
    check("few-not-enough", f["status"] == "not enough data" and f["units"] == 2
          and f["alpha"]["status"] == "not enough data" and f["correlations"] is None)
    d = child(f, "f1")["descriptive"]
    near("few-f1-sd", d["sd"], math.sqrt(0.02))
    check("few-f1-no-shape", d["skewness"] is None and d["kurtosis_excess"] is None)

    root = group(doc, "audit-demo")
    near("root-g-pearson", child(root, "g")["pearson"], 0.9548873945914362)
    near("root-o-pearson", child(root, "o")["pearson"], 0.9680164786145903)
    check("root-note-text", child(root, "note")["role"] == "text question")
    check("root-alpha-few", root["alpha"]["status"] == "not enough data"
          and root["alpha"]["units"] == 2)

    want = sorted([
        ("redundant", "audit-demo", "g"), ("redundant", "audit-demo", "h"),
        ("redundant", "audit-demo", "o"), ("collinear", "audit-demo", "g"),
        ("redundant", "g", "x"), ("redundant", "g", "y"),
        ("negative-corr", "g", "w"), ("collinear", "g", "x"),
        ("low-alpha", "g", None), ("low-alpha", "h", None),
        ("outliers", "o", "o1")], key=str)
    got = sorted([(f["rule"], f["group"], f["item"]) for f in doc["flags"]], key=str)
    check("flags-all", got == want, "got %r" % got)


def fixture_csv(path):
    rows = list(csv.reader(open(path, newline="")))
    check("csv-header", rows[0] == ["group", "measure", "item", "with", "n", "value",
                                    "status", "flags"], rows[0])
    check("csv-width", all(len(r) == 8 for r in rows))
    by = {(r[0], r[1], r[2], r[3]): r for r in rows[1:]}

    def val(key):
        return float(by[key][5]) if key in by and by[key][5] else None
    near("csv-g-alpha", val(("g", "alpha", "", "")), -3)
    check("csv-g-alpha-flag", by[("g", "alpha", "", "")][6:] == ["ok", "low-alpha"])
    near("csv-g-w", val(("g", "pearson", "w", "g")), -1)
    check("csv-g-w-flag", by[("g", "pearson", "w", "g")][7] == "negative-corr")
    check("csv-g-x-flags", by[("g", "pearson", "x", "g")][7] == "redundant")
    check("csv-g-xy-collinear", by[("g", "corr_pearson", "x", "y")][7] == "collinear")
    check("csv-h2-constant", by[("h", "pearson", "h2", "h")][5:7] == ["", "constant: undefined"])
    near("csv-o1-kurt", val(("o", "kurtosis_excess", "o1", "")), 5)
    check("csv-o1-outliers", by[("o", "kurtosis_excess", "o1", "")][7] == "outliers")
    check("csv-o3-not-audited", by[("o", "not_audited", "o3", "")][6] == "weight 0")
    check("csv-few", by[("few", "units", "", "")][4:7] == ["2", "", "not enough data"])
    check("csv-few-alpha", by[("few", "alpha", "", "")][6] == "not enough data")
    check("csv-no-nan", not any("nan" in c.lower() for r in rows for c in r[4:6]))


def bundled_json(path):
    doc = json.load(open(path))
    rules = {r["name"] for r in doc["rules"]}
    groups = {g["id"]: g for g in doc["groups"]}
    check("bundled-units", doc["units"] == 40)
    check("bundled-all-groups-ok", all(g["status"] == "ok" for g in groups.values()))
    root = groups["national-commitment"]
    # the sample gives every country one latent capacity: one dimension
    check("bundled-root-alpha", root["alpha"]["value"] > 0.7, root["alpha"])
    check("bundled-root-pc1", root["pca"]["share"] > 0.6, root["pca"]["share"])
    check("bundled-root-loadings", all(v > 0 for v in root["pca"]["loadings"].values()))
    check("bundled-no-negative", not any(f["rule"] == "negative-corr" for f in doc["flags"]))
    check("bundled-rules", all(f["rule"] in rules and f["group"] in groups
                               for f in doc["flags"]))
    # every flag agrees with the figure it is about, and no rule is missed
    bad = []
    for g in groups.values():
        a, p = g["alpha"], g["pca"]
        if ("low-alpha" in a["flags"]) != (a["value"] is not None and a["value"] < 0.7):
            bad.append(("alpha", g["id"]))
        if ("weak-pc1" in p["flags"]) != (p["share"] is not None and p["share"] < 0.6):
            bad.append(("pc1", g["id"]))
        if p["share"] is not None:
            if abs(sum(v * v for v in p["loadings"].values()) - 1) > 1e-9:
                bad.append(("loadings-norm", g["id"]))
            if sum(p["loadings"].values()) <= 0:
                bad.append(("loadings-sign", g["id"]))
        naud = sum(1 for c in g["children"] if c["audited"])
        for c in g["children"]:
            if c["audited"] and c["pearson"] is not None:
                r = c["pearson"]
                if ("negative-corr" in c["flags"]) != (r < 0):
                    bad.append(("neg", c["id"]))
                if ("redundant" in c["flags"]) != (r > 0.92 and naud >= 3):
                    bad.append(("redundant", c["id"]))
                if not -1 <= r <= 1:
                    bad.append(("range", c["id"]))
            d = c.get("descriptive")
            if d and d["skewness"] is not None and d["kurtosis_excess"] is not None:
                out = abs(d["skewness"]) > 2 and d["kurtosis_excess"] > 3.5
                if ("outliers" in d["flags"]) != out:
                    bad.append(("outliers", c["id"]))
        m = g["correlations"]
        if m:
            k = len(m["ids"])
            for i in range(k):
                for j in range(k):
                    if m["pearson"][i][j] != m["pearson"][j][i]:
                        bad.append(("symmetric", g["id"]))
    check("bundled-flags-agree", not bad, bad[:5])
    check("bundled-some-outliers", any(f["rule"] == "outliers" for f in doc["flags"]))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    {"fixture-json": fixture_json, "fixture-csv": fixture_csv,
     "bundled-json": bundled_json}[mode](path)
    for name, ok, why in results:
        print("ok %s" % name if ok else "FAIL %s: %s" % (name, why))
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
