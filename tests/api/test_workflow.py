#!/usr/bin/env python3
"""Accounts, authorization and the campaign workflow over the HTTP API
(docs/workflow.md, docs/api.md "Accounts and the campaign workflow").

Standard library only. Starts its own `cybercap demo` on a free port with a
fresh data directory (the tests sign in, write, upload, trip the login rate
limit and finally tamper with the audit trail, so they share nothing with
test_api.py), and stops it with SIGTERM at the end. Run by tests/api/run.sh;
by hand:

    python3 tests/api/test_workflow.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

Sign-ins: the demo's five accounts (read from its output), plus accounts made
with `cybercap user add/grant/token` for the scopes the demo lacks (a reviewer
for unit XAB only, a reviewer for the workflow's campaign, a bearer token for
the focal point of XAB, accounts for the rate-limit tests). Failed sign-ins
are limited per email and per client address, so the tests that fail on
purpose connect from other loopback addresses (127.0.0.2...) and the rest
from 127.0.0.1 never fail a sign-in.
"""
import hashlib
import json
import os
import re
import secrets
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from harness import (API, BACKEND, DB_ERRORS, Fail, Problems, check, eq, expect,  # noqa: E402
                     session_cookie)
import harness  # noqa: E402

CFG = harness.Cfg()
test, request, client, login = CFG.test, CFG.request, CFG.client, CFG.login
cli, cli_ok, add_user, db = CFG.cli, CFG.cli_ok, CFG.add_user, CFG.db
raw_exchange = CFG.raw_exchange
FW = "national-commitment"
OPEN = "nci-2028"           # the demo's open campaign (40 units)
PUBLISHED = "nci-2026"
# Questions of national-commitment used below (type, evidence):
Q_CHOICE = "legal.cybercrime.substantive.systems"      # choice, evidence required
Q_YESNO = "legal.cybercrime.procedural.search_seizure"  # yes_no, evidence required
Q_OPTIONAL = "technical.standards.certification"        # yes_no, evidence optional


# ---------------------------------------------------------------- HTTP


ANON = client("anonymous")


def login_raw(email, password, src="127.0.0.1", cookie=None):
    h = {"Content-Type": "application/json"}
    if cookie:
        h["Cookie"] = f"cc_session={cookie}"
    return request("POST", API + "/session", headers=h,
                   body=json.dumps({"email": email, "password": password}).encode(), src=src)


_sessions = {}


def who(key):
    """Cached clients, by role key (see ROLES)."""
    if key not in _sessions:
        if key == "anonymous":
            _sessions[key] = ANON
        elif key == "focal_bearer":
            _sessions[key] = client(key, bearer=CFG.bearer_xab)
        else:
            _sessions[key] = login(ROLE_EMAIL[key], name=key)
    return _sessions[key]


def A(camp, unit="", rest=""):
    """The path of an assessment (or of something under it)."""
    p = f"{API}/campaigns/{camp}/assessments/{unit}"
    return p + rest


def status_of(client, camp, unit):
    r = client.get(A(camp, unit))
    eq(r.status, 200, f"GET assessment {camp}/{unit} as {client.name} ({r.body[:200]!r})")
    return r.json()


# ---------------------------------------------------------------- roles

# Role keys and their accounts. The demo's reviewer is limited to campaign
# nci-2028; reviewer_xab (made here) to unit XAB in every campaign;
# focal_bearer is the focal point of XAB calling with a bearer token.
ROLE_EMAIL = {
    "admin": "admin@demo.cybercap",
    "analyst": "analyst@demo.cybercap",
    "reviewer_open": "reviewer@demo.cybercap",
    "reviewer_xab": "reviewer.xab@test.cybercap",
    "focal_xaa": "focal.xaa@demo.cybercap",
    "focal_xab": "focal.xab@demo.cybercap",
    "reviewer_wf": "reviewer.wf@test.cybercap",
    "respondent_xaa": "respondent.xaa@test.cybercap",
    "participant_xaa": "participant.xaa@test.cybercap",
}
ROLES = ["anonymous", "admin", "analyst", "reviewer_open", "reviewer_xab",
         "focal_xaa", "focal_xab", "focal_bearer", "respondent_xaa"]


# ---------------------------------------------------------------- 1. authorization


# What each caller may do on campaign nci-2028 (open), unit by unit, written
# from the role rules (docs/workflow.md), not from the server:
#   admin        everything
#   analyst      read, return, validate, review, history, create campaigns, move status
#   reviewer     read, return, review, history (in its scope)
#   focal_point  read, answer, evidence, submit, history (its unit only)
#   respondent   nothing here (a respondent of XAA in nci-2028: see WS_MATRIX)
# "ok" = allowed (any status but 401/403; 409/422 are state errors),
# 401 = not signed in, 403 = outside the role or the scope.
#   prefill      focal points (their unit), analysts, admins (docs/crosswalks.md);
#                options (GET .../prefill, what it may start from): the same
#   confirm      as answer: focal points (their unit), admins
ENDPOINTS = ["read", "answer", "evidence", "submit", "return", "validate", "review",
             "history", "create", "status", "prefill", "options", "confirm"]
MATRIX = """
role           unit  read answer evidence submit return validate review history create status prefill options confirm
anonymous      XAA   401  401    401      401    401    401      401    401     401    401    401     401     401
anonymous      XAB   401  401    401      401    401    401      401    401     401    401    401     401     401
admin          XAA   ok   ok     ok       ok     ok     ok       ok     ok      ok     ok     ok      ok      ok
admin          XAB   ok   ok     ok       ok     ok     ok       ok     ok      ok     ok     ok      ok      ok
analyst        XAA   ok   403    403      403    ok     ok       ok     ok      ok     ok     ok      ok      403
analyst        XAB   ok   403    403      403    ok     ok       ok     ok      ok     ok     ok      ok      403
reviewer_open  XAA   ok   403    403      403    ok     403      ok     ok      403    403    403     403     403
reviewer_open  XAB   ok   403    403      403    ok     403      ok     ok      403    403    403     403     403
reviewer_xab   XAA   403  403    403      403    403    403      403    403     403    403    403     403     403
reviewer_xab   XAB   ok   403    403      403    ok     403      ok     ok      403    403    403     403     403
focal_xaa      XAA   ok   ok     ok       ok     403    403      403    ok      403    403    ok      ok      ok
focal_xaa      XAB   403  403    403      403    403    403      403    403     403    403    403     403     403
focal_xab      XAA   403  403    403      403    403    403      403    403     403    403    403     403     403
focal_xab      XAB   ok   ok     ok       ok     403    403      403    ok      403    403    ok      ok      ok
focal_bearer   XAA   403  403    403      403    403    403      403    403     403    403    403     403     403
focal_bearer   XAB   ok   ok     ok       ok     403    403      403    ok      403    403    ok      ok      ok
respondent_xaa XAA   403  403    403      403    403    403      403    403     403    403    403     403     403
respondent_xaa XAB   403  403    403      403    403    403      403    403     403    403    403     403     403
"""

# The workshop of each assessment (docs/workflow.md "Workshops"), same callers:
#   facilitators (admin, analyst, the unit's focal point) everything;
#   whoever reads the assessment (reviewers in scope) the list and the
#   responses; the respondent (of XAA) only their own record and answers.
# "own" is the respondent_xaa record (under XAB: an id that is not XAB's);
# "other" another respondent of that unit, whom "remove" takes off (later
# calls then get 404: "ok" for facilitators, still 403 for the rest).
WS_ENDPOINTS = ["add", "list", "own", "other", "answer_own", "answer_other", "remove",
                "responses", "annex"]
WS_MATRIX = """
role           unit  add list own other answer_own answer_other remove responses annex
anonymous      XAA   401 401  401 401   401        401          401    401       401
anonymous      XAB   401 401  401 401   401        401          401    401       401
admin          XAA   ok  ok   ok  ok    ok         ok           ok     ok        ok
admin          XAB   ok  ok   ok  ok    ok         ok           ok     ok        ok
analyst        XAA   ok  ok   ok  ok    ok         ok           ok     ok        ok
analyst        XAB   ok  ok   ok  ok    ok         ok           ok     ok        ok
reviewer_open  XAA   403 ok   403 403   403        403          403    ok        ok
reviewer_open  XAB   403 ok   403 403   403        403          403    ok        ok
reviewer_xab   XAA   403 403  403 403   403        403          403    403       403
reviewer_xab   XAB   403 ok   403 403   403        403          403    ok        ok
focal_xaa      XAA   ok  ok   ok  ok    ok         ok           ok     ok        ok
focal_xaa      XAB   403 403  403 403   403        403          403    403       403
focal_xab      XAA   403 403  403 403   403        403          403    403       403
focal_xab      XAB   ok  ok   ok  ok    ok         ok           ok     ok        ok
focal_bearer   XAA   403 403  403 403   403        403          403    403       403
focal_bearer   XAB   ok  ok   ok  ok    ok         ok           ok     ok        ok
respondent_xaa XAA   403 403  ok  403   ok         403          403    403       403
respondent_xaa XAB   403 403  403 403   403        403          403    403       403
"""


def parse_matrix(text, endpoints=ENDPOINTS):
    rows = [line.split() for line in text.strip().splitlines()]
    head = rows[0]
    eq(head[2:], endpoints, "matrix columns")
    table = {}
    for r in rows[1:]:
        for ep, want in zip(head[2:], r[2:]):
            table[(r[0], r[1], ep)] = want
    eq({k[0] for k in table}, set(ROLES), "matrix roles")
    return table


def call_endpoint(c, ep, unit, tag):
    """One call of endpoint ep on nci-2028/unit; bodies are well formed."""
    a = A(OPEN, unit)
    if ep == "read":
        return c.get(a)
    if ep == "answer":
        return c.put(a + f"/answers/{Q_YESNO}", {"answer": "yes", "comment": f"matrix {tag}"})
    if ep == "evidence":
        return c.post(a + "/evidence", {"question": Q_YESNO,
                                        "url": f"https://example.org/matrix/{tag}"})
    if ep == "submit":
        return c.post(a + "/submit")
    if ep == "return":
        return c.post(a + "/return")
    if ep == "validate":
        return c.post(a + "/validate")
    if ep == "review":
        return c.post(a + "/reviews", {"question": Q_YESNO, "verdict": "accepted"})
    if ep == "history":
        return c.get(a + f"/answers/{Q_YESNO}/history")
    if ep == "create":
        return c.post(API + "/campaigns", {"id": f"m-{tag}", "framework": FW, "title": "matrix",
                                           "year": 2030, "units": [unit]})
    if ep == "status":
        # "draft" is refused (422) after the role check: nci-2028 stays open
        return c.post(f"{API}/campaigns/{OPEN}/status", {"status": "draft"})
    if ep == "prefill":
        # an unknown mapping is refused (422, or 409 once submitted) after
        # the role check: nothing is pre-filled
        return c.post(a + "/prefill", {"mapping": "no-such-mapping", "from_campaign": PUBLISHED})
    if ep == "options":
        return c.get(a + "/prefill")
    if ep == "confirm":
        # nothing is pre-filled here: 409 after the role check
        return c.post(a + f"/answers/{Q_YESNO}/confirm")
    raise ValueError(ep)


