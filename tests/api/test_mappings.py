#!/usr/bin/env python3
"""Crosswalks over the HTTP API (docs/crosswalks.md, docs/api.md
"Mappings"): the bundled mappings listed, each one's coverage equal to
`cybercap mapping check` on the same files, and pre-filling an assessment
from another one: the rows equal to `cybercap mapping apply` on the
answers exported from the API, every pre-filled answer marked and listed,
submit refused until each is confirmed or changed, a workbook sent back
untouched confirming nothing, 409 once submitted, and who may do it.

Standard library only. Starts its own `cybercap demo` on a free port with a
fresh data directory and makes its own campaigns (on national-maturity,
csirt-maturity and both editions of national-commitment) through the API.
The authorisation matrix of the prefill and confirm routes on the demo's
open campaign is in test_workflow.py.

    python3 tests/api/test_mappings.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

The tests run in order and build on each other.
"""
import collections
import csv
import io
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, Fail, check, eq, expect  # noqa: E402
import harness  # noqa: E402

CFG = harness.Cfg()
test, client, login, add_user = CFG.test, CFG.client, CFG.login, CFG.add_user
NM = "nm-prefill"            # national-maturity, XAA XAB XAC: made here
NC27 = "nc27-prefill"        # national-commitment 2027, XAA: made here
NC26 = "nc26-live"           # national-commitment 2026, XAB, open, answered live: made here
CS = "csirt-prefill"         # csirt-maturity, XAA XAC: made here
PUBLISHED = "nci-2026"       # the demo's index edition on the 2026 version
TO_NM = "national-commitment-national-maturity"
EDITION = "national-commitment-2026-2027"
READINESS = "cirt-readiness-csirt-maturity"


def A(camp, unit, rest=""):
    return f"{API}/campaigns/{camp}/assessments/{unit}{rest}"


def assessment(c, camp, unit):
    return expect(c.get(A(camp, unit)), 200, what=f"GET {camp}/{unit}").json()


# ---------------------------------------------------------------- files


def bundled_mappings():
    """id -> path of every mappings/*.yaml."""
    out = {}
    for name in sorted(os.listdir(os.path.join(harness.ROOT, "mappings"))):
        if name.endswith(".yaml"):
            path = os.path.join(harness.ROOT, "mappings", name)
            with open(path) as f:
                out[re.search(r"^id: *(\S+)", f.read(), re.M).group(1)] = path
    return out


def framework_file(fid, version):
    """The bundled framework file of an id and version."""
    for name in sorted(os.listdir(os.path.join(harness.ROOT, "frameworks"))):
        path = os.path.join(harness.ROOT, "frameworks", name)
        with open(path) as f:
            text = f.read()
        if re.search(rf"^id: *{re.escape(fid)}\s*$", text, re.M) and \
                re.search(rf'^version: *"?{re.escape(version)}"?\s*$', text, re.M):
            return path
    raise Fail(f"no framework file of {fid} version {version}")


def cli_csv(*args):
    out = CFG.cli_ok(*args)
    return list(csv.reader(io.StringIO(out)))


def export_answers(camp, unit):
    """The unit's answers in camp as read over the API, as a responses CSV
    file (unit,question,answer); returns its path."""
    answers = assessment(CFG.admin, camp, unit)["answers"]
    path = os.path.join(CFG.tmp, f"{camp}-{unit}.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit", "question", "answer"])
        for q, a in answers.items():
            if a["answer"] != "":
                w.writerow([unit, q, a["answer"]])
    return path


def applied(mapping_id, camp, unit):
    """[(question, answer, source)] of `cybercap mapping apply` on the
    unit's exported answers in camp, with the framework files the mapping
    is bound to (as GET /mappings/{id} names their versions)."""
    m = CFG.mappings[mapping_id]
    rows = cli_csv("mapping", "apply", bundled_mappings()[mapping_id],
                   framework_file(m["source"], m["source_version"]),
                   framework_file(m["target"], m["target_version"]), export_answers(camp, unit))
    eq(rows[0], ["unit", "question", "answer", "source"], "apply header")
    check(all(r[0] == unit for r in rows[1:]), "apply rows are the unit's")
    return [tuple(r[1:]) for r in rows[1:]]


