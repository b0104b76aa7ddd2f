#!/usr/bin/env python3
"""Workshops of respondents over the HTTP API (docs/workflow.md "Workshops",
docs/api.md "Workshops").

Standard library only. Starts its own `cybercap demo` on a free port with a
fresh data directory, loads a small maturity framework of its own (written
below into the temporary directory: two rating questions, one with evenly
spaced levels 0-4 and one with levels 10/20/40, and one question of every
other type) with `cybercap init --framework`, and creates campaign ws-2026
on it for XAA and XAB through POST /api/v1/campaigns. Then the whole
workshop: respondents added (a new account and an existing one), the
set-password token, answers in each respondent's own sign-in (cookie +
CSRF) and in the facilitator's hand, the spread (counts, median,
divergence by scale steps), the consensus through the assessment's own
answer, the annex workbook, removal, history and the audit chain; every
bad input; and that a respondent reaches nothing else. The authorisation
matrix with the respondent role is in test_workflow.py.

    python3 tests/api/test_workshop.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

The tests run in order and build on each other.
"""
import io
import json
import os
import re
import secrets
import sys
import time
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, Fail, Problems, check, eq, expect  # noqa: E402
import harness  # noqa: E402

CFG = harness.Cfg()
SUITE, test, client, login = CFG.suite, CFG.test, CFG.client, CFG.login
cli, cli_ok, add_user, db = CFG.cli, CFG.cli_ok, CFG.add_user, CFG.db
WS = "ws-2026"
FW_ID = "workshop-test"

# The questions are this file's own, written for the test.
FRAMEWORK = """\
cybercap: 1.1
id: workshop-test
title: Workshop test model
scales:
  - id: five
    name: Maturity level
    levels:
      - {value: 0, name: Absent}
      - {value: 1, name: Ad hoc}
      - {value: 2, name: Defined}
      - {value: 3, name: Managed}
      - {value: 4, name: Optimised}
  - id: steps
    name: Spaced levels
    levels:
      - {value: 10, name: Low}
      - {value: 20, name: Middle}
      - {value: 40, name: High}
nodes:
  - id: gov
    name: Governance
    children:
      - {id: gov.mandate, question: "How clearly is the team's mandate written down?", type: rating, scale: five}
      - {id: gov.budget, question: "How steady is the team's funding?", type: rating, scale: steps}
      - {id: gov.policy, question: "Is there a published policy?", type: yes_no}
  - id: ops
    name: Operations
    children:
      - id: ops.tools
        question: "Which tools are in use?"
        type: multi
        options:
          - {id: siem, label: Log collection, value: 0.5}
          - {id: ticket, label: Case tracking, value: 0.5}
      - {id: ops.staff, question: "How many staff?", type: number, goalposts: [0, 20]}
      - {id: ops.notes, question: "Anything else?", type: text}
      - {id: ops.cases, name: Cases handled, indicator: true}
"""
QUESTIONS = ["gov.mandate", "gov.budget", "gov.policy", "ops.tools", "ops.staff", "ops.notes"]
NEW_EMAIL = "amina.new@workshop.test"
OLD_EMAIL = "bruno.existing@workshop.test"
THIRD_EMAIL = "chen.third@workshop.test"


def A(unit="XAA", rest="", camp=WS):
    return f"{API}/campaigns/{camp}/assessments/{unit}{rest}"


def R(rid, rest="", unit="XAA", camp=WS):
    return A(unit, f"/respondents/{rid}{rest}", camp)


def question(resp_json, q):
    for item in resp_json["questions"]:
        if item["question"] == q:
            return item
    raise Fail(f"{q} not in the responses ({[i['question'] for i in resp_json['questions']]})")


def responses(c=None):
    return expect((c or CFG.fac).get(A(rest="/responses")), 200, what="GET responses").json()


# ---------------------------------------------------------------- the flow


@test
def framework_and_campaign_are_set_up():
    # the server notices the framework `cybercap init` added within a second or so
    deadline = time.time() + 10
    while True:
        r = client("anonymous").get(f"{API}/frameworks/{FW_ID}")
        if r.status == 200 or time.time() > deadline:
            break
        time.sleep(0.2)
    expect(r, 200, what="the framework")
    eq(r.json()["id"], FW_ID, "framework id")
    an = CFG.analyst
    expect(an.post(API + "/campaigns", {"id": WS, "framework": FW_ID, "title": "Workshop test",
                                        "year": 2026, "units": ["XAA", "XAB"]}),
           201, what="create ws-2026")
    # a respondent cannot be added while the campaign is a draft (the answers' rule)
    expect(CFG.fac.post(A(rest="/respondents"), {"email": "x@workshop.test", "name": "X",
                                                 "group": "cirt"}),
           409, "conflict", what="add to a draft campaign")
    expect(an.post(f"{API}/campaigns/{WS}/status", {"status": "open"}), 200, what="open ws-2026")
    add_user(OLD_EMAIL, "Bruno (existing account)")
    add_user("reviewer.ws@workshop.test", "Reviewer of ws-2026", ("reviewer", None, WS))
    add_user("focal.xab@workshop.test", "Focal point of XAB", ("focal_point", "XAB", None))


