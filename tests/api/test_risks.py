#!/usr/bin/env python3
"""National cyber risk assessments over the HTTP API (docs/risks.md,
docs/api.md "Risk assessments" and "Risk workshops").

Standard library only. Starts its own `cybercap demo` on a free port with a
fresh data directory. Checks the demo's register of XAA (15 scenarios on
matrices/national-5x5.yaml, a workshop, treatments in XAA's plan, published
with 8 public); every level and the register's order computed here from the
matrix file as the spec says (impact: the highest given; level:
grid[likelihood][impact]; order: level, impact, likelihood, highest first,
then id); a whole assessment made here on the plain 5 x 5 (one impact) and
the national one; every 422 of the issue naming its field, with nothing
saved; heat map counts, review reminders, what treatment buys and risks by
sector recomputed from the register; the register's CSV and workbook round
trip and broken uploads refused whole with every bad cell named; the
workshop (a new participant's set-password token, ratings in each one's own
sign-in, the spread recomputed here, the agreed rating with its dissent);
participants seeing only their own ratings; treatments that become plan
actions with the risk as their source on the spine; the public register,
and that no response a non-member can get on any risk route holds a
restricted string; the audit chain (`cybercap audit verify`). The
authorisation matrix of every risk route is in test_workflow.py.

    python3 tests/api/test_risks.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

The tests run in order and build on each other.
"""
import copy
import csv
import datetime
import io
import os
import re
import secrets
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, Client, Problems, check, eq, expect, ok  # noqa: E402
import harness  # noqa: E402

CFG = harness.Cfg()
test, login, db = CFG.test, CFG.login, CFG.db
DEMO = "xaa-ncra-2026"
PHASES = ["inherent", "current", "target"]
PARTICIPANTS = ["ines.participant@demo.cybercap", "jonas.participant@demo.cybercap",
                "kofi.participant@demo.cybercap"]
ANON = CFG.client("anonymous")
patch = Client.patch


def RA(a=DEMO, rest=""):
    return f"{API}/risk-assessments/{a}{rest}"


def today():
    return datetime.datetime.now(datetime.timezone.utc).date()


# ---------------------------------------------------------------- the matrix, read here


def read_matrix(path):
    """The lists and the grid of a matrix file written in the flow style of
    the bundled ones (the spec's example style): {id: ..., name: ...} items
    and [a, b, ...] grid rows, read line by line."""
    m = {"likelihood": [], "dimensions": [], "impact": [], "levels": [], "grid": []}
    section = None
    for raw in open(path):
        line = raw.split("#")[0].rstrip() if not raw.lstrip().startswith("- {") else raw.rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        key = line.strip().rstrip(":")
        if line.strip().endswith(":") and not line.strip().startswith("-"):
            if indent == 0:
                section = {"likelihood": "likelihood", "levels": "levels", "grid": "grid",
                           "impact": None}.get(key, None)
            elif key == "dimensions":
                section = "dimensions"
            elif key == "levels":
                section = "impact"
            continue
        item = re.match(r"\s*- \{id: \"?([A-Za-z0-9._-]+)\"?,", line)
        row = re.match(r"\s*- \[([^\]]*)\]", line)
        if section == "grid" and row:
            m["grid"].append([c.strip() for c in row.group(1).split(",")])
        elif section and item:
            m[section].append(item.group(1))
    check(m["likelihood"] and m["impact"] and m["levels"] and m["grid"], f"read {path}: {m}")
    return m


def rate(m, likelihood, impacts):
    """(impact, level) of a rating as the spec computes them."""
    li = m["likelihood"].index(likelihood)
    im = max(m["impact"].index(v) for v in impacts)
    return m["impact"][im], m["grid"][li][im]


def spec_key(m, r):
    """The spec's order of risks by their current rating."""
    c = r["current"]
    return (-m["levels"].index(c["level"]), -m["impact"].index(c["impact"]),
            -m["likelihood"].index(c["likelihood"]), r["id"])


def given_impacts(rating):
    return list(rating["impacts"].values()) if "impacts" in rating else [rating["impact"]]


def check_levels(m, risks, p):
    """Every rating of risks: impact and level as the spec says."""
    for r in risks:
        for ph in PHASES:
            x = r[ph]
            if x is None:
                continue
            want = rate(m, x["likelihood"], given_impacts(x))
            p.check((x["impact"], x["level"]) == want,
                    f"{r['id']} {ph}: impact/level {(x['impact'], x['level'])} != {want}")


def register(c=None, a=DEMO):
    return ok((c or CFG.team).get(RA(a, "/risks")), what="GET risks")["risks"]


# ---------------------------------------------------------------- the demo


@test
def demo_register_is_there():
    lst = ok(ANON.get(API + "/risk-assessments"), what="anonymous list")
    demo = [a for a in lst["risk_assessments"] if a["id"] == DEMO]
    eq(len(demo), 1, "the demo assessment in the anonymous list")
    a = demo[0]
    eq((a["unit"], a["published"], a["risks"], a["matrix"]["id"]),
       ("XAA", True, 15, "national-5x5"), "the demo assessment")
    check("created_by" not in a, "anonymous callers see who made it")
    risks = register()
    eq(len(risks), 15, "risks")
    pub = ok(ANON.get(RA(rest="/public")), what="public register")
    eq(len(pub["risks"]), 8, "public risks")
    eq(sum(1 for r in risks if r["public"]), 8, "risks marked public")
    treated = [t for r in risks for t in r["treatments"]]
    eq(sorted(t["option"] for t in treated), sorted(["reduce"] * 4 + ["share", "accept"]),
       "treatment options")
    eq(sum(1 for t in treated if t["action"]), 4, "treatments with a plan action")
    ws = ok(CFG.team.get(RA(rest="/workshop")), what="workshop")
    eq(ws["active"], 3, "participants")
    agreed = [r["id"] for r in risks if r["current"]["workshop"]]
    eq(len(agreed), 4, f"ratings agreed in the workshop ({agreed})")
    check(any(r["current"]["dissent"] for r in risks), "no dissent noted")
    # ratings differ somewhere: a divergent spread
    div = [w["id"] for w in ws["risks"] if w["phases"]["current"]["spread"] and
           w["phases"]["current"]["spread"]["likelihood"]["divergent"]]
    check(div, "no risk where the participants' likelihoods are two levels apart")
    overdue = ok(CFG.team.get(RA(rest="/review-due")), what="review-due")["risks"]
    check(len(overdue) >= 2, f"reviews overdue in the demo: {overdue}")


@test
def demo_levels_and_order_follow_the_spec():
    m = read_matrix(os.path.join(harness.ROOT, "matrices/national-5x5.yaml"))
    CFG.national = m
    full = ok(ANON.get(RA()), what="the assessment")["matrix"]
    eq([x["id"] for x in full["likelihood"]], m["likelihood"], "likelihood ids")
    eq([x["id"] for x in full["impact"]["dimensions"]], m["dimensions"], "dimensions")
    eq(full["grid"], m["grid"], "the grid")
    risks = register()
    p = Problems()
    check_levels(m, risks, p)
    want = sorted(risks, key=lambda r: spec_key(m, r))
    p.check([r["id"] for r in risks] == [r["id"] for r in want],
            f"register order {[r['id'] for r in risks]} != {[r['id'] for r in want]}")
    pub = ok(ANON.get(RA(rest="/public")), what="public")
    p.check([x["level"] for x in pub["risks"]] ==
            [r["current"]["level"] for r in want if r["public"]], "public levels and order")
    p.check([x["public_title"] for x in pub["risks"]] ==
            [r["public_title"] for r in want if r["public"]], "public titles and order")
    p.done()


