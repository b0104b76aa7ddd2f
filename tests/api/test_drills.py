#!/usr/bin/env python3
"""Drills over the HTTP API (docs/drills.md, docs/api.md "Drills").

Standard library only. Starts its own `cybercap demo` on a free port with a
fresh data directory and makes its own accounts (`cybercap user add`,
bearer tokens from `cybercap user token`; one player signs in with a
cookie to show the CSRF rule holds here too). Its scenario (written below)
has two teams, red and blue, and injects a second or two apart at speed 60
(a minute of play a second), so that the play clock, a pause, `after`,
deliver-now and skip are seen on the wall clock. Then: scenarios in (YAML,
zip, every bad input), a drill created and run through every status,
delivery within 0.1 s of its time, the SSE stream per viewer (replay
without and with Last-Event-ID, a player sees only their team's injects and
never a note or an expected action), responses (403 for another team's
inject), evaluations (422 for another rating), expected actions, ad-hoc
injects, feedback, the improvement plan, the report as JSON, CSV and XLSX,
the audit chain (`cybercap audit verify`), an authorisation matrix of every
drill route by role, and every exchange against openapi.json.

    python3 tests/api/test_drills.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

The tests run in order and build on each other.
"""
import re
import csv
import io
import json
import os
import socket
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, Problems, check, eq, expect, open_db  # noqa: E402
import harness  # noqa: E402

CFG = harness.Cfg()
test, request, client, who = CFG.test, CFG.request, CFG.client, CFG.who
cli, cli_ok, Stream = CFG.cli, CFG.cli_ok, CFG.stream
SC = "api-drill"
D = "run-1"
SPEED = 60

# The scenario is this file's own. Times are minutes of play: at speed 60,
# one a second.
SCENARIO = """\
cybercap-scenario: 1
id: api-drill
title: API test drill
description: A drill made for the API tests.
objectives:
  - {id: detect, name: Detect the incident, criteria: [A case is opened]}
  - {id: inform, name: Inform the public}
teams:
  - {id: red, name: Red team}
  - {id: blue, name: Blue team}
injects:
  - id: a0
    at: 0
    to: [red]
    channel: email
    title: Red first
    content: "Alarm for red"
    notes: NOTE-a0-secret
    expects:
      - {id: e1, text: EXPECT-open-a-case, objective: detect}
  - {id: b0, at: 0, to: [blue], channel: phone, title: Blue first, content: "Call for blue"}
  - {id: all1, at: 1, to: [all], channel: media, title: News for all, content: "Breaking"}
  - {id: r2, at: 0.5, after: all1, to: [red], channel: email, title: Red after news, content: "Follow-up"}
  - {id: p3, at: 3, to: [red], channel: social, title: Red after the pause, content: "Post"}
  - {id: s3, at: 30, to: [blue], channel: email, title: To be skipped, content: "Skip me"}
  - {id: f4, at: 0, after: s3, to: [blue], channel: email, title: Follower of the skipped, content: "Never"}
  - {id: n5, at: 40, to: [red], channel: handout, title: Delivered by hand, content: "Now"}
  - {id: late, at: 500, to: [all], channel: system, title: Far away, content: "Later"}
translations:
  fr:
    title: Exercice des tests de l'API
    teams: {red: Équipe rouge}
    injects:
      a0: {title: Rouge d'abord, content: "Alerte pour rouge", notes: NOTE-a0-secret-fr,
           expects: {e1: EXPECT-open-a-case-fr}}
"""

PEOPLE = {
    "director": ("director@drill.test", [("analyst", None, None)]),
    "controller": ("controller@drill.test", []),
    "evaluator": ("evaluator@drill.test", []),
    "player_a": ("red.one@drill.test", []),
    "player_a2": ("red.two@drill.test", []),
    "player_b": ("blue.one@drill.test", []),
    "observer": ("observer@drill.test", []),
    "outsider": ("outsider@drill.test", [("focal_point", "XAA", None)]),
}


def DR(rest="", drill=D):
    return f"{API}/drills/{drill}{rest}"


# ---------------------------------------------------------------- SSE


def sse_status(c, path):
    """The status of a GET on an event stream, read from the status line
    only (a stream that opens does not end)."""
    s = socket.create_connection((CFG.host, CFG.port), timeout=10)
    h = [f"GET {path} HTTP/1.1", f"Host: {CFG.host}"]
    if c.bearer:
        h.append(f"Authorization: Bearer {c.bearer}")
    s.sendall(("\r\n".join(h) + "\r\n\r\n").encode())
    line = s.makefile("rb").readline().decode()
    s.close()
    return int(line.split()[1])


def timeline():
    return expect(who("director").get(DR("/timeline")), 200, what="timeline").json()


def inj(tl, i):
    return next(x for x in tl["injects"] if x["id"] == i)


def iso_s(t):
    """Seconds since 1970 of an ISO time with milliseconds."""
    import datetime
    return datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


# ---------------------------------------------------------------- scenarios


