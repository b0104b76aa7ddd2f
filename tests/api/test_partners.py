#!/usr/bin/env python3
"""Partnerships over the HTTP API (docs/partnerships.md; docs/api.md
"Partnerships"): requests from countries, offers from partners, matches
proposed with their score, the requesting country's decision, pledges and
deliveries, the donor report and its exports.

Standard library only. Starts its own `cybercap demo` (harness.run_demo_suite),
adds its own accounts (a secretariat member, two partners, focal points
of BGD, XAA and XAB, an admin, an analyst) and checks: the whole flow;
every 422 names its field; visibility of requests (public, partners,
secretariat); eligibility read on the LDC list of the offer's year
(Bangladesh is on 2026's list, not on 2027's); the score's breakdown by
hand; only the requesting country decides (403 for the partner, the
secretariat, an admin, another country); the pledge statuses move forward
only (409); the report's figures recomputed from the pledges; the workbook
and the IATI-style XML (partners_iati.py: codes, a transaction per
delivery, escaping); who may call which route; and that
every operation of the tag `partnerships` is exercised as openapi.json
documents it.

    python3 tests/api/test_partners.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]
"""
import argparse  # noqa: F401  (run_demo_suite parses the command line)
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import Client, check, eq, expect, near  # noqa: E402
import harness  # noqa: E402
import partners_iati  # noqa: E402


class Cfg:
    pass


CFG = Cfg()
SUITE = harness.Suite()
test = SUITE.test
API = "/api/v1"
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


def request(method, path, headers=None, body=None, src="127.0.0.1", timeout=30):
    return harness.request(CFG.host, CFG.port, method, path, headers, body, src=src,
                           timeout=timeout, log=CFG.log)


def who(role):
    return CFG.clients[role]


def patch(role, path, obj):
    return who(role).call("PATCH", path, obj)


def setup():
    CFG.clients = {"anonymous": Client("anonymous", send=request)}
    for role, (email, grants) in PEOPLE.items():
        harness.add_user(CFG.bin, CFG.data, CFG.tmp, email, role, *grants)
        token = harness.cli_ok(CFG.bin, "user", "token", "--data", CFG.data,
                               "--email", email).strip()
        CFG.clients[role] = Client(role, bearer=token, send=request)


def offer_body(**kw):
    b = {"partner": ORG1, "title": "CIRT set-up coaching", "themes":
         ["incident-management.national-cirt", "culture-skills"], "modalities": ["training"],
         "languages": ["en", "fr"], "eligible": {"groups": ["ldc"]}, "capacity": 4,
         "available_from": "2026-02-01", "available_to": "2027-12-31", "unit_value": 12000,
         "currency": "EUR", "valuation": "staff_day_rate"}
    b.update(kw)
    return b


def request_body(**kw):
    b = {"unit": "BGD", "title": "Set up a national CIRT", "themes":
         ["incident-management.national-cirt", "culture-skills.training"],
         "modalities": ["training"], "languages": ["en"], "needed_by": "2027-06-30",
         "visibility": "public"}
    b.update(kw)
    return b


# ---------------------------------------------------------------- the demo's round


@test
def the_demo_has_a_partnership_round():
    """Run first: the demo's own records (fictional), before the suite adds any."""
    orgs = expect(who("anonymous").get(API + "/organisations"), 200).json()["organisations"]
    check(len(orgs) >= 4 and all(o["fictional"] for o in orgs), f"fictional partners: {orgs}")
    reqs = expect(who("secretariat").get(API + "/requests"), 200).json()["requests"]
    units = expect(who("anonymous").get(API + "/units?limit=500"), 200).json()["units"]
    groups = {u["id"]: set(u["groups"]) for u in units}
    fict = {u["id"] for u in units if u["fictional"]}
    check(len(reqs) >= 12, f"a dozen requests: {len(reqs)}")
    check(all(r["unit"] in fict and groups[r["unit"]] & {"ldc", "sids"} for r in reqs),
          "from fictional LDCs and SIDS")
    check(all(r["source"] for r in reqs), "each drawn from a gap or a plan action")
    check(any(r["source"]["kind"] == "action" for r in reqs), "one from a plan action")
    matches = expect(who("secretariat").get(API + "/matches"), 200).json()["matches"]
    check({"accepted", "declined", "shortlisted", "proposed"} <= {m["status"] for m in matches},
          f"decisions: {sorted({m['status'] for m in matches})}")
    check(all(m["breakdown"]["total"] == m["score"] for m in matches), "reasons stored")
    pl = expect(who("secretariat").get(API + "/pledges"), 200).json()["pledges"]
    for key, want in [("commitment", {"proposed", "confirmed"}),
                      ("delivery", {"none", "partial", "complete"}),
                      ("verification", {"self", "recipient", "secretariat"}),
                      ("cancelled", {True, False})]:
        eq({p[key] for p in pl} >= want, True, f"pledges in every {key}: {[p[key] for p in pl]}")
    rep = expect(who("anonymous").get(API + "/partnerships/report?year=2026"), 200).json()
    check(rep["ldc"]["supported"] >= 3 and rep["sids"]["supported"] >= 2, f"report: {rep['ldc']}")


# ---------------------------------------------------------------- organisations and roles