def call_workshop(c, ep, unit, tag):
    """One call of workshop endpoint ep on nci-2028/unit; bodies are well formed."""
    a = A(OPEN, unit)
    other = CFG.ws_other[unit]
    if ep == "add":
        return c.post(a + "/respondents", {"email": f"{tag}@matrix.test", "name": f"M {tag}",
                                           "group": "academia"})
    if ep == "list":
        return c.get(a + "/respondents")
    if ep == "own":
        return c.get(a + f"/respondents/{CFG.ws_own}")
    if ep == "other":
        return c.get(a + f"/respondents/{other}")
    if ep == "answer_own":
        return c.put(a + f"/respondents/{CFG.ws_own}/answers/{Q_YESNO}", {"answer": "yes"})
    if ep == "answer_other":
        return c.put(a + f"/respondents/{other}/answers/{Q_YESNO}", {"answer": "no"})
    if ep == "remove":
        return c.delete(a + f"/respondents/{other}")
    if ep == "responses":
        return c.get(a + "/responses")
    if ep == "annex":
        return c.get(a + "/responses.xlsx")
    raise ValueError(ep)


def cell_good(r, want, ok_statuses=None):
    """Whether response r is what a matrix cell says: "ok" (any status but
    401/403 and below 500, or one of ok_statuses), "401" unauthenticated,
    "403" forbidden."""
    code, _ = r.error()
    if want == "ok":
        return r.status in ok_statuses if ok_statuses else r.status not in (401, 403) and r.status < 500
    if want == "401":
        return r.status == 401 and code == "unauthenticated"
    return r.status == 403 and code == "forbidden"


def check_matrix(text, endpoints, call):
    table = parse_matrix(text, endpoints)
    wrong = []
    for role in ROLES:
        c = who(role)
        for unit in ("XAA", "XAB"):
            for ep in endpoints:
                want = table[(role, unit, ep)]
                r = call(c, ep, unit, f"{role}-{unit}".replace("_", "-").lower())
                if not cell_good(r, want):
                    wrong.append(f"{role} {ep} {unit}: got {r.status} {r.error()[0]}, "
                                 f"expected {want}")
    check(not wrong, f"{len(wrong)} cells differ:\n  " + "\n  ".join(wrong))


@test
def authorization_matrix():
    check_matrix(MATRIX, ENDPOINTS, call_endpoint)


@test
def authorization_matrix_of_workshops():
    check_matrix(WS_MATRIX, WS_ENDPOINTS, call_workshop)
    # what the respondent wrote is theirs; the other respondents' are not
    mine = who("respondent_xaa").get(A(OPEN, "XAA", f"/respondents/{CFG.ws_own}")).json()
    eq(mine["answers"][Q_YESNO]["answer"], "yes", "the respondent's own answer")


# Action plans (docs/api.md "Action plans"), the same callers on four plans
# the test makes: XAA's and XAB's, each public and private. Written from the
# rules, not from the server:
#   reading (every GET of a plan): a public plan anyone; a private one the
#     unit's focal points (focal_bearer is XAB's), analysts and admins; the
#     history (it names people) those only, public plan or not;
#   changing (every write, whatever the plan's visibility, and deleting the
#     plan: plan_del, on a fresh plan of the same unit and visibility): the
#     same people;
#   anonymous 401; everyone else 403 (a reviewer, a respondent, the other
#   unit's focal point). "list" is GET /plans?unit=U: 200 for everyone, with
#   the private plan in it only for those who may read it (checked too).
PLAN_ENDPOINTS = ["list", "read", "monitoring", "report", "csv", "xlsx", "history", "services",
                  "action", "create", "patch", "obj_add", "obj_patch", "obj_del", "act_add",
                  "act_patch", "act_del", "draft", "services_put", "plan_del"]
PLAN_MATRIX = """
role           unit vis  list read monitoring report csv xlsx history services action create patch obj_add obj_patch obj_del act_add act_patch act_del draft services_put plan_del
anonymous      XAA  pub  ok   ok   ok         ok     ok  ok   401     ok       ok     401    401   401     401       401     401     401       401     401   401          401
anonymous      XAA  priv ok   401  401        401    401 401  401     401      401    401    401   401     401       401     401     401       401     401   401          401
anonymous      XAB  pub  ok   ok   ok         ok     ok  ok   401     ok       ok     401    401   401     401       401     401     401       401     401   401          401
anonymous      XAB  priv ok   401  401        401    401 401  401     401      401    401    401   401     401       401     401     401       401     401   401          401
admin          XAA  pub  ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
admin          XAA  priv ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
admin          XAB  pub  ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
admin          XAB  priv ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
analyst        XAA  pub  ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
analyst        XAA  priv ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
analyst        XAB  pub  ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
analyst        XAB  priv ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
reviewer_open  XAA  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
reviewer_open  XAA  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
reviewer_open  XAB  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
reviewer_open  XAB  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
reviewer_xab   XAA  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
reviewer_xab   XAA  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
reviewer_xab   XAB  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
reviewer_xab   XAB  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
focal_xaa      XAA  pub  ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
focal_xaa      XAA  priv ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
focal_xaa      XAB  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
focal_xaa      XAB  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
focal_xab      XAA  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
focal_xab      XAA  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
focal_xab      XAB  pub  ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
focal_xab      XAB  priv ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
focal_bearer   XAA  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
focal_bearer   XAA  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
focal_bearer   XAB  pub  ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
focal_bearer   XAB  priv ok   ok   ok         ok     ok  ok   ok      ok       ok     ok     ok    ok      ok        ok      ok      ok        ok      ok    ok           ok
respondent_xaa XAA  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
respondent_xaa XAA  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
respondent_xaa XAB  pub  ok   ok   ok         ok     ok  ok   403     ok       ok     403    403   403     403       403     403     403       403     403   403          403
respondent_xaa XAB  priv ok   403  403        403    403 403  403     403      403    403    403   403     403       403     403     403       403     403   403          403
"""


def plan_id(unit, vis):
    return f"m-{unit.lower()}-{vis}"


def call_plan(c, ep, unit, vis, tag, admin):
    """One call of plan endpoint ep on the matrix plan of (unit, vis)."""
    p = f"{API}/plans/{plan_id(unit, vis)}"
    o, a = CFG.plan_parts[(unit, vis)]
    if ep == "list":
        return c.get(f"{API}/plans?unit={unit}")
    reads = {"read": "", "monitoring": "/monitoring", "report": "/report?period=2026-H1",
             "csv": "/report.csv", "xlsx": "/report.xlsx", "history": "/history",
             "services": "/services", "action": f"/actions/{a}"}
    if ep in reads:
        return c.get(p + reads[ep])
    if ep == "create":
        return c.post(API + "/plans", {"id": f"mc-{tag}", "unit": unit, "title": "matrix",
                                       "start": "2026-01-01", "end": "2026-12-31",
                                       "public": vis == "pub"})
    if ep == "patch":
        return c.call("PATCH", p, obj={"title": f"matrix {tag}"})
    if ep == "obj_add":
        return c.post(p + "/objectives", {"title": f"matrix {tag}"})
    if ep == "obj_patch":
        return c.call("PATCH", p + f"/objectives/{o}", obj={"title": f"matrix {tag}"})
    if ep == "obj_del":
        fresh = admin.post(p + "/objectives", {"title": f"to delete {tag}"}).json()["id"]
        return c.delete(p + f"/objectives/{fresh}")
    body = {"objective": o, "title": f"matrix {tag}", "owner": "o", "start": "2026-01-01",
            "due": "2026-06-30", "status": "planned"}
    if ep == "act_add":
        return c.post(p + "/actions", body)
    if ep == "act_patch":
        return c.call("PATCH", p + f"/actions/{a}", obj={"progress": 10})
    if ep == "act_del":
        fresh = admin.post(p + "/actions", body).json()["id"]
        return c.delete(p + f"/actions/{fresh}")
    if ep == "draft":
        return c.post(p + "/draft", {"campaign": "nci-2025", "top": 1})
    if ep == "services_put":
        return c.put(p + "/services", {"services": ["2.1"]})
    if ep == "plan_del":
        fresh = f"md-{tag}"[:64]
        made = admin.post(API + "/plans", {"id": fresh, "unit": unit, "title": "to delete",
                                           "start": "2026-01-01", "end": "2026-12-31",
                                           "public": vis == "pub"})
        if made.status != 201:
            raise Fail(f"making plan {fresh}: {made.status} {made.body[:200]!r}")
        return c.delete(f"{API}/plans/{fresh}")
    raise ValueError(ep)


@test
def authorization_matrix_of_plans():
    admin = login(ROLE_EMAIL["admin"], name="admin (plans)")
    CFG.plan_parts = {}
    for unit in ("XAA", "XAB"):
        for vis in ("pub", "priv"):
            pid = plan_id(unit, vis)
            r = admin.post(API + "/plans", {"id": pid, "unit": unit, "title": pid,
                                            "start": "2026-01-01", "end": "2026-12-31",
                                            "public": vis == "pub"})
            eq(r.status, 201, f"matrix plan {pid} ({r.body[:200]!r})")
            o = admin.post(f"{API}/plans/{pid}/objectives", {"title": "o"}).json()["id"]
            a = admin.post(f"{API}/plans/{pid}/actions", {"objective": o, "title": "a",
                           "owner": "o", "start": "2026-01-01", "due": "2026-06-30",
                           "status": "planned"}).json()["id"]
            CFG.plan_parts[(unit, vis)] = (o, a)
    rows = [line.split() for line in PLAN_MATRIX.strip().splitlines()]
    eq(rows[0][3:], PLAN_ENDPOINTS, "plan matrix columns")
    table = {(r[0], r[1], r[2], ep): want for r in rows[1:] for ep, want in zip(rows[0][3:], r[3:])}
    eq({k[0] for k in table}, set(ROLES), "plan matrix roles")
    wrong = []
    for role in ROLES:
        c = who(role)
        for unit in ("XAA", "XAB"):
            for vis in ("pub", "priv"):
                for ep in PLAN_ENDPOINTS:
                    want = table[(role, unit, vis, ep)]
                    tag = f"{role}-{unit}-{vis}-{ep}".replace("_", "-").lower()
                    r = call_plan(c, ep, unit, vis, tag, admin)
                    good = cell_good(r, want, (200, 201))
                    if good and ep in ("read", "list") and want == "ok":
                        body = json.dumps(r.json())
                        # names only for those who may change the plan
                        good = ('"created_by"' in body) == (table[(role, unit, vis, "patch")] == "ok")
                    if good and ep == "list":
                        ids = {p["id"] for p in r.json()["plans"]}
                        sees = table[(role, unit, "priv", "read")] == "ok"
                        good = plan_id(unit, "pub") in ids and (plan_id(unit, "priv") in ids) == sees
                    if not good:
                        wrong.append(f"{role} {ep} {unit} {vis}: got {r.status} {r.error()[0]} "
                                     f"{r.body[:80]!r}, expected {want}")
    check(not wrong, f"{len(wrong)} cells differ:\n  " + "\n  ".join(wrong[:60]))