def prefill(c, camp, unit, mapping, frm):
    return c.post(A(camp, unit, "/prefill"), {"mapping": mapping, "from_campaign": frm})


def rows_of(r):
    return [(x["question"], x["answer"], x["source"]) for x in r.json()["prefilled"]]


# ---------------------------------------------------------------- mappings


@test
def bundled_mappings_are_listed():
    got = expect(CFG.anon.get(API + "/mappings"), 200, what="GET /mappings").json()["mappings"]
    files = bundled_mappings()
    eq(sorted(m["id"] for m in got), sorted(files), "mapping ids")
    CFG.mappings = {m["id"]: m for m in got}
    for m in got:
        eq(m["target_nodes"], m["mapped"] + m["unmapped"], f"{m['id']} node counts")
        eq(sum(m["relations"].values()), m["pairs"], f"{m['id']} pairs by relation")
        check(m["pairs"] >= 10, f"{m['id']}: at least 10 pairs ({m['pairs']})")
    for key, fw in (("target", "national-commitment"), ("source", "national-maturity")):
        sub = expect(CFG.anon.get(f"{API}/mappings?{key}={fw}"), 200, what=f"?{key}=").json()
        eq(sorted(m["id"] for m in sub["mappings"]), sorted(m["id"] for m in got if m[key] == fw),
           f"?{key}={fw}")
    eq(CFG.anon.get(API + "/mappings?target=nope").json()["mappings"], [], "?target=nope")
    edition = CFG.mappings[EDITION]
    eq((edition["source_version"], edition["target_version"]), ("2026", "2027"), "edition versions")


@test
def coverage_equals_cybercap_mapping_check():
    """Per mapping: the coverage rows are `cybercap mapping check` on the same
    files, row by row; the unmapped nodes are its rows without a relation;
    the pairs give the relation counts and each row's sources; every pair
    of a bundled file has a rationale."""
    for mid, path in bundled_mappings().items():
        m = CFG.mappings[mid]
        one = expect(CFG.anon.get(f"{API}/mappings/{mid}"), 200, what=mid).json()
        rows = cli_csv("mapping", "check", path, framework_file(m["source"], m["source_version"]),
                       framework_file(m["target"], m["target_version"]))
        eq(rows[0], ["target", "relation", "sources"], f"{mid} header")
        served = [[c["target"], c["relation"] or "", "|".join(c["sources"])] for c in one["coverage"]]
        eq(served, rows[1:], f"{mid}: coverage vs mapping check")
        eq(one["unmapped_nodes"], [r[0] for r in rows[1:] if not r[1]], f"{mid} unmapped")
        eq(len(one["mappings"]), m["pairs"], f"{mid} pairs")
        eq(dict(collections.Counter(p["relation"] for p in one["mappings"])),
           {k: v for k, v in m["relations"].items() if v}, f"{mid} relation counts")
        for c in one["coverage"]:
            if c["relation"]:
                eq(c["sources"], [p["source"] for p in one["mappings"] if p["target"] == c["target"]
                                  and p["relation"] == c["relation"]], f"{mid} {c['target']} sources")
        check(all(p.get("rationale") for p in one["mappings"]), f"{mid}: a pair without rationale")
        eq({k: one[k] for k in m}, m, f"{mid}: the list's summary")
    r = CFG.anon.get(API + "/mappings/nope")
    expect(r, 404, "not_found", what="unknown mapping")


# ---------------------------------------------------------------- pre-filling


def create(camp, framework, units, version=None):
    body = {"id": camp, "framework": framework, "title": f"Prefill test {camp}", "year": 2027,
            "units": units}
    if version:
        body["framework_version"] = version
    expect(CFG.admin.post(API + "/campaigns", body), 201, what=f"create {camp}")
    expect(CFG.admin.post(f"{API}/campaigns/{camp}/status", {"status": "open"}), 200,
           what=f"open {camp}")