@test
def the_secretariat_records_organisations_and_grants_partners():
    r = expect(who("secretariat").post(API + "/organisations",
                                       {"id": ORG1, "name": "Acme (fictional)", "kind": "private"}),
               201, what="create org1")
    eq(r.json()["id"], ORG1)
    expect(who("secretariat").post(API + "/organisations",
                                   {"id": ORG2, "name": "Beta <Uni> & Co (fictional)",
                                    "kind": "academia"}), 201, what="create org2")
    expect(who("secretariat").post(API + "/organisations",
                                   {"id": ORG1, "name": "Again", "kind": "private"}),
           409, "conflict", "id", "duplicate")
    for body, field in [({"name": "x", "kind": "private"}, "id"),
                        ({"id": "Bad Id", "name": "x", "kind": "private"}, "id"),
                        ({"id": "ok-id", "kind": "private"}, "name"),
                        ({"id": "ok-id", "name": "x", "kind": "company"}, "kind")]:
        expect(who("secretariat").post(API + "/organisations", body), 422, "invalid", field,
               f"organisation without a good {field}")
    for role, st in [("anonymous", 401), ("focal_bgd", 403), ("analyst", 403)]:
        expect(who(role).post(API + "/organisations",
                              {"id": "z-" + role, "name": "x", "kind": "private"}), st, what=role)
    # partner1 through the route, partner2 through the command line
    expect(who("secretariat").post(API + "/partnerships/members",
                                   {"email": PEOPLE["partner1"][0], "role": "partner",
                                    "organisation": ORG1}), 201, what="grant partner1")
    harness.cli_ok(CFG.bin, "user", "grant", "--data", CFG.data, "--email",
                   PEOPLE["partner2"][0], "--role", "partner", "--organisation", ORG2)
    for body, field in [({"role": "partner", "organisation": ORG1}, "email"),
                        ({"email": "nobody@x.test", "role": "partner", "organisation": ORG1},
                         "email"),
                        ({"email": PEOPLE["analyst"][0], "role": "boss"}, "role"),
                        ({"email": PEOPLE["analyst"][0], "role": "partner"}, "organisation"),
                        ({"email": PEOPLE["analyst"][0], "role": "partner",
                          "organisation": "no-such"}, "organisation")]:
        expect(who("secretariat").post(API + "/partnerships/members", body), 422, "invalid",
               field, f"member without a good {field}")
    expect(who("partner1").post(API + "/partnerships/members",
                                {"email": PEOPLE["analyst"][0], "role": "secretariat"}),
           403, what="a partner grants")
    me = expect(who("partner1").get(API + "/partnerships/me"), 200).json()
    eq(me, {"secretariat": False, "organisations": [ORG1], "focal_units": []}, "partner1 me")
    eq(expect(who("admin").get(API + "/partnerships/me"), 200).json()["secretariat"], True,
       "an admin counts as secretariat")
    eq(expect(who("focal_bgd").get(API + "/partnerships/me"), 200).json()["focal_units"],
       ["BGD"])
    orgs = {o["id"] for o in expect(who("anonymous").get(API + "/organisations"), 200)
            .json()["organisations"]}
    check({ORG1, ORG2} <= orgs, f"organisations are listed: {orgs}")
    rc, out, err = harness.cli(CFG.bin, "user", "grant", "--data", CFG.data, "--email",
                               PEOPLE["partner2"][0], "--role", "partner")
    check(rc != 0 and "organisation" in err, f"CLI partner without organisation: {rc} {err}")
    themes = expect(who("anonymous").get(API + "/partnerships/themes"), 200).json()["themes"]
    check(any(t["id"] == "incident-management.national-cirt" for t in themes), "themes")


# ---------------------------------------------------------------- offers


@test
def partners_offer_for_their_own_organisation():
    r = expect(who("partner1").post(API + "/offers", offer_body()), 201, what="offer A")
    S["offerA"] = r.json()["id"]
    eq(r.json()["capacity"], {"countries": 4, "used": 0})
    # starts in 2027: eligibility is read on the 2027 list
    S["offerB"] = expect(who("partner1").post(API + "/offers", offer_body(
        title="Later coaching", available_from="2027-01-10",
        capacity={"countries": 2, "beneficiaries": 40})), 201).json()["id"]
    # French only: no shared language with an English request
    S["offerC"] = expect(who("secretariat").post(API + "/offers", offer_body(
        partner=ORG2, title="Cours", languages=["fr"], eligible={})), 201).json()["id"]
    expect(who("partner2").post(API + "/offers", offer_body()), 403, what="for another org")
    expect(who("focal_bgd").post(API + "/offers", offer_body()), 403, what="a country")
    expect(who("anonymous").post(API + "/offers", offer_body()), 401, what="anonymous")
    bad = [({"partner": "no-such"}, "partner"), ({"title": ""}, "title"),
           ({"themes": ["nothing"]}, "themes[0]"), ({"themes": []}, "themes"),
           ({"modalities": ["magic"]}, "modalities[0]"), ({"languages": ["English"]},
                                                          "languages[0]"),
           ({"eligible": {"groups": ["nowhere"]}}, "eligible.groups[0]"),
           ({"eligible": {"units": ["ZZZ"]}}, "eligible.units[0]"),
           ({"eligible": "ldc"}, "eligible"), ({"capacity": 0}, "capacity"),
           ({"capacity": {"countries": 2, "beneficiaries": -1}}, "capacity.beneficiaries"),
           ({"available_from": "2026-02-30"}, "available_from"),
           ({"available_to": "2025-01-01"}, "available_to"), ({"unit_value": -1}, "unit_value"),
           ({"currency": "eur"}, "currency"), ({"valuation": "guess"}, "valuation")]
    for kw, field in bad:
        expect(who("partner1").post(API + "/offers", offer_body(**kw)), 422, "invalid", field,
               f"offer with bad {field}")
    offers = expect(who("anonymous").get(API + f"/offers?partner={ORG1}"), 200).json()["offers"]
    eq(sorted(o["id"] for o in offers), sorted([S["offerA"], S["offerB"]]), "offers of org1")


