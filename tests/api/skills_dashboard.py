"""The figures and a person's rights, for test_skills.py (its tests run
after the others, on what they made): the dashboard with small cells
suppressed for a sponsor, consent withdrawal and what it does, erasure
with the counts kept, a sponsor unable to work out a hidden count from the
totals (the JSON, CSV and workbook alike), who may call which route, the
demo's programme, and that every operation of the `skills` tag is
exercised and answers as openapi.json says.
"""
import csv
import io
import zipfile

from harness import check, eq, expect
import harness
from skills_common import API, CFG, P, ST, email, enrol, person, test, who


def dashboard(client, status=200):
    return expect(who(client).get(f"{API}/programmes/{P}/dashboard"), status)


@test
def the_dashboard_suppresses_small_cells_for_a_sponsor():
    d = dashboard("coord").json()
    f = d["funnel"]
    # applied: Ana, Bo, P0-P2 (participants only); selected: Ana, Bo, P0
    eq((f["applied"], f["selected"], f["waitlisted"], f["rejected"], f["withdrawn"],
        f["completed"]), (5, 3, 1, 1, 1, 1))
    check("suppressed" not in f, "the team sees every count")
    eq(d["learning"][0]["competency"], "ecsf-incident-responder")
    eq((d["learning"][0]["n"], d["learning"][0]["before"], d["learning"][0]["after"]), (1, 2, 4))
    eq(d["pairs"]["accepted"], 1)
    eq(d["pairs"]["proposed"], 1)
    ir = next(t for t in d["by_track"] if t["track"] == "ir")
    eq(ir["applied"], 5)
    xaa = next(c for c in d["by_country"] if c["country"] == "XAA")
    eq((xaa["applied"], xaa["sids"], xaa["ldc"]), (1, True, False))
    check("education_capacity" in xaa and "capacity_development" in xaa, xaa)
    eq(d["countries_reached"]["countries"], 2)
    att = {a["kind"]: a for a in d["attendance"]}
    eq((att["live"]["present"], att["live"]["excused"]), (1, 1))
    s = dashboard("sponsor").json()
    sf = s["funnel"]
    eq(sf["applied"], 5, "5 is shown")
    eq((sf["selected"], sf["completed"], sf["suppressed"]), (None, None, True))
    eq(sf["withdrawn"], None)
    eq(s["learning"][0]["n"], None)
    eq(s["learning"][0]["before"], None, "no means of fewer than 5 people")
    eq(next(c for c in s["by_country"] if c["country"] == "XAA")["applied"], None)
    eq(s["outcomes"][0]["people"], None)
    dashboard("ana", 403)
    dashboard("other_coord", 403)
    expect(who("sponsor").get(f"{API}/programmes/{P}/dashboard?edition=2099"), 404)
    eq(expect(who("sponsor").get(f"{API}/programmes/{P}/dashboard?edition=2027"), 200)
       .json()["edition"], "2027")


@test
def withdrawing_consent_does_what_it_says():
    base = f"{API}/people/{ST['ana_person']}"
    r = expect(who("ana").delete(base + "/consents/evaluation"), 200).json()
    check("deleted" in r["effect"], r["effect"])
    exp = expect(who("ana").get(base + "/export"), 200).json()
    eq((exp["answers"], exp["outcomes"]), ([], []), "answers and outcomes gone")
    check(any(c["purpose"] == "evaluation" and c["withdrawn_at"] for c in exp["consents"]),
          exp["consents"])
    expect(who("ana").post(f"{API}/enrolments/{ST['ana']}/answers", {
        "kind": "self_after", "answers": {"ecsf-incident-responder": 5}}), 409, "conflict")
    expect(who("ana").delete(base + "/consents/evaluation"), 404)
    expect(who("ana").delete(base + "/consents/marketing"), 422, "invalid", "purpose")
    expect(who("bo").delete(base + "/consents/participation"), 403)
    expect(who("ana").post(base + "/consents", {"purpose": "evaluation"}), 200)
    expect(who("ana").post(base + "/consents", {"purpose": "spam"}), 422, "invalid", "purpose")
    # Bo withdraws participation: his active enrolment is withdrawn, his pair cancelled
    b = f"{API}/people/{ST['bo_person']}"
    r = expect(who("bo").delete(b + "/consents/participation"), 200).json()
    eq(r["enrolments_withdrawn"], 1)
    eq(expect(who("bo").get(f"{API}/enrolments/{ST['bo']}"), 200).json()["status"], "withdrawn")
    co = expect(who("coord").get(f"{API}/cohorts/ir-af"), 200).json()
    eq(next(p for p in co["pairs"] if p["id"] == ST["pair2"])["status"], "cancelled")
    me = expect(who("bo").get(f"{API}/skills/me"), 200).json()
    eq(me["person"]["email"], email("bo"))