def zip_of(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


WITH_FILE = """\
cybercap-scenario: 1
id: with-files
title: With a file
objectives: [{id: o, name: O}]
teams: [{id: t, name: T}]
injects: []
challenges:
  - id: c1
    name: Find it
    files: [files/evidence.txt]
    value: 10
    flags: [{type: static, value: "FLAG{x}"}]
"""


@test
def scenarios_come_in_as_yaml_or_zip():
    an = who("director")
    expect(client("anonymous").post(API + "/scenarios", body=SCENARIO.encode()), 401,
           "unauthenticated", what="anonymous")
    expect(who("outsider").post(API + "/scenarios", body=SCENARIO.encode()), 403, "forbidden",
           what="a focal point")
    r = expect(an.post(API + "/scenarios", body=SCENARIO.encode(),
                       headers={"Content-Type": "application/yaml"}), 201, what="YAML").json()
    eq((r["id"], len(r["hash"]), r["files"]), (SC, 64, 0), "the stored scenario")
    CFG.hash = r["hash"]
    expect(an.post(API + "/scenarios", body=SCENARIO.encode()), 409, "conflict", "id",
           what="the same id again")
    bad = SCENARIO.replace("to: [blue], channel: phone", "to: [green], channel: phone")
    r = expect(an.post(API + "/scenarios", body=bad.replace("id: api-drill", "id: bad-one").encode()),
               422, "invalid", what="a team that does not exist")
    e = r.json()["error"]
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "green" in text)
    eq((e["file"], e["line"]), ("scenario", line), "where the reader stopped")
    check(e["column"] > 0 and "green" in e["message"], f"the reader's message: {e}")
    e = expect(an.post(API + "/scenarios", body=b"cybercap-scenario: 1\nid: x\n  : : bad\n"),
               422, "invalid", what="not YAML").json()["error"]
    check(e.get("line"), f"a YAML error without a line: {e}")
    # a YAML body cannot bring the files its challenges name
    e = expect(an.post(API + "/scenarios", body=WITH_FILE.encode()), 422, "invalid",
               what="challenge files in a YAML body").json()["error"]
    check("files/evidence.txt" in e["message"], f"the file is not named: {e}")
    # a zip can
    z = zip_of([("pack/with-files.yaml", WITH_FILE), ("pack/files/evidence.txt", "EVIDENCE")])
    r = expect(an.post(API + "/scenarios", body=z, headers={"Content-Type": "application/zip"}),
               201, what="a zip with its file").json()
    eq((r["id"], r["files"]), ("with-files", 1), "the zip's scenario")
    stored = os.path.join(CFG.data, "scenario-files", r["hash"], "files", "evidence.txt")
    eq(open(stored).read(), "EVIDENCE", "the file kept beside the scenario")
    # zip slip, and a zip that names a missing file
    for entries, what in (
            ([("s.yaml", WITH_FILE.replace("with-files", "slip")), ("../../evil.txt", "X")],
             "a name outside the zip's folder"),
            ([("s.yaml", WITH_FILE.replace("with-files", "missing"))], "the named file missing"),
            ([("a.yaml", SCENARIO), ("b.yaml", SCENARIO)], "two scenario files")):
        expect(an.post(API + "/scenarios", body=zip_of(entries)), 422, "invalid", what=what)
    check(not os.path.exists(os.path.join(CFG.tmp, "evil.txt")) and
          not os.path.exists(os.path.join(CFG.data, "evil.txt")), "zip slip wrote a file")
    expect(an.post(API + "/scenarios", body=b"PK\x03\x04broken zip"), 422, "invalid",
           what="a damaged zip")
    lst = expect(an.get(API + "/scenarios"), 200, what="the list").json()["scenarios"]
    check({SC, "with-files"} <= {s["id"] for s in lst}, f"the list: {lst}")
    full = expect(an.get(f"{API}/scenarios/{SC}"), 200, what="the scenario").json()
    a0 = next(i for i in full["injects"] if i["id"] == "a0")
    eq((a0["notes"], a0["expects"][0]["id"]), ("NOTE-a0-secret", "e1"), "staff see notes")
    wf = expect(an.get(API + "/scenarios/with-files"), 200, what="with-files").json()
    check("FLAG" not in json.dumps(wf), "a flag is in GET /scenarios/{id}")
    expect(an.get(API + "/scenarios/nope"), 404, what="no such scenario")
    expect(who("player_a").get(f"{API}/scenarios/{SC}"), 403, "forbidden",
           what="a player before any drill")


@test
def init_loads_scenario_files():
    out = cli_ok("init", "--data", CFG.data, "--scenario",
                 os.path.join(harness.ROOT, "tests/fixtures/drills/demo-hospital.yaml"))
    check(re.search(r"\d+ scenarios[, ]", out), out)
    bad = os.path.join(CFG.tmp, "bad.yaml")
    with open(bad, "w") as f:
        f.write("cybercap-scenario: 1\nid: b\n")
    rc, out, err = cli("init", "--data", CFG.data, "--scenario", bad)
    eq((rc, out), (2, ""), "a bad scenario file")
    check(err.startswith(bad + ":") and "error:" in err, f"stderr: {err!r}")


# ---------------------------------------------------------------- a drill


def new_drill(id_, **over):
    body = {"id": id_, "scenario": SC, "title": "API drill", "speed": SPEED,
            "teams": {"red": {"unit": "XAA", "players": [PEOPLE["player_a"][0],
                                                       PEOPLE["player_a2"][0]]},
                      "blue": {"unit": "XAB", "players": [PEOPLE["player_b"][0]],
                               "hidden": True}},
            "controllers": [PEOPLE["controller"][0]],
            "evaluators": [PEOPLE["evaluator"][0]],
            "observers": [PEOPLE["observer"][0]]}
    body.update(over)
    return who("director").post(API + "/drills", body)


@test
def drills_are_created_by_admins_and_analysts():
    expect(who("outsider").post(API + "/drills", {"id": "x"}), 403, "forbidden",
           what="a focal point")
    expect(client("anonymous").post(API + "/drills", {"id": "x"}), 401, what="anonymous")
    for over, field in (({"speed": 0}, "speed"), ({"speed": "fast"}, "speed"),
                        ({"scenario": "nope"}, "scenario"), ({"id": "bad id"}, "id"),
                        ({"teams": {"green": {}}}, "teams.green"),
                        ({"teams": {"red": {"unit": "ZZZ"}}}, "teams.red.unit"),
                        ({"teams": {"red": {"players": ["nobody@drill.test"]}}},
                         "teams.red.players"),
                        ({"controllers": [PEOPLE["player_a"][0]]}, "teams"),
                        ({"observers": "x"}, "observers")):
        expect(new_drill("bad", **over), 422, "invalid", field, what=f"a drill with {over}")
    r = expect(new_drill(D), 201, what="create").json()
    eq((r["status"], r["roles"], r["speed"], r["scenario"]["hash"]),
       ("scheduled", ["director"], SPEED, CFG.hash), "the new drill")
    eq([(t["id"], t["unit"], t["hidden"], len(t["players"])) for t in r["teams"]],
       [("red", "XAA", False, 2), ("blue", "XAB", True, 1)], "its teams")
    expect(new_drill(D), 409, "conflict", what="the same id again")
    lst = expect(who("player_a").get(API + "/drills"), 200, what="a player's list").json()
    eq([(d["id"], d["roles"], d["team"]) for d in lst["drills"]], [(D, ["player"], "red")],
       "a player's drills")
    eq(who("outsider").get(API + "/drills").json()["drills"], [], "an outsider's drills")


@test
def streams_open_before_the_start():
    CFG.streams = {role: Stream(DR("/events"), who(role))
                   for role in ("director", "observer", "player_a", "player_a2", "player_b")}
    s = CFG.streams["player_a"]
    deadline = time.time() + 5
    while s.status is None and time.time() < deadline:
        time.sleep(0.02)
    eq(s.status, 200, "the stream's status")
    check(s.headers.get("content-type", "").startswith("text/event-stream"),
          f"Content-Type {s.headers}")
    eq(s.headers.get("cache-control"), "no-store", "Cache-Control")
    eq(sse_status(who("outsider"), DR("/events")), 403, "an outsider's stream")
    eq(sse_status(client("anonymous"), DR("/events")), 401, "an anonymous stream")