@test
def demo_treatments_are_plan_actions_with_the_risk_as_source():
    risks = register()
    plan = ok(CFG.team.get(f"{API}/plans/xaa-2026"), what="the plan")
    actions = {a["id"]: (o["title"], a) for o in plan["objectives"] for a in o["actions"]}
    p = Problems()
    for r in risks:
        for t in r["treatments"]:
            if not t["action"]:
                continue
            got = actions.get(t["action"]["id"])
            if not p.check(got, f"{r['id']}: action {t['action']['id']} not in the plan"):
                continue
            title, a = got
            p.check(title == "Risk treatment", f"{r['id']}: objective {title!r}")
            p.check(a["source"]["kind"] == "risk" and a["source"]["ref"] == f"{DEMO}/{r['id']}",
                    f"{r['id']}: source {a['source']}")
            p.check(a["status"] == t["action"]["status"], f"{r['id']}: status")
            p.check(sorted((l["framework"], l["node"]) for l in a["links"]) ==
                    sorted((n["framework"], n["node"]) for n in r["nodes"]),
                    f"{r['id']}: the action addresses {a['links']} not the risk's nodes")
    p.done()


# ---------------------------------------------------------------- a whole flow


def plain_rating(l, i, **kw):
    return dict(likelihood=l, impact=i, **kw)


def nat_rating(l, **impacts):
    return {"likelihood": l, "impacts": impacts}


BASE = {"title": "Outage of the national payment switch", "scenario": "The switch fails.",
        "sectors": ["payments", "banking"], "threat": "rsit.availability.outage",
        "actor": "non-malicious", "owner": "Central Bank (test)"}


@test
def create_assessments():
    an = CFG.analyst
    r = ok(an.post(API + "/risk-assessments", {"id": "t-plain", "unit": "XAA", "title": "Plain test",
                                              "matrix": "plain-5x5", "start": "2026-01-01",
                                              "end": "2026-12-31"}), 201, "create t-plain")
    eq((r["id"], r["unit"], r["published"], r["risks"], r["matrix"]["id"]),
       ("t-plain", "XAA", False, 0, "plain-5x5"), "t-plain")
    check(len(r["matrix"]["hash"]) == 64 and r["matrix"]["impact"]["dimensions"] == [],
          "the plain matrix with its hash and no dimensions")
    CFG.plain = read_matrix(os.path.join(harness.ROOT, "matrices/plain-5x5.yaml"))
    ok(CFG.team.post(API + "/risk-assessments", {"id": "t-nat", "unit": "XAA", "title": "National test",
                                                 "matrix": "national-5x5", "start": "2026-01-01",
                                                 "end": "2027-06-30"}), 201, "create t-nat")
    expect(CFG.team.post(API + "/risk-assessments", {"id": "t-nat", "unit": "XAA", "title": "x",
                                                     "matrix": "national-5x5", "start": "2026-01-01",
                                                     "end": "2027-06-30"}), 409, "conflict", "id",
           what="an id in use")
    # a focal point of XAB keeps no register of XAA
    expect(CFG.focal_xab.post(API + "/risk-assessments", {"id": "t-x", "unit": "XAA", "title": "x",
                                                          "matrix": "plain-5x5", "start": "2026-01-01",
                                                          "end": "2026-12-31"}), 403, "forbidden",
           "unit", what="another unit's focal point")
    # not published: the team sees it, anonymous callers do not
    check("t-plain" not in [a["id"] for a in
                            ok(ANON.get(API + "/risk-assessments"))["risk_assessments"]],
          "an unpublished assessment in the anonymous list")
    expect(ANON.get(RA("t-plain")), 401, what="anonymous, unpublished")
    expect(CFG.focal_xab.get(RA("t-plain")), 403, what="XAB's focal point, unpublished")
    expect(ANON.get(RA("t-plain", "/public")), 401, what="public register before publication")
    ok(CFG.team.get(RA("t-plain", "/public")), what="the team previews the public register")


@test
def risks_on_a_matrix_without_dimensions():
    m = CFG.plain
    team = CFG.team
    bodies = [
        dict(BASE, id="p-a", inherent=plain_rating("4", "4"), current=plain_rating("3", "4"),
             target=plain_rating("2", "3")),
        dict(BASE, id="p-b", title="b", inherent=plain_rating("5", "2"),
             current=plain_rating("5", "2")),
        dict(BASE, id="p-c", title="c", inherent=plain_rating("3", "5"),
             current=plain_rating("2", "5", confidence="high", rationale="why")),
        dict(BASE, title="no id", inherent=plain_rating("1", "1"),
             current=plain_rating("1", "1")),
    ]
    made = [ok(team.post(RA("t-plain", "/risks"), b), 201, f"create {b.get('id')}") for b in bodies]
    eq(made[3]["id"], "r4", "a made id")
    eq(made[2]["current"]["confidence"], "high", "confidence")
    eq(made[2]["current"]["rationale"], "why", "rationale")
    check("impacts" not in made[0]["current"], "impacts on a matrix without dimensions")
    risks = register(a="t-plain")
    p = Problems()
    check_levels(m, risks, p)
    p.check([r["id"] for r in risks] == [r["id"] for r in sorted(risks, key=lambda r: spec_key(m, r))],
            f"order {[r['id'] for r in risks]}")
    p.done()
    # change, rate, delete
    r = ok(patch(team, RA("t-plain", "/risks/p-b"), {"current": plain_rating("1", "2"),
                                                     "target": None}), what="PATCH p-b")
    eq((r["current"]["likelihood"], r["target"]), ("1", None), "patched")
    r = ok(team.put(RA("t-plain", "/risks/p-b/ratings/target"), plain_rating("1", "1")),
           what="PUT target")
    eq(r["target"]["level"], rate(m, "1", ["1"])[1], "the target's level")
    expect(team.put(RA("t-plain", "/risks/p-b/ratings/future"), plain_rating("1", "1")), 404,
           "not_found", "phase", what="a phase that is not one")
    ok(team.delete(RA("t-plain", "/risks/r4")), what="DELETE r4")
    expect(team.get(RA("t-plain", "/risks/r4")), 404, "not_found", "risk", what="deleted risk")


@test
def risks_on_the_national_matrix():
    m = CFG.national
    team = CFG.team
    rows = [("n-1", "L4", {"human": "I2", "services": "I4"}, "L3", {"services": "I3"}),
            ("n-2", "L2", {"economic": "I5"}, "L2", {"economic": "I5", "security": "I2"}),
            ("n-3", "L5", {"confidence": "I3"}, "L5", {"confidence": "I3"}),
            ("n-4", "L3", {"international": "I4"}, "L3", {"international": "I3"})]
    for rid, li, ii, lc, ic in rows:
        b = dict(BASE, id=rid, title=f"Scenario {rid}", inherent=nat_rating(li, **ii),
                 current=nat_rating(lc, **ic), target=nat_rating("L1", human="I1"),
                 nodes=[{"framework": "national-commitment", "node": "technical.national_cirt"}],
                 review_date=(today() - datetime.timedelta(days=3 if rid == "n-2" else -30)).isoformat())
        r = ok(team.post(RA("t-nat", "/risks"), b), 201, f"create {rid}")
        eq(r["current"]["impacts"], ic, f"{rid}: impacts as given")
    risks = register(a="t-nat")
    p = Problems()
    check_levels(m, risks, p)
    p.check([r["id"] for r in risks] == [r["id"] for r in sorted(risks, key=lambda r: spec_key(m, r))],
            f"order {[r['id'] for r in risks]}")
    p.done()
    # filters
    lv = risks[0]["current"]["level"]
    got = ok(team.get(RA("t-nat", f"/risks?level={lv}")))["risks"]
    eq([r["id"] for r in got], [r["id"] for r in risks if r["current"]["level"] == lv], "level filter")
    eq(ok(team.get(RA("t-nat", "/risks?sector=health")))["total"], 0, "sector filter")
    eq(ok(team.get(RA("t-nat", "/risks?sector=payments&limit=2")))["total"], 4, "total")
    eq(len(ok(team.get(RA("t-nat", "/risks?sector=payments&limit=2")))["risks"]), 2, "limit")
    expect(team.get(RA("t-nat", "/risks?level=catastrophic")), 400, "bad_parameter", "level",
           what="a level the matrix does not have")