# Risk assessments (docs/api.md "Risk assessments"), the same callers and a
# participant of XAA's risk workshops (participant_xaa: an account with no
# role, added to the workshops of XAA's two assessments), on four
# assessments the test makes: XAA's and XAB's, each published and not.
# Written from the rules, not from the server:
#   the team (admins, analysts, the unit's focal points: focal_bearer is
#     XAB's) everything;
#   anyone: the list (200, with an unpublished assessment in it only for its
#     team and participants, checked too), and once published the
#     assessment record and the public register;
#   the participant: the assessment record (published or not), their own
#     record and their own ratings; 403 for every other participant, and
#     for the rest;
#   anonymous 401 for the rest, everyone else 403.
# "own" is participant_xaa's record (under XAB: another person's first);
# "other" another participant of that assessment.
RISK_ROLES = ROLES + ["participant_xaa"]
RISK_ENDPOINTS = ["list", "read", "public", "risks", "risk", "heatmap", "review", "gain",
                  "sectors", "csv", "xlsx", "workshop", "parts", "own", "other", "rate_own",
                  "rate_other", "create", "patch", "r_add", "r_patch", "r_del", "rating", "treat",
                  "upload", "p_add", "p_del"]
_T = "ok  ok   ok     ok    ok   ok      ok     ok   ok      ok  ok   ok       ok    ok  ok    ok       ok         ok     ok    ok    ok      ok    ok     ok    ok     ok    ok"
_O = "ok  {r}  {r}    {x}   {x}  {x}     {x}    {x}  {x}     {x} {x}  {x}      {x}   {x} {x}   {x}      {x}        {x}    {x}   {x}   {x}     {x}   {x}    {x}   {x}    {x}   {x}"
_P = "ok  ok   {r}    403   403  403     403    403  403     403 403  403      403   ok  403   ok       403        403    403   403   403     403   403    403   403    403   403"


def _row(role, unit, vis, line):
    return f"{role} {unit} {vis} {line}"


def _risk_matrix():
    lines = ["role unit vis " + " ".join(RISK_ENDPOINTS)]
    for role in RISK_ROLES:
        for unit in ("XAA", "XAB"):
            for vis in ("pub", "priv"):
                team = role in ("admin", "analyst") or (role, unit) in (
                    ("focal_xaa", "XAA"), ("focal_xab", "XAB"), ("focal_bearer", "XAB"))
                x = "401" if role == "anonymous" else "403"
                r = "ok" if vis == "pub" else x
                if team:
                    line = _T
                elif role == "participant_xaa" and unit == "XAA":
                    line = _P.format(r=r)
                else:
                    line = _O.format(r=r, x=x)
                lines.append(_row(role, unit, vis, line))
    return "\n".join(lines)


RISK_MATRIX = _risk_matrix()
RISK_ROW = {"title": "matrix risk", "scenario": "s", "sectors": ["health"], "threat": "malware",
            "actor": "criminal", "owner": "o",
            "inherent": {"likelihood": "L3", "impacts": {"human": "I3"}},
            "current": {"likelihood": "L2", "impacts": {"human": "I2"}}}


def risk_id(unit, vis):
    return f"m-{unit.lower()}-{vis}"


def call_risk(c, ep, unit, vis, tag, admin):
    """One call of risk endpoint ep on the matrix assessment of (unit, vis)."""
    a = f"{API}/risk-assessments/{risk_id(unit, vis)}"
    own, other = CFG.risk_parts[(unit, vis)]
    rating = {"likelihood": "L1", "impacts": {"services": "I1"}}
    reads = {"read": "", "public": "/public", "risks": "/risks", "risk": "/risks/r1",
             "heatmap": "/heatmap", "review": "/review-due", "gain": "/treatment-gain",
             "sectors": "/sectors", "csv": "/register.csv", "xlsx": "/register.xlsx",
             "workshop": "/workshop", "parts": "/participants", "own": f"/participants/{own}",
             "other": f"/participants/{other}"}
    if ep == "list":
        return c.get(f"{API}/risk-assessments?unit={unit}")
    if ep in reads:
        return c.get(a + reads[ep])
    if ep == "rate_own":
        return c.put(a + f"/participants/{own}/ratings/r1", rating)
    if ep == "rate_other":
        return c.put(a + f"/participants/{other}/ratings/r1", rating)
    if ep == "create":
        return c.post(API + "/risk-assessments", {"id": f"mc-{tag}", "unit": unit,
                                                  "title": "matrix", "matrix": "national-5x5",
                                                  "start": "2026-01-01", "end": "2026-12-31"})
    if ep == "patch":
        return c.call("PATCH", a, obj={"title": f"matrix {tag}"})
    if ep == "r_add":
        return c.post(a + "/risks", dict(RISK_ROW, id=f"add-{tag}"))
    if ep == "r_patch":
        return c.call("PATCH", a + "/risks/r1", obj={"owner": f"owner {tag}"})
    if ep == "r_del":
        admin.post(a + "/risks", dict(RISK_ROW, id=f"del-{tag}"))
        return c.delete(a + f"/risks/del-{tag}")
    if ep == "rating":
        return c.put(a + "/risks/r1/ratings/target", rating)
    if ep == "treat":
        return c.post(a + "/risks/r1/treatments", {"option": "accept", "justification": tag})
    if ep == "upload":
        body = ("id,title,scenario,sectors,threat,actor,owner,inherent_likelihood,"
                "inherent_impact_human,current_likelihood,current_impact_human\r\n"
                f"up-{tag},t,s,health,malware,criminal,o,L2,I2,L1,I1\r\n").encode()
        return c.call("POST", a + "/register", body=body, headers={"Content-Type": "text/csv"})
    if ep == "p_add":
        return c.post(a + "/participants", {"email": f"p-{tag}@test.cybercap", "name": "P",
                                            "group": "cirt"})
    if ep == "p_del":
        pid = admin.post(a + "/participants", {"email": f"d-{tag}@test.cybercap", "name": "D",
                                               "group": "cirt"}).json()["id"]
        return c.delete(a + f"/participants/{pid}")
    raise ValueError(ep)


@test
def authorization_matrix_of_risk_assessments():
    admin = login(ROLE_EMAIL["admin"], name="admin (risks)")
    add_user(ROLE_EMAIL["participant_xaa"], "Participant of XAA")
    CFG.risk_parts = {}
    for unit in ("XAA", "XAB"):
        for vis in ("pub", "priv"):
            aid = risk_id(unit, vis)
            base = f"{API}/risk-assessments/{aid}"
            r = admin.post(API + "/risk-assessments", {"id": aid, "unit": unit, "title": aid,
                                                       "matrix": "national-5x5",
                                                       "start": "2026-01-01", "end": "2026-12-31"})
            eq(r.status, 201, f"matrix assessment {aid} ({r.body[:200]!r})")
            eq(admin.post(base + "/risks", dict(RISK_ROW, id="r1")).status, 201, "risk r1")
            first = ROLE_EMAIL["participant_xaa"] if unit == "XAA" else f"first.{aid}@test.cybercap"
            own = admin.post(base + "/participants", {"email": first, "name": "Own",
                                                      "group": "government"}).json()["id"]
            other = admin.post(base + "/participants", {"email": f"other.{aid}@test.cybercap",
                                                        "name": "Other", "group": "cirt"}).json()["id"]
            CFG.risk_parts[(unit, vis)] = (own, other)
            if vis == "pub":
                eq(admin.call("PATCH", base, obj={"published": True}).status, 200, "publish")
    rows = [line.split() for line in RISK_MATRIX.strip().splitlines()]
    eq(rows[0][3:], RISK_ENDPOINTS, "risk matrix columns")
    table = {(r[0], r[1], r[2], ep): want for r in rows[1:] for ep, want in zip(rows[0][3:], r[3:])}
    eq({k[0] for k in table}, set(RISK_ROLES), "risk matrix roles")
    wrong = []
    for role in RISK_ROLES:
        c = who(role)
        for unit in ("XAA", "XAB"):
            for vis in ("pub", "priv"):
                for ep in RISK_ENDPOINTS:
                    want = table[(role, unit, vis, ep)]
                    tag = f"{role}-{unit}-{vis}-{ep}".replace("_", "-").lower()
                    r = call_risk(c, ep, unit, vis, tag, admin)
                    good = cell_good(r, want, (200, 201))
                    if good and ep == "list":
                        ids = {x["id"] for x in r.json()["risk_assessments"]}
                        sees = table[(role, unit, "priv", "read")] == "ok"
                        good = risk_id(unit, "pub") in ids and (risk_id(unit, "priv") in ids) == sees
                    if not good:
                        wrong.append(f"{role} {ep} {unit} {vis}: got {r.status} {r.error()[0]} "
                                     f"{r.body[:80]!r}, expected {want}")
    check(not wrong, f"{len(wrong)} cells differ:\n  " + "\n  ".join(wrong[:60]))


@test
def scopes_across_campaigns():
    """The reviewer of nci-2028 sees nothing of nci-2026; unit grants hold
    in every campaign; a focal point never reads another unit's assessment."""
    expect(who("reviewer_open").get(A(PUBLISHED, "XAA")), 403, "forbidden",
           what="reviewer of nci-2028 reads nci-2026/XAA")
    expect(who("reviewer_open").post(A(PUBLISHED, "XAA", "/return")), 403, "forbidden",
           what="reviewer of nci-2028 returns nci-2026/XAA")
    expect(who("reviewer_xab").get(A(PUBLISHED, "XAB")), 200, what="reviewer of XAB, nci-2026/XAB")
    expect(who("reviewer_xab").get(A(PUBLISHED, "XAA")), 403, "forbidden",
           what="reviewer of XAB, nci-2026/XAA")
    expect(who("focal_xaa").get(A(PUBLISHED, "XAA")), 200, what="focal XAA reads nci-2026/XAA")
    expect(who("focal_xaa").get(A(PUBLISHED, "XAB")), 403, "forbidden",
           what="focal XAA reads nci-2026/XAB")
    # another unit's evidence download is closed too (history: see the matrix)
    r = who("focal_xab").get(A(OPEN, "XAA", "/evidence/1"))
    expect(r, 403, "forbidden", what="focal XAB downloads XAA's evidence")
    # the user's own view of its grants
    me = who("reviewer_xab").get(API + "/me").json()
    eq(me["user"]["roles"], [{"role": "reviewer", "unit": "XAB", "campaign": None}], "/me roles")
    me = who("reviewer_open").get(API + "/me").json()
    eq(me["user"]["roles"], [{"role": "reviewer", "unit": None, "campaign": OPEN}], "/me roles")


