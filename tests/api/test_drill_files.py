#!/usr/bin/env python3
"""Drill files over the HTTP API: a scenario's injects as an MSEL
spreadsheet (export as CSV and XLSX, import as a new version, every bad
cell named, nothing stored on a refusal, the round trip giving the same
injects) and files attached to inject responses (types, limits, who may
attach and who may download), each with its authorisation matrix, and
every exchange against openapi.json (docs/drills.md, "MSEL spreadsheets"
and "Attachments"; docs/api.md "Scenarios and drills").

Standard library only. Starts its own `cybercap demo` on a free port with a
fresh data directory and makes its own accounts.

    python3 tests/api/test_drill_files.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

The tests run in order and build on each other.
"""
import csv
import io
import os
import sys
import time
import uuid
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, check, eq, expect  # noqa: E402
import harness  # noqa: E402


CFG = harness.Cfg()
test, request, who = CFG.test, CFG.request, CFG.who
SC = "files-drill"
COLUMNS = ["id", "at", "after", "to", "channel", "from", "title", "content", "expects", "notes"]

SCENARIO = """\
cybercap-scenario: 1
id: files-drill
title: Drill files test
# a comment that stays where it is
objectives:
  - {id: detect, name: Detect the incident}
  - {id: inform, name: Inform the public}
teams:
  - {id: red, name: Red team}
  - {id: blue, name: Blue team}
injects:
  - id: a0
    at: 0
    to: [red]
    from: The red SOC
    channel: email
    title: "Red first: alarms"
    content: |
      Alarms on every server.
      - what now?
    notes: NOTE-a0
    expects:
      - {id: e1, text: Open a case, objective: detect}
      - {id: e2, text: Tell the press}
  - {id: b0, at: 0, to: [blue], channel: phone, title: Blue first, content: "=1+1 looks like a formula"}
  - {id: all1, at: "H+1", after: a0, to: [all], channel: media, title: News for all, content: "Breaking, \\"quoted\\""}
  - {id: late, at: 500, to: [red, blue], channel: system, title: Far away, content: Later}
"""

PEOPLE = {
    "director": ("director@files.test", [("analyst", None, None)]),
    "controller": ("controller@files.test", []),
    "evaluator": ("evaluator@files.test", []),
    "player_a": ("red.one@files.test", []),
    "player_a2": ("red.two@files.test", []),
    "player_b": ("blue.one@files.test", []),
    "observer": ("observer@files.test", []),
    "outsider": ("outsider@files.test", [("focal_point", "XAA", None)]),
}
ROLES = ["admin", "director", "controller", "evaluator", "player_a", "player_b", "observer",
         "outsider", "anonymous"]
PDF = b"%PDF-1.4\n% drill file test\n" + b"x" * 2000 + b"\n%%EOF\n"


def SCN(rest=""):
    return f"{API}/scenarios/{SC}{rest}"


def DR(rest="", drill="files-1"):
    return f"{API}/drills/{drill}{rest}"


def multipart(filename, data, field="file"):
    """(body, headers) of a multipart/form-data upload of one file."""
    b = "----cybercap" + uuid.uuid4().hex
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\""
            f"\r\nContent-Type: application/octet-stream\r\n\r\n").encode() + data + \
        f"\r\n--{b}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={b}"}


def attach(c, rid, filename, data, drill="files-1"):
    body, h = multipart(filename, data)
    return c.call("POST", DR(f"/responses/{rid}/attachments", drill), body=body, headers=h)


def table(text):
    return list(csv.reader(io.StringIO(text)))


def injects_now(hash_=None):
    r = who("admin").get(SCN(f"?hash={hash_}" if hash_ else ""))
    expect(r, 200, what="the scenario")
    return r.json()


