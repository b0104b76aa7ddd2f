"""What the skills suite's files share (test_skills.py runs the suite; its
tests are in test_skills.py, skills_workbook.py, skills_knowledge.py and
skills_dashboard.py, in that order, on one server): the configuration
filled by harness.run_demo_suite, the suite and its decorator, the
accounts the suite adds (setup), what the tests hand on to the later ones
(ST), and the helpers to enrol and move people through the programme.
"""
from harness import API, expect  # noqa: F401  (API: for the suite's files)
import harness

CFG = harness.Cfg()
SUITE, test, who = CFG.suite, CFG.test, CFG.who
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


def email(role):
    return PEOPLE[role][0]


def setup():
    """The accounts of PEOPLE, each with a bearer token."""
    CFG.add_people(PEOPLE)


def grant(role, skills_role, programme):
    CFG.cli_ok("user", "grant", "--data", CFG.data, "--email", email(role),
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
