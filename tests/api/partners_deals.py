"""Pledges and what follows them, for test_partners.py (its tests run after
the others, on the matches they made): pledges made, delivered and
verified, their statuses moving forward only (409), who sees which; the
donor report counted on the year's LDC list and recomputed from the
pledges; a country's and a partner's picture; the workbook, CSV and the
IATI-style XML (partners_iati.py); a delivered pledge's gap before and
after; the reads everybody may make; and that every operation of the tag
`partnerships` is exercised as openapi.json documents it.
"""
from harness import check, eq, expect, near
import harness
from partners_common import API, CFG, ORG1, ORG2, S, patch, test, who
import partners_iati


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
    ops = harness.operations(tags=("partnerships",))
    check(ops, "no partnership operations in openapi.json")
    CFG.check_openapi(ops)