@test
def erasure_removes_the_person_and_keeps_the_counts():
    before = dashboard("coord").json()["funnel"]
    expect(who("outsider").delete(f"{API}/people/{ST['bo_person']}"), 403)
    expect(who("other_coord").delete(f"{API}/people/{ST['bo_person']}"), 403)
    expect(who("bo").delete(f"{API}/people/{ST['bo_person']}"), 200)
    expect(who("bo").get(f"{API}/people/{ST['bo_person']}/export"), 404)
    expect(who("coord").delete(f"{API}/people/{ST['bo_person']}"), 404)
    e = expect(who("coord").get(f"{API}/enrolments/{ST['bo']}"), 200).json()
    eq((e["person"], e["reason"]), (None, None), "no trace of the person")
    eq(dashboard("coord").json()["funnel"], before, "published counts stay")
    me = expect(who("bo").get(f"{API}/skills/me"), 200).json()
    eq(me["person"], None)
    # the coordinator erases on request too
    r = enrol("coord", "pd-am", person("Dee", "dee@skills.test", "XAB"))
    pid = r.json()["person"]["id"]
    expect(who("coord").delete(f"{API}/people/{pid}"), 200)
    rc, out, _ = CFG.cli("audit", "verify", "--data", CFG.data)
    eq(rc, 0, f"audit chain: {out}")


def csv_rows(client, status=200):
    r = expect(who(client).get(f"{API}/programmes/{P}/dashboard.csv"), status)
    if status != 200:
        return None
    check((r.header("Content-Type") or "").startswith("text/csv"), r.header("Content-Type"))
    rows = list(csv.DictReader(io.StringIO(r.body.decode())))
    return {(x["section"], x["key"], x["measure"]): x for x in rows}


@test
def a_sponsor_cannot_work_out_a_hidden_count_from_totals():
    # after the erasure: Dee (erased, counted) applied in the policy track
    team, spon = dashboard("coord").json(), dashboard("sponsor").json()
    track = lambda d, t: next(x for x in d["by_track"] if x["track"] == t)  # noqa: E731
    eq((track(team, "ir")["applied"], track(team, "pd")["applied"], team["funnel"]["applied"]),
       (5, 1, 6))
    eq(spon["funnel"]["applied"], 6, "the total is shown")
    eq(track(spon, "pd")["applied"], None, "1 is hidden")
    eq(track(spon, "ir")["applied"], None, "and 5 too: else 6 - 5 gives the 1 away")
    for table in ("by_track", "by_country"):
        for k, total in spon["funnel"].items():
            if k == "suppressed" or total is None:
                continue
            hidden = [r for r in spon[table] if k in r and r[k] is None]
            check(len(hidden) != 1, f"{table}.{k}: one hidden cell under a shown total {total}")
            shown = sum(r[k] for r in spon[table] if r.get(k) is not None)
            check(not hidden or total - shown >= 2, f"{table}.{k}: the hidden cells sum to "
                  f"{total - shown}, a single person")
    # the files hide exactly what the JSON hides
    rows = csv_rows("sponsor")
    eq(rows[("funnel", P, "applied")]["value"], "6")
    for t in ("ir", "pd"):
        got = rows[("by_track", t, "applied")]
        eq((got["value"], got["suppressed"]), ("", "yes"), f"{t} applied in the CSV")
    for (section, key, measure), x in rows.items():
        if section in ("by_track", "by_country") and x["suppressed"] == "yes":
            d = next(r for r in spon[section] if r[section[3:] if section == "by_track"
                                                   else "country"] == key)
            eq(d[measure], None, f"{section} {key} {measure}")
    eq(csv_rows("coord")[("by_track", "ir", "applied")]["value"], "5", "the team sees all")
    r = expect(who("sponsor").get(f"{API}/programmes/{P}/dashboard.xlsx"), 200)
    book = zipfile.ZipFile(io.BytesIO(r.body))
    words = book.read("xl/sharedStrings.xml").decode()
    check("Figures" in book.read("xl/workbook.xml").decode(), "the Figures sheet")
    check("by_track" in words and "suppressed" in words, "the rows and their marks")
    csv_rows("ana", 403)
    csv_rows("anonymous", 401)
    expect(who("other_coord").get(f"{API}/programmes/{P}/dashboard.xlsx"), 403)