# ---------------------------------------------------------------- requests and visibility


@test
def countries_ask_and_see_by_visibility():
    r = expect(who("focal_bgd").post(API + "/requests", request_body()), 201, what="BGD")
    S["reqBGD"] = r.json()["id"]
    eq(r.json()["measured_gap"], False)
    eq(r.json()["matches"], [])
    S["reqXAB"] = expect(who("focal_xab").post(API + "/requests", request_body(
        unit="XAB", title="Partners only", visibility="partners", priority="high",
        source={"kind": "node", "framework": "national-commitment", "node": "technical",
                "campaign": "nci-2026"})), 201).json()["id"]
    # a title a spreadsheet would run: the CSV keeps it text (the_exports_download)
    expect(who("focal_xab").post(API + "/requests", request_body(
        unit="XAB", title="=1+1 formula", themes=["standards.public-sector"])), 201)
    S["reqXAA"] = expect(who("focal_xaa").post(API + "/requests", request_body(
        unit="XAA", title="Secretariat only", visibility="secretariat")), 201).json()["id"]
    for role, st in [("focal_xaa", 403), ("partner1", 403), ("secretariat", 403),
                     ("admin", 403), ("anonymous", 401)]:
        expect(who(role).post(API + "/requests", request_body()), st,
               what=f"{role} asks for BGD")
    bad = [({"unit": "ZZZ"}, "unit"), ({"title": None}, "title"), ({"themes": ["x.y"]},
                                                                   "themes[0]"),
           ({"modalities": []}, "modalities"), ({"languages": ["e"]}, "languages[0]"),
           ({"needed_by": "soon"}, "needed_by"), ({"priority": "urgent"}, "priority"),
           ({"visibility": "everyone"}, "visibility"), ({"source": "gap"}, "source"),
           ({"source": {"kind": "rumour"}}, "source.kind"),
           ({"source": {"kind": "node", "framework": "national-commitment", "node": "x",
                        "campaign": "no-such"}}, "source.campaign"),
           ({"source": {"kind": "target", "campaign": "nci-2026"}}, "source.target"),
           ({"source": {"kind": "action", "action": 999999}}, "source.action"),
           ({"description": 5}, "description")]
    for kw, field in bad:
        expect(who("focal_bgd").post(API + "/requests", request_body(**kw)), 422, "invalid",
               field, f"request with bad {field}")

    def seen(role):
        rs = expect(who(role).get(API + "/requests"), 200).json()["requests"]
        return {x["id"] for x in rs} & {S["reqBGD"], S["reqXAB"], S["reqXAA"]}
    eq(seen("anonymous"), {S["reqBGD"]}, "anonymous sees public requests")
    eq(seen("analyst"), {S["reqBGD"]}, "an analyst is no partner")
    eq(seen("partner1"), {S["reqBGD"], S["reqXAB"]}, "partners see partners' requests")
    eq(seen("focal_xaa"), {S["reqBGD"], S["reqXAA"]},
       "a country sees its own")
    eq(seen("secretariat"), {S["reqBGD"], S["reqXAB"], S["reqXAA"]}, "the secretariat all")
    expect(who("partner1").get(API + f"/requests/{S['reqXAA']}"), 404, what="hidden request")
    expect(who("anonymous").get(API + f"/requests/{S['reqXAB']}"), 404, what="hidden request")
    r = expect(who("anonymous").get(API + f"/requests/{S['reqBGD']}"), 200).json()
    check("created_by" not in r, "who asked is not shown to the public")
    mine = expect(who("focal_xab").get(API + "/requests?unit=XAB"), 200).json()["requests"]
    eq([x["id"] for x in mine if x["id"] == S["reqXAB"]], [S["reqXAB"]])
    eq([x["measured_gap"] for x in mine if x["id"] == S["reqXAB"]], [True],
       "a node of a published result is a measured gap")
    expect(who("anonymous").get(API + "/requests/abc"), 404, what="bad id")


@test
def a_request_is_drafted_from_a_plan_action():
    plans = expect(who("admin").get(API + "/plans?unit=XAA"), 200).json()["plans"]
    check(plans, "the demo has a plan for XAA")
    plan = expect(who("admin").get(API + f"/plans/{plans[0]['id']}"), 200).json()
    action = [a for ob in plan["objectives"] for a in ob["actions"]][0]
    d = expect(who("focal_xaa").post(API + "/requests/draft", {"action": action["id"]}),
               200).json()
    eq(d["unit"], "XAA")
    eq(d["title"], action["title"])
    eq(d["source"], {"kind": "action", "action": action["id"]})
    d["needed_by"] = "2027-03-31"
    d.pop("plan", None)
    gap = d.pop("measured_gap")
    if not d["themes"]:
        d["themes"] = ["policy-strategy"]
    r = expect(who("focal_xaa").post(API + "/requests", d), 201, what="post the draft").json()
    eq(r["measured_gap"], gap, "the gap follows the action's source")
    eq(r["source"], {"kind": "action", "action": action["id"]})
    expect(who("partner1").post(API + "/requests/draft", {"action": action["id"]}), 403)
    expect(who("focal_bgd").post(API + "/requests/draft", {"action": action["id"]}), 403)
    expect(who("anonymous").post(API + "/requests/draft", {"action": action["id"]}), 401)
    expect(who("focal_xaa").post(API + "/requests/draft", {"action": "one"}), 422, "invalid",
           "action")
    expect(who("focal_xaa").post(API + "/requests/draft", {"action": 999999}), 404,
           field="action")
    # an action of XAA's plan cannot be the source of BGD's request
    expect(who("focal_bgd").post(API + "/requests", request_body(
        source={"kind": "action", "action": action["id"]})), 422, "invalid", "source.action")