@test
def communication_check_before_the_start():
    r = expect(who("player_a").post(DR("/commcheck")), 200, what="red one confirms").json()
    eq(r["team"], "red", "the team")
    first = r["confirmed_at"]
    time.sleep(0.01)
    eq(who("player_a").post(DR("/commcheck")).json()["confirmed_at"], first,
       "the first confirmation stands")
    expect(who("director").post(DR("/commcheck")), 403, "forbidden", what="the director")
    teams = {t["id"]: t for t in who("director").get(DR()).json()["teams"]}
    eq((teams["red"]["commcheck"], teams["blue"]["commcheck"]),
       ({"confirmed": 1, "players": 2}, {"confirmed": 0, "players": 1}), "per-team status")
    CFG.streams["director"].wait_for(lambda e: e[1] == "commcheck", what="the commcheck event")


@test
def nothing_is_delivered_before_the_start():
    time.sleep(0.3)
    tl = timeline()
    eq({x["status"] for x in tl["injects"]}, {"pending"}, "states before the start")
    eq(tl["clock"], 0, "the clock before the start")
    for i in ("deliver", "skip"):
        expect(who("controller").post(DR(f"/injects/a0/{i}")), 409, "conflict",
               what=f"{i} before the start")
    for st in ("paused", "ended"):
        expect(who("controller").post(DR("/status"), {"status": st}), 409, "conflict",
               what=f"scheduled -> {st}")
    expect(who("controller").post(DR("/status"), {"status": "scheduled"}), 409, "conflict",
           what="scheduled -> scheduled")
    expect(who("controller").post(DR("/status"), {"status": "asleep"}), 422, "invalid",
           "status", what="a word that is no status")


@test
def the_clock_runs_pauses_and_delivers_on_time():
    r = expect(who("controller").post(DR("/status"), {"status": "running"}), 200,
               what="start").json()
    eq(r["status"], "running", "status")
    CFG.t0 = iso_s(r["at"])
    expect(who("controller").post(DR("/status"), {"status": "running"}), 409, "conflict",
           what="running -> running")
    a = CFG.streams["player_a"]
    a.wait_for(lambda e: e[1] == "inject" and e[2]["id"] == "a0", what="a0 to red")
    CFG.streams["player_b"].wait_for(lambda e: e[2].get("id") == "b0", what="b0 to blue")
    # all1 at 1 min of play = 1 s after the start; r2 (after all1) at once with it
    a.wait_for(lambda e: e[2].get("id") == "r2", timeout=5, what="r2")
    tl = timeline()
    late = []
    for i, want in (("a0", 0), ("b0", 0), ("all1", 1), ("r2", 1)):
        x = inj(tl, i)
        eq(x["status"], "delivered", f"{i} status")
        delay = iso_s(x["delivered_at"]) - (CFG.t0 + want * 60 / SPEED)
        if not -0.001 <= delay <= 0.1:
            late.append(f"{i}: {delay:.3f} s")
    check(not late, f"not delivered within 0.1 s of their time: {late}")
    # pause at 1.5 s of play for one second: p3 (at 3) then comes at 4 s
    time.sleep(max(0, CFG.t0 + 1.5 - time.time()))
    r = expect(who("director").post(DR("/status"), {"status": "paused"}), 200,
               what="pause").json()
    c1 = r["clock"]
    time.sleep(1.0)
    tl = timeline()
    eq((tl["status"], tl["clock"]), ("paused", c1), "the clock stands while paused")
    eq(inj(tl, "p3")["status"], "pending", "nothing is due while paused")
    expect(who("controller").post(DR("/status"), {"status": "paused"}), 409, "conflict",
           what="paused -> paused")
    r = expect(who("controller").post(DR("/status"), {"status": "running"}), 200,
               what="resume").json()
    paused_for = iso_s(r["at"]) - (CFG.t0 + c1 * 60 / SPEED)
    a.wait_for(lambda e: e[2].get("id") == "p3", timeout=5, what="p3 after the pause")
    x = inj(timeline(), "p3")
    delay = iso_s(x["delivered_at"]) - (CFG.t0 + 3 * 60 / SPEED + paused_for)
    check(-0.001 <= delay <= 0.1, f"p3 {delay:.3f} s off its time after a pause of "
          f"{paused_for:.3f} s")
    check(abs(x["clock_at_delivery"] - 3) < 0.1, f"p3 at clock {x['clock_at_delivery']}")


@test
def skip_and_deliver_now():
    c = who("controller")
    r = expect(c.post(DR("/injects/s3/skip")), 200, what="skip s3").json()
    eq((r["status"], r["by"]), ("skipped", PEOPLE["controller"][0]), "s3 skipped")
    check(r["skipped_at"] and r["delivered_at"] is None, f"s3 times {r}")
    for i, what in (("skip", "skip again"), ("deliver", "deliver a skipped one")):
        expect(c.post(DR(f"/injects/s3/{i}")), 409, "conflict", what=what)
    r = expect(c.post(DR("/injects/n5/deliver")), 200, what="deliver n5 now").json()
    eq((r["status"], r["by"]), ("delivered", PEOPLE["controller"][0]), "n5 by hand")
    check(r["clock_at_delivery"] < 40, f"n5 was due at 40, delivered at {r['clock_at_delivery']}")
    expect(c.post(DR("/injects/n5/deliver")), 409, "conflict", what="deliver n5 twice")
    expect(c.post(DR("/injects/nope/deliver")), 404, "not_found", what="no such inject")
    CFG.streams["player_a"].wait_for(lambda e: e[2].get("id") == "n5", what="n5 to red")
    # f4 comes after the skipped s3: never due, however long we wait
    time.sleep(0.5)
    eq(inj(timeline(), "f4")["status"], "pending", "the follower of a skipped inject")
    check("f4" not in CFG.streams["player_b"].injects(), "f4 reached blue")


