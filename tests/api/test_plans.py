#!/usr/bin/env python3
"""Action plans over the HTTP API (docs/plans.md, docs/api.md "Action plans").

Standard library only. Starts its own `cybercap demo` on a free port with a
fresh data directory and works on the demo's published results: the demo's
two plans (XAA's drafted from its nci-2025 gaps, XAC's CIRT establishment
plan), then a whole plan made here from creation to report; every 422 of
the issue, each naming its field, with nothing saved; drafting twice
without duplicates, the proposals cross-checked against the results
endpoints' gaps and targets; the figures of the monitoring computed again
here from the rules (progress, RAG, KPIs on track, overdue) and the
re-measurement against the results endpoints; the report's CSV rows and
workbook; the CSIRT services catalogue (5/21/76); the templates; the audit
chain holding each plan change, and `cybercap audit verify`. The
authorisation matrix of every plan route is in test_workflow.py.

    python3 tests/api/test_plans.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

The tests run in order and build on each other.
"""
import csv
import datetime
import io
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, Client, Problems, check, eq, expect, near, ok, open_db  # noqa: E402
import harness  # noqa: E402

CFG = harness.Cfg()
test, login = CFG.test, CFG.login
FW = "national-commitment"
STATUSES = ["proposed", "planned", "in_progress", "done", "blocked", "cancelled"]
AT = "2026-07-02"          # the day the figures of the flow are for
ANON = CFG.client("anonymous")
patch = Client.patch


def P(plan, rest=""):
    return f"{API}/plans/{plan}{rest}"


def days(d):
    return datetime.date.fromisoformat(d).toordinal()


def unit_values(camp, unit):
    """{node: value} of a unit in a published campaign (the results endpoint)."""
    nodes = ok(ANON.get(f"{API}/campaigns/{camp}/results/{unit}"), what="results")["nodes"]
    return {n["id"]: n["value"] for n in nodes}


REL_ORDER = ["equal", "superset", "subset", "intersect"]


def edition_targets(node):
    """The 2027 nodes mappings/national-commitment-2026-2027.yaml relates a 2026
    node to most strongly, with that relation (read from the file here)."""
    import re
    pairs = []
    with open(os.path.join(HERE, "..", "..", "mappings", "national-commitment-2026-2027.yaml")) as f:
        for m in re.finditer(r"\{source: ([\w.-]+), target: ([\w.-]+), relation: (\w+)", f.read()):
            pairs.append(m.groups())
    mine = [(t, r) for s_, t, r in pairs if s_ == node and r in REL_ORDER]
    if not mine:
        return [], None
    best = min(REL_ORDER.index(r) for _, r in mine)
    return [t for t, r in mine if REL_ORDER.index(r) == best], REL_ORDER[best]


def actions_of(plan_json):
    return [a for o in plan_json["objectives"] for a in o["actions"]]


def audit_count():
    rc, out, err = CFG.cli("audit", "verify", "--data", CFG.data)
    return rc, out + err


# ---------------------------------------------------------------- the demo


@test
def demo_plans_are_there_and_anonymous_sees_the_public_one():
    eq([p["id"] for p in ok(ANON.get(API + "/plans"))["plans"]], ["xaa-2026"],
       "anonymous sees the public plan only")
    mine = ok(CFG.admin.get(API + "/plans"))
    eq(sorted(p["id"] for p in mine["plans"]), ["xaa-2026", "xac-cirt"], "admin sees both")
    eq(ok(CFG.admin.get(API + "/plans?unit=XAC"))["total"], 1, "?unit=XAC")
    expect(ANON.get(P("xac-cirt")), 401, "unauthenticated", what="a private plan, anonymous")
    expect(CFG.focal_xaa.get(P("xac-cirt")), 403, "forbidden", what="another unit's focal point")
    expect(ANON.get(API + "/plans?unit=XZZ"), 404, what="unknown unit")
    # public readers see no names: no created_by, no history
    check('"created_by"' not in ANON.get(P("xaa-2026")).body.decode(), "no created_by for anonymous")
    check('"created_by"' in CFG.focal_xaa.get(P("xaa-2026")).body.decode(), "created_by for writers")
    check('"created_by"' not in CFG.focal_xab.get(P("xaa-2026", "/report")).body.decode(),
          "none in the report for another unit's focal point")
    expect(ANON.get(P("xaa-2026", "/history")), 401, "unauthenticated", what="history, anonymous")
    expect(CFG.focal_xab.get(P("xaa-2026", "/history")), 403, "forbidden",
           what="history, another unit's focal point")


@test
def demo_xaa_plan_has_every_status_and_a_done_action_on_a_node_that_rose():
    plan = ok(ANON.get(P("xaa-2026")))
    acts = actions_of(plan)
    eq(sorted({a["status"] for a in acts}), sorted(STATUSES), "every status")
    eq(plan["baseline"], "nci-2025", "baseline")
    check(any(k["measurements"] for a in acts for k in a["kpis"]), "KPIs with measurements")
    # after: the index's latest publication, nci-2027 (on its 2027 edition)
    before, after = unit_values("nci-2025", "XAA"), unit_values("nci-2027", "XAA")
    mon = ok(ANON.get(P("xaa-2026", "/monitoring")))
    rose = [n for n in mon["nodes"] if n["rose"]]
    check(rose, "a node rose")
    for n in mon["nodes"]:
        eq(n["before_campaign"], "nci-2025", f"{n['node']} before campaign")
        eq(n["after_campaign"], "nci-2027", f"{n['node']} after campaign")
        eq(n["before"], before[n["node"]], f"{n['node']} before = results of nci-2025")
        # the plan's node ids are of the 2026 edition (nci-2025's); nci-2027 is
        # on the 2027 edition and is read through the mapping between them
        eq(n["edition"], "2026", f"{n['node']} edition")
        eq(n["before_read"], None, f"{n['node']} before read on its own edition")
        targets, rel = edition_targets(n["node"])
        check(targets, f"{n['node']} is mapped to 2027")
        read = n["after_read"] or {}
        eq((read.get("version"), read.get("mapping"), read.get("relation"), read.get("nodes")),
           ("2027", "national-commitment-2026-2027", rel, ", ".join(targets)),
           f"{n['node']} after read through the mapping")
        want = [after[t] for t in targets if after.get(t) is not None]
        near(n["after"], sum(want) / len(want), 1e-9, f"{n['node']} after = nci-2027 on the mapped nodes")
        eq(n["rose"], n["after"] > before[n["node"]] + 1e-9, f"{n['node']} rose")
    by_id = {a["id"]: a for a in acts}
    done_rose = [n for n in rose if any(by_id[i]["status"] == "done" for i in n["actions"])]
    check(done_rose, "a done action is linked to a node that rose")
    re_ = mon["remeasurement"]
    eq((re_["rose"], re_["rose_done"]), (len(rose), len(done_rose)), "re-measurement counts")
    eq(re_["summary"], f"actions done on {len(done_rose)} of {len(rose)} nodes that rose", "summary")