# ---------------------------------------------------------------- matching


@test
def matches_are_proposed_with_eligibility_of_the_year():
    r = expect(who("secretariat").post(API + f"/requests/{S['reqBGD']}/matches{AT}", {}),
               200).json()
    by_offer = {m["offer"]: m for m in r["matches"]}
    left = {x["offer"]: x["filter"] for x in r["left_out"]}
    check(S["offerA"] in by_offer, f"offer A matches: {r}")
    eq(left.get(S["offerB"]), "eligibility", "Bangladesh is not on the 2027 LDC list")
    eq(left.get(S["offerC"]), "language", "no shared language")
    m = by_offer[S["offerA"]]
    b = m["breakdown"]
    # by hand: themes (1 + 0.5) / 2; training; English preferred and offered;
    # no region named; 4 of 4 places free; no measured gap
    for k, v in [("theme", 0.75), ("modality", 0.5), ("language", 0.25), ("region", 0),
                 ("capacity", 0.25), ("gap", 0), ("total", 1.75), ("max", 2.5)]:
        near(b[k], v, 1e-9, k)
    eq((b["eligible_by"], b["list_year"], b["subtopics"], b["themes"]), ("ldc", 2026, 1, 1))
    near(m["score"], 1.75, 1e-9, "score")
    eq(m["status"], "proposed")
    scores = [x["score"] for x in r["matches"]]
    eq(scores, sorted(scores, reverse=True), "best first")
    S["matchA"] = m["id"]
    # a partner proposes only its own offers; again: the same match, refreshed
    r2 = expect(who("partner1").post(API + f"/requests/{S['reqBGD']}/matches{AT}", {}),
                200).json()
    eq({x["partner"] for x in r2["matches"]}, {ORG1}, "a partner's own offers only")
    eq([x["id"] for x in r2["matches"] if x["offer"] == S["offerA"]], [S["matchA"]])
    # in 2027 (at=2027-02-01) the offer A's list year is 2027: BGD left out
    r3 = expect(who("secretariat").post(API + f"/requests/{S['reqBGD']}/matches?at=2027-02-01",
                                        {}), 200).json()
    eq({x["offer"]: x["filter"] for x in r3["left_out"]}.get(S["offerA"]), "eligibility")
    # the secretariat-only request: partners may not see it to propose
    expect(who("partner1").post(API + f"/requests/{S['reqXAA']}/matches{AT}", {}), 404)
    sec = expect(who("secretariat").post(API + f"/requests/{S['reqXAA']}/matches{AT}", {}),
                 200).json()
    eq({x["offer"]: x["filter"] for x in sec["left_out"]}.get(S["offerA"]), "eligibility",
       "XAA is no LDC")
    for role, st in [("focal_bgd", 403), ("analyst", 403), ("anonymous", 401)]:
        expect(who(role).post(API + f"/requests/{S['reqBGD']}/matches{AT}", {}), st,
               what=f"{role} proposes")
    expect(who("secretariat").post(API + f"/requests/{S['reqBGD']}/matches?at=soon", {}), 400,
           field="at")
    # XAB (an LDC in the sample) and the French-and-English offer A
    rx = expect(who("partner1").post(API + f"/requests/{S['reqXAB']}/matches{AT}", {}),
                200).json()
    mx = [x for x in rx["matches"] if x["offer"] == S["offerA"]]
    check(mx, f"XAB matches offer A: {rx}")
    near(mx[0]["breakdown"]["gap"], 0.25, 1e-9, "a measured gap earns the bonus")
    S["matchXAB"] = mx[0]["id"]
    listed = expect(who("focal_bgd").get(API + f"/matches?request={S['reqBGD']}"),
                    200).json()["matches"]
    check(S["matchA"] in [x["id"] for x in listed], "the country sees its matches")
    eq(expect(who("partner2").get(API + f"/matches?request={S['reqBGD']}"), 200)
       .json()["matches"], [], "another partner sees none of them")
    expect(who("anonymous").get(API + "/matches?request=x"), 400, field="request")


@test
def only_the_requesting_country_decides():
    path = API + f"/matches/{S['matchA']}"
    for role, st in [("partner1", 403), ("secretariat", 403), ("admin", 403),
                     ("focal_xab", 403), ("analyst", 403), ("anonymous", 401)]:
        expect(patch(role, path, {"status": "accepted"}), st, what=f"{role} accepts")
    expect(patch("focal_bgd", path, {"status": "maybe"}), 422, "invalid", "status")
    expect(patch("focal_bgd", path, {"status": "declined"}), 422, "invalid", "reason",
           "a decline needs a reason")
    expect(patch("focal_bgd", path, {"status": "declined", "reason": ""}), 422, "invalid",
           "reason", "an empty reason (a form's blank field) is no reason")
    expect(patch("focal_bgd", path, {"status": "shortlisted"}), 200)
    r = expect(patch("focal_bgd", path, {"status": "accepted", "reason": "fits"}), 200).json()
    eq((r["status"], r["reason"], r["decided_by"]), ("accepted", "fits", PEOPLE["focal_bgd"][0]))
    expect(patch("focal_bgd", path, {"status": "declined", "reason": "changed my mind"}), 409,
           "conflict", "status", "decided already")
    expect(patch("partner1", path, {"status": "withdrawn"}), 409, what="withdraw an accepted")
    eq(expect(who("anonymous").get(API + f"/requests/{S['reqBGD']}"), 200).json()["status"],
       "matched")
    offer = [o for o in expect(who("anonymous").get(API + "/offers"), 200).json()["offers"]
             if o["id"] == S["offerA"]][0]
    eq(offer["capacity"]["used"], 1, "an accepted match takes a place")
    # XAB declines; the partner may withdraw a proposed match of its own
    expect(patch("partner2", API + f"/matches/{S['matchXAB']}", {"status": "withdrawn"}), 403)
    expect(patch("focal_xab", API + f"/matches/{S['matchXAB']}",
                 {"status": "declined", "reason": "we found another way"}), 200)
    expect(patch("focal_bgd", API + "/matches/999999", {"status": "accepted"}), 404)