@test
def ad_hoc_injects():
    c = who("controller")
    r = expect(c.post(DR("/injects"), {"title": "Ad hoc for blue", "content": "Extra",
                                      "channel": "phone", "to": ["blue"],
                                      "notes": "NOTE-adhoc-secret"}), 201, what="ad hoc").json()
    eq((r["id"], r["status"], r["adhoc"], r["to"]), ("adhoc-1", "delivered", True, ["blue"]),
       "the ad-hoc inject")
    CFG.streams["player_b"].wait_for(lambda e: e[2].get("id") == "adhoc-1", what="adhoc to blue")
    expect(c.post(DR("/injects"), {"id": "a0", "title": "T", "content": "C", "channel": "email",
                                   "to": ["all"]}), 409, "conflict", what="an id taken")
    for body, field in (({"title": "T", "content": "C", "channel": "fax", "to": ["all"]},
                         "channel"),
                        ({"title": "T", "content": "C", "channel": "email", "to": []}, "to"),
                        ({"title": "T", "content": "C", "channel": "email",
                          "to": ["all", "red"]}, "to"),
                        ({"title": "", "content": "C", "channel": "email", "to": ["red"]},
                         "title"),
                        ({"content": "C", "channel": "email", "to": ["red"]}, "title")):
        expect(c.post(DR("/injects"), body), 422, "invalid", field, what=f"ad hoc {body}")
    expect(who("evaluator").post(DR("/injects"), {"title": "T", "content": "C",
                                                  "channel": "email", "to": ["red"]}),
           403, "forbidden", what="an evaluator")


@test
def players_answer_their_own_teams_injects():
    a, b = who("player_a"), who("player_b")
    r = expect(a.post(DR("/injects/a0/responses"), {"text": "We opened case 17"}), 201,
               what="red answers a0").json()
    eq((r["team"], r["inject"], r["text"]), ("red", "a0", "We opened case 17"), "the response")
    expect(b.post(DR("/injects/a0/responses"), {"text": "not ours"}), 403, "forbidden",
           what="blue answers red's inject")
    expect(a.post(DR("/injects/b0/responses"), {"text": "not ours"}), 403, "forbidden",
           what="red answers blue's inject")
    expect(a.post(DR("/injects/late/responses"), {"text": "early"}), 403, "forbidden",
           what="an inject not delivered yet")
    expect(a.post(DR("/injects/nope/responses"), {"text": "x"}), 403, "forbidden",
           what="an inject that does not exist")
    expect(a.post(DR("/injects/a0/responses"), {"text": ""}), 422, "invalid", "text",
           what="an empty response")
    expect(a.post(DR("/injects/a0/responses"), {"text": 5}), 422, "invalid", "text",
           what="a response that is not text")
    expect(who("director").post(DR("/injects/a0/responses"), {"text": "x"}), 403, "forbidden",
           what="the director")
    expect(b.post(DR("/injects/all1/responses"), {"text": "Blue saw the news"}), 201,
           what="blue answers an inject to all")
    # a cookie session needs the CSRF token here as everywhere
    expect(CFG.cookie_a.post(DR("/injects/all1/responses"), {"text": "x"}, csrf=False), 403,
           "csrf", what="without the CSRF token")
    expect(CFG.cookie_a.post(DR("/injects/all1/responses"), {"text": "Red saw it too"}), 201,
           what="with the CSRF token")
    mine = expect(a.get(DR("/responses")), 200, what="red's responses").json()["responses"]
    eq({x["team"] for x in mine}, {"red"}, "a player reads their team's responses only")
    alls = expect(who("evaluator").get(DR("/responses")), 200, what="all responses").json()
    eq(len(alls["responses"]), 3, "staff read every response")
    eq([x["id"] for x in who("evaluator").get(DR("/responses?inject=a0")).json()["responses"]],
       [r["id"]], "responses of one inject")
    CFG.streams["director"].wait_for(lambda e: e[1] == "response", what="a response event")


@test
def evaluators_rate_and_mark():
    ev = who("evaluator")
    r = expect(ev.post(DR("/evaluations"), {"team": "red", "objective": "detect", "rating": "S",
                                            "observation": "Case opened after 40 minutes"}),
               201, what="a rating").json()
    eq((r["rating"], r["team"]), ("S", "red"), "the rating")
    expect(ev.post(DR("/evaluations"), {"team": "red", "objective": "detect",
                                        "observation": "Good log review", "kind": "strength"}),
           201, what="an observation")
    expect(ev.post(DR("/evaluations"), {"team": "blue", "objective": "inform", "rating": "M",
                                        "observation": "No statement agreed"}), 201,
           what="blue")
    for body, field in (({"team": "red", "objective": "detect", "rating": "X",
                          "observation": "x"}, "rating"),
                        ({"team": "red", "objective": "detect", "rating": "p",
                          "observation": "x"}, "rating"),
                        ({"team": "green", "objective": "detect", "rating": "P"}, "team"),
                        ({"team": "red", "objective": "nope", "rating": "P"}, "objective"),
                        ({"team": "red", "objective": "detect"}, "observation"),
                        ({"team": "red", "objective": "detect", "rating": "P",
                          "kind": "other"}, "kind")):
        expect(ev.post(DR("/evaluations"), body), 422, "invalid", field, what=f"rating {body}")
    expect(who("player_a").post(DR("/evaluations"), {"team": "red", "objective": "detect",
                                                     "rating": "P"}), 403, "forbidden",
           what="a player rates")
    expect(who("controller").post(DR("/evaluations"), {"team": "red", "objective": "detect",
                                                       "rating": "P"}), 403, "forbidden",
           what="a controller rates")
    lst = expect(ev.get(DR("/evaluations")), 200, what="the evaluations").json()["evaluations"]
    eq([(e["team"], e["rating"], e["kind"]) for e in lst],
       [("red", "S", "strength"), ("red", None, "strength"), ("blue", "M", "improvement")],
       "the evaluations")
    r = expect(ev.post(DR("/injects/a0/expects"), {"team": "red", "expect": "e1", "met": True}),
               200, what="e1 met").json()
    eq(r["met"], True, "the mark")
    expect(ev.post(DR("/injects/a0/expects"), {"team": "blue", "expect": "e1", "met": True}),
           422, "invalid", "team", what="a team the inject did not go to")
    expect(ev.post(DR("/injects/a0/expects"), {"team": "red", "expect": "e9", "met": True}),
           422, "invalid", "expect", what="no such expected action")
    expect(ev.post(DR("/injects/a0/expects"), {"team": "red", "expect": "e1", "met": "yes"}),
           422, "invalid", "met", what="met not a boolean")


