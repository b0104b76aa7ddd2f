#!/usr/bin/env python3
"""Skills programmes over the HTTP API (docs/skills.md; docs/api.md "Skills
programmes").

Standard library only. Starts its own `cybercap demo` (harness.run_demo_suite),
adds its own accounts and a programme of its own (below), and checks: the
set-up and its 422s, the enrolment lifecycle (illegal moves 409, reasons,
capacity, self-application), that a person record refuses every field it does
not keep, sessions, attendance, the progress imports (every bad row named by
its line, all or nothing), the mentoring matching with its reasons and the
coordinator's override, the evaluation, the dashboard with small cells
suppressed for a sponsor, knowledge checks (skills_knowledge.py), consent
withdrawal and what it does, erasure and
export, who may call which route, and that every operation of the `skills`
tag is exercised and answers as openapi.json says.

    python3 tests/api/test_skills.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]
"""
import argparse  # noqa: F401  (run_demo_suite parses the command line)
import csv
import io
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import Client, check, eq, expect  # noqa: E402
import harness  # noqa: E402
import skills_knowledge  # noqa: E402
import skills_workbook  # noqa: E402


class Cfg:
    pass


CFG = Cfg()
SUITE = harness.Suite()
test = SUITE.test
API = "/api/v1"
P = "api-prog"
ST = {}   # what the tests share: enrolment and person ids

PEOPLE = {
    "admin": ("admin@skills.test", [("admin", None, None)]),
    "coord": ("coord@skills.test", []),
    "other_coord": ("other.coord@skills.test", []),
    "sponsor": ("sponsor@skills.test", []),
    "trainer": ("trainer@skills.test", []),
    "mentor": ("mentor@skills.test", []),
    "mentor2": ("mentor2@skills.test", []),
    "ana": ("ana@skills.test", []),
    "bo": ("bo@skills.test", []),
    "outsider": ("outsider@skills.test", []),
}


def request(method, path, headers=None, body=None, src="127.0.0.1", timeout=30):
    return harness.request(CFG.host, CFG.port, method, path, headers, body, src=src,
                           timeout=timeout, log=CFG.log)


def who(role):
    return CFG.clients[role]


def email(role):
    return PEOPLE[role][0]


def setup():
    CFG.clients = {"anonymous": Client("anonymous", send=request)}
    for role, (mail, grants) in PEOPLE.items():
        harness.add_user(CFG.bin, CFG.data, CFG.tmp, mail, role, *grants)
        token = harness.cli_ok(CFG.bin, "user", "token", "--data", CFG.data,
                               "--email", mail).strip()
        CFG.clients[role] = Client(role, bearer=token, send=request)


def grant(role, skills_role, programme):
    harness.cli_ok(CFG.bin, "user", "grant", "--data", CFG.data, "--email", email(role),
                   "--role", skills_role, "--programme", programme)


def person(name, mail, country="XAA", **extra):
    p = {"name": name, "email": mail, "country": country, "org_kind": "cirt"}
    p.update(extra)
    return p


def enrol(client, cohort, p, role="participant", consents=("participation", "evaluation"),
          status=201, **extra):
    body = {"person": p, "role": role, "consents": list(consents)}
    body.update(extra)
    return expect(who(client).post(f"{API}/cohorts/{cohort}/enrolments", body), status,
                  what=f"enrol {p.get('email')}")


def move(client, e, status, reason=None, expect_status=200):
    body = {"status": status}
    if reason:
        body["reason"] = reason
    return expect(who(client).call("PATCH", f"{API}/enrolments/{e}", body), expect_status,
                  what=f"enrolment {e} -> {status}")


def walk(e, *statuses):
    for s in statuses:
        move("coord", e, s)


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
    rc, out, _ = harness.cli(CFG.bin, "audit", "verify", "--data", CFG.data)
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
    with open(os.path.join(HERE, "..", "..", "src/server/openapi.json")) as f:
        doc = json.load(f)
    problems, seen = harness.exchanges_vs_openapi(doc, CFG.log)
    ops = {(meth.upper(), t) for t, item in doc["paths"].items() for meth, o in item.items()
           if "skills" in o.get("tags", [])}
    check(ops, "no skills operations in openapi.json")
    if not CFG.partial:
        problems += [f"{m} {t}: never exercised" for m, t in sorted(ops - seen)]
    check(not problems, f"{len(problems)} responses differ from openapi.json:\n  "
          + "\n  ".join(problems[:40]))


if __name__ == "__main__":
    sys.exit(harness.run_demo_suite(SUITE, CFG, setup, "cybercap-skills."))