# ---------------------------------------------------------------- pledges


def pledge_body(**kw):
    b = {"match": S["matchA"], "provider": ORG1, "recipient": "BGD",
         "description": "CIRT coaching <phase 1> & \"tools\"", "modality": "training",
         "value": {"amount": 24000, "currency": "EUR", "fx_rate": 1.1, "fx_date": "2026-05-01",
                   "valuation": "staff_day_rate"},
         "period": {"from": "2026-07-01", "to": "2027-03-31"}}
    b.update(kw)
    return b


@test
def pledges_are_made_delivered_and_verified():
    bad = [({"provider": "no-such"}, "provider"), ({"recipient": "ZZZ"}, "recipient"),
           ({"recipient": "XAB"}, "recipient"), ({"provider": ORG2}, None),
           ({"description": ""}, "description"), ({"modality": "gift"}, "modality"),
           ({"value": 5}, "value"), ({"match": "x"}, "match"), ({"match": 999999}, "match"),
           ({"value": {"amount": -1}}, "value.amount"),
           ({"value": {"amount": 1, "fx_rate": 0}}, "value.fx_rate"),
           ({"value": {"amount": 1, "fx_rate": 1, "currency": "E"}}, "value.currency"),
           ({"value": {"amount": 1, "fx_rate": 1, "currency": "EUR", "fx_date": "x"}},
            "value.fx_date"),
           ({"value": {"amount": 1, "fx_rate": 1, "currency": "EUR", "fx_date": "2026-01-01",
                       "valuation": "guess"}}, "value.valuation"),
           ({"period": {"from": "2026-07-01"}}, "period.to"),
           ({"period": {"from": "2026-07-01", "to": "2026-01-01"}}, "period.to"),
           ({"commitment": "maybe"}, "commitment")]
    for kw, field in bad:
        if field is None:
            continue
        expect(who("partner1").post(API + "/pledges", pledge_body(**kw)), 422, "invalid",
               field, f"pledge with bad {field}")
    expect(who("partner2").post(API + "/pledges", pledge_body()), 403, what="another partner")
    expect(who("focal_bgd").post(API + "/pledges", pledge_body()), 403, what="the recipient")
    expect(who("anonymous").post(API + "/pledges", pledge_body()), 401)
    expect(who("partner1").post(API + "/pledges", pledge_body(match=S["matchXAB"],
                                                               recipient="XAB")),
           409, "conflict", "match", "a declined match")
    p = expect(who("partner1").post(API + "/pledges", pledge_body()), 201).json()
    S["pledge1"] = p["id"]
    eq((p["request"], p["commitment"], p["delivery"], p["verification"], p["cancelled"]),
       (S["reqBGD"], "proposed", "none", "self", False))
    near(p["value"]["usd"], 26400, 1e-6, "usd")
    eq(p["themes"], ["incident-management.national-cirt", "culture-skills.training"],
       "themes from the request")
    # a direct agreement, by the secretariat for org2, in US dollars
    S["pledge2"] = expect(who("secretariat").post(API + "/pledges", pledge_body(
        match=None, provider=ORG2, recipient="XAA", modality="software-licence",
        description="SIEM licences", themes=["incident-management.sectoral-cirts"],
        value={"amount": 5000, "currency": "USD", "fx_rate": 1, "fx_date": "2026-04-01",
               "valuation": "list_price"}, commitment="confirmed")), 201).json()["id"]
    S["pledge3"] = expect(who("partner2").post(API + "/pledges", pledge_body(
        match=None, provider=ORG2, recipient="LAO", description="To be cancelled",
        value={"amount": 999, "currency": "USD", "fx_rate": 1, "fx_date": "2026-04-01",
               "valuation": "declared"})), 201).json()["id"]
    path = API + f"/pledges/{S['pledge1']}"
    for body, field in [({"date": "2026-08-01", "what": "workshop", "quantity": -2}, "quantity"),
                        ({"what": "workshop", "quantity": 1}, "date"),
                        ({"date": "2026-08-01", "quantity": 1}, "what"),
                        ({"date": "2026-08-01", "what": "w", "quantity": 1,
                          "beneficiaries": 2.5}, "beneficiaries")]:
        expect(who("partner1").post(path + "/deliveries", body), 422, "invalid", field,
               f"delivery with bad {field}")
    for role, st in [("focal_bgd", 403), ("partner2", 404), ("anonymous", 404)]:
        expect(who(role).post(path + "/deliveries", {"date": "2026-08-01", "what": "w",
                                                     "quantity": 1}), st, what=role)
    d = expect(who("partner1").post(path + "/deliveries", {
        "date": "2026-08-01", "what": "five-day workshop", "quantity": 5,
        "beneficiaries": 18}), 201).json()
    eq((d["delivery"], d["beneficiaries"], len(d["deliveries"])), ("partial", 18, 1))
    expect(patch("focal_bgd", path, {"verification": "recipient"}), 200, what="recipient")
    expect(patch("partner1", path, {"verification": "self"}), 409, "conflict", "verification",
           "back to self")
    expect(patch("partner1", path, {"verification": "secretariat"}), 403, what="p1 as sec")
    expect(patch("focal_bgd", path, {"commitment": "confirmed"}), 403, what="the recipient "
           "confirms for the provider")
    expect(patch("partner1", path, {"commitment": "confirmed"}), 200)
    expect(patch("partner1", path, {"commitment": "proposed"}), 409, "conflict", "commitment",
           "back from confirmed")
    expect(patch("partner1", path, {"delivery": "done"}), 422, "invalid", "delivery")
    expect(patch("partner1", path, {"cancelled": False}), 422, "invalid", "cancelled")
    expect(who("partner1").post(path + "/deliveries", {
        "date": "2027-02-10", "what": "follow-up", "quantity": 2, "beneficiaries": 7}), 201)
    r = expect(patch("partner1", path, {"delivery": "complete"}), 200).json()
    check(r["completed_at"], "completed_at is set")
    eq(r["beneficiaries"], 25)
    expect(patch("partner1", path, {"delivery": "partial"}), 409, what="back from complete")
    expect(patch("secretariat", path, {"verification": "secretariat"}), 200)
    expect(patch("partner1", path, {"cancelled": True}), 409, "conflict", "cancelled",
           "a delivered pledge")
    p3 = API + f"/pledges/{S['pledge3']}"
    expect(patch("focal_bgd", p3, {"cancelled": True}), 404, what="not visible to BGD")
    expect(patch("partner2", p3, {"cancelled": True}), 200)
    expect(patch("partner2", p3, {"commitment": "confirmed"}), 409, "conflict", "cancelled")
    expect(who("partner2").post(p3 + "/deliveries", {"date": "2026-08-01", "what": "w",
                                                     "quantity": 1}), 409, what="cancelled")
    # who sees which pledges
    def ids(role, q=""):
        return {x["id"] for x in expect(who(role).get(API + "/pledges" + q), 200)
                .json()["pledges"]} & {S["pledge1"], S["pledge2"], S["pledge3"]}
    eq(ids("secretariat"), {S["pledge1"], S["pledge2"], S["pledge3"]})
    eq(ids("partner2"), {S["pledge1"], S["pledge2"], S["pledge3"]}, "its own and the confirmed")
    eq(ids("anonymous"), {S["pledge1"], S["pledge2"]}, "the confirmed, not cancelled")
    eq(ids("secretariat", "?unit=XAA"), {S["pledge2"]})
    eq(ids("secretariat", f"?partner={ORG2}"), {S["pledge2"], S["pledge3"]})
    one = expect(who("anonymous").get(path), 200).json()
    eq([x["what"] for x in one["deliveries"]], ["five-day workshop", "follow-up"])
    expect(who("anonymous").get(p3), 404, what="a cancelled pledge is not public")
    req = expect(who("focal_bgd").get(API + f"/requests/{S['reqBGD']}"), 200).json()
    eq([x["id"] for x in req["pledges"]], [S["pledge1"]], "a request shows its pledges")