@test
def campaigns_are_set_up():
    create(NM, "national-maturity", ["XAA", "XAB", "XAC"])
    create(NC27, "national-commitment", ["XAA"])
    create(NC26, "national-commitment", ["XAB"], version="2026")
    create(CS, "csirt-maturity", ["XAA", "XAC"])
    camps = {c["id"]: c for c in CFG.anon.get(API + "/campaigns").json()["campaigns"]}
    eq([camps[c]["framework_version"] for c in (NM, NC27, NC26, PUBLISHED)],
       ["2026", "2027", "2026", "2026"], "framework versions of the campaigns")
    r = CFG.admin.post(API + "/campaigns", {"id": "bad-version", "framework": "national-commitment",
                                            "title": "x", "year": 2027, "units": ["XAA"],
                                            "framework_version": "1999"})
    expect(r, 422, "invalid", "framework_version", what="an unknown version")
    # live answers of XAB on the 2026 edition, written by its focal point
    for q, a in [("technical.national_cirt.established", "yes"),
                 ("cooperation.inter_agency.crisis", "partial"),
                 ("capacity.education.higher", "degree"),
                 ("legal.cii.identified", "no")]:
        expect(CFG.focal_xab.put(A(NC26, "XAB", f"/answers/{q}"), {"answer": a}), 200, what=q)
    add_user("respondent.nm@mappings.test", "Respondent of XAA", ("respondent", "XAA", NM))
    add_user("focal.nm@mappings.test", "Focal point of XAB in nm-prefill only",
             ("focal_point", "XAB", NM))
    CFG.respondent = login("respondent.nm@mappings.test")
    CFG.focal_nm = login("focal.nm@mappings.test")


@test
def prefill_rows_equal_cybercap_mapping_apply():
    want = applied(TO_NM, PUBLISHED, "XAA")
    check(len(want) >= 5, f"the mapping pre-fills something for XAA ({want})")
    r = expect(prefill(CFG.focal_xaa, NM, "XAA", TO_NM, PUBLISHED), 200, what="prefill")
    body = r.json()
    eq((body["campaign"], body["unit"], body["mapping"], body["from_campaign"]),
       (NM, "XAA", TO_NM, PUBLISHED), "echo")
    eq(rows_of(r), want, "the rows of cybercap mapping apply")
    eq(body["kept"], [], "nothing answered before")
    CFG.rows = want


@test
def prefilled_answers_are_marked_and_listed():
    a = assessment(CFG.focal_xaa, NM, "XAA")
    eq(a["prefilled"], [q for q, _, _ in CFG.rows], "the questions awaiting confirmation")
    eq(a["status"], "in_progress", "status")
    for q, ans, src in CFG.rows:
        eq(a["answers"][q]["answer"], ans, f"{q} answer")
        eq(a["answers"][q]["prefill"], {"mapping": TO_NM, "from_campaign": PUBLISHED, "source": src},
           f"{q} mark")
    q = CFG.rows[0][0]
    h = expect(CFG.focal_xaa.get(A(NM, "XAA", f"/answers/{q}/history")), 200, what="history").json()
    eq([x["prefill"]["source"] for x in h["history"]], [CFG.rows[0][2]], "history marks")
    eq([e["action"] for e in h["audit"]], ["prefill"], "audit actions")
    eq(json.loads(h["audit"][0]["after"])["from"], f"{TO_NM} {PUBLISHED} {CFG.rows[0][2]}",
       "audit: where it came from")


@test
def a_workbook_sent_back_untouched_confirms_nothing():
    path = A(NM, "XAA", "/questionnaire.xlsx")
    wb = expect(CFG.focal_xaa.get(path), 200, what="download").body
    r = CFG.focal_xaa.put(path, body=wb, headers={"Content-Type": "application/octet-stream"})
    eq(expect(r, 200, what="upload").json()["saved"], 0, "nothing saved again")
    eq(assessment(CFG.focal_xaa, NM, "XAA")["prefilled"], [q for q, _, _ in CFG.rows],
       "still awaiting confirmation")
    q = CFG.rows[0][0]
    h = CFG.focal_xaa.get(A(NM, "XAA", f"/answers/{q}/history")).json()
    eq(len(h["history"]), 1, "no new version")