def comparable(injects):
    """What an MSEL carries of each inject, texts trimmed as cells are, in
    file order (the scenario view is in timeline order)."""
    out = {}
    for x in injects:
        out[x["id"]] = {"at": x["at"], "after": x["after"], "to": sorted(x["to"]),
                        "to_all": x["to_all"], "channel": x["channel"], "from": x["from"],
                        "title": x["title"].strip(), "content": x["content"].strip(),
                        "notes": (x["notes"] or "").strip() or None,
                        "expects": [(e["id"], e["objective"], e["text"]) for e in x["expects"]]}
    return out


# ---------------------------------------------------------------- MSEL


@test
def msel_export_holds_every_inject():
    r = who("director").get(SCN("/msel.csv"))
    expect(r, 200, what="the CSV")
    eq(r.header("Content-Type").split(";")[0], "text/csv", "CSV type")
    check("files-drill-msel.csv" in (r.header("Content-Disposition") or ""), "an attachment")
    rows = table(r.body.decode())
    eq(rows[0], COLUMNS, "the header")
    eq([x[0] for x in rows[1:]], ["a0", "b0", "all1", "late"], "one row an inject, file order")
    a0 = dict(zip(COLUMNS, rows[1]))
    eq(a0["to"], "red", "to")
    eq(a0["content"], "Alarms on every server.\n- what now?", "content, trimmed")
    eq(a0["expects"], "e1 [detect]: Open a case\ne2: Tell the press", "expects, one a line")
    eq(a0["notes"], "NOTE-a0", "notes")
    b0 = dict(zip(COLUMNS, rows[2]))
    eq(b0["content"], "'=1+1 looks like a formula", "a formula is guarded")
    all1 = dict(zip(COLUMNS, rows[3]))
    eq((all1["at"], all1["after"], all1["to"]), ("60", "a0", "all"), "at, after, all")
    eq(dict(zip(COLUMNS, rows[4]))["to"], "red|blue", "teams joined by |")
    x = who("director").get(SCN("/msel.xlsx"))
    expect(x, 200, what="the workbook")
    names = zipfile.ZipFile(io.BytesIO(x.body)).namelist()
    check("xl/workbook.xml" in names, f"a workbook: {names[:5]}")
    wb = zipfile.ZipFile(io.BytesIO(x.body)).read("xl/workbook.xml").decode()
    check('name="MSEL"' in wb, "its sheet MSEL")
    expect(who("admin").get(f"{API}/scenarios/nope/msel.csv"), 404, "not_found",
           what="no such scenario")


@test
def msel_round_trip_gives_the_same_injects():
    before = injects_now()
    csv1 = who("admin").get(SCN("/msel.csv")).body
    r = who("admin").call("POST", SCN("/msel"), body=csv1, headers={"Content-Type": "text/csv"})
    expect(r, 201, what="import of the export")
    eq(r.json()["created"], True, "a new version (the file is rewritten)")
    after = injects_now()
    check(after["hash"] != before["hash"], "the latest version is the new one")
    eq(comparable(after["injects"]), comparable(before["injects"]), "the same injects")
    eq([o["id"] for o in after["objectives"]], ["detect", "inform"], "objectives kept")
    csv2 = who("admin").get(SCN("/msel.csv")).body
    eq(csv2, csv1, "export, import, export: the same table")
    xlsx = who("admin").get(SCN("/msel.xlsx")).body
    r = who("admin").call("POST", SCN("/msel"), body=xlsx)
    expect(r, 200, what="import of the workbook")
    eq((r.json()["created"], r.json()["hash"]), (False, after["hash"]),
       "the workbook gives that very version back")