# ---------------------------------------------------------------- the report


def expected_share(pledges, year, units_on_list):
    lo, hi = f"{year}-01-01", f"{year}-12-31"
    sup = {p["recipient"] for p in pledges if not p["cancelled"] and p["period"]["from"] <= hi
           and p["period"]["to"] >= lo and p["recipient"] in units_on_list}
    return len(sup)


@test
def the_report_counts_on_the_year_list():
    pledges = expect(who("secretariat").get(API + "/pledges"), 200).json()["pledges"]
    r26 = expect(who("anonymous").get(API + "/partnerships/report?year=2026"), 200).json()
    r27 = expect(who("anonymous").get(API + "/partnerships/report?year=2027"), 200).json()
    eq((r26["ldc"]["list_year"], r27["ldc"]["list_year"]), (2026, 2027))
    # Bangladesh, Lao PDR and Nepal leave the list on 24 November 2026
    eq(r26["ldc"]["of"] - r27["ldc"]["of"], 3, "three graduations between the lists")
    check("BGD" in r26["ldc"]["units"], "BGD supported on the 2026 list")
    check("BGD" not in r27["ldc"]["units"], "not on the 2027 list, though its pledge runs on")
    ldc_now = expect(who("anonymous").get(API + "/units?group=ldc&limit=500"), 200).json()
    members = {u["id"] for u in ldc_now["units"]}
    eq(r26["ldc"]["of"], ldc_now["total"], "the 2026 list is today's")
    eq(r26["ldc"]["supported"], expected_share(pledges, 2026, members))
    check("XAA" in r26["sids"]["units"], "XAA (a SIDS) supported")
    near(r26["ldc"]["share"], r26["ldc"]["supported"] / r26["ldc"]["of"], 1e-9, "share")
    counted = [p for p in pledges if not p["cancelled"] and p["period"]["from"] <= "2026-12-31"
               and p["period"]["to"] >= "2026-01-01"]
    eq(r26["pledges"], len(counted))
    near(r26["usd"], sum(p["value"]["usd"] for p in counted), 1e-6, "total")
    by = {x["partner"]: x for x in r26["value_by_partner"]}
    near(by[ORG1]["usd"], sum(p["value"]["usd"] for p in counted if p["provider"] == ORG1),
         1e-6, "org1's value")
    eq(by[ORG2]["name"], "Beta <Uni> & Co (fictional)")
    check(all(x["partner"] != ORG2 or x["pledges"] == 1 for x in r26["value_by_partner"]),
          "the cancelled pledge does not count")
    near(sum(x["usd"] for x in r26["value_by_theme"]), r26["usd"], 1e-6, "themes add up")
    near(r26["fulfilment_rate"], sum(p["delivery"] == "complete" for p in counted) / len(counted),
         1e-9, "fulfilment")
    eq(r26["beneficiaries"], sum(p["beneficiaries"] for p in counted))
    check("2026-05-01" in r26["fx_dates"], "exchange-rate dates shown")
    cell = [x for x in r26["matrix"] if x["unit"] == "BGD" and x["theme"] == "incident-management"]
    check(cell and cell[0]["pledges"] >= 1, f"who does what where: {cell}")
    gaps = {g["request"] for g in r26["gaps"]}
    check(S["reqBGD"] not in gaps, "a matched request is no gap")
    check(S["reqXAA"] not in gaps, "a secretariat-only request is not in the public report")
    sec = expect(who("secretariat").get(API + "/partnerships/report?year=2026"), 200).json()
    check(sec["open_requests"] > r26["open_requests"], "the secretariat sees more requests")
    ages = [x["age_days"] for x in sec["open_by_age"]]
    eq(ages, sorted(ages, reverse=True), "open requests oldest first")
    eq(len(sec["open_by_age"]), sec["open_requests"])
    check(S["reqXAA"] in {x["request"] for x in sec["open_by_age"]}, "the secretariat's board")
    check(sec["time_to_match"]["requests"] >= 1 and sec["time_to_match"]["mean_days"] >= 0,
          f"time to match: {sec['time_to_match']}")
    expect(who("anonymous").get(API + "/partnerships/report?year=two"), 400, field="year")