@test
def submit_is_refused_until_every_prefilled_answer_is_confirmed():
    fw = CFG.anon.get(f"{API}/frameworks/national-maturity").json()
    required = set()

    def walk(n):
        if n.get("evidence") == "required":
            required.add(n["id"])
        for c in n.get("children", []):
            walk(c)
    walk(fw)
    for q, _, _ in CFG.rows:
        if q in required:
            expect(CFG.focal_xaa.post(A(NM, "XAA", "/evidence"),
                                      {"question": q, "url": f"https://example.org/{q}"}), 201,
                   what=f"evidence for {q}")
    r = CFG.focal_xaa.post(A(NM, "XAA", "/submit"))
    expect(r, 422, "invalid", "prefilled", what="submit with pre-filled answers")
    msg = json.loads(r.body)["error"]["message"]
    check(all(q in msg for q, _, _ in CFG.rows), f"the message lists them: {msg}")


@test
def confirm_or_change_each_prefilled_answer():
    fx = CFG.focal_xaa
    (q1, a1, _), (q2, a2, _), (q3, a3, _) = CFG.rows[:3]
    r = fx.post(A(NM, "XAA", f"/answers/{q1}/confirm"))
    eq(expect(r, 200, what="confirm").json(), {"question": q1, "confirmed": True}, "confirm body")
    a = assessment(fx, NM, "XAA")
    eq((a["answers"][q1]["answer"], a["answers"][q1]["prefill"]), (a1, None), "confirmed as it was")
    check(q1 not in a["prefilled"], "no longer listed")
    h = fx.get(A(NM, "XAA", f"/answers/{q1}/history")).json()
    eq([(x["answer"], x["prefill"] is None) for x in h["history"]], [(a1, False), (a1, True)],
       "history: pre-filled, then confirmed")
    eq([e["action"] for e in h["audit"]], ["prefill", "confirm"], "audit")
    expect(fx.post(A(NM, "XAA", f"/answers/{q1}/confirm")), 409, "conflict", what="confirm twice")
    other = "no" if a2 == "yes" else "yes"
    expect(fx.put(A(NM, "XAA", f"/answers/{q2}"), {"answer": other}), 200, what="change")
    expect(fx.put(A(NM, "XAA", f"/answers/{q3}"), {"answer": a3, "comment": "checked"}), 200,
           what="save unchanged")
    a = assessment(fx, NM, "XAA")
    eq((a["answers"][q2]["answer"], a["answers"][q2]["prefill"]), (other, None), "changed")
    eq((a["answers"][q3]["answer"], a["answers"][q3]["prefill"]), (a3, None), "saved again")
    eq(a["prefilled"], [q for q, _, _ in CFG.rows[3:]], "left to confirm")
    expect(fx.post(A(NM, "XAA", "/answers/nope/confirm")), 404, "not_found", "question",
           what="an unknown question")
    expect(fx.post(A(NM, "XAA", f"/answers/{q2}/confirm")), 409, "conflict",
           what="an answer a person wrote")
    CFG.current = {q: a["answers"][q]["answer"] for q, _, _ in CFG.rows}


@test
def prefilling_again_keeps_what_is_answered():
    r = expect(prefill(CFG.analyst, NM, "XAA", TO_NM, PUBLISHED), 200, what="again")
    eq(r.json()["prefilled"], [], "nothing new")
    eq([(k["question"], k["answer"]) for k in r.json()["kept"]],
       [(q, CFG.current[q]) for q, _, _ in CFG.rows], "kept, with the answers as they are")


@test
def submitted_once_every_answer_is_confirmed_then_409():
    fx = CFG.focal_xaa
    for q in assessment(fx, NM, "XAA")["prefilled"]:
        expect(fx.post(A(NM, "XAA", f"/answers/{q}/confirm")), 200, what=f"confirm {q}")
    expect(fx.post(A(NM, "XAA", "/submit")), 200, what="submit")
    expect(prefill(fx, NM, "XAA", TO_NM, PUBLISHED), 409, "conflict", what="after submit")
    expect(prefill(CFG.admin, NM, "XAA", TO_NM, PUBLISHED), 409, "conflict", what="admin too")