def risk_count(a):
    with db() as con:
        return con.execute("SELECT count(*) FROM risk WHERE assessment_id = ?", (a,)).fetchone()[0]


@test
def every_bad_input_is_refused_naming_its_field():
    team = CFG.team
    good = dict(BASE, inherent=nat_rating("L3", human="I3"), current=nat_rating("L3", human="I2"))
    cases = [
        ({"title": None}, "title"),
        ({"title": ""}, "title"),
        ({"scenario": 5}, "scenario"),
        ({"sectors": []}, "sectors"),
        ({"sectors": ["health", "atlantis"]}, "sectors[1]"),
        ({"threat": "meteor"}, "threat"),
        ({"actor": "aliens"}, "actor"),
        ({"owner": None}, "owner"),
        ({"id": "bad id!"}, "id"),
        ({"id": "n-1"}, "id"),           # in use: 409
        ({"confidence": "certain"}, "confidence"),
        ({"public": "yes"}, "public"),
        ({"public": True}, "public_title"),
        ({"public": True, "public_title": "t"}, "public_summary"),
        ({"review_date": "2026-02-30"}, "review_date"),
        ({"nodes": [{"framework": "national-commitment", "node": "no.such.node"}]}, "nodes[0].node"),
        ({"nodes": [{"framework": "no-such-framework", "node": "x"}]}, "nodes[0].framework"),
        ({"colour": "red"}, "colour"),
        ({"inherent": None}, "inherent"),
        ({"current": {"likelihood": "L9", "impacts": {"human": "I1"}}}, "current.likelihood"),
        ({"current": {"impacts": {"human": "I1"}}}, "current.likelihood"),
        ({"current": {"likelihood": "L1", "impacts": {"weather": "I1"}}}, "current.impacts.weather"),
        ({"current": {"likelihood": "L1", "impacts": {"human": "I9"}}}, "current.impacts.human"),
        ({"current": {"likelihood": "L1", "impacts": {}}}, "current.impacts"),
        ({"current": {"likelihood": "L1", "impact": "I1"}}, "current.impact"),
        ({"current": {"likelihood": "L1", "impacts": {"human": "I1"}, "confidence": "sure"}},
         "current.confidence"),
        ({"current": {"likelihood": "L1", "impacts": {"human": "I1"}, "workshop": True}},
         "current.workshop"),
        ({"target": {"likelihood": "L1"}}, "target.impacts"),
    ]
    before = risk_count("t-nat")
    p = Problems()
    for change, field in cases:
        body = dict(good, **change)
        for k, v in change.items():
            if v is None:
                body[k] = None
        status = 409 if field == "id" and change.get("id") == "n-1" else 422
        p.expect(team.post(RA("t-nat", "/risks"), body), status, None, field,
                 what=f"POST risk with {change}")
    # a matrix without dimensions takes impact, not impacts
    plain = dict(BASE, inherent={"likelihood": "1", "impacts": {"human": "1"}},
                 current=plain_rating("1", "1"))
    p.expect(team.post(RA("t-plain", "/risks"), plain), 422, "invalid", "inherent.impacts",
             what="impacts on the plain matrix")
    p.expect(team.post(RA("t-plain", "/risks"), dict(plain, inherent=plain_rating("1", "7"))),
             422, "invalid", "inherent.impact", what="a level the plain matrix has not")
    # a PATCH, a rating, assessments
    p.expect(patch(team, RA("t-nat", "/risks/n-1"), {"id": "n-9"}), 422, "invalid", "id",
             what="a new id")
    p.expect(patch(team, RA("t-nat", "/risks/n-1"), {"current": {"likelihood": "L0",
                                                                 "impacts": {"human": "I1"}}}),
             422, "invalid", "current.likelihood", what="PATCH a bad likelihood")
    p.expect(team.put(RA("t-nat", "/risks/n-1/ratings/current"), {"likelihood": "L1",
                                                                   "impacts": {"sky": "I1"}}),
             422, "invalid", "impacts.sky", what="PUT a rating with a bad dimension")
    for body, field in [({"id": "Bad Id"}, "id"), ({"unit": "ZZZ"}, "unit"),
                        ({"matrix": "no-such"}, "matrix"), ({"start": "2026-13-01"}, "start"),
                        ({"end": "2025-12-31"}, "end"), ({"title": None}, "title"),
                        ({"shape": "round"}, "shape")]:
        b = dict({"id": "t-bad", "unit": "XAA", "title": "x", "matrix": "plain-5x5",
                  "start": "2026-01-01", "end": "2026-12-31"}, **body)
        p.expect(CFG.analyst.post(API + "/risk-assessments", b), 422, "invalid", field,
                 what=f"POST assessment {body}")
    p.expect(patch(team, RA("t-nat"), {"published": "yes"}), 422, "invalid", "published",
             what="published as text")
    p.check(risk_count("t-nat") == before, "a refused risk was saved")
    with db() as con:
        p.check(not con.execute("SELECT 1 FROM risk_assessment WHERE id = 't-bad'").fetchall(),
                "a refused assessment was saved")
    p.done()


# ---------------------------------------------------------------- views


@test
def heatmap_counts_per_cell_and_phase():
    p = Problems()
    for a, m in ((DEMO, CFG.national), ("t-nat", CFG.national), ("t-plain", CFG.plain)):
        risks = register(a=a)
        for ph in PHASES:
            h = ok(CFG.team.get(RA(a, f"/heatmap?phase={ph}")), what=f"heatmap {a} {ph}")
            cells = [(c["likelihood"], c["impact"], c["level"]) for c in h["cells"]]
            want_cells = [(l, i, m["grid"][li][ii]) for li, l in enumerate(m["likelihood"])
                          for ii, i in enumerate(m["impact"])]
            p.check(cells == want_cells, f"{a} {ph}: cells {cells[:3]}...")
            for c in h["cells"]:
                ids = sorted(r["id"] for r in risks if r[ph] and r[ph]["likelihood"] == c["likelihood"]
                             and r[ph]["impact"] == c["impact"])
                p.check(c["count"] == len(ids) and sorted(c["risks"]) == ids,
                        f"{a} {ph} {c['likelihood']}x{c['impact']}: {c['count']} {c['risks']} vs {ids}")
            rated = sum(1 for r in risks if r[ph])
            p.check((h["rated"], h["unrated"]) == (rated, len(risks) - rated), f"{a} {ph}: rated")
    expect(CFG.team.get(RA(rest="/heatmap?phase=future")), 400, "bad_parameter", "phase",
           what="a phase that is not one")
    ok(CFG.team.get(RA(rest="/heatmap")), what="the default phase")
    p.done()