# ---------------------------------------------------------------- the whole flow


@test
def create_plan_with_default_and_explicit_baseline():
    c = CFG.focal_xaa
    r = c.post(API + "/plans", {"id": "flow", "unit": "XAA", "title": "Flow test plan",
                                "start": "2026-01-01", "end": "2026-12-31", "baseline": "nci-2025"})
    plan = ok(r, 201, "create")
    eq((plan["id"], plan["unit"], plan["baseline"], plan["public"], plan["objectives"]),
       ("flow", "XAA", "nci-2025", False, []), "the new plan")
    eq(plan["created_by"], "focal.xaa@demo.cybercap", "created_by")
    # XBN is only in the three published nci editions: its latest is nci-2027
    r = CFG.admin.post(API + "/plans", {"id": "xbn-default", "unit": "XBN", "title": "Default",
                                        "start": "2026-01-01", "end": "2026-12-31"})
    eq(ok(r, 201)["baseline"], "nci-2027", "default baseline: the unit's latest published")
    expect(c.post(API + "/plans", {"id": "flow", "unit": "XAA", "title": "x", "start": "2026-01-01",
                                   "end": "2026-12-31"}), 409, "conflict", "id", what="id in use")


def add_objective(title):
    return ok(CFG.focal_xaa.post(P("flow", "/objectives"), {"title": title}), 201)["id"]


def add_action(obj, **kw):
    body = {"objective": obj, "title": "Action", "owner": "Owner", "start": "2026-01-01",
            "due": "2026-12-31", "status": "planned"}
    body.update(kw)
    return ok(CFG.focal_xaa.post(P("flow", "/actions"), body), 201, f"add {kw}")


@test
def objectives_and_actions_with_kpis_links_and_evidence():
    CFG.o1 = add_objective("Behind")
    CFG.o2 = add_objective("Slightly behind")
    CFG.o3 = add_objective("On time")
    a = add_action(CFG.o1, title="Draft the law", status="in_progress", progress=10,
                   description="Line one.\nLine two.", lead_agency="Ministry of justice",
                   partners="Parliament", budget={"amount": 1000, "currency": "USD"},
                   funding_source="State budget",
                   kpis=[{"name": "Articles", "unit": "articles", "baseline": 0, "target": 10}],
                   links=[{"framework": FW, "node": "organisational.strategy.status",
                           "campaign": "nci-2025"},
                          {"framework": FW, "node": "organisational.strategy.status"}],
                   source={"kind": "gap", "campaign": "nci-2025", "framework": FW,
                           "node": "organisational.strategy.status", "detail": {"note": 1}},
                   evidence=["https://example.org/draft"])
    eq(len(a["links"]), 1, "the same node twice counts once")
    eq((a["source"]["kind"], a["source"]["detail"]), ("gap", {"note": 1}), "source")
    eq(a["evidence"], ["https://example.org/draft"], "evidence")
    eq(a["budget"], {"amount": 1000, "currency": "USD"}, "budget")
    eq(a["description"], "Line one.\nLine two.", "description keeps its lines")
    CFG.a1 = a["id"]
    CFG.a2 = add_action(CFG.o2, title="Train staff", status="in_progress", progress=35,
                        budget={"amount": 3000, "currency": "USD"})["id"]
    CFG.a3 = add_action(CFG.o3, title="Set up the office", status="in_progress", progress=45,
                        budget={"amount": 1000, "currency": "USD"})["id"]
    CFG.a4 = add_action(CFG.o3, title="Proposed idea", status="proposed", progress=0)["id"]
    CFG.a5 = add_action(CFG.o3, title="Late report", status="planned", start="2026-01-01",
                        due="2026-03-31")["id"]
    CFG.a6 = add_action(CFG.o3, title="Dropped", status="cancelled", due="2026-02-01")["id"]
    # measurements: on track at 6 (the line stands at 5 on 2026-07-02)
    r = patch(CFG.focal_xaa, P("flow", f"/actions/{CFG.a1}?at={AT}"),
              {"kpi_measurements": [{"kpi": "Articles", "date": "2026-07-02", "value": 6},
                                    {"kpi": "Articles", "date": "2026-04-01", "value": 2}]})
    k = ok(r)["kpis"][0]
    eq([m["date"] for m in k["measurements"]], ["2026-04-01", "2026-07-02"], "measurements by date")
    line = 10 * (days("2026-07-02") - days("2026-01-01")) / (days("2026-12-31") - days("2026-01-01"))
    near(k["expected"], line, 1e-9, "KPI expected on the line")
    eq((k["latest"]["value"], k["on_track"], k["reached"]), (6, True, False), "KPI on track")
    r = patch(CFG.focal_xaa, P("flow", f"/actions/{CFG.a1}?at={AT}"),
              {"kpi_measurements": [{"kpi": "Articles", "date": "2026-07-02", "value": 4}]})
    eq(ok(r)["kpis"][0]["on_track"], False, "4 is below the line: off track")
    # a PATCH of kpis keeps a KPI by name with its measurements
    r = patch(CFG.focal_xaa, P("flow", f"/actions/{CFG.a1}"),
              {"kpis": [{"name": "Articles", "unit": "articles", "baseline": 0, "target": 10},
                        {"name": "Hearings", "baseline": 0, "target": 3}]})
    ks = {k["name"]: k for k in ok(r)["kpis"]}
    eq(len(ks["Articles"]["measurements"]), 2, "Articles keeps its measurements")
    eq(ks["Hearings"]["measurements"], [], "a new KPI starts empty")