@test
def players_never_see_another_teams_injects_nor_notes():
    p = Problems()
    for role, team, want in (("player_a", "red", {"a0", "all1", "r2", "p3", "n5"}),
                             ("player_a2", "red", {"a0", "all1", "r2", "p3", "n5"}),
                             ("player_b", "blue", {"b0", "all1", "adhoc-1"})):
        s = CFG.streams[role]
        kinds = {e[1] for e in s.events}
        p.check(set(s.injects()) == want, f"{role} stream injects {s.injects()}")
        p.check(kinds <= {"inject", "status"}, f"{role} stream kinds {kinds}")
        blob = json.dumps([e[2] for e in s.events])
        for secret in ("NOTE-a0-secret", "NOTE-adhoc-secret", "EXPECT-open-a-case",
                       "Skip me", "Never"):
            p.check(secret not in blob, f"{role} stream has {secret}")
        view = expect(who(role).get(DR()), 200, what=f"{role} GET drill").json()
        p.check({x["id"] for x in view["injects"]} == want, f"{role} view {view['injects']}")
        p.check([t["id"] for t in view["teams"]] == [team], f"{role} teams {view['teams']}")
        vblob = json.dumps(view)
        for secret in ("NOTE-a0-secret", "NOTE-adhoc-secret", "EXPECT-open-a-case", "members"):
            p.check(secret not in vblob, f"{role} view has {secret}")
        sc = expect(who(role).get(f"{API}/scenarios/{SC}"), 200, what=f"{role} scenario").json()
        p.check({x["id"] for x in sc["injects"]} == want - {"adhoc-1"},
                f"{role} scenario injects {[x['id'] for x in sc['injects']]}")
        p.check("NOTE-a0-secret" not in json.dumps(sc) and "EXPECT-open" not in json.dumps(sc),
                f"{role} scenario shows notes or expects")
        for path in ("/timeline", "/evaluations", "/report", "/report.csv", "/improvements"):
            p.expect(who(role).get(DR(path)), 403, "forbidden", what=f"{role} GET {path}")
    # every event of a player's stream is one of theirs, in increasing ids
    ids = [e[0] for e in CFG.streams["player_a"].events]
    p.check(ids == sorted(ids) and len(set(ids)) == len(ids), f"ids {ids}")
    obs = CFG.streams["observer"]
    p.check({e[1] for e in obs.events} <= {"delivery", "status"}, f"observer kinds {obs.summary()}")
    p.check("NOTE-a0-secret" not in json.dumps([e[2] for e in obs.events]), "observer sees notes")
    d = CFG.streams["director"]
    p.check({"status", "delivery", "skip", "response", "commcheck"} <= {e[1] for e in d.events},
            f"director kinds {d.summary()}")
    p.check(set(d.injects("delivery")) == {"a0", "b0", "all1", "r2", "p3", "n5", "adhoc-1"},
            f"director deliveries {d.injects('delivery')}")
    p.done()


