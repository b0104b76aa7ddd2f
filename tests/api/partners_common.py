"""What the partnership suite's files share (test_partners.py runs the
suite; its tests are in test_partners.py, then partners_deals.py, on one
server): the configuration filled by harness.run_demo_suite, the suite and
its decorator, the accounts the suite adds (setup) and the ids the tests
hand on to the later ones (S).
"""
from harness import API  # noqa: F401  (for the suite's files)
import harness

CFG = harness.Cfg()
SUITE, test, who = CFG.suite, CFG.test, CFG.who
AT = "?at=2026-06-01"
ORG1, ORG2 = "acme-fict", "beta-fict"

PEOPLE = {
    "secretariat": ("sec@partners.test", [("secretariat", None, None)]),
    "partner1": ("p1@partners.test", []),
    "partner2": ("p2@partners.test", []),
    "focal_bgd": ("bgd@partners.test", [("focal_point", "BGD", None)]),
    "focal_xaa": ("xaa@partners.test", [("focal_point", "XAA", None)]),
    "focal_xab": ("xab@partners.test", [("focal_point", "XAB", None)]),
    "admin": ("admin@partners.test", [("admin", None, None)]),
    "analyst": ("analyst@partners.test", [("analyst", None, None)]),
}
S = {}   # ids made by the tests, by name


def patch(role, path, obj):
    return who(role).call("PATCH", path, obj)


def setup():
    """The accounts of PEOPLE, each with a bearer token."""
    CFG.add_people(PEOPLE)