def expected(start, due, at):
    s, d, t = days(start), days(due), days(at)
    return 0 if t <= s else 100 if t >= d else 100 * (t - s) / (d - s)


@test
def monitoring_figures_follow_the_rules():
    mon = ok(CFG.focal_xaa.get(P("flow", f"/monitoring?at={AT}")))
    plan = ok(CFG.focal_xaa.get(P("flow", f"?at={AT}")))
    acts = {a["id"]: a for a in actions_of(plan)}
    e = expected("2026-01-01", "2026-12-31", AT)
    want = {CFG.o1: ("red", 10), CFG.o2: ("amber", 35)}
    for o in mon["objectives"]:
        if o["id"] in want:
            rag, prog = want[o["id"]]
            eq(o["rag"], rag, f"objective {o['title']}: behind by {e - prog:.1f}")
            near(o["progress"], prog, 1e-9, "progress")
            near(o["behind"], e - prog, 1e-9, "behind")
    o3 = next(o for o in mon["objectives"] if o["id"] == CFG.o3)
    # counted in o3: a3 (45) and a5 (planned, 0, overdue); a4 proposed and a6 cancelled are not
    eq((o3["total"], o3["counted"], o3["overdue"]), (4, 2, 1), "objective 3 counts")
    near(o3["progress"], (45 + 0) / 2, 1e-9, "equal weights")
    eq(o3["rag"], "red", "an overdue counted action makes it red")
    eq(mon["actions"]["overdue_actions"], [CFG.a5], "overdue: due before at, not done/cancelled")
    eq(mon["actions"]["by_status"], {s: sum(a["status"] == s for a in acts.values())
                                     for s in STATUSES}, "by status")
    counted = [a for a in acts.values() if a["status"] in ("planned", "in_progress", "done", "blocked")]
    near(mon["progress"]["overall"], sum(a["progress"] for a in counted) / len(counted), 1e-9,
         "overall: mean of counted actions")
    eq(mon["weighting"], "equal", "weighting said")
    # by budget: a1 1000, a2 3000, a3 1000, a5 none (weighs 0)
    b = ok(CFG.focal_xaa.get(P("flow", f"/monitoring?at={AT}&weight=budget")))
    eq(b["weighting"], "budget", "budget weighting")
    near(b["progress"]["overall"], (10 * 1000 + 35 * 3000 + 45 * 1000) / 5000, 1e-9,
         "weighted by budget")
    expect(CFG.focal_xaa.get(P("flow", "/monitoring?weight=cost")), 400, "bad_parameter",
           "weight", what="bad weight")
    expect(CFG.focal_xaa.get(P("flow", "/monitoring?at=2026-02-30")), 400, "bad_parameter",
           "at", what="bad at")
    # another currency: equal weights, and a note saying why
    patch(CFG.focal_xaa, P("flow", f"/actions/{CFG.a3}"), {"budget": {"amount": 5, "currency": "EUR"}})
    b = ok(CFG.focal_xaa.get(P("flow", f"/monitoring?at={AT}&weight=budget")))
    eq(b["weighting"], "equal", "mixed currencies")
    check("currency" in (b["weighting_note"] or ""), f"note: {b['weighting_note']}")


@test
def done_sets_progress_and_delete_rules():
    r = patch(CFG.focal_xaa, P("flow", f"/actions/{CFG.a2}"), {"status": "done"})
    eq(ok(r)["progress"], 100, "done without progress: 100")
    tmp = add_action(CFG.o2, title="Temporary")["id"]
    expect(CFG.focal_xaa.delete(P("flow", f"/objectives/{CFG.o2}")), 409, "conflict", "objective",
           what="an objective with actions")
    eq(ok(CFG.focal_xaa.delete(P("flow", f"/actions/{tmp}"))), {"id": tmp, "deleted": True}, "drop")
    expect(CFG.focal_xaa.get(P("flow", f"/actions/{tmp}")), 404, "not_found", "action", what="gone")
    empty = add_objective("Empty")
    ok(CFG.focal_xaa.delete(P("flow", f"/objectives/{empty}")))
    r = ok(patch(CFG.focal_xaa, P("flow", f"/objectives/{CFG.o1}"), {"title": "Law"}))
    eq(r["title"], "Law", "renamed")
    expect(ANON.get(P("flow")), 401, what="private")
    ok(patch(CFG.focal_xaa, P("flow"), {"public": True, "title": "Flow plan"}))
    eq(ok(ANON.get(P("flow")))["title"], "Flow plan", "public now: anyone reads it")


# ---------------------------------------------------------------- every 422


def field_of(r):
    return r.error()[1]