@test
def facilitator_adds_a_new_and_an_existing_account():
    fac = CFG.fac
    r = expect(fac.post(A(rest="/respondents"), {
        "email": "  " + NEW_EMAIL + " ", "name": " Amina K. ", "organisation": "National CIRT",
        "group": "cirt"}), 201, what="add a new account").json()
    eq((r["email"], r["name"], r["organisation"], r["group"], r["created"], r["answered"]),
       (NEW_EMAIL, "Amina K.", "National CIRT", "cirt", True, 0), "the new respondent")
    check(r["setup"] and re.fullmatch(r"[0-9a-f]{64}", r["setup"]["token"]),
          f"no set-password token: {r['setup']}")
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["setup"]["expires_at"]),
          f"expires_at {r['setup']['expires_at']!r}")
    CFG.new_id, CFG.new_user, CFG.token = r["id"], r["user_id"], r["setup"]["token"]
    # the token is kept only as its SHA-256, valid 7 days
    with db() as con:
        rows = con.execute("SELECT token_hash, expires_at, created_at, used_at FROM password_token "
                           "WHERE user_id = ?", (CFG.new_user,)).fetchall()
        eq(len(rows), 1, "password_token rows")
        import hashlib
        eq(rows[0][0], hashlib.sha256(CFG.token.encode()).hexdigest(), "stored token hash")
        import datetime
        t = [datetime.datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ") for v in rows[0][1:3]]
        days = (t[0] - t[1]).total_seconds() / 86400
        check(abs(days - 7) < 0.01, f"token valid {days} days")
        check(CFG.token not in json.dumps(con.execute("SELECT * FROM audit_event").fetchall()),
              "the token is in the audit trail")
    r = expect(fac.post(A(rest="/respondents"), {
        "email": OLD_EMAIL.upper(), "name": "Bruno", "organisation": None,
        "group": "private_sector"}), 201, what="link an existing account").json()
    eq((r["created"], r["setup"], r["organisation"], r["group"]),
       (False, None, "", "private_sector"), "the linked respondent")
    CFG.old_id = r["id"]
    lst = expect(fac.get(A(rest="/respondents")), 200, what="GET respondents").json()
    eq([(x["id"], x["email"], x["answered"]) for x in lst["respondents"]],
       [(CFG.new_id, NEW_EMAIL, 0), (CFG.old_id, OLD_EMAIL, 0)], "the list")


@test
def set_password_with_the_one_time_token():
    anon = client("anonymous", src="127.0.0.3")
    expect(harness.request(CFG.host, CFG.port, "POST", API + "/session",
                           {"Content-Type": "application/json"},
                           json.dumps({"email": NEW_EMAIL, "password": ""}).encode(),
                           src="127.0.0.3"), 401, what="sign-in before a password is set")
    expect(anon.post(API + "/password", {"token": CFG.token, "password": "short"}), 422,
           "invalid", "password", what="a password under 10 characters")
    expect(anon.post(API + "/password", {"token": CFG.token, "password": "x" * 1025}), 422,
           "invalid", "password", what="a password over 1024 characters")
    expect(anon.post(API + "/password", {"token": CFG.token}), 422, "invalid", "password",
           what="no password")
    expect(anon.post(API + "/password", {"token": 5, "password": "long enough pw"}), 422,
           "invalid", "token", what="a token that is not text")
    expect(anon.post(API + "/password", {"token": "f" * 64, "password": "long enough pw"}),
           400, "bad_token", "token", what="an unknown token")
    expect(anon.post(API + "/password", body=b"not json",
                     headers={"Content-Type": "application/json"}), 400, what="not JSON")
    CFG.passwords[NEW_EMAIL] = "a new password " + secrets.token_hex(4)
    expect(anon.post(API + "/password", {"token": CFG.token, "password": CFG.passwords[NEW_EMAIL]}),
           200, what="set the password")
    expect(anon.post(API + "/password", {"token": CFG.token, "password": "another password"}),
           400, "bad_token", "token", what="the token again (burnt)")
    CFG.amina = login(NEW_EMAIL)
    CFG.bruno = login(OLD_EMAIL)
    with db() as con:
        used = con.execute("SELECT used_at FROM password_token WHERE user_id = ?",
                           (CFG.new_user,)).fetchone()[0]
    check(used, "the token is not marked used")


@test
def set_password_is_rate_limited_per_address():
    c = client("guesser", src="127.0.0.9")
    got = [c.post(API + "/password", {"token": secrets.token_hex(32), "password": "long enough pw"})
           for _ in range(6)]
    eq([r.status for r in got], [400] * 5 + [429], "statuses of six bad tokens")
    check(int(got[-1].header("Retry-After") or 0) > 0, "no Retry-After")
    # another address is not held up, and sign-ins are a window of their own
    expect(client("other", src="127.0.0.10").post(API + "/password", {
        "token": "0" * 64, "password": "long enough pw"}), 400, "bad_token", what="another address")
    login(OLD_EMAIL, src="127.0.0.9")


@test
def me_shows_the_respondent_grant():
    me = expect(CFG.amina.get(API + "/me"), 200, what="/me").json()
    eq(me["user"]["roles"], [{"role": "respondent", "unit": "XAA", "campaign": WS,
                              "respondent": CFG.new_id}], "/me roles of a new respondent")
    me = CFG.bruno.get(API + "/me").json()
    eq(me["user"]["roles"], [{"role": "respondent", "unit": "XAA", "campaign": WS,
                              "respondent": CFG.old_id}], "/me roles of a linked account")


@test
def each_respondent_answers_in_their_own_sign_in():
    a, b = CFG.amina, CFG.bruno
    expect(a.put(R(CFG.new_id, "/answers/gov.mandate"), {"answer": "1"}, csrf=False), 403, "csrf",
           what="without the CSRF token")
    r = expect(a.put(R(CFG.new_id, "/answers/gov.mandate"), {"answer": " 1 ", "comment": "first"}),
               200, what="Amina answers").json()
    eq((r["respondent"], r["question"], r["answer"], r["comment"], r["by"]),
       (CFG.new_id, "gov.mandate", "1", "first", NEW_EMAIL), "the saved answer")
    expect(a.put(R(CFG.new_id, "/answers/gov.mandate"), {"answer": "0", "comment": "nothing written"}),
           200, what="Amina changes her answer")
    expect(b.put(R(CFG.old_id, "/answers/gov.mandate"), {"answer": "3", "comment": "we have a charter"}),
           200, what="Bruno answers")
    expect(a.put(R(CFG.new_id, "/answers/gov.budget"), {"answer": "20"}), 200, what="Amina budget")
    expect(b.put(R(CFG.old_id, "/answers/gov.budget"), {"answer": "40"}), 200, what="Bruno budget")
    expect(a.put(R(CFG.new_id, "/answers/ops.tools"), {"answer": "ticket|siem"}), 200, what="tools")
    expect(b.put(R(CFG.old_id, "/answers/ops.tools"), {"answer": "siem | ticket"}), 200, what="tools")
    expect(a.put(R(CFG.new_id, "/answers/ops.staff"), {"answer": "4"}), 200, what="staff")
    expect(b.put(R(CFG.old_id, "/answers/ops.staff"), {"answer": "4.0"}), 200, what="staff")
    expect(b.put(R(CFG.old_id, "/answers/gov.policy"), {"answer": "", "comment": "not sure"}),
           200, what="a comment without an answer")
    mine = expect(a.get(R(CFG.new_id)), 200, what="Amina reads her own").json()
    eq(sorted(mine["answers"]), ["gov.budget", "gov.mandate", "ops.staff", "ops.tools"],
       "Amina's questions")
    eq((mine["answers"]["gov.mandate"]["answer"], mine["answers"]["gov.mandate"]["by"],
        mine["answered"]), ("0", NEW_EMAIL, 4), "Amina's record")
    eq(CFG.bruno.get(R(CFG.old_id)).json()["answered"], 4, "Bruno's count (the comment is no answer)")


@test
def a_respondent_never_reaches_another_respondent():
    a = CFG.amina
    for what, r in (
            ("read Bruno", a.get(R(CFG.old_id))),
            ("write Bruno's answer", a.put(R(CFG.old_id, "/answers/gov.mandate"), {"answer": "4"})),
            ("remove Bruno", a.delete(R(CFG.old_id))),
            ("remove herself", a.delete(R(CFG.new_id))),
            ("an id that does not exist", a.get(R(999999))),
            ("an id that is not a number", a.get(R("abc"))),
            ("her id under XAB", a.get(R(CFG.new_id, unit="XAB"))),
            ("the list", a.get(A(rest="/respondents"))),
            ("add a respondent", a.post(A(rest="/respondents"), {
                "email": "z@workshop.test", "name": "Z", "group": "cirt"}))):
        expect(r, 403, "forbidden", what=f"Amina: {what}")
    eq(CFG.bruno.get(R(CFG.old_id)).json()["answers"]["gov.mandate"]["answer"], "3",
       "Bruno's answer after Amina's attempts")


@test
def facilitator_answers_in_a_respondents_hand():
    fac = CFG.analyst   # analysts facilitate too
    r = expect(fac.post(A(rest="/respondents"), {"email": THIRD_EMAIL, "name": "Chen",
                                                 "group": "academia"}), 201, what="add Chen").json()
    CFG.third_id = r["id"]
    r = expect(fac.put(R(CFG.third_id, "/answers/gov.budget"), {"answer": "20", "comment": "on paper"}),
               200, what="the analyst writes Chen's answer").json()
    eq(r["by"], "analyst@demo.cybercap", "by of an answer in the facilitator's hand")
    r = expect(CFG.fac.get(R(CFG.third_id)), 200, what="the focal point reads Chen").json()
    eq(r["answers"]["gov.budget"]["by"], "analyst@demo.cybercap", "by as stored")


@test
def spread_counts_median_and_divergence_by_scale_steps():
    doc = responses()
    eq([q["question"] for q in doc["questions"]], QUESTIONS, "every question, framework order")
    eq(doc["respondents"], 3, "respondents counted")
    m = question(doc, "gov.mandate")
    eq([(x["respondent"], x["answer"], x["comment"], x["label"]) for x in m["responses"]],
       [(CFG.new_id, "0", "nothing written", "Absent"), (CFG.old_id, "3", "we have a charter", "Managed")],
       "gov.mandate responses")
    eq(m["spread"], {"counts": {"0": 1, "3": 1}, "median": 1.5, "divergent": True},
       "gov.mandate spread (0 and 3: three steps)")
    eq(m["consensus"], None, "no consensus yet")
    # 10/20/40: 20 and 40 are 20 apart in value but one step: not divergent
    b = question(doc, "gov.budget")
    eq(b["spread"], {"counts": {"20": 2, "40": 1}, "median": 20, "divergent": False},
       "gov.budget spread (20, 20, 40: one step apart)")
    t = question(doc, "ops.tools")
    eq(t["spread"], {"counts": {"siem|ticket": 2}, "median": None, "divergent": False},
       "multi answers counted in one spelling")
    eq([x["label"] for x in t["responses"]], ["Log collection; Case tracking"] * 2, "multi labels")
    eq(question(doc, "ops.staff")["spread"]["counts"], {"4": 2}, "4 and 4.0 are one answer")
    p = question(doc, "gov.policy")
    eq(([(x["answer"], x["comment"]) for x in p["responses"]], p["spread"]["counts"]),
       ([("", "not sure")], {}), "a comment alone is a response, not a count")
    # a third rating two steps away makes gov.budget divergent; the median moves
    expect(CFG.fac.put(R(CFG.third_id, "/answers/gov.budget"), {"answer": "10"}), 200,
           what="Chen's budget to 10")
    b = question(responses(), "gov.budget")
    eq(b["spread"], {"counts": {"10": 1, "20": 1, "40": 1}, "median": 20, "divergent": True},
       "gov.budget spread (10, 20, 40: two steps)")


@test
def facilitator_records_the_consensus_and_dissent_stays():
    fac = CFG.fac
    expect(fac.put(A(rest="/answers/gov.mandate"), {"answer": "2", "comment": "agreed: a draft exists"}),
           200, what="the consensus through the assessment's answer")
    m = question(responses(), "gov.mandate")
    eq(m["consensus"], {"answer": "2", "label": "Defined", "comment": "agreed: a draft exists"},
       "the consensus")
    eq([(x["respondent"], x["answer"]) for x in m["responses"]],
       [(CFG.new_id, "0"), (CFG.old_id, "3")], "the dissent stays")
    eq(m["spread"]["divergent"], True, "the spread is the respondents', not the consensus'")
    # the consensus is the assessment's answer: scored and shown as today
    a = expect(fac.get(A()), 200, what="GET the assessment").json()
    eq(a["answers"]["gov.mandate"]["answer"], "2", "the assessment's answer")
    check(a["progress"]["points"] > 0, f"the consensus is scored: {a['progress']}")
    # the reviewer of the campaign and the analyst read the workshop; so does an admin
    for c in (CFG.reviewer, CFG.analyst, CFG.admin):
        eq(question(responses(c), "gov.mandate")["consensus"]["answer"], "2", f"{c.name} reads it")


@test
def empty_answer_clears_a_respondents_answer():
    b = CFG.bruno
    expect(b.put(R(CFG.old_id, "/answers/ops.staff"), {"answer": ""}), 200, what="clear")
    mine = b.get(R(CFG.old_id)).json()
    check("ops.staff" not in mine["answers"], f"ops.staff still there: {mine['answers']}")
    eq(mine["answered"], 3, "answered after clearing")
    eq(question(responses(), "ops.staff")["spread"]["counts"], {"4": 1}, "counts after clearing")
    with db() as con:
        hist = con.execute("SELECT answer FROM respondent_answer_history WHERE respondent_id = ? "
                           "AND question = 'ops.staff' ORDER BY id", (CFG.old_id,)).fetchall()
    eq([h[0] for h in hist], ["4.0", ""], "the history keeps the clearing")


@test
def bad_inputs_are_refused_with_the_field():
    fac, a = CFG.fac, CFG.amina
    p = Problems()
    add = A(rest="/respondents")
    good = {"email": "d@workshop.test", "name": "D", "group": "government"}
    for body, status, field, what in (
            (dict(good, email="not an email"), 422, "email", "an email without @"),
            (dict(good, email="a@b"), 422, "email", "an email without a domain dot"),
            (dict(good, email="a b@example.org"), 422, "email", "an email with a space"),
            (dict(good, email="a@@example.org"), 422, "email", "two @"),
            (dict(good, email=5), 422, "email", "an email that is not text"),
            ({"name": "D", "group": "cirt"}, 422, "email", "no email"),
            (dict(good, name=""), 422, "name", "an empty name"),
            (dict(good, name="   "), 422, "name", "a name of spaces"),
            (dict(good, name="a\nb"), 422, "name", "a name with a line break"),
            (dict(good, name="x" * 201), 422, "name", "a name over 200"),
            (dict(good, organisation=7), 422, "organisation", "an organisation not text"),
            (dict(good, group="media"), 422, "group", "an unknown group"),
            (dict(good, group=None), 422, "group", "no group"),
            (dict(good, email=NEW_EMAIL), 409, "email", "the same email twice"),
            (dict(good, email=NEW_EMAIL.upper()), 409, "email", "the same email in capitals")):
        p.expect(fac.post(add, body), status, field=field, what=what)
    p.expect(fac.post(add, body=b"[1]", headers={"Content-Type": "application/json"}), 400,
             what="not an object")
    p.expect(fac.post(A(rest="/respondents", camp="no-such-campaign"), good), 404, what="unknown campaign")
    p.expect(fac.post(A("XZZ", "/respondents"), good), 403, what="the focal point of XAA on XZZ")
    p.expect(CFG.admin.post(A("XZZ", "/respondents"), good), 404, what="a unit not in the campaign")
    p.expect(CFG.reviewer.post(add, good), 403, "forbidden", what="a reviewer adds")
    p.expect(CFG.focal_xab.post(add, good), 403, "forbidden", what="the focal point of XAB adds to XAA")
    p.expect(client("anonymous").post(add, good), 401, what="anonymous adds")
    ans = R(CFG.new_id, "/answers/gov.mandate")
    for body, status, field, what in (
            ({"answer": "5"}, 422, "answer", "a rating outside the scale"),
            ({"answer": "2.5"}, 422, "answer", "a rating between levels"),
            ({"answer": "high"}, 422, "answer", "a word for a rating"),
            ({"answer": 3}, 422, "answer", "an answer that is not text"),
            ({"comment": "x"}, 422, "answer", "no answer"),
            ({"answer": "1", "comment": 4}, 422, "comment", "a comment that is not text"),
            ({"answer": "1", "comment": "c" * 10001}, 422, "comment", "a comment over 10000")):
        p.expect(a.put(ans, body), status, field=field, what=what)
    p.expect(a.put(R(CFG.new_id, "/answers/gov.policy"), {"answer": "maybe"}), 422, field="answer",
             what="yes_no: maybe")
    p.expect(a.put(R(CFG.new_id, "/answers/ops.tools"), {"answer": "siem|fax"}), 422, field="answer",
             what="multi: an unknown option")
    p.expect(a.put(R(CFG.new_id, "/answers/no.such.question"), {"answer": "1"}), 404,
             field="question", what="an unknown question")
    p.expect(a.put(R(CFG.new_id, "/answers/gov"), {"answer": "1"}), 404, field="question",
             what="a group")
    p.expect(a.put(R(CFG.new_id, "/answers/ops.cases"), {"answer": "1"}), 404, field="question",
             what="an indicator")
    p.expect(fac.get(R(999999)), 404, what="facilitator: an unknown respondent")
    p.expect(fac.get(R("x1")), 404, what="facilitator: a respondent id that is not a number")
    p.expect(fac.get(A(rest="/respondents?removed=2")), 400, field="removed", what="removed=2")
    p.done()
    eq(a.get(R(CFG.new_id)).json()["answers"]["gov.mandate"]["answer"], "0",
       "Amina's answer after the refusals")


@test
def remove_a_respondent_answers_stay():
    fac = CFG.fac
    expect(CFG.reviewer.delete(R(CFG.third_id)), 403, "forbidden", what="a reviewer removes")
    r = expect(fac.delete(R(CFG.third_id)), 200, what="remove Chen").json()
    eq(r, {"id": CFG.third_id, "removed": True}, "DELETE answer")
    expect(fac.delete(R(CFG.third_id)), 404, what="remove Chen again")
    ids = [x["id"] for x in fac.get(A(rest="/respondents")).json()["respondents"]]
    eq(ids, [CFG.new_id, CFG.old_id], "the list without Chen")
    allr = fac.get(A(rest="/respondents?removed=1")).json()["respondents"]
    eq([(x["id"], x["removed"]) for x in allr],
       [(CFG.new_id, False), (CFG.old_id, False), (CFG.third_id, True)], "with removed=1")
    b = question(responses(), "gov.budget")
    eq(b["spread"], {"counts": {"20": 1, "40": 1}, "median": 30, "divergent": False},
       "the spread without Chen")
    with db() as con:
        kept = con.execute("SELECT answer FROM respondent_answer WHERE respondent_id = ?",
                           (CFG.third_id,)).fetchall()
        grants = con.execute("SELECT count(*) FROM role_grant g JOIN \"user\" u ON u.id = g.user_id "
                             "WHERE u.email = ? AND g.role = 'respondent'", (THIRD_EMAIL,)).fetchone()[0]
    eq(kept, [("10",)], "Chen's answer on record")
    eq(grants, 0, "Chen's grant")
    expect(fac.put(R(CFG.third_id, "/answers/gov.mandate"), {"answer": "1"}), 404,
           what="answer for a removed respondent")
    r = expect(fac.get(R(CFG.third_id)), 200, what="the facilitator still reads Chen").json()
    eq((r["removed"], r["answers"]["gov.budget"]["answer"]), (True, "10"), "Chen's record")


@test
def annex_workbook_lists_every_respondents_answer():
    r = expect(CFG.fac.get(A(rest="/responses.xlsx")), 200, what="GET responses.xlsx")
    eq(r.header("Content-Type"),
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Type")
    check("attachment" in (r.header("Content-Disposition") or ""), "not an attachment")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    eq(len(sheets), 2, f"sheets {sheets}")
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                   for si in root.findall("m:si", ns)]
    rows = sheet_rows(z.read("xl/worksheets/sheet1.xml"), strings)
    eq(rows[0][:4], ["respondent", "organisation", "group", "question id"], "header")
    head = rows[0]
    col = {name: head.index(name) for name in head}
    body = [dict((name, row[i] if i < len(row) else "") for name, i in col.items()) for row in rows[1:]]
    got = sorted((x["respondent"], x["question id"], x["answer"]) for x in body)
    want = sorted([("Amina K.", "gov.mandate", "0"), ("Amina K.", "gov.budget", "20"),
                   ("Amina K.", "ops.tools", "ticket|siem"), ("Amina K.", "ops.staff", "4"),
                   ("Bruno", "gov.mandate", "3"), ("Bruno", "gov.budget", "40"),
                   ("Bruno", "ops.tools", "siem | ticket"), ("Bruno", "gov.policy", ""),
                   ("Chen", "gov.budget", "10")])
    eq(got, want, "one row per respondent and question answered")
    m = [x for x in body if x["question id"] == "gov.mandate"]
    eq({(x["respondent"], x["answer label"], x["consensus"], x["consensus label"]) for x in m},
       {("Amina K.", "Absent", "2", "Defined"), ("Bruno", "Managed", "2", "Defined")},
       "labels and the consensus column")
    eq({x["removed"] for x in body if x["respondent"] == "Chen"}, {"yes"}, "Chen marked removed")
    eq({x["organisation"] for x in body if x["respondent"] == "Amina K."}, {"National CIRT"},
       "organisation")
    eq(body[0]["question"], "How clearly is the team's mandate written down?", "question text")


def sheet_rows(xml, strings):
    """The cell texts of a worksheet, row by row (shared or inline strings)."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    out = []
    for row in ET.fromstring(xml).iter(ns + "row"):
        cells = []
        for c in row.iter(ns + "c"):
            ref = re.match(r"([A-Z]+)", c.get("r")).group(1)
            i = 0
            for ch in ref:
                i = i * 26 + ord(ch) - 64
            while len(cells) < i - 1:
                cells.append("")
            v = c.find(ns + "v")
            if c.get("t") == "s":
                cells.append(strings[int(v.text)])
            elif c.get("t") == "inlineStr":
                cells.append("".join(t.text or "" for t in c.iter(ns + "t")))
            else:
                cells.append(v.text if v is not None else "")
        out.append(cells)
    return out


@test
def re_adding_a_removed_respondent_restores_them():
    r = expect(CFG.analyst.post(A(rest="/respondents"), {
        "email": THIRD_EMAIL, "name": "Chen W.", "group": "civil_society"}), 201, what="add Chen again").json()
    eq((r["id"], r["restored"], r["created"], r["group"], r["name"]),
       (CFG.third_id, True, False, "civil_society", "Chen W."), "Chen back")
    # Chen never set a password: a new token replaces the old one
    check(r["setup"] and r["setup"]["token"], "no new token for an account without a password")
    with db() as con:
        n = con.execute("SELECT count(*) FROM password_token t JOIN \"user\" u ON u.id = t.user_id "
                        "WHERE u.email = ?", (THIRD_EMAIL,)).fetchone()[0]
    eq(n, 1, "live tokens of Chen")
    expect(CFG.fac.delete(R(CFG.third_id)), 200, what="remove Chen once more")


@test
def history_and_audit_rows_and_the_chain_holds():
    with db() as con:
        hist = con.execute("SELECT answer, comment, author FROM respondent_answer_history WHERE "
                           "respondent_id = ? AND question = 'gov.mandate' ORDER BY id",
                           (CFG.new_id,)).fetchall()
        audit = con.execute("SELECT actor, action, before, after FROM audit_event WHERE entity = ? "
                            "ORDER BY id", (f"respondent_answer:{WS}/XAA/{CFG.new_id}/gov.mandate",)
                            ).fetchall()
        adds = con.execute("SELECT action FROM audit_event WHERE entity LIKE ? ORDER BY id",
                           (f"respondent:{WS}/XAA/%",)).fetchall()
        created = con.execute("SELECT count(*) FROM audit_event WHERE entity = ? AND action = 'create'",
                              ("user:" + NEW_EMAIL,)).fetchone()[0]
        pw = con.execute("SELECT count(*) FROM audit_event WHERE entity = ? AND action = 'password'",
                         (f"user:{CFG.new_user}",)).fetchone()[0]
    eq(hist, [("1", "first", NEW_EMAIL), ("0", "nothing written", NEW_EMAIL)], "history of Amina's answer")
    eq([(x[0], x[1]) for x in audit], [(NEW_EMAIL, "answer")] * 2, "audit of Amina's answer")
    eq(json.loads(audit[1][2]), {"answer": "1"}, "audit before")
    eq(json.loads(audit[1][3]), {"answer": "0", "comment": "nothing written"}, "audit after")
    eq([a[0] for a in adds], ["add", "add", "add", "remove", "restore", "remove"], "respondent events")
    eq((created, pw), (1, 1), "account creation and password set audited")
    rc, out, err = cli("audit", "verify", "--data", CFG.data)
    eq(rc, 0, f"cybercap audit verify: {out.strip()} {err.strip()}")


def rating_questions(fw):
    """(question id, [level values]) of every rating question of a
    framework tree as GET /frameworks/{id} gives it, in order."""
    scales = {sc["id"]: [lv["value"] for lv in sc["levels"]] for sc in fw.get("scales", [])}
    out, stack = [], list(reversed(fw["children"]))
    while stack:
        n = stack.pop()
        if n.get("type") == "rating":
            out.append((n["id"], scales[n["scale"]]))
        stack.extend(reversed(n.get("children", [])))
    return out


@test
def a_workshop_on_the_demos_maturity_campaign():
    """The demo's CSIRT maturity campaign, left open for a workshop: its
    first rating question (read from the framework, not assumed), two
    respondents at the ends of the scale and one in the middle, the focal
    point of XAB facilitating and recording the consensus."""
    camps = {c["id"]: c for c in client("anonymous").get(API + "/campaigns").json()["campaigns"]}
    open_maturity = [c for c in camps.values() if c["status"] == "open" and
                     rating_questions(client("anonymous").get(
                         f"{API}/frameworks/{c['framework']}").json())]
    check(open_maturity, f"no open campaign with rating questions in the demo: {sorted(camps)}")
    camp = open_maturity[0]
    fw = client("anonymous").get(f"{API}/frameworks/{camp['framework']}").json()
    q, levels = rating_questions(fw)[0]
    check(len(levels) >= 3, f"{q}: a scale of {levels}")
    fac = login("focal.xab@demo.cybercap")
    base = f"{API}/campaigns/{camp['id']}/assessments/XAB"
    # the demo seats three respondents already; they disagree somewhere
    before = expect(fac.get(base + "/responses"), 200, what="responses").json()
    seated = expect(fac.get(base + "/respondents"), 200, what="respondents").json()["respondents"]
    eq(len(seated), 3, "the demo's respondents")
    check(any(x["spread"]["divergent"] for x in before["questions"]),
          "the demo's workshop has a question where views differ by two levels")
    check(any(x["consensus"] and x["consensus"]["comment"] for x in before["questions"]),
          "the demo's workshop has a consensus with a note")
    earlier = [int(r["answer"]) for r in question(before, q)["responses"] if r["answer"]]
    ids = []
    for email, rating in (("low@demo.test", levels[0]), ("high@demo.test", levels[-1]),
                          ("mid@demo.test", levels[len(levels) // 2])):
        r = expect(fac.post(base + "/respondents", {"email": email, "name": email.split("@")[0],
                                                   "group": "cirt"}), 201, what=f"add {email}").json()
        ids.append(r["id"])
        expect(fac.put(f"{base}/respondents/{r['id']}/answers/{q}", {"answer": str(rating)}), 200,
               what=f"{email} rates {q} {rating}")
    ratings = sorted(earlier + [levels[0], levels[-1], levels[len(levels) // 2]])
    mid = len(ratings) // 2
    median = ratings[mid] if len(ratings) % 2 else (ratings[mid - 1] + ratings[mid]) / 2
    item = question(expect(fac.get(base + "/responses"), 200, what="responses").json(), q)
    eq(item["spread"]["median"], median, f"{q} median of {ratings}")
    eq(item["spread"]["divergent"], True, f"{q}: the ends of the scale diverge")
    eq(sum(item["spread"]["counts"].values()), len(ratings), f"{q} counts")
    expect(fac.put(f"{base}/answers/{q}", {"answer": str(levels[len(levels) // 2]),
                                           "comment": "consensus"}),
           200, what="the consensus")
    item = question(fac.get(base + "/responses").json(), q)
    eq((item["consensus"]["answer"], len(item["responses"])),
       (str(levels[len(levels) // 2]), len(ratings)), "consensus and dissent")
    # the focal point of XAA facilitates nothing here
    expect(CFG.fac.get(base + "/responses"), 403, "forbidden", what="focal XAA on XAB's workshop")


# ---------------------------------------------------------------- a respondent reaches nothing else


@test
def a_respondent_gets_403_on_everything_else():
    a = CFG.amina
    q = "gov.mandate"
    calls = [
        ("GET", A(), None), ("PUT", A(rest=f"/answers/{q}"), {"answer": "4"}),
        ("GET", A(rest=f"/answers/{q}/history"), None),
        ("POST", A(rest="/evidence"), {"question": q, "url": "https://example.org/x"}),
        ("GET", A(rest="/evidence/1"), None), ("POST", A(rest="/submit"), None),
        ("POST", A(rest="/return"), None), ("POST", A(rest="/validate"), None),
        ("POST", A(rest="/reviews"), {"question": q, "verdict": "accepted"}),
        ("GET", A(rest="/questionnaire.xlsx"), None), ("GET", A(rest="/targets"), None),
        ("GET", A(rest="/responses"), None), ("GET", A(rest="/responses.xlsx"), None),
        ("GET", A(rest="/respondents"), None),
        ("GET", A("XAB"), None), ("GET", A("XAB", "/responses"), None),
        ("GET", A("XAB", "/respondents"), None),
        ("GET", f"{API}/campaigns/nci-2028/assessments/XAA", None),
        ("POST", f"{API}/campaigns/{WS}/status", {"status": "review"}),
        ("POST", API + "/campaigns", {"id": "resp-x", "framework": FW_ID, "title": "t",
                                      "year": 2030, "units": ["XAA"]}),
    ]
    p = Problems()
    for method, path, obj in calls:
        p.expect(a.call(method, path, obj=obj), 403, "forbidden", what=f"{method} {path}")
    # public reads stay public, and hold no respondent's name or comment
    for path in (API + "/frameworks", f"{API}/frameworks/{FW_ID}", f"{API}/campaigns",
                 f"{API}/campaigns/{WS}", f"{API}/campaigns/nci-2026/results"):
        r = a.get(path)
        if p.check(r.status == 200, f"GET {path}: {r.status}"):
            for secret in (b"Amina", b"nothing written", b"charter", NEW_EMAIL.encode()):
                p.check(secret not in r.body, f"GET {path} shows {secret!r}")
    p.done()
    eq(CFG.fac.get(A()).json()["answers"][q]["answer"], "2", "the consensus after the attempts")


@test
def writes_stop_when_the_assessment_takes_none():
    """Submitted: no respondent writes (the answers' rule)."""
    fac = CFG.focal_xab
    r = expect(fac.post(A("XAB", "/respondents"), {"email": "e@workshop.test", "name": "E",
                                                   "group": "law_enforcement"}), 201,
               what="the focal point of XAB adds to XAB").json()
    expect(CFG.fac.get(R(r["id"], unit="XAB")), 403, "forbidden", what="focal XAA reads XAB's respondent")
    expect(CFG.fac.get(A("XAB", "/responses")), 403, "forbidden", what="focal XAA reads XAB's workshop")
    expect(fac.post(A("XAB", "/submit")), 200, what="submit XAB")
    expect(fac.put(R(r["id"], "/answers/gov.policy", unit="XAB"), {"answer": "yes"}), 409,
           "conflict", what="a respondent answer after submission")
    expect(fac.post(A("XAB", "/respondents"), {"email": "f@workshop.test", "name": "F",
                                               "group": "cirt"}), 409, "conflict",
           what="add after submission")
    expect(fac.delete(R(r["id"], unit="XAB")), 409, "conflict", what="remove after submission")
    eq(len(fac.get(A("XAB", "/respondents")).json()["respondents"]), 1, "XAB's respondents")


@test
def cli_grants_the_respondent_role_with_campaign_and_unit():
    for args, why in ((["--unit", "XAA"], "no --campaign"), (["--campaign", WS], "no --unit"),
                      (["--campaign", WS, "--unit", "FRA"], "a unit not in the campaign"),
                      (["--campaign", "nope", "--unit", "XAA"], "an unknown campaign")):
        rc, _, err = cli("user", "grant", "--data", CFG.data, "--email", OLD_EMAIL, "--role",
                         "respondent", *args)
        eq(rc, 2, f"grant respondent with {why}: {err.strip()}")
    cli_ok("user", "grant", "--data", CFG.data, "--email", OLD_EMAIL, "--role", "respondent",
           "--campaign", WS, "--unit", "XAB")
    me = login(OLD_EMAIL).get(API + "/me").json()
    eq(sorted((g["unit"], g.get("respondent") is not None) for g in me["user"]["roles"]),
       [("XAA", True), ("XAB", False)], "a grant without a respondent record")


@test
def every_exchange_matches_openapi():
    CFG.check_openapi()


# ---------------------------------------------------------------- main


def setup():
    fw = os.path.join(CFG.tmp, "workshop-test.yaml")
    with open(fw, "w") as f:
        f.write(FRAMEWORK)
    cli_ok("init", "--data", CFG.data, "--framework", fw)
    CFG.fac = login("focal.xaa@demo.cybercap")
    CFG.analyst = login("analyst@demo.cybercap")
    CFG.admin = login("admin@demo.cybercap")


def late_logins():
    CFG.reviewer = login("reviewer.ws@workshop.test")
    CFG.focal_xab = login("focal.xab@workshop.test")


def run(only):
    # the accounts made by the first test sign in before the rest
    first, rest = SUITE.tests[0], SUITE.tests[1:]
    SUITE.run_one(first.__name__, first)
    SUITE.run_one("late_sign_ins", late_logins)
    SUITE.tests = rest
    SUITE.run(only)


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-workshop.", run=run))