@test
def review_reminders_gain_and_sectors():
    risks = register()
    day = today()
    due = ok(CFG.team.get(RA(rest="/review-due")))
    eq(due["today"], day.isoformat(), "today")
    want = sorted((r for r in risks if r["review_date"] and r["review_date"] < day.isoformat()),
                  key=lambda r: (r["review_date"], r["id"]))
    eq([x["id"] for x in due["risks"]], [r["id"] for r in want], "overdue risks")
    for x in due["risks"]:
        eq(x["days_overdue"], (day - datetime.date.fromisoformat(x["review_date"])).days, "days")
    later = ok(CFG.team.get(RA(rest="/review-due?at=2099-01-01")))
    eq(len(later["risks"]), sum(1 for r in risks if r["review_date"]), "all overdue in 2099")
    expect(CFG.team.get(RA(rest="/review-due?at=someday")), 400, "bad_parameter", "at", what="at")
    gain = ok(CFG.team.get(RA(rest="/treatment-gain")))
    m = CFG.national
    before = {l: 0 for l in m["levels"]}
    after = dict(before)
    for r in risks:
        before[r["current"]["level"]] += 1
        after[(r["target"] or r["current"])["level"]] += 1
    eq((gain["current"], gain["target"]), (before, after), "counts per level")
    for x in gain["risks"]:
        r = next(r for r in risks if r["id"] == x["id"])
        want_off = (m["levels"].index(r["current"]["level"]) - m["levels"].index(r["target"]["level"])
                    if r["target"] else None)
        eq(x["levels_off"], want_off, f"{x['id']}: levels off")
        eq(x["treatments"], [t["option"] for t in r["treatments"]], f"{x['id']}: treatments")
    sectors = ok(CFG.team.get(RA(rest="/sectors")))["sectors"]
    tax = ok(ANON.get(API + "/taxonomies"))
    eq([s["id"] for s in sectors], [s["id"] for s in tax["sectors"]], "every sector")
    for s in sectors:
        ids = [r["id"] for r in risks if s["id"] in r["sectors"]]
        eq(s["risks"], ids, f"{s['id']}: risks")
        eq(sum(s["levels"].values()), len(ids), f"{s['id']}: levels")


@test
def taxonomies_and_matrices():
    tax = ok(ANON.get(API + "/taxonomies"), what="taxonomies")
    files = {}
    for kind, name in (("sectors", "sectors.csv"), ("threats", "threats.csv"), ("actors", "actors.csv")):
        with open(os.path.join(harness.ROOT, "data/taxonomies", name)) as f:
            files[kind] = [(row["id"], row["name"]) for row in csv.DictReader(f)]
        eq([(t["id"], t["name"]) for t in tax[kind]], files[kind], f"{kind} as in the file")
    ids = [t["id"] for t in tax["threats"]]
    for t in ["ransomware", "malware", "social-engineering", "threats-against-data",
              "denial-of-service", "information-manipulation", "supply-chain"]:
        check(t in ids, f"threat {t} missing")
    check(any(t.startswith("rsit.") for t in ids), "no RSIT incident types")
    eq([a["id"] for a in tax["actors"]], ["state", "criminal", "hacktivist", "insider", "non-malicious"],
       "actor types")
    ms = ok(ANON.get(API + "/matrices"), what="matrices")["matrices"]
    eq(sorted(m["id"] for m in ms), ["national-5x5", "plain-5x5"], "matrices")
    one = ok(ANON.get(API + "/matrices/national-5x5"), what="one matrix")
    eq(one["grid"], CFG.national["grid"], "grid")
    expect(ANON.get(API + "/matrices/none"), 404, "not_found", what="no such matrix")
    expect(ANON.get(API + "/matrices/national-5x5?hash=" + "0" * 64), 404, what="no such version")


@test
def a_changed_matrix_is_a_new_version_and_assessments_keep_theirs():
    old = ok(CFG.team.get(RA("t-nat")))["matrix"]
    changed = os.path.join(CFG.tmp, "national-5x5.yaml")
    text = open(os.path.join(harness.ROOT, "matrices/national-5x5.yaml")).read()
    text = text.replace("title: National cyber risk matrix", "title: Changed national matrix")
    grid = "  - [medium, high, high, very-high, very-high]\n"
    text = text[:text.rindex(grid)] + "  - [high, high, very-high, very-high, very-high]\n"
    open(changed, "w").write(text)
    CFG.cli_ok("init", "--data", CFG.data, "--matrix", changed)
    # the server notices another process's change within a second or so
    deadline = time.time() + 10
    while True:
        new = ok(ANON.get(API + "/matrices/national-5x5"))
        if new["hash"] != old["hash"] or time.time() > deadline:
            break
        time.sleep(0.2)
    check(new["hash"] != old["hash"] and new["title"].startswith("Changed national matrix"),
          "the changed file is not the latest version")
    kept = ok(CFG.team.get(RA("t-nat")))["matrix"]
    eq((kept["hash"], kept["title"], kept["grid"]), (old["hash"], old["title"], old["grid"]),
       "t-nat kept its version")
    eq(ok(ANON.get(API + f"/matrices/national-5x5?hash={old['hash']}"))["grid"], old["grid"],
       "the old version by hash")
    r = ok(CFG.team.post(API + "/risk-assessments", {"id": "t-new", "unit": "XAA", "title": "New",
                                                      "matrix": "national-5x5", "start": "2026-01-01",
                                                      "end": "2026-12-31"}), 201)
    eq(r["matrix"]["hash"], new["hash"], "a new assessment takes the latest version")
    # t-nat's levels are still those of its own version
    check_levels(CFG.national, register(a="t-nat"), Problems())


# ---------------------------------------------------------------- the register as a file


def strip(risks):
    out = copy.deepcopy(risks)
    for r in out:
        r.pop("updated_at")
    return out


def parse_csv(body):
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    return rows[0], rows[1:]


def to_csv(header, rows):
    f = io.StringIO()
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return f.getvalue().encode()


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def post_register(body, c=None, a=DEMO):
    return (c or CFG.team).call("POST", RA(a, "/register"), body=body,
                                headers={"Content-Type": "text/csv"})


@test
def register_csv_round_trip():
    before = register()
    r = expect(CFG.team.get(RA(rest="/register.csv")), 200, what="register.csv")
    check((r.header("Content-Type") or "").startswith("text/csv"), "content type")
    header, rows = parse_csv(r.body)
    CFG.csv = (header, rows)
    eq(len(rows), 15, "rows")
    eq([row[header.index("id")] for row in rows], [x["id"] for x in before], "row order")
    for dim in CFG.national["dimensions"]:
        check(f"current_impact_{dim}" in header, f"no column current_impact_{dim}")
    got = ok(post_register(r.body), what="POST the CSV back")
    eq((got["created"], got["updated"]), (0, 15), "counts")
    eq(strip(register()), strip(before), "the register after its own CSV came back")
    # a change and a new row
    rows2 = [list(x) for x in rows]
    rows2[0][header.index("title")] = "A changed title"
    new = list(rows2[1])
    new[header.index("id")] = ""
    new[header.index("title")] = "A risk from the spreadsheet"
    new[header.index("current_likelihood")] = "Very likely"     # by name
    new[header.index("sectors")] = "Health care; water"         # a name and an id
    new[header.index("public")] = "no"
    rows2.append(new)
    got = ok(post_register(to_csv(header, rows2)), what="POST a changed CSV")
    eq((got["created"], got["updated"]), (1, 15), "counts")
    after = register()
    eq(next(x for x in after if x["id"] == rows[0][0])["title"], "A changed title", "changed")
    made = [x for x in after if x["title"] == "A risk from the spreadsheet"]
    eq(len(made), 1, "the new risk")
    eq((made[0]["current"]["likelihood"], made[0]["sectors"]), ("L5", ["health", "water"]),
       "levels and sectors by name")
    CFG.made = made[0]["id"]
    ok(CFG.team.delete(RA(rest=f"/risks/{CFG.made}")), what="delete it again")
    ok(patch(CFG.team, RA(rest=f"/risks/{rows[0][0]}"), {"title": before[0]["title"]}))


