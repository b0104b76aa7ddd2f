#!/usr/bin/env python3
"""Skills programmes over the HTTP API (docs/skills.md; docs/api.md "Skills
programmes").

Standard library only. Starts its own `cybercap demo` (harness.run_demo_suite),
adds its own accounts and a programme of its own, and runs on that one
server, in this order, the tests of this file, skills_workbook.py,
skills_knowledge.py and skills_dashboard.py (what they share is in
skills_common.py). They check: the set-up and its 422s, the enrolment
lifecycle (illegal moves 409, reasons, capacity, self-application), that a
person record refuses every field it does not keep, sessions, attendance,
the progress imports (every bad row named by its line, all or nothing), the
mentoring matching with its reasons and the coordinator's override, the
evaluation, the survey's workbook, knowledge checks, then
(skills_dashboard.py) the dashboard with small cells suppressed for a
sponsor, consent withdrawal and what it does, erasure and export, who may
call which route, and that every operation of the `skills` tag is exercised
and answers as openapi.json says.

    python3 tests/api/test_skills.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import check, eq, expect  # noqa: E402
from skills_common import (API, CFG, P, ST, email, enrol, grant, move, person,  # noqa: E402
                           setup, test, walk, who)
import skills_knowledge  # noqa: E402
import skills_workbook  # noqa: E402


@test
def a_programme_is_set_up_by_admin_and_coordinator():
    expect(who("coord").post(f"{API}/programmes", {"id": P, "name": "X"}), 403, "forbidden")
    r = expect(who("admin").post(f"{API}/programmes", {"id": P, "name": "API fellowship",
                                                       "sponsors": ["Fictional Fund"]}), 201)
    eq(r.json()["sponsors"], ["Fictional Fund"])
    expect(who("admin").post(f"{API}/programmes", {"id": P, "name": "again"}), 409, "conflict")
    expect(who("admin").post(f"{API}/programmes", {"id": "Bad Id", "name": "x"}), 422,
           "invalid", "id")
    expect(who("admin").post(f"{API}/programmes", {"id": "p2"}), 422, "invalid", "name")
    grant("coord", "coordinator", P)
    grant("other_coord", "coordinator", "cyber-pathways")
    grant("sponsor", "sponsor", P)
    c = who("coord")
    expect(c.post(f"{API}/programmes/{P}/editions", {"id": "2027", "year": 2027,
                                                      "start": "2027-07-01", "end": "2027-01-01"}),
           422, "invalid", "end")
    expect(c.post(f"{API}/programmes/{P}/editions", {"id": "2027", "year": "2027",
                                                      "start": "2027-01-01", "end": "2027-07-01"}),
           422, "invalid", "year")
    expect(c.post(f"{API}/programmes/{P}/editions", {"id": "2027", "year": 2027,
                                                      "start": "2027-02-30", "end": "2027-07-01"}),
           422, "invalid", "start")
    expect(c.post(f"{API}/programmes/{P}/editions", {"id": "2027", "year": 2027,
                                                      "start": "2027-01-01", "end": "2027-07-01"}),
           201)
    expect(who("other_coord").post(f"{API}/programmes/{P}/editions", {
        "id": "2028", "year": 2028, "start": "2028-01-01", "end": "2028-07-01"}), 403)
    expect(c.post(f"{API}/programmes/{P}/tracks", {"id": "ir", "name": "Incident response",
                                                    "competencies": ["OG-WRL-999"]}),
           422, "invalid", "competencies[0]")
    expect(c.post(f"{API}/programmes/{P}/tracks", {"id": "ir", "name": "Incident response",
                                                    "competencies": []}),
           422, "invalid", "competencies")
    expect(c.post(f"{API}/programmes/{P}/tracks", {
        "id": "ir", "name": "Incident response",
        "competencies": ["ecsf-incident-responder", "OG-WRL-006"]}), 201)
    expect(c.post(f"{API}/programmes/{P}/tracks", {"id": "pd", "name": "Policy",
                                                    "competencies": ["ecsf-ciso"]}), 201)
    base = {"id": "ir-af", "edition": "2027", "track": "ir", "name": "IR Africa",
            "region": "Africa", "language": "fr", "capacity": 3}
    for k, v, field in (("track", "nope", "track"), ("edition", "2099", "edition"),
                        ("capacity", 0, "capacity"), ("language", None, "language")):
        expect(c.post(f"{API}/programmes/{P}/cohorts", dict(base, **{k: v})), 422, "invalid",
               field, what=k)
    expect(c.post(f"{API}/programmes/{P}/cohorts", dict(base, extra=1)), 422, "invalid", "extra")
    expect(c.post(f"{API}/programmes/{P}/cohorts", base), 201)
    expect(c.post(f"{API}/programmes/{P}/cohorts", base), 409, "conflict")
    expect(c.post(f"{API}/programmes/{P}/cohorts", dict(base, id="pd-am", track="pd",
                                                        language="es", region="Americas",
                                                        capacity=10)), 201)
    expect(c.post(f"{API}/programmes/{P}/surveys", {"kind": "reaction_end",
                                                     "framework": "skills-reaction",
                                                     "version": "1999"}), 422, "invalid",
           "framework")
    expect(c.post(f"{API}/programmes/{P}/surveys", {"kind": "reaction_end",
                                                     "framework": "skills-reaction",
                                                     "version": "2026"}), 200)
    r = expect(c.get(f"{API}/programmes/{P}"), 200)
    eq([t["id"] for t in r.json()["tracks"]], ["ir", "pd"])
    eq(sorted(x["id"] for x in r.json()["cohorts"]), ["ir-af", "pd-am"])
    eq(r.json()["surveys"]["reaction_end"]["framework"], "skills-reaction")


@test
def a_person_record_keeps_only_what_the_programme_needs():
    p = person("Ana", email("ana"))
    for extra, field in (({"gender": "f"}, "person.gender"), ({"religion": "x"}, "person.religion"),
                         ({"ethnicity": "x"}, "person.ethnicity"), ({"health": "x"}, "person.health"),
                         ({"org_kind": "army"}, "person.org_kind"),
                         ({"country": "ZZZ"}, "person.country"),
                         ({"email": "not-an-email"}, "person.email"),
                         ({"experience": "forty"}, "person.experience")):
        expect(who("coord").post(f"{API}/cohorts/ir-af/enrolments", {
            "person": dict(p, **extra), "role": "participant", "consents": ["participation"]}),
            422, "invalid", field, what=field)
    expect(who("coord").post(f"{API}/cohorts/ir-af/enrolments", {
        "person": {k: v for k, v in p.items() if k != "name"}, "role": "participant",
        "consents": ["participation"]}), 422, "invalid", "person.name")
    for body, field in (({"gender": "f"}, "gender"), ({"consents": ["evaluation"]}, "consents"),
                        ({"consents": ["participation", "marketing"]}, "consents[1]"),
                        ({"role": "boss"}, "role"), ({"utc_offset": 9999}, "utc_offset")):
        b = {"person": p, "role": "participant", "consents": ["participation"]}
        b.update(body)
        expect(who("coord").post(f"{API}/cohorts/ir-af/enrolments", b), 422, "invalid", field,
               what=field)
    r = expect(who("coord").get(f"{API}/skills/me"), 200)
    eq(r.json()["person"], None, "no person for the coordinator")


@test
def the_enrolment_lifecycle_with_illegal_moves_refused():
    r = enrol("coord", "ir-af", person("Ana", email("ana"), experience="3-5"),
              languages=["fr", "en"], utc_offset=60, goals=["forensics"])
    e = r.json()
    eq(e["status"], "applied")
    check(isinstance(e["person"]["id"], int), "person id")
    ST["ana"], ST["ana_person"] = e["id"], e["person"]["id"]
    got = expect(who("coord").get(f"{API}/enrolments/{e['id']}"), 200).json()
    eq(got["person"]["email"], email("ana"))
    eq(got["person"]["id"], ST["ana_person"])
    enrol("coord", "ir-af", person("Ana", email("ana")), status=409)
    move("coord", e["id"], "completed", expect_status=409)
    move("coord", e["id"], "enrolled", expect_status=409)
    expect(who("coord").call("PATCH", f"{API}/enrolments/{e['id']}", {"status": "rejected"}),
           422, "invalid", "reason")
    expect(who("coord").call("PATCH", f"{API}/enrolments/{e['id']}", {"status": "done"}),
           422, "invalid", "status")
    walk(e["id"], "selected", "enrolled", "active")
    move("coord", e["id"], "selected", expect_status=409)
    eq(expect(who("ana").get(f"{API}/enrolments/{e['id']}"), 200).json()["status"], "active")
    # a participant may withdraw, not select themselves
    move("ana", e["id"], "completed", expect_status=403)
    # self-application under one's own email, not someone else's
    r = enrol("bo", "ir-af", person("Bo", email("bo"), "XAH"), languages=["fr"],
              utc_offset=120, goals=["leadership"])
    ST["bo"], ST["bo_person"] = r.json()["id"], r.json()["person"]["id"]
    enrol("bo", "ir-af", person("Cy", "cy@skills.test"), status=403)
    enrol("bo", "ir-af", person("Bo", email("bo"), "XAH"), role="mentor", status=403)
    walk(ST["bo"], "selected", "enrolled", "active")
    # capacity 3: two places taken, one more, then a full cohort
    ids = [enrol("coord", "ir-af", person(f"P{i}", f"p{i}@skills.test", "XAH"),
                 languages=["fr"]).json()["id"] for i in range(3)]
    move("coord", ids[0], "selected")
    r = move("coord", ids[1], "selected", expect_status=409)
    check(b"full" in r.body, "cohort full message")
    move("coord", ids[1], "waitlisted")
    move("coord", ids[2], "rejected", "not eligible for this track")
    eq(expect(who("coord").get(f"{API}/enrolments/{ids[2]}"), 200).json()["reason"],
       "not eligible for this track")
    move("coord", ids[0], "withdrawn", "moved abroad")
    move("coord", ids[0], "active", expect_status=409)
    ST["waitlisted"] = ids[1]
    # staff of the cohort: trainer and two mentors with accounts
    for role, lang in (("trainer", "fr"), ("mentor", "fr"), ("mentor2", "es")):
        r = enrol("coord", "ir-af", person(role, email(role), "XAA"),
                  role="trainer" if role == "trainer" else "mentor", languages=[lang],
                  utc_offset=60, goals=["forensics"], max_mentees=1)
        ST[role] = r.json()["id"]
        walk(ST[role], "selected", "enrolled", "active")


@test
def my_work_knows_the_cohorts_a_trainer_trains():
    eq(expect(who("trainer").get(f"{API}/me"), 200).json()["user"]["skills_trainer"],
       [{"programme": P, "cohort": "ir-af", "name": "IR Africa"}], "trainer")
    eq(expect(who("mentor").get(f"{API}/me"), 200).json()["user"]["skills_trainer"], [], "mentor")


@test
def sessions_attendance_and_their_errors():
    r = expect(who("trainer").post(f"{API}/cohorts/ir-af/sessions", {
        "kind": "live", "title": "Opening", "starts": "2027-02-01T14:00:00Z", "minutes": 90}), 201)
    ST["session"] = sid = r.json()["id"]
    expect(who("coord").post(f"{API}/cohorts/ir-af/sessions", {
        "id": "ir-week", "kind": "in_person", "title": "The week", "starts": "2027-05-10",
        "minutes": 2400}), 201)
    for body, field in (({"kind": "party"}, "kind"), ({"minutes": 0}, "minutes"),
                        ({"starts": "soon"}, "starts"), ({"title": ""}, "title")):
        b = {"kind": "live", "title": "T", "starts": "2027-02-01", "minutes": 60}
        b.update(body)
        expect(who("coord").post(f"{API}/cohorts/ir-af/sessions", b), 422, "invalid", field,
               what=field)
    expect(who("mentor").post(f"{API}/cohorts/ir-af/sessions", {
        "kind": "live", "title": "T", "starts": "2027-02-01", "minutes": 60}), 403)
    expect(who("trainer").post(f"{API}/sessions/{sid}/attendance", obj=[
        {"enrolment": ST["ana"], "state": "present"},
        {"enrolment": ST["waitlisted"], "state": "present"}]), 422, "invalid", "[1].enrolment")
    expect(who("trainer").post(f"{API}/sessions/{sid}/attendance", obj=[
        {"enrolment": ST["ana"], "state": "asleep"}]), 422, "invalid", "[0].state")
    r = expect(who("trainer").post(f"{API}/sessions/{sid}/attendance", obj=[
        {"enrolment": ST["ana"], "state": "present"},
        {"enrolment": ST["bo"], "state": "excused"}]), 200)
    eq(r.json()["recorded"], 2)
    csv = f"email,state\n{email('ana')},absent\nnobody@skills.test,present\n"
    r = expect(who("trainer").post(f"{API}/sessions/ir-week/attendance", body=csv.encode(),
                                   headers={"Content-Type": "text/csv"}), 422, "invalid", "file")
    check(b"line 3" in r.body, "the bad line named")
    csv = f"email,state\n{email('ana')},present\n{email('bo')},absent\n"
    eq(expect(who("trainer").post(f"{API}/sessions/ir-week/attendance", body=csv.encode(),
                                  headers={"Content-Type": "text/csv"}), 200).json()["recorded"], 2)


def progress(client, csv, query="", status=200):
    return expect(who(client).post(f"{API}/cohorts/ir-af/progress{query}", body=csv.encode(),
                                   headers={"Content-Type": "text/csv"}), status)


@test
def progress_imports_name_every_bad_line_and_keep_nothing():
    bad = ("email,module,completed_at,score\n"
           f"{email('ana')},M1,2027-03-01,80\n"
           f"{email('bo')},M1,2027-13-01,70\n"
           "stranger@skills.test,M1,2027-03-02,50\n"
           f"{email('bo')},M2,2027-03-03,500\n")
    r = progress("trainer", bad, status=422)
    body = r.json()
    eq(body["error"]["field"], "file")
    eq(body["error"]["line"], 3)
    eq(sorted(x["row"] for x in body["errors"]), [3, 5], "reader errors first")
    exp = expect(who("ana").get(f"{API}/people/{ST['ana_person']}/export"), 200).json()
    eq(exp["progress"], [], "nothing saved from a bad file")
    # a row for someone not in the cohort is named by its line too
    r = progress("trainer", "email,module,completed_at,score\n"
                 f"{email('ana')},M1,2027-03-01,80\nstranger@skills.test,M1,2027-03-02,\n",
                 status=422)
    eq([x["row"] for x in r.json()["errors"]], [3])
    r = progress("trainer", "email,module,completed_at,score\n"
                 f"{email('ana')},M1,2027-03-01,80\n{email('bo')},M1,2027-03-02,\n")
    eq(r.json()["format"], "plain")
    eq(r.json()["imported"], 2)
    moodle = ("First name / Surname,Email address,Welcome,,Triage,\n"
              f"Ana,{email('ana')},Completed,\"Monday, 3 March 2027, 10:15 AM\",Not completed,\n"
              f"Bo,{email('bo')},\"Completed (achieved pass grade)\",2027-03-04,Completed,2027-03-05\n")
    r = progress("coord", moodle)
    eq((r.json()["format"], r.json()["imported"]), ("moodle", 3))
    edx = ("Student ID,Email,Username,Grade,Certificate Eligible\n"
           f"1,{email('ana')},ana,0.9,Y\n2,{email('bo')},bo,0.2,N\n")
    r = progress("coord", edx, status=422)
    eq(r.json()["errors"][0]["row"], 1)
    r = progress("coord", edx, "?module=MOOC&date=2027-04-01")
    eq((r.json()["format"], r.json()["imported"]), ("openedx", 1))
    progress("coord", "who,what\n", status=422)
    exp = expect(who("ana").get(f"{API}/people/{ST['ana_person']}/export"), 200).json()
    eq(sorted(x["module"] for x in exp["progress"]), ["M1", "MOOC", "Welcome"])
    progress("mentor", "email,module,completed_at,score\n", status=403)


@test
def mentoring_matching_explains_and_the_coordinator_overrides():
    r = expect(who("coord").post(f"{API}/cohorts/ir-af/mentoring/match"), 200).json()
    eq(len(r["pairs"]), 1, "one French-speaking mentor with room for one")
    pair = r["pairs"][0]
    eq(pair["mentor"], ST["mentor"])
    eq(pair["mentee"], ST["ana"], "the shared goal decides")
    check("shared language: fr" in pair["reasons"], pair["reasons"])
    check("shared goals: forensics" in pair["reasons"], pair["reasons"])
    check("mentor's load with this pair: 1 of 1" in pair["reasons"], pair["reasons"])
    eq([u["mentee"] for u in r["unmatched"]], [ST["bo"]])
    check(any("capacity" in x for x in r["unmatched"][0]["reasons"]), r["unmatched"])
    ST["pair"] = pair["id"]
    # a second run proposes nothing new for a mentee already paired
    r = expect(who("coord").post(f"{API}/cohorts/ir-af/mentoring/match"), 200).json()
    eq(r["pairs"], [])
    expect(who("trainer").post(f"{API}/cohorts/ir-af/mentoring/match"), 403)
    expect(who("outsider").call("PATCH", f"{API}/pairs/{ST['pair']}", {"status": "accepted"}), 403)
    expect(who("bo").call("PATCH", f"{API}/pairs/{ST['pair']}", {"status": "accepted"}), 403)
    expect(who("ana").call("PATCH", f"{API}/pairs/{ST['pair']}", {"status": "completed"}), 409)
    eq(expect(who("ana").call("PATCH", f"{API}/pairs/{ST['pair']}", {"status": "accepted"}),
              200).json()["status"], "accepted")
    expect(who("ana").call("PATCH", f"{API}/pairs/{ST['pair']}", {"status": "declined"}), 409)
    expect(who("ana").call("PATCH", f"{API}/pairs/{ST['pair']}", {"status": "cancelled"}), 403)
    # the override: Bo with the Spanish-speaking mentor, over the matching's head
    expect(who("coord").post(f"{API}/cohorts/ir-af/mentoring/pairs", {
        "mentor": ST["mentor2"], "mentee": ST["ana"]}), 409, "conflict", "mentee")
    expect(who("coord").post(f"{API}/cohorts/ir-af/mentoring/pairs", {
        "mentor": ST["ana"], "mentee": ST["bo"]}), 422, "invalid", "mentor")
    r = expect(who("coord").post(f"{API}/cohorts/ir-af/mentoring/pairs", {
        "mentor": ST["mentor2"], "mentee": ST["bo"], "reason": "same sector"}), 201).json()
    check(r["overridden"] is True and "set by the coordinator" in r["reasons"], r)
    ST["pair2"] = r["id"]
    co = expect(who("trainer").get(f"{API}/cohorts/ir-af"), 200).json()
    eq(sorted(p["id"] for p in co["pairs"]), sorted([ST["pair"], ST["pair2"]]))
    check(all("email" not in (e["person"] or {}) or e["person"]["email"] is None
              for e in co["enrolments"]), "no emails for a trainer")


@test
def a_pair_keeps_its_meetings_and_goals():
    base = f"{API}/pairs/{ST['pair']}"     # accepted: mentor "mentor", mentee Ana
    a, m = who("ana"), who("mentor")
    for body, field in (({"at": "soon", "minutes": 30}, "at"), ({"at": "2027-03-01"}, "minutes"),
                        ({"at": "2027-03-01", "minutes": 0}, "minutes"),
                        ({"at": "2027-03-01", "minutes": 30, "mood": "x"}, "mood")):
        expect(a.post(base + "/meetings", body), 422, "invalid", field, what=field)
    mt = expect(m.post(base + "/meetings", {"at": "2027-03-01T10:00:00Z", "minutes": 45,
                                            "notes": "first talk"}), 201).json()
    eq(mt["notes"], "first talk")
    eq([x["id"] for x in expect(a.get(base + "/meetings"), 200).json()["meetings"]], [mt["id"]])
    expect(a.post(base + "/goals", {"text": ""}), 422, "invalid", "text")
    g = expect(a.post(base + "/goals", {"text": "Lead a tabletop drill"}), 201).json()
    eq(g["status"], "open")
    ST["goal"] = g["id"]
    expect(m.call("PATCH", f"{base}/goals/{g['id']}", {"status": "done"}), 422, "invalid",
           "status")
    eq(expect(m.call("PATCH", f"{base}/goals/{g['id']}", {"status": "met"}), 200)
       .json()["status"], "met")
    expect(m.call("PATCH", f"{base}/goals/99999", {"status": "met"}), 404)
    eq([x["status"] for x in expect(m.get(base + "/goals"), 200).json()["goals"]], ["met"])
    # a proposed pair (the override) has no meetings or goals yet
    expect(who("coord").post(f"{API}/pairs/{ST['pair2']}/meetings", {
        "at": "2027-03-01", "minutes": 30}), 409, "conflict")
    expect(who("coord").post(f"{API}/pairs/{ST['pair2']}/goals", {"text": "x"}), 409)
    expect(who("bo").get(base + "/meetings"), 403)
    expect(who("trainer").post(base + "/goals", {"text": "x"}), 403)
    me = expect(a.get(f"{API}/skills/me"), 200).json()
    mine = next(p for p in me["pairs"] if p["id"] == ST["pair"])
    eq((mine["as"], mine["with"], mine["goals"][0]["status"]), ("mentee", "mentor", "met"))
    eq(mine["meetings"][0]["minutes"], 45)
    en = next(x for x in me["enrolments"] if x["id"] == ST["ana"])
    eq(en["programme"], P)
    eq(en["surveys"]["reaction_end"]["framework"], "skills-reaction")
    mine = next(p for p in expect(m.get(f"{API}/skills/me"), 200).json()["pairs"]
                if p["id"] == ST["pair"])
    eq((mine["as"], mine["with"]), ("mentor", "Ana"))


@test
def evaluation_answers_and_outcomes():
    a = who("ana")
    base = f"{API}/enrolments/{ST['ana']}"
    expect(a.post(base + "/answers", {"kind": "reaction_end",
                                      "answers": {"reaction.satisfied": 7}}), 422, "invalid",
           "answers.reaction.satisfied")
    expect(a.post(base + "/answers", {"kind": "reaction_end",
                                      "answers": {"nope": 4}}), 422, "invalid", "answers.nope")
    expect(a.post(base + "/answers", {"kind": "reaction_module",
                                      "answers": {"reaction.satisfied": 4}}), 409)
    eq(expect(a.post(base + "/answers", {"kind": "reaction_end", "answers": {
        "reaction.satisfied": 5, "reaction.relevant": 4}}), 200).json()["saved"], 2)
    expect(a.post(base + "/answers", {"kind": "self_before", "answers": {"ecsf-ciso": 2}}),
           422, "invalid", "answers.ecsf-ciso")
    expect(a.post(base + "/answers", {"kind": "self_before", "answers": {
        "ecsf-incident-responder": 2, "OG-WRL-006": 1}}), 200)
    expect(a.post(base + "/answers", {"kind": "self_after", "answers": {
        "ecsf-incident-responder": 4}}), 200)
    expect(a.post(base + "/outcomes", {"months": 4, "outcomes": ["new_role"]}), 422, "invalid",
           "months")
    expect(a.post(base + "/outcomes", {"months": 3, "outcomes": ["famous"]}), 422, "invalid",
           "outcomes")
    expect(a.post(base + "/outcomes", {"months": 3, "outcomes": ["new_role", "trained_others"]}),
           200)
    expect(who("bo").post(base + "/answers", {"kind": "self_after", "answers": {
        "ecsf-incident-responder": 4}}), 403)
    # Bo gave no evaluation consent at first: refused until given
    b = f"{API}/enrolments/{ST['bo']}"
    expect(who("coord").post(b + "/answers", {"kind": "self_before", "answers": {
        "ecsf-incident-responder": 3}}), 200)
    walk(ST["ana"], "completed")


skills_workbook.register(test, who, ST, API)
skills_knowledge.register(test, who, API, grant, person, enrol, walk)
import skills_dashboard  # noqa: E402,F401  (its tests come after these, in this order)


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-skills."))