@test
def every_422_names_the_field_and_saves_nothing():
    c = CFG.focal_xaa
    base_plan = {"id": "bad", "unit": "XAA", "title": "T", "start": "2026-01-01", "end": "2026-12-31"}
    plan_cases = [
        ({"id": "Bad Id"}, "id"), ({"id": ""}, "id"), ({"unit": "XZZ"}, "unit"),
        ({"title": ""}, "title"), ({"title": 5}, "title"), ({"start": "2026-02-30"}, "start"),
        ({"start": "2026-1-1"}, "start"), ({"end": "tomorrow"}, "end"),
        ({"end": "2025-12-31"}, "end"), ({"baseline": "nci-2028"}, "baseline"),
        ({"baseline": "cirt-readiness-2025"}, "baseline"), ({"template": "cirt"}, "template"),
        ({"public": "yes"}, "public"),
    ]
    p = Problems()
    for change, field in plan_cases:
        body = dict(base_plan, **change)
        # an unknown unit is no focal point's: the admin asks
        who = CFG.admin if "unit" in change else c
        p.expect(who.post(API + "/plans", body), 422, "invalid", field, what=f"plan {change}")
    p.expect(c.post(API + "/plans", dict(base_plan, unit="XAB")), 403, "forbidden", "unit",
             what="a plan of another unit")
    p.expect(c.post(API + "/plans", {k: v for k, v in base_plan.items() if k != "start"}), 422,
             "invalid", "start", what="plan without start")
    p.check(ANON.get(P("bad")).status == 404, "no plan saved")
    before = len(actions_of(ok(c.get(P("flow")))))
    good = {"objective": CFG.o3, "title": "T", "owner": "O", "start": "2026-01-01",
            "due": "2026-06-30", "status": "planned"}
    action_cases = [
        ({"start": "2026-13-01"}, "start"), ({"due": "2026-06-31"}, "due"),
        ({"due": "2025-12-31"}, "due"), ({"status": "started"}, "status"),
        ({"objective": 999999}, "objective"), ({"objective": "x"}, "objective"),
        ({"links": [{"framework": "nope", "node": "x"}]}, "links[0].framework"),
        ({"links": [{"framework": FW, "node": "nope"}]}, "links[0].node"),
        ({"links": [{"framework": FW, "node": "legal", "campaign": "cirt-readiness-2025"}]},
         "links[0].campaign"),
        ({"links": [{"framework": FW}]}, "links[0].node"), ({"links": "x"}, "links"),
        ({"kpis": [{"name": "K", "baseline": 0, "target": 1},
                   {"name": "K", "baseline": 0, "target": 2}]}, "kpis[1].name"),
        ({"kpis": [{"name": "K", "baseline": "0", "target": 1}]}, "kpis[0].baseline"),
        ({"kpi_measurements": [{"kpi": "nope", "date": "2026-01-01", "value": 1}]},
         "kpi_measurements[0].kpi"),
        ({"kpis": [{"name": "K", "baseline": 0, "target": 1}],
          "kpi_measurements": [{"kpi": "K", "date": "2026-02-29", "value": 1}]},
         "kpi_measurements[0].date"),
        ({"budget": {"amount": -1, "currency": "USD"}}, "budget.amount"),
        ({"budget": {"amount": 1, "currency": "usd"}}, "budget.currency"),
        ({"progress": 101}, "progress"), ({"progress": 1.5}, "progress"),
        ({"evidence": ["ftp://x/y"]}, "evidence[0]"), ({"source": {"kind": "Gap!"}}, "source.kind"),
        ({"source": {"kind": "gap", "node": "legal"}}, "source.framework"),
        ({"source": {"kind": "target", "framework": FW, "target": "nope"}}, "source.target"),
        ({"title": "a\u0001b"}, "title"), ({"owner": "x" * 301}, "owner"),
    ]
    for change, field in action_cases:
        p.expect(c.post(P("flow", "/actions"), dict(good, **change)), 422, "invalid", field,
                 what=f"action {change}")
    for missing in ["objective", "title", "owner", "start", "due", "status"]:
        p.expect(c.post(P("flow", "/actions"), {k: v for k, v in good.items() if k != missing}),
                 422, "invalid", missing, what=f"action without {missing}")
    # a PATCH is checked merged: a due date before the start it keeps
    p.expect(patch(c, P("flow", f"/actions/{CFG.a1}"), {"due": "2025-06-01"}), 422, "invalid",
             "due", what="patch due before the kept start")
    p.expect(patch(c, P("flow", f"/actions/{CFG.a1}"), {"status": "later"}), 422, "invalid",
             "status", what="patch status")
    p.expect(patch(c, P("flow", "/actions/999999"), {"status": "done"}), 404, "not_found",
             "action", what="patch an unknown action")
    p.expect(c.post(P("flow", "/draft"), {"campaign": "nope"}), 422, "invalid", "campaign",
             what="draft unknown campaign")
    p.expect(c.post(P("flow", "/draft"), {"campaign": "cirt-readiness-2025"}), 422, "invalid",
             "campaign", what="draft a campaign without the unit")
    p.expect(c.post(P("flow", "/draft"), {"campaign": "nci-2025", "target": "nope"}), 422,
             "invalid", "target", what="draft unknown target")
    p.expect(c.post(P("flow", "/draft"), {"campaign": "nci-2025", "top": 201}), 422, "invalid",
             "top", what="draft top")
    p.expect(c.put(P("flow", "/services"), {"services": ["2.1", "9.9"]}), 422, "invalid",
             "services[1]", what="unknown service")
    p.expect(c.post(P("flow", "/objectives"), {"title": " "}), 422, "invalid", "title",
             what="empty objective title")
    p.done()
    after = actions_of(ok(c.get(P("flow"))))
    eq(len(after), before, "no refused write saved an action")
    a1 = next(a for a in after if a["id"] == CFG.a1)
    eq((a1["due"], a1["status"]), ("2026-12-31", "in_progress"), "refused patches changed nothing")
    eq(ok(c.get(P("flow", "/services"))), {"plan": "flow", "services": []},
       "refused services saved nothing")