@test
def register_xlsx_round_trip():
    before = register()
    r = expect(CFG.team.get(RA(rest="/register.xlsx")), 200, what="register.xlsx")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    check("xl/sharedStrings.xml" in z.namelist() or any("sheet" in n for n in z.namelist()),
          "not a workbook")
    CFG.xlsx = r.body
    got = ok(CFG.team.call("POST", RA(rest="/register"), body=r.body,
                           headers={"Content-Type": "application/vnd.openxmlformats-"
                                    "officedocument.spreadsheetml.sheet"}), what="POST it back")
    eq((got["created"], got["updated"]), (0, 15), "counts")
    eq(strip(register()), strip(before), "the register after its own workbook came back")
    # a workbook of the demo's register is refused by another assessment
    r = expect(CFG.team.call("POST", RA("t-nat", "/register"), body=CFG.xlsx), 422,
               "invalid_register", "register", what="another assessment's workbook")
    check(any(e["sheet"] == "meta" for e in r.json()["errors"]), f"{r.json()['errors']}")


def audit_count():
    with db() as con:
        return con.execute("SELECT count(*) FROM audit_event").fetchone()[0]


@test
def a_broken_csv_is_refused_whole_with_every_cell_named():
    header, rows = CFG.csv
    before, events = register(), audit_count()
    rows2 = [list(x) for x in rows]
    bad = {}
    ci = header.index("current_likelihood")
    rows2[0][ci] = "L9"
    bad[(2, col_letter(ci))] = "L9"
    si = header.index("sectors")
    rows2[2][si] = "health; atlantis"
    bad[(4, col_letter(si))] = "atlantis"
    pi = header.index("public")
    rows2[3][pi] = "maybe"
    bad[(5, col_letter(pi))] = "public"
    hi = header.index("inherent_impact_human")
    rows2[4][hi] = "I0"
    bad[(6, col_letter(hi))] = "I0"
    ti = header.index("title")
    rows2[5][ti] = ""
    bad[(7, col_letter(ti))] = "title"
    rows2[7][0] = rows2[6][0]                                   # an id twice
    bad[(9, "A")] = "twice"
    h2 = header + ["colour"]
    bad[(1, col_letter(len(header)))] = "colour"
    r = expect(post_register(to_csv(h2, [x + [""] for x in rows2])), 422, "invalid_register",
               "register", what="a broken CSV")
    errs = r.json()["errors"]
    got = {(e["row"], e["column"]): e["message"] for e in errs}
    p = Problems()
    for (row, col), word in bad.items():
        p.check((row, col) in got and word in got[(row, col)],
                f"row {row} column {col} ({word}) not named: {got.get((row, col))}")
    p.check(len(got) == len(bad), f"other cells named: {set(got) - set(bad)}")
    p.check(all(e["sheet"] == "register.csv" for e in errs), "sheet")
    p.check(strip(register()) == strip(before), "something was saved")
    p.check(audit_count() == events, "something was audited")
    # a required column missing
    r = expect(post_register(to_csv([h for h in header if h != "owner"],
                                    [[c for i, c in enumerate(x) if header[i] != "owner"]
                                     for x in rows])), 422, "invalid_register", what="no owner")
    p.check(any("owner" in e["message"] and e["row"] == 1 for e in r.json()["errors"]),
            f"{r.json()['errors']}")
    p.expect(post_register(b""), 400, "bad_request", "register", what="no body")
    p.expect(post_register(b"\xff\xfe not utf-8"), 422, "invalid_register", what="not UTF-8")
    p.done()