@test
def live_answers_and_who_may_prefill():
    # another unit's focal point, reviewers, respondents: refused before the body
    for c, want in [(CFG.focal_xaa, 403), (CFG.reviewer, 403), (CFG.respondent, 403),
                    (CFG.anon, 401)]:
        r = prefill(c, NM, "XAB", TO_NM, PUBLISHED)
        expect(r, want, "forbidden" if want == 403 else "unauthenticated", what=c.name)
    r = prefill(CFG.respondent, NM, "XAA", TO_NM, PUBLISHED)
    expect(r, 403, "forbidden", what="a respondent of that very assessment")
    eq(assessment(CFG.admin, NM, "XAB")["answers"], {}, "nothing written")
    # a focal point limited to nm-prefill may not read the live campaign...
    r = prefill(CFG.focal_nm, NM, "XAB", TO_NM, NC26)
    expect(r, 403, "forbidden", "from_campaign", what="live answers out of scope")
    # ...which the unit's focal point may: the live answers are used
    want = applied(TO_NM, NC26, "XAB")
    eq([q for q, _, _ in want], ["policy.incident.organisation.s2", "policy.incident.crisis.s2",
                                 "policy.ci.identification.s2", "knowledge.education.provision.s2"],
       "the live answers' rows")
    r = expect(prefill(CFG.focal_xab, NM, "XAB", TO_NM, NC26), 200, what="live")
    eq(rows_of(r), want, "rows from live answers")
    eq([(x[0], x[1]) for x in want], [("policy.incident.organisation.s2", "yes"),
                                      ("policy.incident.crisis.s2", "no"),
                                      ("policy.ci.identification.s2", "no"),
                                      ("knowledge.education.provision.s2", "yes")],
       "by hand: yes -> yes, partial (0.5) -> no, no -> no, degree (0.75) -> yes")
    # an analyst may, and published answers need no read grant
    r = expect(prefill(CFG.analyst, NM, "XAC", TO_NM, PUBLISHED), 200, what="analyst")
    eq(rows_of(r), applied(TO_NM, PUBLISHED, "XAC"), "analyst's rows")


@test
def prefill_options_are_what_the_caller_may_use():
    def options(c, camp, unit):
        r = expect(c.get(A(camp, unit, "/prefill")), 200, what=f"options as {c.name}").json()
        eq((r["campaign"], r["unit"]), (camp, unit), "echo")
        return [(o["mapping"], o["from_campaign"], o["from_status"]) for o in r["options"]]
    onto_2026 = [(TO_NM, "nci-2025", "published"), (TO_NM, "nci-2026", "published")]
    eq(options(CFG.focal_xab, NM, "XAB"), onto_2026 + [(TO_NM, NC26, "open")],
       "the index's 2026 campaigns with XAB, the live one included")
    eq(options(CFG.focal_nm, NM, "XAB"), onto_2026, "out of scope: the published ones only")
    eq(options(CFG.admin, NC27, "XAA"), [(EDITION, "nci-2025", "published"),
                                         (EDITION, "nci-2026", "published")],
       "onto the 2027 edition: its 2026 editions")
    eq(options(CFG.admin, CS, "XAC"), [(READINESS, "cirt-readiness-2025", "published"),
                                       (READINESS, "cirt-readiness-2026", "published")], "ratings")
    eq(options(CFG.admin, CS, "XAA"), [], "no readiness campaign assesses XAA")
    for c, want in [(CFG.reviewer, 403), (CFG.respondent, 403), (CFG.focal_xaa, 403),
                    (CFG.anon, 401)]:
        expect(c.get(A(NM, "XAB", "/prefill")), want, what=f"options as {c.name}")