# ---------------------------------------------------------------- drafting


@test
def draft_from_gaps_twice_without_duplicates():
    CFG.admin.post(API + "/plans", {"id": "draft-xab", "unit": "XAB", "title": "Draft",
                                    "start": "2026-01-01", "end": "2027-12-31"})
    res = ok(CFG.focal_xab.post(P("draft-xab", "/draft"), {"campaign": "nci-2025", "top": 5}))
    profile = ok(ANON.get(f"{API}/campaigns/nci-2025/results/XAB"))
    kind = {n["id"]: n["kind"] for n in profile["nodes"]}
    label = {n["id"]: n["label"] for n in profile["nodes"]}
    gaps = [g for g in profile["gaps"] if kind[g["node"]] != "group"][:5]
    eq([a["source"]["node"] for a in res["proposals"]], [g["node"] for g in gaps],
       "the five largest gaps, in the gaps' order")
    for a, g in zip(res["proposals"], gaps):
        d = a["source"]["detail"]
        eq((a["status"], a["owner"], a["start"], a["due"]), ("proposed", "", None, None),
           "nothing invented")
        eq(a["title"], label[g["node"]], "title from the node")
        eq((d["missing"], d["peers_full"], d["peers"], d["region_full"], d["region_peers"]),
           (g["missing"], g["all_full"], g["all_peers"], g["region_full"], g["region_peers"]),
           f"{g['node']}: the gap's figures")
        eq(a["links"][0]["node"], g["node"], "linked to the node it addresses")
        eq((a["source"]["kind"], a["source"]["campaign"]), ("gap", "nci-2025"), "source")
    eq(res["skipped"], [], "nothing skipped the first time")
    again = ok(CFG.focal_xab.post(P("draft-xab", "/draft"), {"campaign": "nci-2025", "top": 5}))
    eq(again["proposals"], [], "drafted twice: no duplicates")
    eq([(s["node"], s["action"]) for s in again["skipped"]],
       [(a["source"]["node"], a["id"]) for a in res["proposals"]], "the skipped name their actions")
    eq(len(actions_of(ok(CFG.focal_xab.get(P("draft-xab"))))), 5, "five actions in all")
    live = ok(CFG.focal_xab.post(P("draft-xab", "/draft"), {"campaign": "nci-2028", "top": 2}))
    eq(live["live"], True, "an open campaign is drafted live")
    check(all(a["source"]["detail"]["peers"] is None for a in live["proposals"]),
          "live drafts count no peers")


@test
def draft_from_an_unmet_target():
    CFG.admin.post(API + "/plans", {"id": "target-xac", "unit": "XAC", "title": "Target",
                                    "start": "2026-01-01", "end": "2027-12-31"})
    res = ok(CFG.admin.post(P("target-xac", "/draft"), {"campaign": "cirt-readiness-2025",
                                                        "top": 0, "target": "ready-to-establish"}))
    tg = ok(ANON.get(f"{API}/campaigns/cirt-readiness-2025/results/XAC/targets"))
    t = next(x for x in tg["targets"] if x["id"] == "ready-to-establish")
    unmet = [n for n in t["nodes"] if not n["met"]]
    eq([a["source"]["node"] for a in res["proposals"]], [n["node"] for n in unmet],
       "one proposal per unmet node, in the file's order")
    for a, n in zip(res["proposals"], unmet):
        d = a["source"]["detail"]
        eq((a["source"]["kind"], a["source"]["target"], d["required"], d["attained"]),
           ("target", "ready-to-establish", n["required"], n["attained"]), n["node"])
    # drafting again against the same target proposes nothing twice
    before = len(actions_of(ok(CFG.admin.get(P("target-xac")))))
    again = ok(CFG.admin.post(P("target-xac", "/draft"), {"campaign": "cirt-readiness-2025",
                                                          "top": 0, "target": "ready-to-establish"}))
    eq(again["proposals"], [], "re-draft: no new proposal")
    eq(sorted(x["node"] for x in again["skipped"]), sorted(n["node"] for n in unmet),
       "re-draft: every unmet node skipped")
    eq(len(actions_of(ok(CFG.admin.get(P("target-xac"))))), before, "re-draft: no new action")


@test
def draft_merges_a_gap_and_an_unmet_target():
    """A node both among the top gaps and unmet by the target: one proposal."""
    camp, tgt = "cirt-readiness-2025", "ready-to-establish"
    CFG.admin.post(API + "/plans", {"id": "merge-xac", "unit": "XAC", "title": "Merge",
                                    "start": "2026-01-01", "end": "2027-12-31"})
    res = ok(CFG.admin.post(P("merge-xac", "/draft"), {"campaign": camp, "top": 8, "target": tgt}))
    profile = ok(ANON.get(f"{API}/campaigns/{camp}/results/XAC"))
    kind = {n["id"]: n["kind"] for n in profile["nodes"]}
    gaps = [g["node"] for g in profile["gaps"] if kind[g["node"]] != "group"][:8]
    tg = ok(ANON.get(f"{API}/campaigns/{camp}/results/XAC/targets"))
    unmet = {n["node"]: n for n in next(x for x in tg["targets"] if x["id"] == tgt)["nodes"]
             if not n["met"]}
    both = [g for g in gaps if g in unmet]
    check(both, "the fixture has a node both a top gap and unmet")
    nodes = [a["source"]["node"] for a in res["proposals"]]
    eq(nodes, gaps + [n for n in unmet if n not in gaps], "one proposal per node: gaps, then the rest")
    eq(len(set(nodes)), len(nodes), "no node twice")
    eq([(m["node"], m["sources"]) for m in res["merged"]], [(n, ["gap", "target"]) for n in both],
       "merged lists the nodes of both sources")
    for a in res["proposals"]:
        src, n = a["source"], a["source"]["node"]
        if n in both:
            eq((src["kind"], src["target"]), ("gap", tgt), f"{n}: the gap's source naming the target")
            d = src["detail"]
            check("missing" in d, f"{n}: the gap's figures")
            eq((d["target"]["target"], d["target"]["required"], d["target"]["attained"]),
               (tgt, unmet[n]["required"], unmet[n]["attained"]), f"{n}: the target's figures")
        elif n in unmet:
            eq(src["kind"], "target", f"{n}: target only")
        else:
            eq((src["kind"], src["target"]), ("gap", None), f"{n}: gap only")
    again = ok(CFG.admin.post(P("merge-xac", "/draft"), {"campaign": camp, "top": 0, "target": tgt}))
    eq(again["proposals"], [], "the target again: nothing new")
    check(all("from a gap" in s_["reason"] for s_ in again["skipped"] if s_["node"] in both),
          "the skipped merged nodes say they came from a gap")