@test
def msel_import_replaces_the_injects_and_old_drills_keep_theirs():
    old = injects_now()["hash"]
    expect(new_drill("files-old"), 201, what="a drill on the current version")
    rows = table(who("admin").get(SCN("/msel.csv")).body.decode())
    rows[2][COLUMNS.index("channel")] = "social"
    rows.append(["n9", "D+0 H+2", "late", "blue", "handout", "Control", "New one",
                 "Line one\nLine two", "e7 [inform]: Brief the press", ""])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    r = who("director").call("POST", SCN("/msel"), body=out.getvalue().encode())
    expect(r, 201, what="the edited table")
    now = injects_now()
    got = {x["id"]: x for x in now["injects"]}
    eq(got["b0"]["channel"], "social", "a changed cell")
    eq((got["n9"]["at"], got["n9"]["after"], got["n9"]["planned"]), (120, "late", 500),
       "a new inject, after another")
    eq(got["n9"]["expects"], [{"id": "e7", "objective": "inform", "text": "Brief the press"}],
       "its expected action")
    eq(len(injects_now(old)["injects"]), 4, "the old version is still there")
    d = who("director").get(DR("", "files-old")).json()
    eq(d["scenario"]["hash"], old, "the drill keeps its version")


@test
def msel_bad_cells_are_each_named_and_nothing_is_stored():
    before = injects_now()["hash"]
    body = ("id,at,after,to,channel,from,title,content,expects,notes\r\n"
            "a0,0,,red,email,,T,\"two\nlines\",,\r\n"
            "a1,soon,,red,fax,,T,c,,\r\n"
            "a0,5,zz,green,email,,,c,e1 [nope]: x,\r\n").encode()
    r = who("admin").call("POST", SCN("/msel"), body=body)
    expect(r, 422, "invalid", "msel", what="bad cells")
    errs = {(e["row"], e["column"]): e["message"] for e in r.json()["errors"]}
    want = {(4, "B"): 'column "at"', (4, "E"): 'column "channel"',
            (5, "A"): 'used on line 2', (5, "C"): 'column "after"', (5, "D"): 'no team "green"',
            (5, "G"): 'column "title"', (5, "I"): 'no objective "nope"'}
    for cell, words in want.items():
        check(cell in errs and words in errs[cell], f"{cell}: {words!r} not in {errs}")
    eq(injects_now()["hash"], before, "nothing stored")
    r = who("admin").call("POST", SCN("/msel"), body=b"id,at,title\r\nx,0,T\r\n")
    expect(r, 422, "invalid", "msel", what="missing columns")
    check(any('"channel" is missing' in e["message"] for e in r.json()["errors"]),
          "the missing column named")
    r = who("admin").call("POST", SCN("/msel"), body=b"PK\x03\x04 not really a zip")
    expect(r, 422, "invalid", "msel", what="a damaged workbook")
    expect(who("admin").call("POST", SCN("/msel"), body=b""), 400, "bad_request", what="no body")
    eq(injects_now()["hash"], before, "still nothing stored")