@test
def a_country_and_a_partner_have_their_picture():
    """GET /matches?unit|partner and GET /pledges' totals (the report's counting)."""
    def mids(role, q):
        return {m["id"] for m in expect(who(role).get(API + "/matches" + q), 200).json()["matches"]}
    every = expect(who("secretariat").get(API + "/matches"), 200).json()["matches"]
    eq(mids("secretariat", "?unit=BGD"), {m["id"] for m in every if m["unit"] == "BGD"})
    eq(mids("secretariat", f"?partner={ORG1}"), {m["id"] for m in every if m["partner"] == ORG1})
    check(mids("secretariat", f"?partner={ORG1}"), "ORG1's offers have matches")
    eq(mids("focal_bgd", "?unit=BGD"), mids("secretariat", "?unit=BGD"), "the country sees its")
    eq(mids("focal_bgd", "?unit=XAA"), set(), "not another country's")
    eq(mids("partner1", f"?partner={ORG1}"), mids("secretariat", f"?partner={ORG1}"))
    eq(mids("partner2", f"?partner={ORG1}"), set(), "not another partner's")
    for role in ["anonymous", "analyst"]:
        eq(mids(role, "?unit=BGD") | mids(role, f"?partner={ORG1}"), set(), role)
    eq(mids("secretariat", f"?unit=BGD&partner={ORG1}"),
       {m["id"] for m in every if m["unit"] == "BGD" and m["partner"] == ORG1}, "both filters")
    for role, q in [("secretariat", "?unit=BGD"), ("anonymous", "?unit=BGD"),
                    ("partner2", f"?partner={ORG2}"), ("focal_xaa", "?unit=XAA"), ("secretariat", "")]:
        got = expect(who(role).get(API + "/pledges" + q), 200).json()
        mine = [p for p in got["pledges"] if not p["cancelled"]]
        tot = got["totals"]
        eq(tot["pledges"], len(mine), f"{role} {q} pledges")
        near(tot["usd"], sum(p["value"]["amount"] * p["value"]["fx_rate"] for p in mine), 1e-6)
        near(tot["delivered_usd"], sum(p["value"]["usd"] for p in mine if p["delivery"] == "complete"), 1e-6)
        eq(tot["beneficiaries"], sum(p["beneficiaries"] for p in mine))
        for p in got["pledges"]:
            eq(sum(d["beneficiaries"] for d in p["deliveries"]), p["beneficiaries"], "its deliveries")
        for row in tot["by_year"]:
            y = row["year"]
            counted = [p for p in mine if p["period"]["from"] <= f"{y}-12-31" and p["period"]["to"] >= f"{y}-01-01"]
            eq(row["pledges"], len(counted), f"{role} {q} {y}")
            near(row["usd"], sum(p["value"]["usd"] for p in counted), 1e-6)
            near(sum(a["usd"] for a in row["amounts"]), row["usd"], 1e-6, "currencies add up")
            for a in row["amounts"]:
                near(a["amount"], sum(p["value"]["amount"] for p in counted
                                      if p["value"]["currency"] == a["currency"]), 1e-6)
            eq(set(row["fx_dates"]), {p["value"]["fx_date"] for p in counted})
            if not q:
                rep = expect(who(role).get(API + f"/partnerships/report?year={y}"), 200).json()
                eq(row["pledges"], rep["pledges"], f"the report of {y} counts the same")
                near(row["usd"], rep["usd"], 1e-6)
        check(not mine or tot["by_year"], "years listed")
    expect(who("anonymous").get(API + "/matches?request=0&unit=BGD"), 400, field="request")


