"""The IATI-style XML export of pledges (docs/partnerships.md "IATI-style
export"), checked for test_partners.py: parsed with xml.etree, its
elements and codes asserted. Called with the suite's clients (who), the
ids it made (S) and the API prefix; the BGD pledge (S["pledge1"], 24,000
EUR, delivered in full in two deliveries of quantities 5 and 2), the XAA
pledge (S["pledge2"], confirmed, given a delivery here) and the
cancelled one (S["pledge3"])."""
import xml.etree.ElementTree as ET

from harness import check, eq, expect


def codes(act, path):
    return [e.get("code") for e in act.findall(path)]


def check_xml(who, S, API):
    # a partial delivery on the XAA pledge: an expenditure with no share yet
    expect(who("secretariat").post(API + f"/pledges/{S['pledge2']}/deliveries", {
        "date": "2026-09-01", "what": "licences installed", "quantity": 10}), 201)
    x = expect(who("anonymous").get(API + "/partnerships/pledges.iati.xml"), 200)
    check((x.header("Content-Type") or "").startswith("application/xml"), "XML")
    root = ET.fromstring(x.body)
    eq((root.tag, root.get("version")), ("iati-activities", "2.03"))
    acts = {a.findtext("iati-identifier"): a for a in root.findall("iati-activity")}
    a1 = acts[f"cybercap-pledge-{S['pledge1']}"]
    eq(a1.find("title/narrative").text, "CIRT coaching <phase 1> & \"tools\"", "escaped text")
    # the elements in the order of the activity schema
    tags = [e.tag for e in a1]
    order = ["iati-identifier", "reporting-org", "title", "description", "activity-status",
             "activity-date", "recipient-country", "default-flow-type", "default-finance-type",
             "default-aid-type", "transaction"]
    eq(sorted(set(tags), key=tags.index), order, "elements in the schema's order")
    eq(codes(a1, "recipient-country"), ["BD"], "BGD as its ISO 3166-1 alpha-2 code")
    eq(a1.find("recipient-country").get("percentage"), "100")
    eq(codes(a1, "activity-status"), ["3"], "delivered in full: finalisation")
    eq(codes(a1, "default-flow-type"), ["30"], "a private provider: private development finance")
    eq(codes(a1, "default-finance-type"), ["110"], "standard grant")
    eq(codes(a1, "default-aid-type"), ["D02"], "training: other technical assistance")
    eq(a1.find("default-aid-type").get("vocabulary"), "1", "the DAC type of aid")
    tx = a1.findall("transaction")
    eq([t.find("transaction-type").get("code") for t in tx], ["12", "2", "4", "4"],
       "outgoing pledge, outgoing commitment, an expenditure per delivery")
    eq({t.find("value").get("currency") for t in tx}, {"EUR"})
    eq({t.find("value").get("value-date") for t in tx}, {"2026-05-01"}, "the exchange-rate date")
    eq([t.find("value").text for t in tx], ["24000.00", "24000.00", "17142.86", "6857.14"],
       "deliveries share the amount by quantity (5 and 2 of 7), adding up to it")
    eq([t.find("transaction-date").get("iso-date") for t in tx[2:]], ["2026-08-01", "2027-02-10"],
       "each expenditure on its delivery's date")
    for t in tx:
        check(len(t.find("transaction-date").get("iso-date")) == 10, "dates as YYYY-MM-DD")
    check("five-day workshop" in tx[2].find("description/narrative").text, "what was delivered")

    a2 = acts[f"cybercap-pledge-{S['pledge2']}"]
    eq(a2.find("reporting-org/narrative").text, "Beta <Uni> & Co (fictional)")
    eq(a2.findall("recipient-country"), [], "XAA has no alpha-2 code: no recipient-country")
    check("recipient: XAA" in a2.find("description/narrative").text, "the unit named instead")
    eq(codes(a2, "default-aid-type"), ["C01"], "software licences: project-type")
    eq(codes(a2, "activity-status"), ["2"], "implementation")
    t2 = a2.findall("transaction")
    eq([t.find("transaction-type").get("code") for t in t2], ["12", "2", "4"])
    eq((t2[2].find("value").text, t2[2].find("transaction-date").get("iso-date")),
       ("0.00", "2026-09-01"), "partly delivered: dated, no share yet")
    check("apportioned once delivered in full" in t2[2].find("description/narrative").text,
          "says why the value is 0")
    check(f"cybercap-pledge-{S['pledge3']}" not in acts, "cancelled pledges are left out")
    check(b"<Uni>" not in x.body, "raw markup never reaches the XML")