@test
def links_take_a_node_of_any_edition():
    """Node ids of the 2026 edition only are linked and re-measured on 2027."""
    only_2026 = ["capacity.industry.market", "cooperation.international.un",
                 "legal.data_protection.breach_notification", "technical.national_cirt.contact"]
    c = CFG.focal_xaa
    ok(c.post(API + "/plans", {"id": "ed-xaa", "unit": "XAA", "title": "Editions",
                               "start": "2026-01-01", "end": "2027-12-31",
                               "baseline": "nci-2025"}), 201)
    o = ok(c.post(P("ed-xaa", "/objectives"), {"title": "Editions"}), 201)["id"]
    base = {"objective": o, "owner": "o", "start": "2026-01-01", "due": "2026-12-31",
            "status": "planned"}
    for n in only_2026:
        r = c.post(P("ed-xaa", "/actions"), dict(base, title=n, links=[{"framework": FW, "node": n}]))
        eq(r.status, 201, f"{n}: a 2026 id is taken ({r.body[:200]!r})")
    r = c.post(P("ed-xaa", "/actions"), dict(base, title="x", links=[{"framework": FW,
                                                                   "node": "no.such.node"}]))
    expect(r, 422, "invalid", what="a node of no edition")
    eq(field_of(r), "links[0].node", "the field")
    r = c.post(P("ed-xaa", "/actions"), dict(base, title="x", source={
        "kind": "gap", "framework": FW, "node": only_2026[0], "campaign": "nci-2025"}))
    eq(r.status, 201, "a 2026 id as the source's node")
    after = unit_values("nci-2027", "XAA")
    before = unit_values("nci-2025", "XAA")
    mon = {n["node"]: n for n in ok(c.get(P("ed-xaa", "/monitoring")))["nodes"]}
    for n in only_2026:
        m = mon[n]
        eq(m["edition"], "2026", f"{n}: its edition")
        eq(m["before"], before[n], f"{n}: before on nci-2025")
        targets, rel = edition_targets(n)
        read = m["after_read"] or {}
        eq((read.get("mapping"), read.get("relation"), read.get("nodes")),
           ("national-commitment-2026-2027", rel, ", ".join(targets)), f"{n}: read through the mapping")
        want = [after[t] for t in targets if after.get(t) is not None]
        near(m["after"], sum(want) / len(want), 1e-9, f"{n}: after on nci-2027")


# ---------------------------------------------------------------- the report


@test
def report_csv_rows_and_workbook():
    c = CFG.focal_xaa
    plan = ok(c.get(P("flow", f"?at={AT}")))
    acts = actions_of(plan)
    r = expect(c.get(P("flow", f"/report.csv?period=2026-Q1&at={AT}")), 200, what="csv")
    eq((r.header("Content-Type") or "").split(";")[0], "text/csv", "CSV type")
    rows = list(csv.DictReader(io.StringIO(r.body.decode())))
    eq(len(rows), len(acts), "one row per action")
    eq(list(rows[0].keys()), ["objective", "action_id", "action", "owner", "lead_agency", "status",
                              "progress", "start", "due", "overdue", "in_period", "kpis",
                              "nodes", "source"], "columns")
    titles = {o["id"]: o["title"] for o in plan["objectives"]}
    for row, a in zip(rows, acts):
        eq((row["action_id"], row["action"], row["status"], row["owner"]),
           (str(a["id"]), a["title"], a["status"], a["owner"]), "row")
        eq(row["objective"], titles[a["objective"]], "objective")
        eq(row["overdue"], "yes" if a["overdue"] else "no", "overdue")
        due_in = a["due"] is not None and "2026-01-01" <= a["due"] <= "2026-03-31"
        changed_in = "2026-01-01" <= a["updated_at"][:10] <= "2026-03-31"
        eq(row["in_period"], "yes" if due_in or changed_in else "no", f"in_period of {a['title']}")
        eq(row["progress"], str(100 if a["status"] == "done" else a["progress"]), "progress")
    a1 = next(row for row in rows if row["action_id"] == str(CFG.a1))
    check("Articles: 4 / 10 articles (off track)" in a1["kpis"], f"kpis cell: {a1['kpis']}")
    b = ok(ANON.get(f"{API}/campaigns/nci-2025/results/XAA"))
    v = next(n["value"] for n in b["nodes"] if n["id"] == "organisational.strategy.status")
    check(f"{FW}:organisational.strategy.status {v:g} ->" in a1["nodes"], f"nodes: {a1['nodes']}")
    eq(a1["source"], "gap", "source kind")
    flagged = sum(row["in_period"] == "yes" for row in rows)
    rep = ok(c.get(P("flow", f"/report?period=2026-Q1&at={AT}")))
    eq((rep["period"], rep["flagged"], len(rep["rows"])),
       ({"id": "2026-Q1", "first": "2026-01-01", "last": "2026-03-31"}, flagged, len(acts)),
       "the JSON report says the same")
    h2 = ok(c.get(P("flow", f"/report?period=2026-H2&at={AT}")))
    eq(h2["period"], {"id": "2026-H2", "first": "2026-07-01", "last": "2026-12-31"}, "H2")
    check(all(row["in_period"] == (row["due"] is not None and row["due"] >= "2026-07-01" or
                                   row["updated_at"][:10] >= "2026-07-01") for row in h2["rows"]),
          "H2 flags")
    expect(c.get(P("flow", "/report.csv?period=2026-Q5")), 400, "bad_parameter", "period",
           what="bad period")
    x = expect(c.get(P("flow", "/report.xlsx?period=2026-H1")), 200, what="xlsx")
    z = zipfile.ZipFile(io.BytesIO(x.body))
    wb = z.read("xl/workbook.xml").decode()
    for sheet in ["Summary", "Actions", "Objectives", "Re-measurement"]:
        check(f'name="{sheet}"' in wb, f"sheet {sheet}")
    s2 = z.read("xl/worksheets/sheet2.xml").decode()
    check('paperSize="9"' in s2, "the Actions sheet is set up for A4")
    check(f"flow-report-2026-H1.xlsx" in (x.header("Content-Disposition") or ""), "file name")