# ---------------------------------------------------------------- 2. sessions and CSRF


@test
def csrf_is_needed_for_unsafe_methods_with_a_cookie():
    c = login(ROLE_EMAIL["focal_xaa"], name="focal_xaa (csrf)")
    ans = A(OPEN, "XAA", f"/answers/{Q_OPTIONAL}")
    bad = "0" * len(c.csrf)
    before = status_of(c, OPEN, "XAA")
    n_audit = len(c.get(ans + "/history").json()["audit"])
    cases = [
        ("PUT", ans, {"answer": "yes"}),
        ("POST", A(OPEN, "XAA", "/evidence"),
         {"question": Q_OPTIONAL, "url": "https://example.org/c"}),
        ("POST", A(OPEN, "XAA", "/submit"), None),
        ("POST", API + "/campaigns", {"id": "csrf-x", "framework": FW, "title": "t", "year": 2030,
                                      "units": []}),
        ("DELETE", ans, None),      # no such route: the CSRF check comes first
    ]
    for method, path, obj in cases:
        for label, token in (("without X-CSRF-Token", False), ("with a wrong one", bad),
                             ("with a short one", c.csrf[:10]), ("with an empty one", "")):
            r = c.call(method, path, obj=obj, csrf=token)
            expect(r, 403, "csrf", what=f"{method} {path} {label}")
    # nothing was written
    after = status_of(c, OPEN, "XAA")
    eq((after["answers"], after["evidence"], after["status"]),
       (before["answers"], before["evidence"], before["status"]),
       "the assessment after the refusals")
    eq(len(c.get(ans + "/history").json()["audit"]), n_audit, "audit events of the question")
    # the right token works; GET needs none
    expect(c.put(ans, {"answer": "yes", "comment": "with csrf"}), 200, what="PUT with the token")
    expect(c.get(A(OPEN, "XAA"), csrf=False), 200, what="GET without a token")
    # the token from /me is the session's
    eq(c.get(API + "/me").json()["csrf_token"], c.csrf, "csrf_token of /me")
    # another session's token is not this session's
    other = login(ROLE_EMAIL["focal_xaa"], name="focal_xaa (other)")
    check(other.csrf != c.csrf, "two sessions share a CSRF token")
    expect(c.put(ans, {"answer": "yes"}, csrf=other.csrf), 403, "csrf",
           what="PUT with another session's token")


@test
def logout_needs_the_csrf_token():
    """DELETE /session with the cookie and no X-CSRF-Token is refused (403
    csrf) and the session stays valid: a cross-site request cannot sign the
    user out."""
    c = login(ROLE_EMAIL["focal_xab"], name="focal_xab (logout csrf)")
    r = c.delete(API + "/session", csrf=False)
    still = c.get(API + "/me").status
    expect(r, 403, "csrf", what=f"DELETE /session without X-CSRF-Token (then GET /me: {still})")
    eq(still, 200, "the session after a refused sign-out")
    r = c.delete(API + "/session", csrf="f" * 64)
    expect(r, 403, "csrf", what="DELETE /session with a wrong X-CSRF-Token")


@test
def bearer_tokens_need_no_csrf():
    b = who("focal_bearer")
    me = expect(b.get(API + "/me"), 200, what="GET /me with the bearer").json()
    eq(me["user"]["email"], ROLE_EMAIL["focal_xab"], "bearer's user")
    check(me.get("csrf_token") is None, f"a bearer session shows a CSRF token: {me}")
    expect(b.put(A(OPEN, "XAB", f"/answers/{Q_OPTIONAL}"), {"answer": "no", "comment": "bearer"}),
           200, what="PUT with a bearer token and no X-CSRF-Token")
    # a bad bearer token is an error, not anonymity
    bad = client("bad bearer", bearer="ab" * 32)
    expect(bad.get(API + "/me"), 401, "unauthenticated", what="unknown bearer token")
    expect(bad.get(API + "/campaigns"), 401, "unauthenticated",
           what="unknown bearer token on a public route")
    # a bearer token is not a session cookie, and a cookie is not a bearer token
    expect(client("bearer as cookie", cookie=CFG.bearer_xab).get(API + "/me"), 401,
           what="a bearer token sent as the cc_session cookie")
    c = who("focal_xab")
    expect(client("cookie as bearer", bearer=c.cookie).get(API + "/me"), 401,
           what="a session cookie sent as a bearer token")


@test
def session_fixation_and_cookie_attributes():
    invented = secrets.token_hex(32)
    expect(client("invented", cookie=invented).get(API + "/me"), 401, "unauthenticated",
           what="an invented cc_session cookie")
    # an invented cookie on an unsafe request is anonymous (401), not a session
    expect(client("invented", cookie=invented, csrf="x").put(
        A(OPEN, "XAA", f"/answers/{Q_OPTIONAL}"), {"answer": "yes"}), 401, "unauthenticated",
        what="PUT with an invented cookie")
    r = login_raw(ROLE_EMAIL["focal_xaa"], CFG.passwords[ROLE_EMAIL["focal_xaa"]], cookie=invented)
    eq(r.status, 200, f"sign-in with a planted cookie ({r.body[:200]!r})")
    token = session_cookie(r)
    check(token and re.fullmatch(r"[0-9a-f]{64}", token), f"session token {token!r}")
    check(token != invented, "the sign-in kept the cookie value set before it")
    expect(client("invented", cookie=invented).get(API + "/me"), 401,
           what="the planted cookie after the sign-in")
    expect(client("new", cookie=token).get(API + "/me"), 200, what="the new session")
    # each sign-in is a new session
    r2 = login_raw(ROLE_EMAIL["focal_xaa"], CFG.passwords[ROLE_EMAIL["focal_xaa"]])
    check(session_cookie(r2) != token, "two sign-ins got the same session token")
    # cookie attributes
    cookies = r.headers_named("Set-Cookie")
    eq(len(cookies), 1, "Set-Cookie headers")
    attrs = [a.strip() for a in cookies[0].split(";")[1:]]
    low = {a.split("=")[0].lower(): (a.split("=", 1)[1] if "=" in a else True) for a in attrs}
    check("httponly" in low, f"no HttpOnly: {cookies[0]}")
    eq(low.get("samesite"), "Lax", f"SameSite in {cookies[0]}")
    eq(low.get("path"), "/", f"Path in {cookies[0]}")
    check("domain" not in low, f"a Domain attribute widens the cookie: {cookies[0]}")
    check(int(low.get("max-age", "0")) > 0, f"Max-Age in {cookies[0]}")
    eq(r.header("Cache-Control"), "no-store", "Cache-Control of the sign-in")
    body = r.json()
    eq(set(body), {"user", "csrf_token"}, "sign-in body")
    check(re.fullmatch(r"[0-9a-f]{64}", body["csrf_token"]), "csrf_token")
    check(token not in r.body.decode(), "the session token is in the body (readable by scripts)")


@test
def logout_ends_the_session():
    c = login(ROLE_EMAIL["focal_xaa"], name="focal_xaa (logout)")
    expect(c.get(API + "/me"), 200, what="before the sign-out")
    r = expect(c.delete(API + "/session"), 200, what="DELETE /session with the token")
    eq(r.json(), {"signed_in": False}, "sign-out body")
    cleared = r.headers_named("Set-Cookie")
    check(cleared and re.match(r"cc_session=;", cleared[0]) and "Max-Age=0" in cleared[0],
          f"the cookie is not cleared: {cleared}")
    expect(c.get(API + "/me"), 401, "unauthenticated", what="GET /me after the sign-out")
    expect(c.get(A(OPEN, "XAA")), 401, what="GET assessment after the sign-out")
    expect(c.put(A(OPEN, "XAA", f"/answers/{Q_OPTIONAL}"), {"answer": "yes"}), 401,
           what="PUT after the sign-out (old cookie and token)")
    # other sessions of the same user are not affected
    expect(who("focal_xaa").get(API + "/me"), 200, what="another session of the same user")


# ---------------------------------------------------------------- 3. sign-in limits


@test
def login_rate_limit_per_email_and_per_address():
    email = "ratelimit@test.cybercap"
    pw = CFG.passwords[email]
    for i in range(5):
        r = login_raw(email, pw + "-wrong", src="127.0.0.2")
        expect(r, 401, "unauthenticated", what=f"wrong password #{i + 1}")
    r = login_raw(email, pw, src="127.0.0.2")
    expect(r, 429, "too_many_attempts", what="6th attempt, right password")
    ra = r.header("Retry-After")
    check(ra and ra.isdigit() and 0 < int(ra) <= 300, f"Retry-After {ra!r}")
    check(session_cookie(r) is None, "a blocked sign-in set a cookie")
    expect(login_raw(email, pw + "-wrong", src="127.0.0.2"), 429, "too_many_attempts",
           what="7th attempt, wrong password")
    # the email is blocked from another address too ...
    expect(login_raw(email, pw, src="127.0.0.3"), 429, "too_many_attempts",
           what="right password from another address")
    # ... and the address for other emails (limited per address and per email)
    other = "ratelimit2@test.cybercap"
    expect(login_raw(other, CFG.passwords[other], src="127.0.0.2"), 429, "too_many_attempts",
           what="another email from the blocked address")
    # elsewhere, that other account signs in
    expect(login_raw(other, CFG.passwords[other], src="127.0.0.4"), 200,
           what="another email from another address")


@test
def wrong_credentials_look_the_same():
    email = "creds@test.cybercap"
    unknown = expect(login_raw("nobody-" + uuid.uuid4().hex + "@test.cybercap", "whatever-123",
                               src="127.0.0.5"), 401, "unauthenticated", what="unknown email")
    wrong = expect(login_raw(email, "not-the-password", src="127.0.0.5"), 401, "unauthenticated",
                   what="wrong password")
    eq(unknown.json(), wrong.json(), "unknown email vs wrong password bodies")
    check(session_cookie(unknown) is None and session_cookie(wrong) is None,
          "a failed sign-in set a cookie")


# ---------------------------------------------------------------- 4. the workflow

WF = "wf-2028"