@test
def a_broken_workbook_is_refused_whole_with_every_cell_named():
    header, rows = CFG.csv
    before = register()
    src = zipfile.ZipFile(io.BytesIO(CFG.xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                text = data.decode()
                check(">L4</t>" in text, "L4 is not a shared string")
                data = text.replace(">L4</t>", ">L9</t>").encode()
            z.writestr(item, data)
    want = {(i + 2, col_letter(j)) for i, row in enumerate(rows) for j, h in enumerate(header)
            if h.endswith("_likelihood") and row[j] == "L4"}
    check(want, "no L4 likelihood in the register")
    r = expect(CFG.team.call("POST", RA(rest="/register"), body=out.getvalue()), 422,
               "invalid_register", "register", what="a broken workbook")
    got = {(e["row"], e["column"]) for e in r.json()["errors"]}
    eq(got, want, "the cells named")
    check(all(e["sheet"] == "Register" for e in r.json()["errors"]), "sheet")
    eq(strip(register()), strip(before), "something was saved")
    r = expect(CFG.team.call("POST", RA(rest="/register"), body=b"PK\x03\x04 not a zip"), 422,
               "invalid_register", what="a damaged zip")


# ---------------------------------------------------------------- the workshop


def spread_of(scale, levels):
    """counts, median of positions (1 = lowest) and divergence, as docs/api.md says."""
    pos = sorted(scale.index(x) + 1 for x in levels)
    n = len(pos)
    median = None if not n else (pos[n // 2] if n % 2 else (pos[n // 2 - 1] + pos[n // 2]) / 2)
    counts = {}
    for x in sorted(levels, key=scale.index):
        counts[x] = counts.get(x, 0) + 1
    return {"counts": counts, "median": median, "divergent": bool(pos) and pos[-1] - pos[0] >= 2}


def check_spreads(ws, p):
    m = CFG.national
    for w in ws["risks"]:
        for ph, x in w["phases"].items():
            resp = x["responses"]
            if not resp:
                p.check(x["spread"] is None, f"{w['id']} {ph}: a spread without responses")
                continue
            s = x["spread"]
            for key, scale in (("likelihood", m["likelihood"]), ("impact", m["impact"]),
                               ("level", m["levels"])):
                want = spread_of(scale, [r[key] for r in resp])
                p.check(s[key] == want, f"{w['id']} {ph} {key}: {s[key]} != {want}")
            for d in m["dimensions"]:
                want = spread_of(m["impact"], [r["impacts"][d] for r in resp if d in r["impacts"]])
                p.check(s["dimensions"][d] == want, f"{w['id']} {ph} {d}: {s['dimensions'][d]}")


@test
def the_demo_workshop_spread_is_right():
    p = Problems()
    check_spreads(ok(CFG.team.get(RA(rest="/workshop"))), p)
    p.done()


@test
def a_new_participant_joins_rates_and_is_heard():
    team = CFG.team
    email = "lena.participant@risks.test"
    r = ok(team.post(RA("t-nat", "/participants"), {"email": " " + email, "name": " Lena ",
                                                    "organisation": "Water authority",
                                                    "group": "critical_infrastructure"}), 201,
           "add a new account")
    eq((r["email"], r["name"], r["created"], r["rated"]), (email, "Lena", True, 0), "Lena")
    check(r["setup"] and re.fullmatch(r"[0-9a-f]{64}", r["setup"]["token"]), "no token")
    CFG.lena_id = r["id"]
    pw = "lena's password " + secrets.token_hex(4)
    ok(ANON.post(API + "/password", {"token": r["setup"]["token"], "password": pw}),
       what="set the password")
    CFG.lena = login(email, pw)
    CFG.passwords[email] = pw
    # an existing demo participant too
    r = ok(team.post(RA("t-nat", "/participants"), {"email": PARTICIPANTS[1], "name": "Jonas",
                                                    "group": "cirt"}), 201, "link an account")
    eq((r["created"], r["setup"]), (False, None), "linked")
    CFG.jonas_nat = r["id"]
    expect(team.post(RA("t-nat", "/participants"), {"email": PARTICIPANTS[1], "name": "Jonas",
                                                    "group": "cirt"}), 409, "conflict", "email",
           what="twice")
    for body, field in [({"email": "nobody"}, "email"), ({"group": "wizards"}, "group"),
                        ({"name": ""}, "name")]:
        expect(team.post(RA("t-nat", "/participants"), dict({"email": "x@risks.test", "name": "X",
                                                             "group": "cirt"}, **body)),
               422, "invalid", field, what=f"participant {body}")
    me = ok(CFG.lena.get(RA("t-nat")), what="Lena reads the assessment")
    eq(me["participant"], CFG.lena_id, "her participant id")
    mine = ok(CFG.lena.get(RA("t-nat", f"/participants/{CFG.lena_id}")), what="her page")
    eq(len(mine["risks"]), 4, "the scenarios to rate")
    for x in mine["risks"]:
        check(set(x) == {"id", "title", "scenario", "sectors", "threat", "actor", "vulnerabilities",
                         "ratings"}, f"a participant sees {sorted(x)}")
    r = ok(CFG.lena.put(RA("t-nat", f"/participants/{CFG.lena_id}/ratings/n-1"),
                        {"likelihood": "L5", "impacts": {"services": "I5"}, "comment": "mine"}),
           what="Lena rates")
    eq((r["ratings"]["current"]["level"], r["ratings"]["current"]["comment"]),
       (rate(CFG.national, "L5", ["I5"])[1], "mine"), "her rating")
    ok(CFG.lena.put(RA("t-nat", f"/participants/{CFG.lena_id}/ratings/n-1"),
                    {"phase": "inherent", "likelihood": "L4", "impacts": {"human": "I2"}}),
       what="another phase")
    jonas = login(PARTICIPANTS[1])
    ok(jonas.put(RA("t-nat", f"/participants/{CFG.jonas_nat}/ratings/n-1"),
                 {"likelihood": "L3", "impacts": {"services": "I3", "human": "I1"}}), what="Jonas")
    ok(team.put(RA("t-nat", f"/participants/{CFG.jonas_nat}/ratings/n-2"),
                {"likelihood": "L1", "impacts": {"economic": "I1"}}), what="in Jonas's hand")
    for body, field in [({"phase": "later", "likelihood": "L1", "impacts": {"human": "I1"}}, "phase"),
                        ({"likelihood": "L7", "impacts": {"human": "I1"}}, "likelihood"),
                        ({"likelihood": "L1", "impacts": {"mood": "I1"}}, "impacts.mood"),
                        ({"likelihood": "L1", "impact": "I1"}, "impact"),
                        ({"likelihood": "L1", "impacts": {"human": "I1"}, "score": 3}, "score")]:
        expect(CFG.lena.put(RA("t-nat", f"/participants/{CFG.lena_id}/ratings/n-1"), body), 422,
               "invalid", field, what=f"rating {body}")
    expect(CFG.lena.put(RA("t-nat", f"/participants/{CFG.lena_id}/ratings/n-404"),
                        {"likelihood": "L1", "impacts": {"human": "I1"}}), 404, "not_found", "risk",
           what="a risk that does not exist")
    ws = ok(team.get(RA("t-nat", "/workshop")), what="the facilitator's view")
    eq(ws["active"], 2, "active")
    n1 = next(w for w in ws["risks"] if w["id"] == "n-1")["phases"]["current"]
    eq(sorted((x["participant"], x["likelihood"]) for x in n1["responses"]),
       sorted([(CFG.lena_id, "L5"), (CFG.jonas_nat, "L3")]), "responses")
    eq(n1["spread"]["likelihood"]["divergent"], True, "L5 and L3 are two levels apart")
    p = Problems()
    check_spreads(ws, p)
    p.done()
    # the agreed rating, with the dissent kept
    r = ok(team.put(RA("t-nat", "/risks/n-1/ratings/current"),
                    {"likelihood": "L4", "impacts": {"services": "I4"}, "workshop": True,
                     "dissent": "Lena rated it L5: recent outages.",
                     "rationale": "Agreed after the second round of the test workshop."}),
           what="the agreed rating")
    eq((r["current"]["workshop"], r["current"]["dissent"]), (True, "Lena rated it L5: recent outages."),
       "agreed with dissent")
    ws = ok(team.get(RA("t-nat", "/workshop")))
    n1 = next(w for w in ws["risks"] if w["id"] == "n-1")["phases"]["current"]
    eq(n1["agreed"]["likelihood"], "L4", "the agreed rating in the view")
    eq(len(n1["responses"]), 2, "the participants' ratings stay")
    # a PATCH that does not change the current rating keeps its mark
    ok(patch(team, RA("t-nat", "/risks/n-1"), {"owner": "Changed owner"}))
    eq(ok(team.get(RA("t-nat", "/risks/n-1")))["current"]["workshop"], True, "the mark stays")
    with db() as con:
        hist = con.execute("SELECT count(*) FROM risk_participant_rating_history WHERE "
                           "participant_id = ?", (CFG.lena_id,)).fetchone()[0]
    eq(hist, 2, "Lena's rating history")


@test
def participants_see_only_their_own():
    lena = CFG.lena
    p = Problems()
    for what, r in (
            ("another participant", lena.get(RA("t-nat", f"/participants/{CFG.jonas_nat}"))),
            ("an id that does not exist", lena.get(RA("t-nat", "/participants/999999"))),
            ("not a number", lena.get(RA("t-nat", "/participants/abc"))),
            ("rate for another", lena.put(RA("t-nat", f"/participants/{CFG.jonas_nat}/ratings/n-1"),
                                          {"likelihood": "L1", "impacts": {"human": "I1"}})),
            ("the list", lena.get(RA("t-nat", "/participants"))),
            ("the workshop", lena.get(RA("t-nat", "/workshop"))),
            ("the register", lena.get(RA("t-nat", "/risks"))),
            ("a risk", lena.get(RA("t-nat", "/risks/n-1"))),
            ("the heat map", lena.get(RA("t-nat", "/heatmap"))),
            ("the CSV", lena.get(RA("t-nat", "/register.csv"))),
            ("the public register before publication", lena.get(RA("t-nat", "/public"))),
            ("remove herself", lena.delete(RA("t-nat", f"/participants/{CFG.lena_id}"))),
            ("another assessment", lena.get(RA("t-plain"))),
            ("the demo's workshop page of Ines", lena.get(RA(rest="/participants/1")))):
        p.expect(r, 403, "forbidden", what=what)
        p.check(b"Jonas" not in r.body and b"L3" not in r.body, f"{what}: {r.body[:200]!r}")
    mine = ok(lena.get(RA("t-nat", f"/participants/{CFG.lena_id}")))
    ratings = {x["id"]: x["ratings"] for x in mine["risks"]}
    eq(sorted(ratings["n-1"]), ["current", "inherent"], "her ratings of n-1")
    eq(ratings["n-2"], {}, "no one else's ratings (Jonas rated n-2)")
    lst = ok(lena.get(API + "/risk-assessments"))["risk_assessments"]
    eq(sorted(a["id"] for a in lst if a.get("participant")), ["t-nat"], "her workshops")
    # a demo participant
    ines = login(PARTICIPANTS[0])
    mine = next(a for a in ok(ines.get(API + "/risk-assessments"))["risk_assessments"]
                if a["id"] == DEMO)
    view = ok(ines.get(RA(rest=f"/participants/{mine['participant']}")))
    eq(sum(1 for x in view["risks"] if x["ratings"]), 6, "Ines rated six")
    # removed: no more access, ratings stay, out of the spread
    ok(CFG.team.delete(RA("t-nat", f"/participants/{CFG.lena_id}")), what="remove Lena")
    expect(lena.get(RA("t-nat", f"/participants/{CFG.lena_id}")), 403, what="after removal")
    expect(lena.get(RA("t-nat")), 403, what="the assessment after removal")
    ws = ok(CFG.team.get(RA("t-nat", "/workshop")))
    n1 = next(w for w in ws["risks"] if w["id"] == "n-1")["phases"]["current"]
    eq([x["participant"] for x in n1["responses"]], [CFG.jonas_nat], "removed participant's ratings")
    with db() as con:
        eq(con.execute("SELECT count(*) FROM risk_participant_rating WHERE participant_id = ?",
                       (CFG.lena_id,)).fetchone()[0], 2, "her ratings stay on record")
    expect(CFG.team.delete(RA("t-nat", f"/participants/{CFG.lena_id}")), 404, what="twice")
    p.done()


# ---------------------------------------------------------------- treatments


@test
def treatments_become_plan_actions():
    team = CFG.team
    ok(team.post(API + "/plans", {"id": "t-plan", "unit": "XAA", "title": "Test plan",
                                  "start": "2026-01-01", "end": "2030-12-31"}), 201, "a plan")
    ok(CFG.admin.post(API + "/plans", {"id": "t-plan-xab", "unit": "XAB", "title": "XAB plan",
                                       "start": "2026-01-01", "end": "2030-12-31"}), 201, "XAB plan")
    due = (today() + datetime.timedelta(days=100)).isoformat()
    body = {"option": "reduce", "justification": "Because.", "plan": "t-plan",
            "action": {"title": "Harden the switch", "owner": "Central Bank", "due": due}}
    for change, field, status in [({"option": "ignore"}, "option", 422),
                                  ({"justification": ""}, "justification", 422),
                                  ({"plan": "t-plan-xab"}, "plan", 422),
                                  ({"plan": "no-plan"}, "plan", 422),
                                  ({"plan": None}, "plan", 422),
                                  ({"action": None}, "action", 422),
                                  ({"action": {"title": "x", "owner": "y", "due": "2020-01-01"}},
                                   "action.due", 422),
                                  ({"action": {"title": "", "owner": "y", "due": due}},
                                   "action.title", 422),
                                  ({"action": {"title": "x", "owner": "y", "due": due, "cost": 1}},
                                   "action", 422),
                                  ({"extra": 1}, "extra", 422)]:
        b = dict(body, **change)
        expect(team.post(RA("t-nat", "/risks/n-1/treatments"), b), status, None, field,
               what=f"treatment {change}")
    with db() as con:
        eq(con.execute("SELECT count(*) FROM objective WHERE plan_id = 't-plan'").fetchone()[0], 0,
           "a refused treatment made an objective")
    t = ok(team.post(RA("t-nat", "/risks/n-1/treatments"), body), 201, "treat n-1")
    eq((t["option"], t["risk"], t["plan"], t["action"]["status"], t["action"]["title"]),
       ("reduce", "n-1", "t-plan", "planned", "Harden the switch"), "the treatment")
    t2 = ok(team.post(RA("t-nat", "/risks/n-2/treatments"), dict(body, action=dict(
        body["action"], title="Second"))), 201, "treat n-2")
    ok(team.post(RA("t-nat", "/risks/n-3/treatments"), {"option": "accept",
                                                        "justification": "Small."}), 201, "accept")
    plan = ok(team.get(f"{API}/plans/t-plan"))
    eq([o["title"] for o in plan["objectives"]], ["Risk treatment"], "one objective made on first use")
    acts = plan["objectives"][0]["actions"]
    eq([a["title"] for a in acts], ["Harden the switch", "Second"], "actions")
    a = acts[0]
    eq((a["start"], a["due"], a["status"], a["source"]["kind"], a["source"]["ref"]),
       (today().isoformat(), due, "planned", "risk", "t-nat/n-1"), "the action")
    eq([(l["framework"], l["node"]) for l in a["links"]],
       [("national-commitment", "technical.national_cirt")], "the nodes it addresses")
    # the risk shows the action's status as the plan moves it
    ok(patch(team, f"{API}/plans/t-plan/actions/{a['id']}", {"status": "in_progress",
                                                             "progress": 40}), what="move the action")
    r = ok(team.get(RA("t-nat", "/risks/n-1")))
    eq((r["treatments"][0]["action"]["status"], r["treatments"][0]["action"]["progress"]),
       ("in_progress", 40), "the risk shows the action's status")
    # an action deleted in the plan: the treatment stays, without it
    ok(team.delete(f"{API}/plans/t-plan/actions/{t2['action']['id']}"))
    r = ok(team.get(RA("t-nat", "/risks/n-2")))
    eq((r["treatments"][0]["option"], r["treatments"][0]["action"]), ("reduce", None),
       "after the action was deleted")
    # at= sets the day the action starts
    t = ok(team.post(RA("t-nat", "/risks/n-4/treatments?at=2026-06-01"), dict(body, action=dict(
        body["action"], title="Dated"))), 201)
    a = next(x for x in ok(team.get(f"{API}/plans/t-plan"))["objectives"][0]["actions"]
             if x["id"] == t["action"]["id"])
    eq(a["start"], "2026-06-01", "the action's start")


# ---------------------------------------------------------------- the public register


def restricted_strings():
    """What must never reach a non-member: the register team's fields of
    every risk, the non-public risks' titles, and the workshop's people and
    words."""
    out = set()
    for a in (DEMO, "t-nat", "t-plain"):
        for r in register(a=a):
            out |= {r["scenario"], r["owner"]}
            if r["vulnerabilities"]:
                out.add(r["vulnerabilities"])
            if not r["public"]:
                out.add(r["title"])
            for ph in PHASES:
                if r[ph]:
                    out |= {x for x in (r[ph]["rationale"], r[ph]["dissent"]) if x}
            out |= {t["justification"] for t in r["treatments"]}
        ws = ok(CFG.team.get(RA(a, "/workshop")))
        for p in ws["participants"]:
            out |= {p["name"], p["email"]}
        for w in ws["risks"]:
            for x in w["phases"].values():
                out |= {r["comment"] for r in x["responses"] if r["comment"]}
    return {s for s in out if len(s) >= 6}


@test
def the_public_register_leaks_nothing_on_any_route():
    secrets_ = restricted_strings()
    check(len(secrets_) > 50, f"only {len(secrets_)} restricted strings")
    ok(patch(CFG.team, RA("t-nat"), {"published": True}), what="publish t-nat")
    outsiders = [ANON, CFG.focal_xab, CFG.reviewer, login("amina.respondent@demo.cybercap")]
    routes = [API + "/risk-assessments", API + "/taxonomies", API + "/matrices",
              API + "/matrices/national-5x5"]
    doc = harness.openapi_doc()
    for a in (DEMO, "t-nat", "t-plain"):
        for tpl, item in doc["paths"].items():
            if not tpl.startswith(API + "/risk-assessments/{a}"):
                continue
            path = tpl.replace("{a}", a).replace("{r}", "n-1" if a == "t-nat" else
                                                 "hospital-ransomware").replace("{phase}", "current")
            path = path.replace("{p}", "1")
            for m in item:
                routes.append((m.upper(), path))
    p = Problems()
    seen = 0
    for c in outsiders:
        for route in routes:
            m, path = route if isinstance(route, tuple) else ("GET", route)
            body = {"likelihood": "L1", "impacts": {"human": "I1"}} if m in ("PUT", "POST", "PATCH") else None
            r = c.call(m, path, obj=body) if body is not None else c.call(m, path)
            seen += 1
            text = r.body.decode("utf-8", "replace")
            for s in secrets_:
                if s in text:
                    p.add(f"{c.name} {m} {path} ({r.status}): {s[:60]!r}")
            public = m == "GET" and (path.endswith("/public") or path in (RA(), RA("t-nat")))
            if "/risk-assessments/" in path and not public:
                p.check(r.status in (401, 403), f"{c.name} {m} {path}: {r.status}")
    pub = ok(ANON.get(RA("t-nat", "/public")))
    eq(pub["risks"], [], "t-nat has no public risk")
    for x in ok(ANON.get(RA(rest="/public")))["risks"]:
        p.check(set(x) == {"public_title", "public_summary", "level"}, f"public risk {sorted(x)}")
    p.check(seen > 100, f"only {seen} responses looked at")
    ok(patch(CFG.team, RA("t-nat"), {"published": False}), what="unpublish t-nat")
    p.expect(ANON.get(RA("t-nat", "/public")), 401, what="unpublished again")
    p.done()


@test
def a_public_plan_names_no_restricted_risk():
    """A treatment of a risk that is not public, sent to a public plan: the
    action names neither the risk's title, owner nor ref to anyone outside
    the register's team, on every plan route."""
    team = CFG.team
    secret = {"id": "zz-hidden-" + secrets.token_hex(3), "title": "Quiet collapse of the "
              "zz-vault " + secrets.token_hex(3), "owner": "Zz Hidden Owner " + secrets.token_hex(3)}
    body = {"id": secret["id"], "title": secret["title"], "scenario": "A scenario kept inside "
            "the team.", "sectors": ["health"], "threat": "ransomware", "actor": "criminal",
            "owner": secret["owner"], "inherent": {"likelihood": "L3", "impacts": {"human": "I3"}},
            "current": {"likelihood": "L3", "impacts": {"human": "I2"}}}
    r = ok(team.post(RA(rest="/risks"), body), 201, "a risk that is not public")
    eq(r["public"], False, "not public")
    plan = ok(team.get(f"{API}/plans/xaa-2026"), what="the plan")
    eq(plan["public"], True, "xaa-2026 is public")
    due = (today() + datetime.timedelta(days=200)).isoformat()
    treat = {"option": "reduce", "justification": "Kept inside.", "plan": "xaa-2026",
             "action": {"title": "Backup drills", "owner": "Health IT unit", "due": due}}
    for field, change in [("action.title", {"title": "Stop the " + secret["title"].upper()}),
                          ("action.title", {"title": "Ask " + secret["owner"] + " to act"}),
                          ("action.owner", {"owner": secret["owner"]}),
                          ("action.owner", {"owner": secret["title"]})]:
        b = dict(treat, action=dict(treat["action"], **change))
        expect(team.post(RA(rest=f"/risks/{secret['id']}/treatments"), b), 422, None, field,
               what=f"an action naming the risk {change}")
    t = ok(team.post(RA(rest=f"/risks/{secret['id']}/treatments"), treat), 201, "neutral action")
    act = t["action"]["id"]
    ref = f"{DEMO}/{secret['id']}"
    a = ok(team.get(f"{API}/plans/xaa-2026/actions/{act}"), what="the team reads the action")
    eq(a["source"], dict(a["source"], kind="risk", ref=ref), "the team sees the link")
    doc = harness.openapi_doc()
    routes = [t_.replace("{p}", "xaa-2026").replace("{a}", str(act))
              for t_, item in doc["paths"].items()
              if t_.startswith(API + "/plans/{p}") and "get" in item]
    check(len(routes) >= 7, f"only {len(routes)} plan routes: {routes}")
    outsiders = [ANON, CFG.focal_xab, CFG.reviewer, login(PARTICIPANTS[0])]
    p = Problems()
    readable = 0
    for c in outsiders:
        for path in routes:
            res = c.get(path)
            text = res.body.decode("utf-8", "replace")
            if res.status == 200:
                readable += 1
            for what, x in list(secret.items()) + [("ref", ref)]:
                p.check(x.lower() not in text.lower(), f"{c.name} GET {path} ({res.status}) "
                        f"shows the risk's {what}")
        got = ok(c.get(f"{API}/plans/xaa-2026/actions/{act}"), what=f"{c.name} reads the action")
        p.check(got["source"] == dict(got["source"], kind="risk", ref=None),
                f"{c.name}: source {got['source']}")
    p.check(readable >= 3 * len(outsiders), f"only {readable} plan routes answered 200")
    p.done()
    ok(team.call("DELETE", RA(rest=f"/risks/{secret['id']}")), what="clean up")


@test
def me_lists_the_risk_workshops_taken_part_in():
    me = ok(login(PARTICIPANTS[0]).get(API + "/me"))["user"]
    ws = {w["assessment"]: w for w in me["risk_workshops"]}
    check(DEMO in ws, f"/me lists {sorted(ws)}")
    parts = ok(CFG.team.get(RA(rest="/participants")))["participants"]
    mine = [x for x in parts if x["email"] == PARTICIPANTS[0]][0]
    eq((ws[DEMO]["participant"], ws[DEMO]["unit"], ws[DEMO]["rated"]),
       (mine["id"], "XAA", mine["rated"]), "the participation")
    eq(ok(CFG.team.get(API + "/me"))["user"]["risk_workshops"], [], "the team takes part in none")


# ---------------------------------------------------------------- audit and contract


@test
def every_change_is_in_the_audit_chain():
    with db() as con:
        ents = [e for (e,) in con.execute("SELECT entity FROM audit_event WHERE entity LIKE 'risk%'")]
    for prefix in ("risk_assessment:t-nat", "risk:t-nat/n-1", "risk:t-nat/n-1/treatment:",
                   "risk_participant:t-nat/", "risk_participant_rating:t-nat/",
                   f"risk:{DEMO}/hospital-ransomware", "risk:t-plain/r4"):
        check(any(e.startswith(prefix) for e in ents), f"no audit entry for {prefix}")
    with db() as con:
        acts = [a for (a,) in con.execute("SELECT action FROM audit_event WHERE entity = "
                                          "'risk:t-nat/n-1'")]
    for a in ("create", "update", "agree"):
        check(a in acts, f"no {a} of n-1 in the audit trail ({acts})")
    rc, out, err = CFG.cli("audit", "verify", "--data", CFG.data)
    eq(rc, 0, f"cybercap audit verify: {out} {err}")


@test
def every_risk_response_matches_openapi():
    CFG.check_openapi(harness.operations(where=lambda t, o: t.startswith(
        (API + "/risk-assessments", API + "/matrices", API + "/taxonomies"))), partial=False)


# ---------------------------------------------------------------- main


DEMO_LINE = re.compile(r"\s*(\w+)\s+(\S+@\S+)\s+(\S+)")


def setup():
    CFG.passwords = {}
    with open(os.path.join(CFG.data, "demo-logins.txt")) as f:
        for line in f:
            m = DEMO_LINE.match(line)
            if m:
                CFG.passwords[m.group(2)] = m.group(3)
    for e in PARTICIPANTS:
        check(e in CFG.passwords, f"no demo sign-in for {e}")
    CFG.admin = login("admin@demo.cybercap")
    CFG.analyst = login("analyst@demo.cybercap")
    CFG.team = login("focal.xaa@demo.cybercap")
    CFG.focal_xab = login("focal.xab@demo.cybercap")
    CFG.reviewer = login("reviewer@demo.cybercap")


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-risks."))