# ---------------------------------------------------------------- CSIRT services, templates


@test
def csirt_services_are_5_areas_21_services_76_functions():
    cat = ok(ANON.get(API + "/csirt-services"))
    services = [s for a in cat["areas"] for s in a["services"]]
    functions = [f for s in services for f in s["functions"]]
    eq((len(cat["areas"]), len(services), len(functions)), (5, 21, 76), "counts")
    eq([a["name"] for a in cat["areas"]],
       ["Information Security Event Management", "Information Security Incident Management",
        "Vulnerability Management", "Situational Awareness", "Knowledge Transfer"], "areas")
    ids = [x["id"] for x in services + functions]
    eq(len(ids), len(set(ids)), "unique ids")
    check("FIRST" in cat["attribution"] and "CC0" in cat["licence"], "attribution and licence")
    for s in services:
        check(s["purpose"] and s["outcome"], f"service {s['id']} has purpose and outcome")
    r = ok(CFG.focal_xaa.put(P("flow", "/services"), {"services": ["5.1", "2.1"]}))
    eq([(s["id"], s["area"]) for s in r["services"]], [("2.1", "2"), ("5.1", "5")],
       "the catalogue, in the framework's order")
    eq(r["services"][0]["name"], next(s["name"] for s in services if s["id"] == "2.1"), "name")
    eq([s["id"] for s in ok(ANON.get(P("flow")))["services"]], ["2.1", "5.1"], "shown on the plan")
    rep = ok(ANON.get(P("flow", "/report")))
    eq([s["id"] for s in rep["services"]], ["2.1", "5.1"], "and in its report")


@test
def templates_cirt_establishment_and_ncs_development():
    ts = {t["id"]: t for t in ok(ANON.get(API + "/plan-templates"))["templates"]}
    eq([o["title"] for o in ts["cirt-establishment"]["objectives"]],
       ["Readiness assessment", "Design", "Establishment", "Enhancement"], "CIRT phases")
    eq([o["title"] for o in ts["ncs-development"]["objectives"]],
       ["Initiation", "Stocktaking and analysis", "Production", "Implementation",
        "Monitoring and evaluation"], "strategy lifecycle")
    titles = [a["title"] for o in ts["cirt-establishment"]["objectives"] for a in o["actions"]]
    for want in ["Readiness assessment report", "Design document with the service catalogue",
                 "Legal mandate", "Facilities", "Staffing and training", "Processes and tools",
                 "Constituency engagement", "Launch", "Added services"]:
        check(want in titles, f"deliverable {want}")
    # the demo's CIRT plan: from cirt-readiness-2025, the baseline
    plan = ok(CFG.admin.get(P("xac-cirt")))
    eq(plan["template"], "cirt-establishment", "template")
    eq([o["title"] for o in plan["objectives"]],
       [o["title"] for o in ts["cirt-establishment"]["objectives"]], "phases as objectives")
    acts = actions_of(plan)
    readiness = acts[0]
    eq((readiness["title"], readiness["status"], readiness["progress"]),
       ("Readiness assessment report", "done", 100), "readiness done from the results")
    eq((readiness["source"]["kind"], readiness["source"]["campaign"]),
       ("target", "cirt-readiness-2025"), "its source")
    check(all(a["status"] == "proposed" for a in acts[1:]), "the rest proposed")
    tg = ok(ANON.get(f"{API}/campaigns/cirt-readiness-2025/results/XAC/targets"))
    t = next(x for x in tg["targets"] if x["id"] == "ready-to-establish")
    unmet = {n["node"]: n for n in t["nodes"] if not n["met"]}
    linked = {}
    for a in acts:
        for l in a["links"]:
            if l["detail"]:
                linked[l["node"]] = l
    eq(sorted(linked), sorted(unmet), "every unmet node linked, with its figures")
    for node, l in linked.items():
        eq((l["campaign"], l["detail"]["required"], l["detail"]["attained"]),
           ("cirt-readiness-2025", unmet[node]["required"], unmet[node]["attained"]), node)
    eq(len(plan["services"]), 8, "a service catalogue chosen")
    # a strategy plan
    r = ok(CFG.focal_xab.post(API + "/plans", {"id": "ncs-xab", "unit": "XAB", "title": "NCS",
                                               "start": "2026-01-01", "end": "2028-12-31",
                                               "template": "ncs-development"}), 201)
    eq(len(r["objectives"]), 5, "five phases")
    check(all(a["status"] == "proposed" for a in actions_of(r)), "proposed actions")


