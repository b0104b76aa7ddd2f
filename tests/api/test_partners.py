#!/usr/bin/env python3
"""Partnerships over the HTTP API (docs/partnerships.md; docs/api.md
"Partnerships"): requests from countries, offers from partners, matches
proposed with their score, the requesting country's decision, pledges and
deliveries, the donor report and its exports.

Standard library only. Starts its own `cybercap demo` (harness.run_demo_suite),
adds its own accounts (a secretariat member, two partners, focal points of
BGD, XAA and XAB, an admin, an analyst) and runs on that one server, in
this order, the tests of this file (organisations, offers, requests,
matches and the decision) and of partners_deals.py (pledges, the report,
its exports, who may, openapi.json); what they share is in
partners_common.py. They check: the whole flow; every 422 names its field;
visibility of requests (public, partners, secretariat); eligibility read on
the LDC list of the offer's year (Bangladesh is on 2026's list, not on
2027's); the score's breakdown by hand; only the requesting country decides
(403 for the partner, the secretariat, an admin, another country); the
pledge statuses move forward only (409); the report's figures recomputed
from the pledges; the workbook and the IATI-style XML (partners_iati.py:
codes, a transaction per delivery, escaping); who may call which route; and
that every operation of the tag `partnerships` is exercised as openapi.json
documents it.

    python3 tests/api/test_partners.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import check, eq, expect, near  # noqa: E402
from partners_common import (API, AT, CFG, ORG1, ORG2, PEOPLE, S, patch,  # noqa: E402
                             setup, test, who)


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
    CFG.cli_ok("user", "grant", "--data", CFG.data, "--email",
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
    rc, out, err = CFG.cli("user", "grant", "--data", CFG.data, "--email",
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

import partners_deals  # noqa: E402,F401  (its tests come after these, in this order)


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-partners."))