@test
def bad_mappings_and_campaigns_name_the_field():
    fa = CFG.focal_xaa
    cases = [
        ((NC27, "XAA", "nope", PUBLISHED), "mapping", "an unknown mapping"),
        ((NM, "XAB", READINESS, PUBLISHED), "mapping", "a mapping onto another framework"),
        ((NC27, "XAA", "ncs-evaluation-national-commitment", "ncs-evaluation-2026"), "mapping",
         "a mapping onto the 2026 version, on a 2027 campaign"),
        ((NC27, "XAA", EDITION, "nope"), "from_campaign", "an unknown campaign"),
        ((NC27, "XAA", EDITION, "national-maturity-2026"), "from_campaign", "another framework"),
        ((NC27, "XAA", EDITION, NC27), "from_campaign", "the 2027 version as the 2026 source"),
        ((CS, "XAA", READINESS, "cirt-readiness-2026"), "from_campaign", "without the unit"),
    ]
    for (camp, unit, m, frm), field, what in cases:
        c = fa if unit == "XAA" else CFG.focal_xab
        expect(prefill(c, camp, unit, m, frm), 422, "invalid", field, what=what)
    for body, field in [({"mapping": 3, "from_campaign": PUBLISHED}, "mapping"),
                        ({"mapping": EDITION}, "from_campaign")]:
        expect(fa.post(A(NC27, "XAA", "/prefill"), body), 422, "invalid", field, what=str(body))
    expect(prefill(fa, "nope", "XAA", EDITION, PUBLISHED), 404, "not_found", what="no campaign")
    eq(assessment(fa, NC27, "XAA")["answers"], {}, "nothing written")


@test
def an_edition_carries_over_and_ratings_map_level_to_level():
    # 2026 answers onto the 2027 edition, through the edition mapping
    want = applied(EDITION, PUBLISHED, "XAA")
    qs = [q for q, _, _ in want]
    check({"legal.cybercrime.substantive.forgery", "organisational.strategy.milestones",
           "capacity.industry.maturity", "cooperation.international.un_processes"} <= set(qs),
          f"split and renamed questions: {qs}")
    check(not {"legal.data_protection.breach_authority", "legal.cii.supply_chain"} & set(qs),
          "either-or splits and new questions are not pre-filled")
    r = expect(prefill(CFG.focal_xaa, NC27, "XAA", EDITION, PUBLISHED), 200, what="edition")
    eq(rows_of(r), want, "edition rows")
    eq(assessment(CFG.focal_xaa, NC27, "XAA")["prefilled"], qs, "listed")
    # CIRT readiness (0-4) onto CSIRT maturity (0-4)
    want = applied(READINESS, "cirt-readiness-2026", "XAC")
    check(want, "readiness rows")
    r = expect(prefill(CFG.admin, CS, "XAC", READINESS, "cirt-readiness-2026"), 200, what="ratings")
    eq(rows_of(r), want, "rating rows")


@test
def the_demos_review_is_prefilled_from_the_index():
    """national-maturity-2027 (open, XAA) starts from XAA's nci-2026 answers:
    the rows of cybercap mapping apply, every one marked and awaiting its
    focal point."""
    want = applied(TO_NM, PUBLISHED, "XAA")
    a = assessment(CFG.focal_xaa, "national-maturity-2027", "XAA")
    eq((a["campaign_status"], a["status"], a["framework"]), ("open", "in_progress", "national-maturity"),
       "an open review")
    eq(a["prefilled"], [q for q, _, _ in want], "awaiting confirmation")
    eq({q: (x["answer"], x["prefill"]) for q, x in a["answers"].items()},
       {q: (ans, {"mapping": TO_NM, "from_campaign": PUBLISHED, "source": src}) for q, ans, src in want},
       "the pre-filled answers and their marks")


@test
def every_exchange_matches_openapi():
    CFG.check_openapi([("GET", API + "/mappings"), ("GET", API + "/mappings/{id}"),
                       ("GET", API + "/campaigns/{id}/assessments/{unit}/prefill"),
                       ("POST", API + "/campaigns/{id}/assessments/{unit}/prefill"),
                       ("POST", API + "/campaigns/{id}/assessments/{unit}/answers/{q}/confirm")],
                      partial=False)


# ---------------------------------------------------------------- main


def setup():
    CFG.anon = client("anonymous")
    CFG.admin = login("admin@demo.cybercap")
    CFG.analyst = login("analyst@demo.cybercap")
    CFG.reviewer = login("reviewer@demo.cybercap")
    CFG.focal_xaa = login("focal.xaa@demo.cybercap")
    CFG.focal_xab = login("focal.xab@demo.cybercap")
    CFG.mappings = {}


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-mappings."))