@test
def who_may_call_which_route():
    e, pid, s = ST["ana"], ST["ana_person"], ST["session"]
    routes = [
        ("GET", f"{API}/programmes/{P}", {"admin", "coord", "sponsor"}),
        ("POST", f"{API}/programmes/{P}/editions", {"admin", "coord"}),
        ("POST", f"{API}/programmes/{P}/tracks", {"admin", "coord"}),
        ("POST", f"{API}/programmes/{P}/cohorts", {"admin", "coord"}),
        ("POST", f"{API}/programmes/{P}/surveys", {"admin", "coord"}),
        ("PUT", f"{API}/programmes/{P}/knowledge-checks", {"admin", "coord"}),
        ("GET", f"{API}/programmes/{P}/dashboard", {"admin", "coord", "sponsor"}),
        ("GET", f"{API}/programmes/{P}/dashboard.csv", {"admin", "coord", "sponsor"}),
        ("GET", f"{API}/programmes/{P}/dashboard.xlsx", {"admin", "coord", "sponsor"}),
        ("GET", f"{API}/cohorts/ir-af", {"admin", "coord", "trainer"}),
        ("POST", f"{API}/cohorts/ir-af/sessions", {"admin", "coord", "trainer"}),
        ("POST", f"{API}/cohorts/ir-af/mentoring/match", {"admin", "coord"}),
        ("POST", f"{API}/cohorts/ir-af/mentoring/pairs", {"admin", "coord"}),
        ("GET", f"{API}/enrolments/{e}", {"admin", "coord", "trainer", "ana"}),
        ("PATCH", f"{API}/enrolments/{e}", {"admin", "coord", "ana"}),
        ("POST", f"{API}/enrolments/{e}/answers", {"admin", "coord", "ana"}),
        ("POST", f"{API}/enrolments/{e}/outcomes", {"admin", "coord", "ana"}),
        ("GET", f"{API}/enrolments/{e}/surveys/reaction_end/questionnaire.xlsx",
         {"admin", "coord", "ana"}),
        ("PUT", f"{API}/enrolments/{e}/surveys/reaction_end/questionnaire.xlsx",
         {"admin", "coord", "ana"}),
        ("GET", f"{API}/people/{pid}/export", {"admin", "coord", "ana"}),
        ("POST", f"{API}/people/{pid}/consents", {"admin", "coord", "ana"}),
        ("PATCH", f"{API}/pairs/{ST['pair']}", {"admin", "coord", "ana", "mentor"}),
    ]
    pair = {"admin", "coord", "ana", "mentor"}
    for method, sub in (("GET", "meetings"), ("POST", "meetings"), ("GET", "goals"),
                        ("POST", "goals"), ("PATCH", f"goals/{ST['goal']}")):
        routes.append((method, f"{API}/pairs/{ST['pair']}/{sub}", pair))
    roles = ("anonymous", "outsider", "sponsor", "trainer", "mentor", "ana", "other_coord",
             "coord", "admin")
    for method, path, allow in routes:
        for role in roles:
            r = who(role).call(method, path, {})
            if role == "anonymous":
                eq(r.status, 401, f"{method} {path} anonymous")
            elif role in allow:
                check(r.status not in (401, 403), f"{method} {path} {role}: {r.status} {r.body[:120]}")
            else:
                eq(r.status, 403, f"{method} {path} {role}")
    for method, path in (("POST", f"{API}/sessions/{s}/attendance"),
                         ("POST", f"{API}/cohorts/ir-af/progress")):
        for role, status in (("anonymous", 401), ("outsider", 403), ("mentor", 403),
                             ("sponsor", 403)):
            eq(who(role).call(method, path, body=b"email,state\n",
                              headers={"Content-Type": "text/csv"}).status, status,
               f"{method} {path} {role}")
    expect(who("anonymous").get(f"{API}/skills/me"), 401)
    expect(who("anonymous").delete(f"{API}/people/{pid}"), 401)
    expect(who("anonymous").delete(f"{API}/people/{pid}/consents/photos"), 401)
    expect(who("anonymous").post(f"{API}/programmes", {"id": "x", "name": "x"}), 401)
    expect(who("anonymous").post(f"{API}/cohorts/ir-af/enrolments", {}), 401)
    expect(who("coord").get(f"{API}/enrolments/abc"), 404)
    expect(who("coord").get(f"{API}/cohorts/nope"), 404)
    expect(who("coord").get(f"{API}/programmes/nope"), 404)


@test
def the_demo_programme_opens_for_its_coordinator_and_sponsor():
    r = expect(who("admin").get(f"{API}/programmes/cyber-pathways/dashboard"), 200).json()
    check(len(r["by_track"]) == 4, "four tracks")
    check(r["funnel"]["completed"] and r["funnel"]["completed"] > 4, r["funnel"])
    check(len(r["by_country"]) >= 4, "several countries")
    check(r["outcomes"] and r["learning"], "before/after and follow-ups")
    check(r["knowledge_checks"] and r["knowledge_checks"][0]["n"], r["knowledge_checks"])
    check(r["pairs"]["accepted"] + r["pairs"]["completed"] > 0, r["pairs"])


@test
def every_exchange_matches_openapi():
    ops = harness.operations(tags=("skills",))
    check(ops, "no skills operations in openapi.json")
    CFG.check_openapi(ops)