@test
def the_exports_download():
    r = expect(who("anonymous").get(API + "/partnerships/report.xlsx?year=2026"), 200)
    check(r.body[:2] == b"PK", "an xlsx (zip) file")
    check("spreadsheetml" in (r.header("Content-Type") or ""), r.header("Content-Type"))
    c = expect(who("anonymous").get(API + "/partnerships/report.csv?year=2026"), 200)
    check((c.header("Content-Type") or "").startswith("text/csv"), "CSV")
    import csv
    import io
    rows = list(csv.reader(io.StringIO(c.body.decode())))
    eq(rows[0], ["section", "which", "theme", "value", "usd", "pledges", "open_requests"])
    rep = expect(who("anonymous").get(API + "/partnerships/report?year=2026"), 200).json()
    summary = {r[1]: r[3] for r in rows if r[0] == "summary"}
    eq(int(summary["ldc_supported"]), rep["ldc"]["supported"])
    eq(int(summary["ldc_of"]), rep["ldc"]["of"])
    eq(int(summary["sids_list_year"]), 2026)
    near(float(summary["usd"]), rep["usd"], 1e-6, "usd in the CSV")
    by = {r[1]: float(r[4]) for r in rows if r[0] == "value_by_partner"}
    eq(by.keys(), {x["partner"] for x in rep["value_by_partner"]})
    eq(len([r for r in rows if r[0] == "matrix"]), len(rep["matrix"]))
    check(["gap", "XAB", "'=1+1 formula"] in [r[:3] for r in rows], "a formula stays text")


@test
def the_iati_xml_has_the_codes_and_a_transaction_per_delivery():
    partners_iati.check_xml(who, S, API)


# ---------------------------------------------------------------- the gap, before and after


@test
def a_delivered_pledge_shows_its_gap_before_and_after():
    pl = expect(who("secretariat").get(API + "/pledges?unit=XAB"), 200).json()["pledges"]
    done = [p for p in pl if p["delivery"] == "complete" and p["request"]]
    check(done, f"the demo's delivered pledge to XAB: {pl}")
    p = expect(who("anonymous").get(API + f"/pledges/{done[0]['id']}"), 200).json()
    m = p["measurement"]
    req = expect(who("secretariat").get(API + f"/requests/{p['request']}"), 200).json()
    eq((m["framework"], m["node"], m["before_campaign"]),
       (req["source"]["framework"], req["source"]["node"], req["source"]["campaign"]))
    prof = expect(who("anonymous").get(API + f"/campaigns/{m['before_campaign']}/results/XAB"),
                  200).json()
    node = [n for n in prof["nodes"] if n["id"] == m["node"]][0]
    near(m["before"], node["value"], 1e-9, "before: the node's value in the gap's campaign")
    eq((m["after"], m["after_campaign"]), (None, None), "no campaign published since")
    mine = expect(who("secretariat").get(API + f"/pledges/{S['pledge1']}"), 200).json()
    eq(mine["measurement"], None, "a request without a node")
    # the next campaign is published: the same node, after
    for st in ("review", "closed", "published"):
        expect(who("admin").post(API + "/campaigns/nci-2028/status", {"status": st}), 200,
               what=f"nci-2028 {st}")
    p2 = expect(who("anonymous").get(API + f"/pledges/{done[0]['id']}"), 200).json()
    m2 = p2["measurement"]
    eq(m2["after_campaign"], "nci-2028")
    prof2 = expect(who("anonymous").get(API + "/campaigns/nci-2028/results/XAB"), 200).json()
    node2 = [n for n in prof2["nodes"] if n["id"] == m["node"]]
    if node2 and node2[0]["value"] is not None:
        near(m2["after"], node2[0]["value"], 1e-9, "after: the node's value in nci-2028")
    undone = [p for p in pl if p["delivery"] != "complete" and p["request"]]
    for u in undone:
        x = expect(who("secretariat").get(API + f"/pledges/{u['id']}"), 200).json()["measurement"]
        check(x is None or x["after"] is None, "no after before the delivery is complete")


# ---------------------------------------------------------------- who may


@test
def role_matrix_of_the_reads():
    """Reads: public ones for everybody; /partnerships/me for anyone."""
    for path in ["/partnerships/themes", "/partnerships/report", "/organisations", "/offers",
                 "/requests", "/matches", "/pledges", "/partnerships/me", "/matches?unit=BGD",
                 f"/matches?partner={ORG1}", "/pledges?unit=BGD", f"/pledges?partner={ORG2}",
                 "/partnerships/pledges.iati.xml"]:
        for role in CFG.clients:
            expect(who(role).get(API + path), 200, what=f"{role} GET {path}")


@test
def every_exchange_matches_openapi():
    with open(os.path.join(HERE, "..", "..", "src/server/openapi.json")) as f:
        doc = json.load(f)
    problems, seen = harness.exchanges_vs_openapi(doc, CFG.log)
    ops = {(meth.upper(), t) for t, item in doc["paths"].items() for meth, o in item.items()
           if "partnerships" in o.get("tags", [])}
    check(ops, "no partnership operations in openapi.json")
    if not CFG.partial:
        problems += [f"{m} {t}: never exercised" for m, t in sorted(ops - seen)]
    check(not problems, f"{len(problems)} responses differ from openapi.json:\n  "
          + "\n  ".join(problems[:40]))


if __name__ == "__main__":
    sys.exit(harness.run_demo_suite(SUITE, CFG, setup, "cybercap-partners."))