@test
def drill_and_scenario_texts_in_the_readers_language():
    """A scenario's translations reach players and staff in their language
    (?lang=, else Accept-Language), the file's own texts elsewhere; ids and
    state never change; notes stay hidden from players in every language."""
    p = Problems()
    pa = who("player_a")
    fr = expect(pa.get(DR() + "?lang=fr"), 200, what="player ?lang=fr").json()
    own = expect(pa.get(DR()), 200, what="player, no language").json()
    p.check((fr["lang"], fr["languages"], own["lang"]) == ("fr", ["fr"], None),
            f"lang {fr['lang']} {fr['languages']} / {own['lang']}")
    p.check(fr["untranslated"] > 0 and own["untranslated"] == 0, f"untranslated {fr['untranslated']}")
    p.check([t["name"] for t in fr["teams"]] == ["Équipe rouge"], f"teams {fr['teams']}")
    a0 = {x["id"]: x for x in fr["injects"]}["a0"]
    p.check((a0["title"], a0["content"]) == ("Rouge d'abord", "Alerte pour rouge"), f"a0 {a0}")
    all1 = {x["id"]: x for x in fr["injects"]}["all1"]
    p.check(all1["title"] == "News for all", f"untranslated inject keeps its text: {all1['title']}")
    p.check([x["id"] for x in fr["injects"]] == [x["id"] for x in own["injects"]], "same injects, same order")
    p.check("NOTE-a0-secret" not in json.dumps(fr), "a player sees notes in French")
    r = pa.get(DR(), headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    p.check(r.json()["lang"] == "fr" and "Accept-Language" in (r.header("Vary") or ""),
            f"Accept-Language: {r.json()['lang']}, Vary {r.header('Vary')}")
    p.check(pa.get(DR(), headers={"Accept-Language": "en, fr;q=0.5"}).json()["lang"] is None,
            "English first: the file's texts")
    p.check(pa.get(DR() + "?lang=de").json()["lang"] is None, "?lang=de: the file's texts")
    p.expect(pa.get(DR() + "?lang=FR"), 400, "bad_parameter", "lang", what="?lang=FR")
    sc = expect(who("director").get(f"{API}/scenarios/{SC}?lang=fr"), 200, what="director scenario").json()
    inj = {x["id"]: x for x in sc["injects"]}
    p.check(sc["title"] == "Exercice des tests de l'API" and sc["lang"] == "fr", f"scenario {sc['title']}")
    p.check(inj["a0"]["notes"] == "NOTE-a0-secret-fr" and
            inj["a0"]["expects"][0]["text"] == "EXPECT-open-a-case-fr", f"staff a0 {inj['a0']}")
    p.check(inj["a0"]["at"] == 0 and inj["r2"]["after"] == "all1", "times and order unchanged")
    ps = expect(pa.get(f"{API}/scenarios/{SC}?lang=fr"), 200, what="player scenario").json()
    p.check({x["id"]: x["title"] for x in ps["injects"]}.get("a0") == "Rouge d'abord", f"player scenario {ps['injects']}")
    p.check("NOTE-a0-secret" not in json.dumps(ps), "player scenario shows notes")
    p.expect(pa.get(f"{API}/scenarios/{SC}?lang=x_y"), 400, "bad_parameter", "lang", what="scenario ?lang=x_y")
    p.done()


@test
def reconnecting_replays_what_was_missed():
    a = CFG.streams["player_a"]
    have = [e[0] for e in a.events]
    # without Last-Event-ID: everything delivered to that viewer so far
    s = Stream(DR("/events"), who("player_a"))
    s.wait_for(lambda e: e[2].get("id") == "n5", what="the replay")
    time.sleep(0.2)
    eq([e[0] for e in s.events], have, "the replay without Last-Event-ID")
    s.close()
    # with it: what came after that id, and nothing before
    cut = have[2]
    s = Stream(DR("/events"), who("player_a"), last_id=cut)
    s.wait_for(lambda e: e[2].get("id") == "n5", what="the replay after an id")
    time.sleep(0.2)
    eq([e[0] for e in s.events], [i for i in have if i > cut], "the replay after Last-Event-ID")
    s.close()
    eq(sse_status(who("player_a"), DR("/events")), 200, "a plain reconnect")
    for bad in ("abc", "-1", "1e3"):
        sock = socket.create_connection((CFG.host, CFG.port), timeout=10)
        sock.sendall((f"GET {DR('/events')} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      f"{who('player_a').bearer}\r\nLast-Event-ID: {bad}\r\n\r\n").encode())
        line = sock.makefile("rb").readline().decode()
        sock.close()
        eq(int(line.split()[1]), 400, f"Last-Event-ID {bad}")


@test
def heartbeat_comments_keep_streams_open():
    """A stream with nothing to say sends a comment line every 15 s."""
    s = CFG.streams["player_b"]
    deadline = time.time() + 20
    while not s.comments and time.time() < deadline:
        time.sleep(0.2)
    check(s.comments and s.comments[0].startswith(": keep-alive"), f"comments {s.comments}")
    check(not s.closed, "the stream closed")


@test
def the_drill_ends_and_feedback_follows():
    pa = who("player_a")
    expect(pa.post(DR("/feedback"), {"answers": {"realism": 4}}), 409, "conflict",
           what="feedback during play")
    r = expect(who("controller").post(DR("/status"), {"status": "ended"}), 200,
               what="end").json()
    eq(r["status"], "ended", "status")
    for st in ("running", "paused", "cancelled", "ended"):
        expect(who("controller").post(DR("/status"), {"status": st}), 409, "conflict",
               what=f"ended -> {st}")
    expect(who("controller").post(DR("/injects/late/deliver")), 409, "conflict",
           what="deliver after the end")
    expect(pa.post(DR("/injects/a0/responses"), {"text": "late"}), 409, "conflict",
           what="a response after the end")
    CFG.streams["player_a"].wait_for(lambda e: e[1] == "status" and e[2]["status"] == "ended",
                                     what="the end reaches the players")
    survey = expect(pa.get(DR("/feedback")), 200, what="the survey").json()
    eq([q["id"] for q in survey["questions"]],
       ["realism", "objectives", "injects", "learned", "prepared", "went_well", "change"],
       "the survey's questions")
    eq(survey["answers"], None, "no answers yet")
    r = expect(pa.post(DR("/feedback"), {"answers": {"realism": 4, "learned": 5,
                                                     "went_well": "Clear injects"}}),
               201, what="feedback").json()
    eq(r["replaced"], False, "first answers")
    expect(pa.post(DR("/feedback"), {"answers": {"realism": 5}}), 200, what="feedback again")
    eq(pa.get(DR("/feedback")).json()["answers"], {"realism": 5}, "the answers replaced")
    expect(who("player_b").post(DR("/feedback"), {"answers": {"realism": 2, "change":
                                                              "More time"}}), 201,
           what="blue's feedback")
    for body, field in (({"answers": {"realism": 6}}, "answers.realism"),
                        ({"answers": {"realism": "4"}}, "answers.realism"),
                        ({"answers": {"colour": 1}}, "answers.colour"),
                        ({"answers": {}}, "answers"), ({}, "answers")):
        expect(pa.post(DR("/feedback"), body), 422, "invalid", field, what=f"feedback {body}")
    expect(who("outsider").post(DR("/feedback"), {"answers": {"realism": 1}}), 403,
           "forbidden", what="an outsider's feedback")


@test
def improvement_plan():
    body = {"team": "red", "objective": "detect", "issue": "Triage took 40 minutes",
            "action": "Write and drill a triage runbook", "owner": "Head of the CIRT",
            "due": "2027-06-30", "start": "2027-01-15"}
    r = expect(who("director").post(DR("/improvements"), body), 201, what="an improvement").json()
    eq((r["organisation"], r["due"], r["plan"]), ("Fictional country XAA", "2027-06-30", None),
       "the improvement")
    for over, field in (({"due": "2027-02-30"}, "due"), ({"start": "2027-07-01"}, "start"),
                        ({"team": "green"}, "team"), ({"objective": "x"}, "objective"),
                        ({"owner": ""}, "owner")):
        expect(who("evaluator").post(DR("/improvements"), dict(body, **over)), 422, "invalid",
               field, what=f"improvement {over}")
    expect(who("controller").post(DR("/improvements"), body), 403, "forbidden",
           what="a controller")
    lst = expect(who("observer").get(DR("/improvements")), 200, what="the list").json()
    eq(len(lst["improvements"]), 1, "improvements")


@test
def a_finding_goes_to_the_units_action_plan():
    """The spine: with `plan`, the row becomes an action of that plan (the
    demo's xaa-2026, XAA's, the unit red plays for) whose source is the
    drill finding, under an objective named for the drill."""
    body = {"team": "red", "objective": "detect", "issue": "Logs were kept for 7 days only",
            "action": "Keep firewall and VPN logs for 90 days", "owner": "CIRT operations",
            "due": "2027-09-30", "plan": "xaa-2026"}
    r = expect(who("director").post(DR("/improvements"), body), 201, what="to a plan").json()
    eq(r["plan"], "xaa-2026", "the row's plan")
    check(isinstance(r["plan_action"], int), f"plan_action {r['plan_action']}")
    admin = CFG.admin
    plan = expect(admin.get(API + "/plans/xaa-2026"), 200, what="the plan").json()
    obj = [o for o in plan["objectives"] if o["title"] == f"Findings of drill {D}"]
    eq(len(obj), 1, "the drill's objective in the plan")
    act = [a for a in obj[0]["actions"] if a["id"] == r["plan_action"]]
    eq(len(act), 1, "the action under it")
    a = act[0]
    eq((a["title"], a["owner"], a["due"], a["status"], a["lead_agency"]),
       (body["action"], body["owner"], body["due"], "planned", "Fictional country XAA"),
       "the action")
    eq((a["source"]["kind"], a["source"]["ref"], a["source"]["detail"]["team"],
        a["source"]["detail"]["issue"]),
       ("drill", f"{D}/improvement:{r['id']}", "red", body["issue"]), "its source: the finding")
    # a second finding joins the same objective
    r2 = expect(who("director").post(DR("/improvements"), dict(body, issue="Second",
                                                                 action="A second action")),
                201, what="a second to the plan").json()
    plan = admin.get(API + "/plans/xaa-2026").json()
    obj = [o for o in plan["objectives"] if o["title"] == f"Findings of drill {D}"]
    eq(sorted(x["id"] for x in obj[0]["actions"]), sorted([r["plan_action"], r2["plan_action"]]),
       "one objective per drill")
    # the same finding sent again attaches to its action instead of a second one
    n_actions = sum(len(o["actions"]) for o in plan["objectives"])
    r3 = expect(who("director").post(DR("/improvements"), dict(body, action="Reworded",
                                                                 owner="Someone else")),
                201, what="the same finding again").json()
    eq((r3["plan"], r3["plan_action"]), ("xaa-2026", r["plan_action"]),
       "the row names the action already there")
    check(r3["id"] != r["id"], "a row of its own in the improvement plan")
    plan = admin.get(API + "/plans/xaa-2026").json()
    eq(sum(len(o["actions"]) for o in plan["objectives"]), n_actions, "no action duplicated")
    r4 = expect(who("director").post(DR("/improvements"), dict(body, team="red",
                                                                 issue="Logs were kept for 7 days only.")),
                201, what="another issue").json()
    check(r4["plan_action"] not in (r["plan_action"], r2["plan_action"]),
          "another issue is another action")
    before = len(who("observer").get(DR("/improvements")).json()["improvements"])
    for over, status, field in (({"plan": "nope"}, 422, "plan"),
                                ({"plan": "xac-cirt"}, 422, "plan"),
                                ({"team": "blue"}, 422, "plan"),
                                ({"plan": 5}, 422, "plan")):
        expect(who("director").post(DR("/improvements"), dict(body, **over)), status, "invalid",
               field, what=f"to a plan with {over}")
    # the evaluator may write the drill's plan, not the unit's action plan
    expect(who("evaluator").post(DR("/improvements"), body), 403, "forbidden", "plan",
           what="an evaluator sends to a plan")
    eq(len(who("observer").get(DR("/improvements")).json()["improvements"]), before,
       "nothing of the refused rows was kept")


@test
def the_after_action_report():
    r = expect(who("observer").get(DR("/report")), 200, what="the report").json()
    eq((r["drill"]["status"], r["drill"]["final"], r["scenario"]["id"]), ("ended", True, SC),
       "overview")
    eq([(t["id"], t["organisation"]) for t in r["teams"]],
       [("red", "Fictional country XAA"), ("blue", "Fictional country XAB")], "organisations")
    det = next(o for o in r["objectives"] if o["id"] == "detect")
    red = next(t for t in det["teams"] if t["team"] == "red")
    eq((red["rating"], len(red["strengths"]), red["expects"]), ("S", 2,
       {"met": 1, "not_met": 0, "unmarked": 0}), "red on detect")
    inf = next(o for o in r["objectives"] if o["id"] == "inform")
    blue = next(t for t in inf["teams"] if t["team"] == "blue")
    eq((blue["rating"], [x["text"] for x in blue["improvements"]]),
       ("M", ["No statement agreed"]), "blue on inform")
    tl = {x["id"]: x for x in r["timeline"]}
    eq((tl["a0"]["status"], tl["s3"]["status"], tl["f4"]["status"], tl["adhoc-1"]["adhoc"]),
       ("delivered", "skipped", "pending", True), "the timeline")
    eq([x["text"] for x in tl["a0"]["responses"]], ["We opened case 17"], "a0's responses")
    fb = {q["id"]: q for q in r["feedback"]["questions"]}
    eq((r["feedback"]["answered"], fb["realism"]["mean"], fb["change"]["answers"]),
       (2, 3.5, ["More time"]), "the feedback summary")
    eq([(x["plan"], x["plan_action"] is not None) for x in r["improvements"]],
       [(None, False)] + [("xaa-2026", True)] * 4, "the improvement plan")
    # CSV: the same facts
    c = expect(who("evaluator").get(DR("/report.csv")), 200, what="report.csv")
    check(c.header("Content-Type").startswith("text/csv"), c.header("Content-Type"))
    rows = list(csv.DictReader(io.StringIO(c.body.decode())))
    eq(list(rows[0].keys()), ["section", "team", "objective", "item", "rating", "at", "clock",
                              "text", "action", "owner", "organisation", "start", "due"],
       "CSV header")
    got = {(x["section"], x["team"], x["objective"], x["rating"]) for x in rows
           if x["section"] == "rating"}
    eq(got, {("rating", "red", "detect", "S"), ("rating", "blue", "inform", "M")}, "CSV ratings")
    plan = [x for x in rows if x["section"] == "plan"]
    eq([(x["action"], x["owner"], x["due"]) for x in plan][0],
       ("Write and drill a triage runbook", "Head of the CIRT", "2027-06-30"), "CSV plan")
    eq(len(plan), len(r["improvements"]), "CSV plan rows")
    check(any(x["section"] == "skipped" and x["item"] == "s3" for x in rows), "CSV skip")
    # XLSX: a workbook with the five sheets
    x = expect(who("director").get(DR("/report.xlsx")), 200, what="report.xlsx")
    z = zipfile.ZipFile(io.BytesIO(x.body))
    wb = z.read("xl/workbook.xml").decode()
    for name in ("Overview", "Timeline", "Findings", "Feedback", "Improvement plan"):
        check(f'name="{name}"' in wb, f"sheet {name} missing")
    strings = z.read("xl/sharedStrings.xml").decode()
    check("Write and drill a triage runbook" in strings and "Case opened after 40" in strings,
          "the workbook lacks the plan or the observations")


@test
def a_cancelled_drill_delivers_nothing():
    expect(new_drill("run-2"), 201, what="a second drill")
    c = who("controller")
    expect(c.post(DR("/status", "run-2"), {"status": "cancelled"}), 200, what="cancel")
    expect(c.post(DR("/status", "run-2"), {"status": "running"}), 409, "conflict",
           what="cancelled -> running")
    time.sleep(0.3)
    tl = expect(who("director").get(DR("/timeline", "run-2")), 200, what="timeline").json()
    eq({x["status"] for x in tl["injects"]}, {"pending"}, "a cancelled drill's injects")


@test
def the_audit_chain_holds():
    out = cli_ok("audit", "verify", "--data", CFG.data)
    check("intact" in out or "ok" in out.lower(), out)
    with open_db(CFG.data) as con:
        rows = con.execute("SELECT actor, action FROM audit_event WHERE entity LIKE ?",
                           (f"drill:{D}%",)).fetchall()
    acts = [a for _, a in rows]
    for a in ("create", "status", "deliver", "skip", "adhoc", "respond", "commcheck", "evaluate",
              "expect", "feedback", "improvement"):
        check(a in acts, f"no audit row for {a}: {sorted(set(acts))}")
    check(("clock", "deliver") in rows, "no delivery by the clock in the audit trail")


# ---------------------------------------------------------------- authorisation


ROLES = ["director", "controller", "evaluator", "player_a", "player_b", "observer", "outsider",
         "anonymous"]
# What each caller may do in a running drill (docs/drills.md "Who may do
# what"), written from the rules, not from the server. "ok" = allowed (any
# status but 401/403; 409/422 are state errors), 401, 403.
ENDPOINTS = ["view", "timeline", "events", "status", "deliver", "skip", "adhoc", "respond_a",
             "respond_b", "responses", "commcheck", "evaluations", "evaluate", "expect",
             "feedback_get", "feedback", "improvements", "improve", "report", "report_csv",
             "report_xlsx", "scenario"]
MATRIX = """
role        view timeline events status deliver skip adhoc respond_a respond_b responses commcheck evaluations evaluate expect feedback_get feedback improvements improve report report_csv report_xlsx scenario
director    ok   ok       ok     ok     ok      ok   ok    403       403       ok        403       ok          ok       ok     ok           ok       ok           ok      ok     ok         ok          ok
controller  ok   ok       ok     ok     ok      ok   ok    403       403       ok        403       ok          403      403    ok           ok       ok           403     ok     ok         ok          ok
evaluator   ok   ok       ok     403    403     403  403   403       403       ok        403       ok          ok       ok     ok           ok       ok           ok      ok     ok         ok          ok
player_a    ok   403      ok     403    403     403  403   ok        403       ok        ok        403         403      403    ok           ok       403          403     403    403        403         ok
player_b    ok   403      ok     403    403     403  403   403       ok        ok        ok        403         403      403    ok           ok       403          403     403    403        403         ok
observer    ok   403      ok     403    403     403  403   403       403       403       403       403         403      403    ok           ok       ok           403     ok     ok         ok          ok
outsider    403  403      403    403    403     403  403   403       403       403       403       403         403      403    403          403      403          403     403    403        403         403
anonymous   401  401      401    401    401     401  401   401       401       401       401       401         401      401    401          401      401          401     401    401        401         401
"""


def call(c, ep, m):
    if ep == "view":
        return c.get(DR("", m))
    if ep == "timeline":
        return c.get(DR("/timeline", m))
    if ep == "status":
        return c.post(DR("/status", m), {"status": "scheduled"})   # 409 once allowed
    if ep == "deliver":
        return c.post(DR("/injects/late/deliver", m))
    if ep == "skip":
        return c.post(DR("/injects/s3/skip", m))
    if ep == "adhoc":
        return c.post(DR("/injects", m), {"title": "M", "content": "M", "channel": "system",
                                          "to": ["all"]})
    if ep == "respond_a":
        return c.post(DR("/injects/a0/responses", m), {"text": "matrix"})
    if ep == "respond_b":
        return c.post(DR("/injects/b0/responses", m), {"text": "matrix"})
    if ep == "responses":
        return c.get(DR("/responses", m))
    if ep == "commcheck":
        return c.post(DR("/commcheck", m))
    if ep == "evaluations":
        return c.get(DR("/evaluations", m))
    if ep == "evaluate":
        return c.post(DR("/evaluations", m), {"team": "red", "objective": "detect", "rating": "P",
                                              "observation": "matrix"})
    if ep == "expect":
        return c.post(DR("/injects/a0/expects", m), {"team": "red", "expect": "e1", "met": False})
    if ep == "feedback_get":
        return c.get(DR("/feedback", m))
    if ep == "feedback":
        return c.post(DR("/feedback", m), {"answers": {"realism": 3}})   # 409 while running
    if ep == "improvements":
        return c.get(DR("/improvements", m))
    if ep == "improve":
        return c.post(DR("/improvements", m), {"team": "red", "objective": "detect", "issue": "I",
                                               "action": "A", "owner": "O", "due": "2027-01-01"})
    if ep == "report":
        return c.get(DR("/report", m))
    if ep == "report_csv":
        return c.get(DR("/report.csv", m))
    if ep == "report_xlsx":
        return c.get(DR("/report.xlsx", m))
    if ep == "scenario":
        return c.get(f"{API}/scenarios/{SC}")
    raise ValueError(ep)


@test
def authorization_matrix_of_drill_routes():
    m = "matrix"
    expect(new_drill(m), 201, what="the matrix drill")
    expect(who("controller").post(DR("/status", m), {"status": "running"}), 200, what="start it")
    deadline = time.time() + 5
    while time.time() < deadline:
        tl = who("director").get(DR("/timeline", m)).json()
        if {x["status"] for x in tl["injects"] if x["id"] in ("a0", "b0")} == {"delivered"}:
            break
        time.sleep(0.05)
    rows = [line.split() for line in MATRIX.strip().splitlines()]
    eq(rows[0][1:], ENDPOINTS, "matrix columns")
    eq([r[0] for r in rows[1:]], ROLES, "matrix roles")
    wrong = []
    for r in rows[1:]:
        c = who(r[0])
        for ep, want in zip(ENDPOINTS, r[1:]):
            if ep == "events":
                status, code = sse_status(c, DR("/events", m)), None
            else:
                resp = call(c, ep, m)
                status, code = resp.status, resp.error()[0]
            good = (status not in (401, 403) and 0 < status < 500) if want == "ok" else \
                status == int(want) and code in (None, "unauthenticated" if want == "401" else
                                                 "forbidden")
            if not good:
                wrong.append(f"{r[0]} {ep}: got {status} {code}, expected {want}")
    check(not wrong, f"{len(wrong)} cells differ:\n  " + "\n  ".join(wrong))
    expect(who("director").get(DR("", "nope")), 404, "not_found", what="no such drill")


@test
def every_exchange_matches_openapi():
    # the MSEL and attachment routes are test_drill_files.py's
    ops = harness.operations(tags=("drills", "scenarios"),
                             where=lambda t, o: "/msel" not in t and "/attachments" not in t)
    check(ops, "no drill operations in openapi.json")
    # the event stream is read by Stream, outside the log
    CFG.check_openapi(ops, also_seen=[("GET", API + "/drills/{d}/events")])


# ---------------------------------------------------------------- main


def setup():
    CFG.add_people(PEOPLE, name=lambda role: role.replace("_", " "))
    CFG.cookie_a = CFG.login(PEOPLE["player_a"][0])
    CFG.admin = client("admin", bearer=CFG.bearer_token("admin@demo.cybercap"))


def stop():
    for s in getattr(CFG, "streams", {}).values():
        s.close()
    # a stream left open must not hold the shutdown up
    s = Stream(DR("/events"), who("director"))
    deadline = time.time() + 10
    while s.status is None and time.time() < deadline:
        time.sleep(0.02)
    eq(s.status, 200, "the last stream opens")
    t0 = time.time()
    rc, report = harness.stop_server(CFG.proc, CFG.err_path)
    check(not report, f"sanitizer report:\n{report}")
    eq(rc, 0, "exit status after SIGTERM")
    check(time.time() - t0 < 5, f"the shutdown took {time.time() - t0:.1f} s with a stream open")
    s.thread.join(5)
    check(s.closed, "the open stream did not end")


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-drills.", stop=stop,
                      stop_name="the server exits 0 on SIGTERM, ending open streams"))