# ---------------------------------------------------------------- audit


@test
def every_plan_change_is_in_the_audit_chain():
    h = ok(CFG.focal_xaa.get(P("flow", "/history")))["events"]
    ents = [(e["action"], e["entity"]) for e in h]
    check(("create", "plan:flow") in ents, "plan created")
    check(("update", "plan:flow") in ents, "plan changed")
    for o in (CFG.o1, CFG.o2, CFG.o3):
        check(("create", f"plan:flow/objective:{o}") in ents, f"objective {o} created")
    check(("update", f"plan:flow/objective:{CFG.o1}") in ents, "objective renamed")
    check(any(a == "delete" and e.startswith("plan:flow/objective:") for a, e in ents),
          "objective deleted")
    check(("update", "plan:flow/services") in ents, "services changed")
    for a in (CFG.a1, CFG.a2, CFG.a3, CFG.a4, CFG.a5, CFG.a6):
        check(("create", f"plan:flow/action:{a}") in ents, f"action {a} created")
    ups = [e for e in h if e["entity"] == f"plan:flow/action:{CFG.a2}" and e["action"] == "update"]
    eq((ups[-1]["before"]["status"], ups[-1]["after"]["status"]), ("in_progress", "done"),
       "before and after of a change")
    eq(ups[-1]["actor"], "focal.xaa@demo.cybercap", "who")
    dels = [e for e in h if e["action"] == "delete" and "/action:" in e["entity"]]
    check(dels and dels[0]["before"]["title"] == "Temporary" and dels[0]["after"] is None,
          "a dropped action is kept as it was")
    check(all(not e["entity"].startswith("plan:flow2") for e in h), "only this plan")
    drafted = ok(CFG.admin.get(P("draft-xab", "/history")))["events"]
    eq(sum(e["action"] == "propose" for e in drafted), 7, "each proposal audited")
    rc, out = audit_count()
    eq(rc, 0, f"cybercap audit verify: {out}")


@test
def deleting_a_plan_unlinks_risks_and_drills_and_is_audited():
    """DELETE /plans/xaa-2026 (the demo's plan: risk treatments and a drill
    finding point at it): they keep their records and lose the link."""
    risks = ok(CFG.admin.get(f"{API}/risk-assessments/xaa-ncra-2026/risks"))["risks"]
    treated = [(r["id"], t["id"]) for r in risks for t in r["treatments"] if t["plan"] == "xaa-2026"]
    check(treated, "the demo's treatments point at the plan")
    imps = ok(CFG.admin.get(f"{API}/drills/demo-hospital-done/improvements"))
    imps = imps.get("improvements", imps) if isinstance(imps, dict) else imps
    sent = [i["id"] for i in imps if i.get("plan") == "xaa-2026"]
    check(sent, "the demo's drill finding was sent to the plan")
    n_actions = len(actions_of(ok(CFG.admin.get(P("xaa-2026")))))
    expect(ANON.delete(P("xaa-2026")), 401, "unauthenticated", what="anonymous")
    expect(CFG.focal_xab.delete(P("xaa-2026")), 403, "forbidden", what="another unit's focal point")
    r = ok(CFG.focal_xaa.delete(P("xaa-2026")))
    eq((r["id"], r["deleted"]), ("xaa-2026", True), "deleted")
    eq((r["unlinked"]["risk_treatments"], r["unlinked"]["drill_improvements"]),
       (len(treated), len(sent)), "what lost its link, counted")
    expect(CFG.admin.get(P("xaa-2026")), 404, "not_found", what="gone")
    expect(CFG.focal_xaa.delete(P("xaa-2026")), 404, "not_found", what="deleted twice")
    check("xaa-2026" not in [p["id"] for p in ok(CFG.admin.get(API + "/plans"))["plans"]], "not listed")
    risks = ok(CFG.admin.get(f"{API}/risk-assessments/xaa-ncra-2026/risks"))["risks"]
    kept = {t["id"]: t for r in risks for t in r["treatments"]}
    for _, t in treated:
        check(t in kept, f"treatment {t} kept")
        eq((kept[t]["plan"], kept[t]["action"]), (None, None), f"treatment {t} unlinked")
    imps = ok(CFG.admin.get(f"{API}/drills/demo-hospital-done/improvements"))
    imps = imps.get("improvements", imps) if isinstance(imps, dict) else imps
    after = {i["id"]: i for i in imps}
    for i in sent:
        eq((after[i]["plan"], after[i]["plan_action"]), (None, None), f"improvement {i} unlinked")
    with open_db(CFG.data) as con:
        rows = con.execute("SELECT actor, before, after FROM audit_event WHERE entity = ? AND "
                           "action = 'delete'", ("plan:xaa-2026",)).fetchall()
        left = con.execute("SELECT count(*) FROM action WHERE plan_id = 'xaa-2026'").fetchone()[0]
    eq(len(rows), 1, "one audit row")
    actor, before, after_ = rows[0]
    eq((actor, after_ or None), ("focal.xaa@demo.cybercap", None), "who, and nothing after")
    kept_plan = json.loads(before)
    eq(sum(len(o["actions"]) for o in kept_plan["objectives"]), n_actions,
       "the audit keeps every action as it was")
    eq(left, 0, "no action left behind")
    rc, out = audit_count()
    eq(rc, 0, f"cybercap audit verify: {out}")


@test
def every_exchange_matches_openapi():
    CFG.check_openapi(harness.operations(where=lambda t, o: t.startswith(API + "/plan") or
                                         t == API + "/csirt-services"), partial=False)


# ---------------------------------------------------------------- main


def setup():
    CFG.admin = login("admin@demo.cybercap")
    CFG.focal_xaa = login("focal.xaa@demo.cybercap")
    CFG.focal_xab = login("focal.xab@demo.cybercap")


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-plans."))