@test
def msel_import_carries_challenge_files():
    yaml = (SCENARIO.replace("id: files-drill", "id: files-ctf") +
            "challenges:\n  - {id: c1, name: C, value: 10, files: [files/a.txt], "
            "flags: [{type: static, value: x}]}\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("files-ctf.yaml", yaml)
        z.writestr("files/a.txt", "challenge file\n")
    r = who("admin").call("POST", API + "/scenarios", body=buf.getvalue(),
                          headers={"Content-Type": "application/zip"})
    expect(r, 201, what="a scenario with a challenge file")
    table_ = who("admin").get(f"{API}/scenarios/files-ctf/msel.csv").body
    rows = table(table_.decode())
    rows[1][COLUMNS.index("title")] = "Changed by the MSEL"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    r = who("admin").call("POST", f"{API}/scenarios/files-ctf/msel", body=out.getvalue().encode())
    expect(r, 201, what="the import")
    eq(r.json()["files"], 1, "the challenge file goes with the new version")
    got = who("admin").get(f"{API}/scenarios/files-ctf").json()
    eq([c["id"] for c in got["challenges"]], ["c1"], "challenges kept")
    eq(next(x for x in got["injects"] if x["id"] == "a0")["title"], "Changed by the MSEL", "the cell")


MSEL_MATRIX = """
role        export_csv export_xlsx import
admin       ok         ok          ok
director    ok         ok          ok
controller  ok         ok          403
evaluator   ok         ok          403
player_a    403        403         403
player_b    403        403         403
observer    403        403         403
outsider    403        403         403
anonymous   401        401         401
"""


def allowed(r, want):
    if want == "ok":
        return r.status not in (401, 403) and 0 < r.status < 500
    return r.status == int(want) and r.error()[0] == ("unauthenticated" if want == "401"
                                                      else "forbidden")


def run_matrix(text, call):
    rows = [line.split() for line in text.strip().splitlines()]
    eq([r[0] for r in rows[1:]], ROLES, "matrix roles")
    wrong = []
    for r in rows[1:]:
        for ep, want in zip(rows[0][1:], r[1:]):
            resp = call(who(r[0]), ep)
            if not allowed(resp, want):
                wrong.append(f"{r[0]} {ep}: got {resp.status} {resp.error()[0]}, expected {want}")
    check(not wrong, f"{len(wrong)} cells differ:\n  " + "\n  ".join(wrong))


@test
def authorization_matrix_of_msel_routes():
    csv1 = who("admin").get(SCN("/msel.csv")).body

    def call(c, ep):
        if ep == "export_csv":
            return c.get(SCN("/msel.csv"))
        if ep == "export_xlsx":
            return c.get(SCN("/msel.xlsx"))
        return c.call("POST", SCN("/msel"), body=csv1)
    run_matrix(MSEL_MATRIX, call)


# ---------------------------------------------------------------- attachments


def new_drill(id_):
    body = {"id": id_, "scenario": SC, "title": "Files drill", "speed": 60,
            "teams": {"red": {"unit": "XAA", "players": [PEOPLE["player_a"][0],
                                                       PEOPLE["player_a2"][0]]},
                      "blue": {"unit": "XAB", "players": [PEOPLE["player_b"][0]]}},
            "controllers": [PEOPLE["controller"][0]], "evaluators": [PEOPLE["evaluator"][0]],
            "observers": [PEOPLE["observer"][0]]}
    return who("director").post(API + "/drills", body)


def delivered(drill, ids):
    deadline = time.time() + 10
    while time.time() < deadline:
        tl = who("director").get(DR("/timeline", drill)).json()
        if {x["id"] for x in tl["injects"] if x["status"] == "delivered"} >= set(ids):
            return
        time.sleep(0.05)
    raise harness.Fail(f"{ids} not delivered in time")


@test
def a_team_attaches_files_to_its_response():
    expect(new_drill("files-1"), 201, what="the drill")
    r = attach(who("player_a"), 1, "early.pdf", PDF)
    expect(r, 409, "conflict", "status", what="before the start")
    expect(who("controller").post(DR("/status"), {"status": "running"}), 200, what="start")
    delivered("files-1", ["a0", "b0"])
    r = who("player_a").post(DR("/injects/a0/responses"), {"text": "See the attached log"})
    expect(r, 201, what="a response")
    eq(r.json()["attachments"], [], "none yet")
    CFG.rid = r.json()["id"]
    CFG.rid_b = who("player_b").post(DR("/injects/b0/responses"), {"text": "blue"}).json()["id"]
    r = attach(who("player_a2"), CFG.rid, "logs/../../first log.pdf", PDF)
    expect(r, 201, what="a teammate attaches a PDF")
    a = r.json()
    eq((a["response"], a["filename"], a["mime"], a["size"]),
       (CFG.rid, "first log.pdf", "application/pdf", len(PDF)), "what was stored")
    CFG.aid = a["id"]
    r = attach(who("player_a"), CFG.rid, "notes.txt", "Timeline: 01:40 first alarm\n".encode())
    expect(r, 201, what="a text file")
    lst = who("controller").get(DR("/responses")).json()["responses"]
    mine = next(x for x in lst if x["id"] == CFG.rid)
    eq([f["filename"] for f in mine["attachments"]], ["first log.pdf", "notes.txt"],
       "listed with the response")
    theirs = who("player_b").get(DR("/responses")).json()["responses"]
    check(all(x["team"] == "blue" for x in theirs), "blue sees only blue's responses")
    r = who("player_a2").get(DR(f"/responses/{CFG.rid}/attachments/{CFG.aid}"))
    expect(r, 200, what="the team downloads it")
    eq(r.body, PDF, "the same bytes")
    eq(r.header("Content-Type"), "application/pdf", "its checked type")
    check("first log.pdf" in r.header("Content-Disposition"), "its name")
    expect(who("player_a").get(DR(f"/responses/{CFG.rid}/attachments/999999")), 404,
           "not_found", what="no such attachment")


@test
def attachments_are_checked():
    c = who("player_a")
    expect(attach(c, CFG.rid, "fake.pdf", b"MZ\x90\x00 an executable"), 422, "invalid", "file",
           what="content not matching its name")
    expect(attach(c, CFG.rid, "run.exe", b"MZ\x90\x00"), 422, "invalid", "file",
           what="a type not accepted")
    expect(attach(c, CFG.rid, "empty.txt", b""), 422, "invalid", "file", what="an empty file")
    expect(attach(c, CFG.rid, "big.txt", b"a" * (10 * 1024 * 1024 + 1)), 413, "too_large",
           "file", what="over 10 MB")
    expect(attach(c, CFG.rid_b, "x.txt", b"hello"), 403, "forbidden",
           what="another team's response")
    expect(who("player_b").get(DR(f"/responses/{CFG.rid}/attachments/{CFG.aid}")), 403,
           "forbidden", what="another team's file")
    expect(c.post(DR(f"/responses/{CFG.rid}/attachments"), {"file": "x"}), 400, "bad_request",
           what="not a form")
    for k in range(8):
        expect(attach(c, CFG.rid, f"n{k}.txt", f"note {k}".encode()), 201, what=f"file {k + 3}")
    expect(attach(c, CFG.rid, "eleventh.txt", b"one too many"), 413, "too_large", "file",
           what="the eleventh")


ATT_MATRIX = """
role        attach download
admin       403    ok
director    403    ok
controller  403    ok
evaluator   403    ok
player_a    ok     ok
player_b    403    403
observer    403    403
outsider    403    403
anonymous   401    401
"""


@test
def authorization_matrix_of_attachment_routes():
    def call(c, ep):
        if ep == "attach":
            return attach(c, CFG.rid, "m.txt", b"m")
        return c.get(DR(f"/responses/{CFG.rid}/attachments/{CFG.aid}"))
    # the eleven files are there: a player's attach is a 413, not a 403
    run_matrix(ATT_MATRIX, call)


@test
def no_attachment_after_the_end():
    expect(who("controller").post(DR("/status"), {"status": "ended"}), 200, what="end")
    expect(attach(who("player_b"), CFG.rid_b, "late.txt", b"late"), 409, "conflict",
           what="after the end")
    expect(who("evaluator").get(DR(f"/responses/{CFG.rid}/attachments/{CFG.aid}")), 200,
           what="still there for the report")


@test
def every_exchange_matches_openapi():
    ops = harness.operations(where=lambda t, o: "/msel" in t or "/attachments" in t)
    eq(len(ops), 5, "the operations of this suite")
    CFG.check_openapi(ops)


def setup():
    CFG.clients = {"anonymous": CFG.client("anonymous"),
                   "admin": CFG.client("admin", bearer=CFG.bearer_token("admin@demo.cybercap"))}
    CFG.add_people(PEOPLE, name=lambda role: role.replace("_", " "))
    r = CFG.clients["admin"].call("POST", API + "/scenarios", body=SCENARIO.encode(),
                                  headers={"Content-Type": "application/yaml"})
    if r.status != 201:
        raise harness.Fail(f"the scenario: {r.status} {r.body[:200]!r}")
    # the controller and evaluator see the scenario through a drill on it
    r = new_drill("files-staff")
    if r.status != 201:
        raise harness.Fail(f"the staff drill: {r.status} {r.body[:200]!r}")


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-drill-files."))