def pdf_bytes(tag):
    return (b"%PDF-1.4\n% cybercap test " + tag.encode()
            + b"\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files
    [(field, filename, bytes, content type)]."""
    boundary = "cc" + uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                   .encode())
    for k, fname, data, ctype in files:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; '
                   f'filename="{fname}"\r\nContent-Type: {ctype}\r\n\r\n'.encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def upload(c, camp, unit, question, filename, data, ctype="application/pdf"):
    body, t = multipart({"question": question}, [("file", filename, data, ctype)])
    return c.post(A(camp, unit, "/evidence"), body=body, headers={"Content-Type": t})


def create_and_open(camp, units, year=2028):
    an = who("analyst")
    r = an.post(API + "/campaigns", {"id": camp, "framework": FW, "title": f"Test {camp}",
                                     "year": year, "units": units})
    expect(r, 201, what=f"create {camp}")
    expect(an.post(f"{API}/campaigns/{camp}/status", {"status": "open"}), 200, what=f"open {camp}")


@test
def whole_workflow():
    an, fp = who("analyst"), who("focal_xaa")
    wf = f"{API}/campaigns/{WF}"
    # --- the analyst creates the campaign: draft
    r = expect(an.post(API + "/campaigns", {"id": WF, "framework": FW, "title": "Workflow test",
                                            "year": 2028, "units": ["XAA", "XAB"]}),
               201, what="POST /campaigns")
    eq(r.json(), {"id": WF, "framework": FW, "title": "Workflow test", "year": 2028,
                  "status": "draft", "units": 2}, "created campaign")
    expect(an.post(API + "/campaigns", {"id": WF, "framework": FW, "title": "again", "year": 2028,
                                        "units": ["XAA"]}), 409, what="the same id again")
    expect(an.post(API + "/campaigns", {"id": "wf-bad", "framework": FW, "title": "x", "year": 2028,
                                        "units": ["QQQ"]}), 422, "invalid", "units",
           what="an unknown unit")
    expect(an.post(API + "/campaigns", {"id": "wf bad/id", "framework": FW, "title": "x",
                                        "year": 2028, "units": []}), 422, "invalid", "id",
           what="a bad id")
    eq(status_of(an, WF, "XAA")["campaign_status"], "draft", "campaign status in the assessment")
    # focal points cannot answer a draft
    expect(fp.put(A(WF, "XAA", f"/answers/{Q_CHOICE}"), {"answer": "adopted"}), 409, "conflict",
           what="answering a draft campaign")
    # --- illegal move, then open
    expect(an.post(wf + "/status", {"status": "closed"}), 409, "conflict", "status",
           what="draft -> closed")
    expect(an.post(wf + "/status", {"status": "nonsense"}), 422, "invalid", "status",
           what="an unknown status")
    eq(expect(an.post(wf + "/status", {"status": "open"}), 200, what="draft -> open").json(),
       {"id": WF, "status": "open"}, "open")
    # --- the focal point of XAA answers
    a = A(WF, "XAA")
    eq(status_of(fp, WF, "XAA")["status"], "not_started", "before the first answer")
    r = expect(fp.put(a + f"/answers/{Q_CHOICE}", {"answer": "adopted", "comment": "Act 3/2026"}),
               200, what="valid choice answer")
    eq(r.json(), {"question": Q_CHOICE, "answer": "adopted", "comment": "Act 3/2026"}, "PUT body")
    expect(fp.put(a + f"/answers/{Q_YESNO}", {"answer": "yes"}), 200, what="valid yes/no answer")
    expect(fp.put(a + f"/answers/{Q_OPTIONAL}", {"answer": "no"}), 200,
           what="optional-evidence answer")
    expect(fp.put(a + f"/answers/{Q_CHOICE}", {"answer": "bogus"}), 422, "invalid", "answer",
           what="an option the question does not have")
    expect(fp.put(a + f"/answers/{Q_YESNO}", {"answer": "maybe"}), 422, "invalid", "answer",
           what="yes/no answered maybe")
    expect(fp.put(a + "/answers/no.such.question", {"answer": "yes"}), 404, "not_found",
           what="an unknown question")
    expect(fp.put(a + "/answers/legal", {"answer": "yes"}), 404, "not_found",
           what="a group, not a question")
    s = status_of(fp, WF, "XAA")
    eq(s["status"], "in_progress", "after answering")
    eq(s["answers"][Q_CHOICE]["answer"], "adopted", "the invalid answer changed nothing")
    eq(s["missing_evidence_count"], 2, f"missing evidence ({s['missing_evidence']})")
    eq(sorted(s["missing_evidence"].split(", ")), sorted([Q_CHOICE, Q_YESNO]), "missing evidence")
    # --- evidence: a link for one required question ...
    r = expect(fp.post(a + "/evidence",
                       {"question": Q_CHOICE, "url": "https://example.org/act-3-2026"}),
               201, what="link evidence")
    check(isinstance(r.json().get("id"), int), f"evidence id {r.body!r}")
    expect(fp.post(a + "/evidence", {"question": Q_CHOICE, "url": "javascript:alert(1)"}), 422,
           "invalid", "url", what="a javascript: link")
    expect(fp.post(a + "/evidence", {"question": "no.such", "url": "https://example.org/x"}), 404,
           what="a link for an unknown question")
    # ... submitting now is refused: the other one has none
    r = expect(fp.post(a + "/submit"), 422, "invalid", "evidence",
               what="submit with evidence missing")
    check(Q_YESNO in r.json()["error"]["message"], f"the message names {Q_YESNO}: {r.body!r}")
    # ... and a file for the other
    pdf = pdf_bytes("workflow")
    r = expect(upload(fp, WF, "XAA", Q_YESNO, "warrant-rules.pdf", pdf), 201, what="PDF upload")
    file_id = r.json()["id"]
    s = status_of(fp, WF, "XAA")
    eq(s["missing_evidence_count"], 0, "missing evidence after both")
    ev = {e["question"]: e for e in s["evidence"]}
    eq(ev[Q_CHOICE]["kind"], "url", "link evidence kind")
    eq(ev[Q_YESNO]["kind"], "file", "file evidence kind")
    eq((ev[Q_YESNO]["filename"], ev[Q_YESNO]["mime"], ev[Q_YESNO]["size"]),
       ("warrant-rules.pdf", "application/pdf", len(pdf)), "file evidence")
    eq(ev[Q_YESNO]["author"], ROLE_EMAIL["focal_xaa"], "evidence author")
    got = expect(fp.get(a + f"/evidence/{file_id}"), 200, what="download").body
    eq(got, pdf, "downloaded bytes")
    # --- submit
    eq(expect(fp.post(a + "/submit"), 200, what="submit").json(),
       {"campaign": WF, "unit": "XAA", "status": "submitted"}, "submit body")
    expect(fp.put(a + f"/answers/{Q_CHOICE}", {"answer": "implemented"}), 409, "conflict",
           what="answering after submit")
    expect(fp.post(a + "/evidence", {"question": Q_CHOICE, "url": "https://example.org/late"}),
           409, "conflict", what="evidence after submit")
    expect(fp.post(a + "/submit"), 409, "conflict", what="submitting twice")
    # --- review: the demo's reviewer is for nci-2028 only
    expect(who("reviewer_open").post(a + "/reviews", {"question": Q_CHOICE, "verdict": "accepted"}),
           403, "forbidden", what="reviewer of nci-2028 on wf-2028")
    cli_ok("user", "grant", "--data", CFG.data, "--email", ROLE_EMAIL["reviewer_wf"],
           "--role", "reviewer", "--campaign", WF)
    rv = who("reviewer_wf")
    expect(rv.post(a + "/reviews", {"question": Q_CHOICE, "verdict": "query"}), 422, "invalid",
           "comment", what="a query without a comment")
    expect(rv.post(a + "/reviews", {"question": Q_CHOICE, "verdict": "query", "comment": ""}), 422,
           "invalid", "comment", what="a query with an empty comment")
    expect(rv.post(a + "/reviews", {"question": Q_CHOICE, "verdict": "maybe"}), 422, "invalid",
           "verdict", what="an unknown verdict")
    expect(rv.post(a + "/reviews", {"question": "no.such", "verdict": "accepted"}), 404,
           what="a review of an unknown question")
    query = "Adopted or implemented? Cite the decree."
    r = expect(rv.post(a + "/reviews",
                       {"question": Q_CHOICE, "verdict": "query", "comment": query}),
               201, what="query")
    eq(r.json(), {"question": Q_CHOICE, "verdict": "query", "comment": query}, "review body")
    expect(rv.post(a + "/reviews", {"question": Q_YESNO, "verdict": "accepted"}), 201,
           what="accept")
    s = status_of(rv, WF, "XAA")
    eq((s["reviews"][Q_CHOICE]["verdict"], s["reviews"][Q_CHOICE]["comment"],
        s["reviews"][Q_CHOICE]["reviewer"]), ("query", query, ROLE_EMAIL["reviewer_wf"]),
       "the query")
    expect(rv.post(a + "/validate"), 403, "forbidden", what="a reviewer validates")
    expect(rv.get(A(OPEN, "XAA")), 403, "forbidden", what="reviewer of wf-2028 reads nci-2028")
    eq(expect(rv.post(a + "/return"), 200, what="return").json()["status"], "returned", "return")
    expect(rv.post(a + "/return"), 409, "conflict", what="returning twice")
    # --- the focal point answers the query and submits again
    s = status_of(fp, WF, "XAA")
    eq(s["status"], "returned", "after return")
    eq(s["reviews"][Q_CHOICE]["verdict"], "query", "the focal point sees the query")
    expect(fp.put(a + f"/answers/{Q_CHOICE}",
                  {"answer": "implemented", "comment": "Decree 7/2027"}),
           200, what="answering the query")
    eq(status_of(fp, WF, "XAA")["status"], "returned", "answering keeps 'returned'")
    expect(fp.post(a + "/submit"), 200, what="resubmit")
    # --- the analyst validates
    expect(an.post(a + "/validate"), 200, what="validate")
    eq(status_of(an, WF, "XAA")["status"], "validated", "validated")
    expect(an.post(a + "/return"), 409, "conflict", what="returning a validated assessment")
    expect(fp.put(a + f"/answers/{Q_CHOICE}", {"answer": "none"}), 409, "conflict",
           what="answering a validated assessment")
    # --- the campaign moves on: review, closed, published
    expect(ANON.get(wf + "/results"), 409, "not_published", what="results before publication")
    for st in ("review", "closed"):
        expect(an.post(wf + "/status", {"status": st}), 200, what=f"-> {st}")
    expect(fp.put(A(WF, "XAB", f"/answers/{Q_CHOICE}"), {"answer": "none"}), 403,
           what="focal XAA on XAB in a closed campaign")
    expect(who("focal_xab").put(A(WF, "XAB", f"/answers/{Q_CHOICE}"), {"answer": "none"}), 409,
           "conflict", what="answering in a closed campaign")
    expect(an.post(wf + "/status", {"status": "published"}), 200, what="-> published")
    deadline = time.time() + 2.5
    while True:
        r = ANON.get(wf + "/results")
        if r.status == 200 or time.time() > deadline:
            break
        time.sleep(0.1)
    expect(r, 200, what="results within 2 s of publication")
    before = r.json()
    eq(before["campaign"]["status"], "published", "published campaign")
    eq(sorted(row["unit"] for row in before["results"]), ["XAA", "XAB"], "units in the results")
    unit = expect(ANON.get(wf + "/results/XAA"), 200, what="unit results").json()
    ans = {n["id"]: n["answer"] for n in unit["nodes"] if n["kind"] == "question"}
    eq((ans[Q_CHOICE], ans[Q_YESNO], ans[Q_OPTIONAL]), ("implemented", "yes", "no"),
       "published answers")
    csv_before = expect(ANON.get(wf + "/results.csv"), 200, what="results.csv").body
    # --- nothing changes any more
    attempts = [
        ("answer", fp.put(a + f"/answers/{Q_CHOICE}", {"answer": "none"})),
        ("answer XAB", who("focal_xab").put(A(WF, "XAB", f"/answers/{Q_CHOICE}"),
                                            {"answer": "none"})),
        ("evidence", fp.post(a + "/evidence",
                             {"question": Q_OPTIONAL, "url": "https://example.org/p"})),
        ("file", upload(fp, WF, "XAA", Q_OPTIONAL, "late.pdf", pdf_bytes("late"))),
        ("submit XAB", who("focal_xab").post(A(WF, "XAB", "/submit"))),
        ("return", an.post(a + "/return")),
        ("review", rv.post(a + "/reviews", {"question": Q_CHOICE, "verdict": "accepted"})),
        ("-> review", an.post(wf + "/status", {"status": "review"})),
        ("-> open", an.post(wf + "/status", {"status": "open"})),
        ("-> published", an.post(wf + "/status", {"status": "published"})),
        ("admin -> closed", who("admin").post(wf + "/status", {"status": "closed"})),
    ]
    bad = [f"{what}: {r.status} {r.body[:150]!r}" for what, r in attempts if r.status != 409]
    check(not bad, "writes to a published campaign not refused with 409:\n  " + "\n  ".join(bad))
    time.sleep(1.1)     # past the server's once-a-second snapshot check
    eq(expect(ANON.get(wf + "/results"), 200, what="results again").json(), before,
       "results after the refused writes")
    eq(ANON.get(wf + "/results.csv").body, csv_before, "results.csv after the refused writes")
    eq(ANON.get(wf).json()["status"], "published", "campaign status")
    # --- the question's history: every change, with its author
    h = expect(fp.get(a + f"/answers/{Q_CHOICE}/history"), 200, what="history").json()
    eq(h["question"], Q_CHOICE, "history question")
    eq([(e["answer"], e["comment"], e["author"]) for e in h["history"]],
       [("adopted", "Act 3/2026", ROLE_EMAIL["focal_xaa"]),
        ("implemented", "Decree 7/2027", ROLE_EMAIL["focal_xaa"])], "history entries")
    check(all(e["at"] for e in h["history"]), "history times")
    answers = [e for e in h["audit"] if e["action"] == "answer"]
    eq([(e["actor"], json.loads(e["after"])["answer"]) for e in answers],
       [(ROLE_EMAIL["focal_xaa"], "adopted"), (ROLE_EMAIL["focal_xaa"], "implemented")],
       "audit events of the question")
    eq(json.loads(answers[1]["before"]), {"answer": "adopted"}, "audit 'before' of the change")
    check([e["id"] for e in h["audit"]] == sorted(e["id"] for e in h["audit"]), "audit order")
    # the other unit's focal point cannot read it
    expect(who("focal_xab").get(a + f"/answers/{Q_CHOICE}/history"), 403, "forbidden",
           what="focal XAB reads XAA's history")


# ---------------------------------------------------------------- 5. uploads

UP = "up-2028"


@test
def uploads():
    create_and_open(UP, ["XAA"])
    fp = who("focal_xaa")
    q = Q_YESNO
    p = Problems()
    # just over 20 MB: the form is read and the file refused
    big = b"%PDF-1.4\n" + b"0" * ((20 << 20) + 1 - 9)
    p.expect(upload(fp, UP, "XAA", q, "big.pdf", big), 413, "too_large", "file",
             what="a 20 MB + 1 byte PDF")
    # exactly 20 MB is accepted
    p.expect(upload(fp, UP, "XAA", q, "exact.pdf", big[:-1]), 201, what="a PDF of exactly 20 MB")
    # a body far over the limit: refused on its Content-Length
    body, ctype = multipart({"question": q}, [("file", "huge.pdf", b"%PDF-" + b"2" * (22 << 20),
                                              "application/pdf")])
    head = (f"POST {A(UP, 'XAA', '/evidence')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            f"Cookie: cc_session={fp.cookie}\r\nX-CSRF-Token: {fp.csrf}\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    status, _, rbody = raw_exchange(head + body)
    p.check(status == 413 and b"too_large" in rbody, f"a 22 MB body: {status} {rbody[:200]!r}")
    # type checks: by name and by content
    for name, data, what in [
        ("report.pdf", b"<html>not a pdf</html>", "a .pdf that is not a PDF"),
        ("report.PDF", b"PK\x03\x04zip", "a .PDF holding a zip"),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "an .exe"),
        ("setup.exe", b"%PDF-1.4 disguised", "an .exe starting with %PDF-"),
        ("noextension", b"%PDF-1.4\n", "no extension"),
        ("notes.txt", b"text\x00with a NUL", "a .txt with a NUL byte"),
        ("photo.png", b"\xff\xd8\xff\xe0 jpeg", "a .png holding a JPEG"),
        ("empty.pdf", b"", "an empty file"),
    ]:
        p.expect(upload(fp, UP, "XAA", q, name, data), 422, "invalid", "file", what=what)
    p.expect(upload(fp, UP, "XAA", "no.such.question", "ok.pdf", pdf_bytes("q")), 404,
             "not_found", what="a file for an unknown question")
    # a form without the file, or without the question
    body, t = multipart({"question": q}, [])
    p.expect(fp.post(A(UP, "XAA", "/evidence"), body=body, headers={"Content-Type": t}), 422,
             "invalid", "file", what="a form with no file")
    body, t = multipart({}, [("file", "a.pdf", pdf_bytes("nq"), "application/pdf")])
    p.expect(fp.post(A(UP, "XAA", "/evidence"), body=body, headers={"Content-Type": t}), 422,
             "invalid", "question", what="a form with no question")
    # accepted types
    for name, data in [("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
                       ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
                       ("notes.txt", b"plain text notes\n"), ("Report.PDF", pdf_bytes("upper"))]:
        p.expect(upload(fp, UP, "XAA", q, name, data), 201, what=f"an accepted {name}")
    # the server still answers after all that
    p.expect(fp.get(A(UP, "XAA")), 200, what="GET after the refused uploads")
    # path traversal in the file name: kept as its base name only
    data = pdf_bytes("traversal " + uuid.uuid4().hex)
    r = expect(upload(fp, UP, "XAA", q, "../../x.pdf", data), 201, what="../../x.pdf")
    eid = r.json()["id"]
    ev = {e["id"]: e for e in status_of(fp, UP, "XAA")["evidence"]}
    p.check(ev[eid]["filename"] == "x.pdf", f"stored file name {ev[eid]['filename']!r}")
    p.check(ev[eid]["size"] == len(data), f"stored size {ev[eid]['size']}")
    r = p.expect(fp.get(A(UP, "XAA", f"/evidence/{eid}")), 200, what="download of x.pdf")
    if r:
        p.check(r.body == data, "downloaded bytes differ from the upload")
        p.check(r.header("Content-Type") == "application/pdf",
                f"download Content-Type {r.header('Content-Type')!r}")
        p.check((r.header("Content-Disposition") or "").startswith("attachment"),
                f"Content-Disposition {r.header('Content-Disposition')!r}")
        p.check(r.header("X-Content-Type-Options") == "nosniff", "no nosniff on the download")
    sha = hashlib.sha256(data).hexdigest()
    p.check(harness.stored_file(CFG.data, sha), "the file is not stored by its SHA-256 (DATA/evidence/ on SQLite, "
            "stored_file on PostgreSQL)")
    for d in (CFG.data, os.path.dirname(CFG.data), os.path.dirname(os.path.dirname(CFG.data)),
              os.path.join(CFG.data, "evidence")):
        p.check(not os.path.exists(os.path.join(d, "x.pdf")), f"x.pdf written in {d}")
    # the other unit's focal point may not download it; unknown ids are 404
    p.expect(who("focal_xab").get(A(UP, "XAA", f"/evidence/{eid}")), 403, "forbidden",
             what="focal XAB downloads XAA's file")
    p.expect(fp.get(A(UP, "XAA", "/evidence/999999")), 404, what="an unknown evidence id")
    r = p.expect(fp.post(A(UP, "XAA", "/evidence"),
                         {"question": q, "url": "https://example.org/l"}), 201, what="a link")
    if r:
        p.expect(fp.get(A(UP, "XAA", f"/evidence/{r.json()['id']}")), 404,
                 what="downloading a link")
    p.done()


@test
def refused_uploads_leave_no_file():
    """A file refused because of the state (409: nci-2026 is published) is
    not kept under DATA/evidence/ either."""
    data = pdf_bytes("refused " + uuid.uuid4().hex)
    sha = hashlib.sha256(data).hexdigest()
    r = upload(who("focal_xaa"), PUBLISHED, "XAA", Q_YESNO, "refused.pdf", data)
    stored = harness.stored_file(CFG.data, sha)
    expect(r, 409, "conflict", what="a file for a published campaign")
    check(not stored, "the refused file was stored under DATA/evidence/ (an orphan: no evidence "
          "row refers to it)")


# ---------------------------------------------------------------- hostile text

# Markup and SQL in every free-text field the API takes; the browser side is
# tests/e2e/security.test.mjs.
HOSTILE_TEXT = ("<img src=x onerror=\"window.__xss=1\"> <script>window.__xss=1</script> "
                "\"><svg onload=window.__xss=1> javascript:window.__xss=1 "
                "'; DROP TABLE answer;-- ' OR '1'='1 Robert'); DROP TABLE user;-- "
                "=cmd|' /C calc'!A0 \\ % _ \u00e9\u4e2d\U0001f512")


def table_counts():
    with db(readonly=True) as con:
        names = [n for (n,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name" if BACKEND == "sqlite"
            else "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() "
            "ORDER BY tablename")]
        return {n: con.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}


@test
def sql_and_markup_in_free_text_read_back_byte_for_byte():
    """Campaign title, answer comment, evidence link and file name, review
    comments, user name and e-mail: stored and read back exactly; nothing
    else in the database changes (the store binds every value)."""
    camp = "sq-2028"
    before = table_counts()
    published = ANON.get(f"{API}/campaigns/{PUBLISHED}/results").body
    an, fp = who("analyst"), who("focal_xaa")
    title = "Title " + HOSTILE_TEXT
    r = an.post(API + "/campaigns", {"id": camp, "framework": FW, "title": title, "year": 2028,
                                     "units": ["XAA"]})
    expect(r, 201, what="a campaign with a hostile title")
    eq(r.json()["title"], title, "the title in the 201")
    expect(an.post(f"{API}/campaigns/{camp}/status", {"status": "open"}), 200, what="open it")
    comment = "Comment " + HOSTILE_TEXT
    expect(fp.put(A(camp, "XAA", f"/answers/{Q_OPTIONAL}"), {"answer": "yes", "comment": comment}),
           200, what="an answer with a hostile comment")
    link = "https://example.org/?q='OR'1'='1';DROP/**/TABLE/**/answer;--&r=Robert');--"
    expect(fp.post(A(camp, "XAA", "/evidence"), {"question": Q_OPTIONAL, "url": link}), 201,
           what="a link with SQL in it")
    fname = "<img src=x onerror=window.__xss=1> Robert'); DROP TABLE user;-- ' OR '1'='1.pdf"
    r = expect(upload(fp, camp, "XAA", Q_OPTIONAL, fname, pdf_bytes("hostile")), 201,
               what="a file with a hostile name")
    expect(fp.post(A(camp, "XAA", "/submit")), 200, what="submit")
    query = "Query " + HOSTILE_TEXT
    expect(an.post(A(camp, "XAA", "/reviews"), {"question": Q_OPTIONAL, "verdict": "query",
                                               "comment": query}), 201, what="a hostile query")
    a = status_of(fp, camp, "XAA")
    eq(a["answers"][Q_OPTIONAL]["comment"], comment, "the comment")
    eq(sorted((e["url"] or "", e["filename"] or "") for e in a["evidence"]),
       sorted([(link, ""), ("", fname)]), "the link and the file name")
    eq(a["reviews"][Q_OPTIONAL]["comment"], query, "the query")
    h = expect(fp.get(A(camp, "XAA", f"/answers/{Q_OPTIONAL}/history")), 200, what="history").json()
    eq([x["comment"] for x in h["history"]], [comment], "the comment in the history")
    eq(expect(ANON.get(f"{API}/campaigns/{camp}"), 200, what="the campaign").json()["title"], title,
       "the title read back")
    email = "o'brien+\"<svg/onload=1>\"@test.cybercap"
    name = "Name " + HOSTILE_TEXT
    add_user(email, name, ("reviewer", "XAB", None))
    me = expect(login(email).get(API + "/me"), 200, what="GET /me of the hostile user").json()
    eq((me["user"]["email"], me["user"]["name"]), (email, name), "the user's e-mail and name")
    # the rest of the database is as it was, plus the rows just written
    after = table_counts()
    eq(sorted(after), sorted(before), "the tables")
    grew = {t for t in after if after[t] != before[t]}
    check(all(after[t] >= before[t] for t in after if t != "session"),
          f"rows went missing: {before} -> {after}")
    check({"answer", "campaign", "evidence", "review", "user"} <= grew, f"rows added: {grew}")
    eq(ANON.get(f"{API}/campaigns/{PUBLISHED}/results").body, published, "published results")
    for e in (ROLE_EMAIL["admin"], ROLE_EMAIL["focal_xab"]):
        login(e)


@test
def csv_export_neutralises_formulas_in_unit_ids():
    """results.csv is opened in spreadsheets: a unit id starting with = + -
    or @ (a units file may hold any) is written with a leading ', as
    `cybercap score` writes it; the workbook holds it as text."""
    evil = ['=HYPERLINK("http://x.invalid/?"&A1,"y")', "+1+1", "-2+3", "@SUM(A1)"]
    path = os.path.join(CFG.tmp, "formula-units.csv")
    with open(path, "w") as f:
        f.write("iso3,name_en,m49_region,itu_region,ldc,lldc,sids\n")
        for u in evil:
            f.write('"' + u.replace('"', '""') + '",Formula unit,Africa,Africa,no,no,no\n')
    cli_ok("init", "--data", CFG.data, "--units", path)
    camp = "fx-2028"
    an = who("analyst")
    expect(an.post(API + "/campaigns", {"id": camp, "framework": FW, "title": "Formulas",
                                        "year": 2028, "units": evil + ["XAA"]}), 201,
           what="a campaign of formula-named units")
    for st in ("open", "review", "closed", "published"):
        expect(an.post(f"{API}/campaigns/{camp}/status", {"status": st}), 200, what=st)
    import csv
    import io
    import zipfile
    r = expect(ANON.get(f"{API}/campaigns/{camp}/results.csv"), 200, what="results.csv")
    units = {row[0] for row in csv.reader(io.StringIO(r.body.decode()))}
    eq(units, {"unit", "XAA"} | {"'" + u for u in evil}, "the unit column")
    for line in r.body.decode().splitlines():
        check(not re.match(r'^"?[=+\-@]', line), f"a row a spreadsheet would run: {line!r}")
    x = expect(ANON.get(f"{API}/campaigns/{camp}/results.xlsx"), 200, what="results.xlsx")
    z = zipfile.ZipFile(io.BytesIO(x.body))
    sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
    eq(sum(z.read(n).count(b"<f") for n in sheets), 0, "formulas in the workbook")
    check(b"=HYPERLINK(" in z.read("xl/sharedStrings.xml"), "the unit id as a text cell")


# ---------------------------------------------------------------- OpenAPI


@test
def workbook_round_trip():
    """The offline questionnaire: download the unit's workbook, upload it
    back; a workbook with bad cells is refused whole with each cell named,
    and nothing is saved; another unit's workbook is out of scope."""
    import io
    import zipfile
    fp = who("focal_xab")
    path = A("nci-2028", "XAB", "/questionnaire.xlsx")
    r = fp.get(path)
    eq(r.status, 200, "download")
    check(r.body[:2] == b"PK", "an xlsx is a zip")
    check("attachment" in (r.header("Content-Disposition") or ""), "served as an attachment")
    good = r.body
    before = status_of(fp, "nci-2028", "XAB")["answers"]
    # every pre-filled "yes" becomes "maybe": refused, cell by cell
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                data = data.replace(b"<t>yes</t>", b"<t>maybe</t>")
            dst.writestr(item, data)
    bad = out.getvalue()
    r = fp.put(path, body=bad, headers={"Content-Type": "application/octet-stream"})
    eq(r.status, 422, "a workbook with bad cells")
    errs = r.json().get("errors", [])
    check(len(errs) > 0, "errors listed")
    check(all(e["sheet"] and e["row"] > 1 and e["column"] for e in errs),
          f"each error names sheet, row and column: {errs[:2]}")
    check(any("maybe" in e["message"] for e in errs), "the message names the bad answer")
    eq(status_of(fp, "nci-2028", "XAB")["answers"], before, "nothing saved from a bad workbook")
    r = fp.put(path, body=good, headers={"Content-Type": "application/octet-stream"})
    eq(r.status, 200, f"the good workbook ({r.body[:200]!r})")
    check(r.json()["rows"] > 0, "rows read")
    expect(fp.get(A("nci-2028", "XAA", "/questionnaire.xlsx")), 403, what="another unit's workbook")
    expect(ANON.get(path), 401, what="anonymous download")
    r = fp.put(path, body=b"not a workbook", headers={"Content-Type": "application/octet-stream"})
    eq(r.status, 422, "not a zip")


@test
def workbook_in_the_focal_points_language():
    """The workbook in each of the six languages: its heads and
    instructions, the framework's translated texts (the index has French
    and Spanish ones), the codes unchanged; each reads back as it is."""
    import io
    import zipfile
    fp = who("focal_xab")
    path = A("nci-2028", "XAB", "/questionnaire.xlsx")
    heads = {"en": "answer", "fr": "réponse", "es": "respuesta", "ru": "ответ", "zh": "答案",
             "ar": "الإجابة"}
    for lang, head in heads.items():
        r = fp.get(path + "?lang=" + lang)
        eq(r.status, 200, f"download in {lang}")
        z = zipfile.ZipFile(io.BytesIO(r.body))
        sst = z.read("xl/sharedStrings.xml").decode()
        check(f"<t>{head}</t>" in sst, f"{lang}: the answer column is headed {head}")
        check("<t>id</t>" in sst, f"{lang}: the id column keeps its code")
        if lang != "en":
            check("<t>answer</t>" not in sst, f"{lang}: an English head is left")
            check(lang in (r.header("Content-Disposition") or ""), f"{lang}: file name")
        r2 = fp.put(path, body=r.body, headers={"Content-Type": "application/octet-stream"})
        eq(r2.status, 200, f"the {lang} workbook reads back ({r2.body[:200]!r})")
    fr = zipfile.ZipFile(io.BytesIO(fp.get(path + "?lang=fr").body)).read("xl/workbook.xml").decode()
    en = zipfile.ZipFile(io.BytesIO(fp.get(path + "?lang=en").body)).read("xl/workbook.xml").decode()
    check('name="Mesures juridiques"' in fr and 'name="Legal measures"' in en and "Legal measures" not in fr,
          "the pillars' sheets named in French")
    r = fp.get(path, headers={"Accept-Language": "es-ES,es;q=0.9"})
    check("<t>respuesta</t>" in zipfile.ZipFile(io.BytesIO(r.body)).read("xl/sharedStrings.xml").decode(),
          "Accept-Language picks Spanish")
    expect(fp.get(path + "?lang=FR"), 400, "bad_parameter", "lang", what="?lang=FR")


@test
def live_targets_follow_the_answers():
    """GET .../assessments/{unit}/targets: the targets of an assessment in
    progress, recomputed from its current answers, for those who may read
    it. A rating saved by the focal point is what the target counts as
    attained; a cleared one attained nothing."""
    fp = who("focal_xab")
    camp, unit = "csirt-maturity-2026", "XAB"
    fw = ANON.get(API + "/frameworks/csirt-maturity").json()
    scale = {s["id"]: [lv["value"] for lv in s["levels"]] for s in fw["scales"]}

    def ratings(n):
        if n.get("type") == "rating":
            yield n
        for c in n.get("children", []):
            yield from ratings(c)
    q = next(ratings(fw))
    top = scale[q["scale"]][-1]
    basic = next(t for t in fw["targets"] if t["id"] == "basic")
    want = basic["require"].get(q["id"], basic["default"])
    r = fp.put(A(camp, unit, f"/answers/{q['id']}"), {"answer": str(top), "comment": ""})
    eq(r.status, 200, f"rating saved ({r.body[:200]!r})")
    t = fp.get(A(camp, unit, "/targets"))
    eq(t.status, 200, f"live targets ({t.body[:200]!r})")
    got = next(x for x in t.json()["targets"] if x["id"] == "basic")
    node = next(n for n in got["nodes"] if n["node"] == q["id"])
    eq((node["required"], node["attained"], node["met"]), (want, top, True), "the saved rating")
    eq(got["attained"], sum(n["met"] for n in got["nodes"]), "attained = nodes met")
    eq(got["required"], len(got["nodes"]), "required = nodes counted")
    eq(got["met"], all(n["met"] for n in got["nodes"]), "met = every node met")
    eq(fp.put(A(camp, unit, f"/answers/{q['id']}"), {"answer": "", "comment": ""}).status, 200,
       "cleared")
    node = next(n for n in next(x for x in fp.get(A(camp, unit, "/targets")).json()["targets"]
                                if x["id"] == "basic")["nodes"] if n["node"] == q["id"])
    eq((node["attained"], node["met"]), (None, False), "a cleared rating attained nothing")
    r = fp.put(A(camp, unit, f"/answers/{q['id']}"), {"answer": str(top + 1), "comment": ""})
    expect(r, 422, field="answer", what="a rating that is not a level of the scale")
    expect(who("focal_xaa").get(A(camp, unit, "/targets")), 403, what="another unit's focal point")
    expect(ANON.get(A(camp, unit, "/targets")), 401, what="anonymous")


@test
def every_response_matches_openapi():
    """Every exchange of the tests above: its status is documented for the
    operation in src/server/openapi.json and a JSON body matches the
    documented schema. (Unsafe requests refused for CSRF before routing,
    and a bad bearer token's 401 on a public route, are not operations.)"""
    eq(ANON.get(API + "/openapi.json").json(), harness.openapi_doc(),
       "the served /api/v1/openapi.json vs src/server/openapi.json (run make)")
    # drills and scenarios are exercised, and checked, by test_drills.py,
    # a drill's challenges by test_challenges.py, partnerships by test_partners.py,
    # skills programmes by test_skills.py
    others = {"drills", "scenarios", "challenges", "partnerships", "skills"}
    CFG.check_openapi(harness.operations(where=lambda t, o: (
        "security" in o or t == API + "/session") and not others & set(o.get("tags", []))))


@test
def wrong_types_in_json_bodies():
    """Fields of the wrong type get 400/422 naming the field, and the server
    lives on. (Run under ASan: the handlers must not read the body after
    freeing it.) Last of the HTTP tests, so that a crash spoils no other."""
    an, fp = who("analyst"), who("focal_xaa")
    a = A(OPEN, "XAA")
    cases = [
        (ANON, "POST", API + "/session", {"email": 3, "password": "x"}, 400, "email"),
        (ANON, "POST", API + "/session", {"email": "a@b.org", "password": 5}, 400, "password"),
        (ANON, "POST", API + "/session", {"email": "a" * 300 + "@b.org", "password": "x"},
         400, "email"),
        (ANON, "POST", API + "/session", {"email": "a@b.org", "password": "p" * 2000},
         400, "password"),
        (fp, "PUT", a + f"/answers/{Q_YESNO}", {"answer": 1}, 422, "answer"),
        (fp, "PUT", a + f"/answers/{Q_YESNO}", {"answer": None}, 422, "answer"),
        (fp, "PUT", a + f"/answers/{Q_YESNO}", {"answer": "yes", "comment": 5}, 422, "comment"),
        (fp, "POST", a + "/evidence", {"question": 1, "url": "https://example.org/x"}, 422,
         "question"),
        (fp, "POST", a + "/evidence", {"question": Q_YESNO, "url": 5}, 422, "url"),
        (an, "POST", a + "/reviews", {"question": 1, "verdict": "accepted"}, 422, "question"),
        (an, "POST", a + "/reviews", {"question": Q_YESNO, "verdict": 2}, 422, "verdict"),
        (an, "POST", a + "/reviews", {"question": Q_YESNO, "verdict": "query", "comment": 3},
         422, "comment"),
        (an, "POST", API + "/campaigns", {"id": 5}, 422, "id"),
        (an, "POST", API + "/campaigns", {"id": "t-1", "framework": FW, "title": "t",
                                          "year": 2030, "units": [1]}, 422, "units"),
        (an, "POST", f"{API}/campaigns/{OPEN}/status", {"status": 1}, 422, "status"),
    ]
    p = Problems()
    for c, method, path, obj, status, field in cases:
        src = "127.0.0.6" if path.endswith("/session") else "127.0.0.1"
        r = client(c.name, cookie=c.cookie, csrf=c.csrf, bearer=c.bearer, src=src).call(
            method, path, obj=obj)
        what = f"{method} {path.replace(API, '')} {json.dumps(obj)[:60]}"
        p.expect(r, status, field=field, what=what)
        if ANON.get(API + "/campaigns").status != 200:
            p.items.append(f"the server stopped answering after {what}")
            break
    p.done()


# ---------------------------------------------------------------- 6. audit trail


@test
def audit_trail_verifies_then_detects_tampering():
    rc, out, err = cli("audit", "verify", "--data", CFG.data)
    eq(rc, 0, f"audit verify on the untouched trail ({out.strip()} {err.strip()})")
    m = re.search(r"\((\d+) events\)", out)
    check(m, f"no event count in {out!r}")
    n = int(m.group(1))
    with db() as con:
        rows = con.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
        actors = {a for (a,) in con.execute("SELECT DISTINCT actor FROM audit_event")}
        flow = con.execute("SELECT COUNT(*) FROM audit_event WHERE entity LIKE ?",
                           (f"%{WF}%",)).fetchone()[0]
        triggers = {t for (t,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
            if BACKEND == "sqlite" else "SELECT tgname::text FROM pg_trigger WHERE tgrelid = "
            "'audit_event'::regclass AND NOT tgisinternal AND tgname <> 'cc_changed'")}
    check(n > 0, "no events")
    eq(n, rows, "events verified vs rows in audit_event")
    check(ROLE_EMAIL["focal_xaa"] in actors and ROLE_EMAIL["analyst"] in actors,
          f"the flow's actors are not in the trail: {sorted(actors)[:10]}")
    check(flow >= 12, f"only {flow} events about {WF}")
    eq(triggers, {"audit_event_no_update", "audit_event_no_delete"}, "append-only triggers")
    # the triggers refuse UPDATE and DELETE
    con = db()
    try:
        for sql in ("UPDATE audit_event SET after = 'x' WHERE id = 3",
                    "DELETE FROM audit_event WHERE id = 3",
                    "DELETE FROM audit_event"):
            try:
                con.execute(sql)
                con.commit()
                raise Fail(f"{sql}: accepted")
            except DB_ERRORS as e:
                con.rollback()
                check("append-only" in str(e), f"{sql}: {e}")
    finally:
        con.close()
    rc, out, _ = cli("audit", "verify", "--data", CFG.data)
    eq(rc, 0, "verify after the refused changes")
    # without the trigger, an edit is caught by the hash chain
    con = db()
    try:
        con.execute("DROP TRIGGER audit_event_no_update" +
                    (" ON audit_event" if BACKEND == "postgresql" else ""))
        con.execute("UPDATE audit_event SET after = 'x' WHERE id = 3")
        con.commit()
    finally:
        con.close()
    rc, out, err = cli("audit", "verify", "--data", CFG.data)
    check(rc != 0, f"audit verify exits 0 on a tampered trail: {out.strip()}")
    eq(rc, 1, "exit status on a broken trail")
    check(re.search(r"\bevent 3\b", out + err), f"event 3 not named: {(out + err).strip()!r}")


# ---------------------------------------------------------------- main


def setup():
    with open(os.path.join(CFG.data, "demo-logins.txt")) as f:
        from_file = harness.demo_signins(f.readlines())
    if from_file != CFG.signins or len(CFG.signins) != 5:
        raise Fail(f"demo sign-ins: stdout {CFG.signins} vs demo-logins.txt {from_file}")
    add_user(ROLE_EMAIL["reviewer_xab"], "Reviewer of XAB", ("reviewer", "XAB", None))
    add_user(ROLE_EMAIL["reviewer_wf"], "Reviewer of wf-2028")   # granted once wf-2028 exists
    for e in ("ratelimit@test.cybercap", "ratelimit2@test.cybercap", "creds@test.cybercap"):
        add_user(e, e.split("@")[0], ("reviewer", "XAB", None))
    CFG.bearer_xab = cli_ok("user", "token", "--data", CFG.data, "--email",
                            ROLE_EMAIL["focal_xab"]).strip()
    if not re.fullmatch(r"[0-9a-f]{64}", CFG.bearer_xab):
        raise Fail(f"user token printed {CFG.bearer_xab!r}")
    # the workshop matrix's respondents: an existing account as the caller
    # (respondent of XAA), and one other respondent per unit
    add_user(ROLE_EMAIL["respondent_xaa"], "Respondent of XAA")
    admin = login(ROLE_EMAIL["admin"], name="admin (setup)")
    CFG.ws_other = {}
    for unit, email in (("XAA", ROLE_EMAIL["respondent_xaa"]), ("XAA", "other.xaa@test.cybercap"),
                        ("XAB", "other.xab@test.cybercap")):
        r = admin.post(A(OPEN, unit, "/respondents"), {"email": email, "name": email.split("@")[0],
                                                      "group": "cirt"})
        if r.status != 201:
            raise Fail(f"adding respondent {email} to {unit}: {r.status} {r.body[:200]!r}")
        if email == ROLE_EMAIL["respondent_xaa"]:
            CFG.ws_own = r.json()["id"]
        else:
            CFG.ws_other[unit] = r.json()["id"]


def stop_server():
    """SIGTERM; the server must exit 0 within 10 s."""
    rc, report = harness.stop_server(CFG.proc, CFG.err_path)
    check(rc is not None, "still running 10 s after SIGTERM")
    check(not report, f"sanitizer report:\n{report}")
    eq(rc, 0, f"exit status after SIGTERM ({open(CFG.err_path, errors='replace').read()[-500:]!r})")


if __name__ == "__main__":
    t_start = time.time()
    status = CFG.main(setup, "cybercap-workflow.", stop=stop_server,
                      stop_name="server_exits_0_on_sigterm")
    print(f"workflow tests took {time.time() - t_start:.1f} s")
    sys.exit(status)
