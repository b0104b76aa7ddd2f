#!/usr/bin/env python3
"""Technical challenges in drills over the HTTP API (docs/drills.md,
"Technical challenges"; docs/api.md "Technical challenges").

Standard library only. Starts its own `cybercap demo` (harness.run_demo_suite),
adds its own accounts and a scenario with challenges (below), creates a
drill with teams red, blue and grey, and checks: no flag text in any
response a player gets, correct / wrong / already-solved answers, 50
simultaneous right answers from one team give one solve, max_attempts
(403), the wrong-answer rate limit (429 with Retry-After), hints below the
score (403) and unlocked, requires and opens_at, nothing taken before the
start or after the end, an attempt across the end recorded or refused,
dynamic values after each solve, the board's order with a tie, awards,
the freeze, brackets, who may call which route, and the demo's
challenge drills (demo_ctf.c): the finished board and the drill to play.

    python3 tests/api/test_challenges.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]
"""
import csv
import io
import math
import os
import sys
import threading
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, check, eq, expect, open_db  # noqa: E402
import harness  # noqa: E402


CFG = harness.Cfg()
test, who = CFG.test, CFG.who
SC = "api-ctf"
D = "ctf-1"
FLAG1 = "FLAG{warm-up-1}"
FLAG2 = "flag{Dropper-Found}"
FLAG4 = "FLAG{1234}"

# A scenario of this suite's own (fictional).
SCENARIO = f"""\
cybercap-scenario: 1
id: {SC}
title: API challenge drill
objectives:
  - {{id: detect, name: Detect the intrusion}}
teams:
  - {{id: red, name: Red}}
  - {{id: blue, name: Blue}}
  - {{id: grey, name: Grey}}
injects:
  - {{id: i1, at: 0, to: [all], channel: email, title: Start, content: Go}}
challenges:
  - id: warmup
    name: Warm up
    category: intro
    description: Find the first flag.
    value: 100
    flags: [{{type: static, value: "{FLAG1}"}}]
    hints: [{{id: h1, text: Look in the logs, cost: 30}}, {{id: h2, text: Too dear, cost: 5000}}]
  - id: dropper
    name: Find the dropper
    category: forensics
    description: What dropped the file?
    dynamic: {{initial: 500, minimum: 100, decay: 2, function: logarithmic}}
    flags: [{{type: case_insensitive, value: "{FLAG2}"}}]
    max_attempts: 3
  - id: lin
    name: Linear
    category: logs
    description: Linear decay.
    dynamic: {{initial: 300, minimum: 200, decay: 60, function: linear}}
    flags: [{{type: regex, value: "FLAG\\\\{{[0-9]{{4}}\\\\}}"}}]
  - id: after
    name: After the warm-up
    category: intro
    description: Only after warmup.
    value: 50
    flags: [{{type: static, value: "FLAG{{after}}"}}]
    requires: [warmup]
  - id: later
    name: Later
    category: osint
    description: Opens later.
    value: 10
    flags: [{{type: static, value: "FLAG{{later}}"}}]
    opens_at: 100000
translations:
  fr:
    challenges:
      warmup: {{name: Échauffement, category: introduction, hints: {{h1: Regardez les journaux}}}}
      dropper: {{name: Trouver le dropper}}
"""

FILE_BYTES = b"Web server log, fictional: 10.0.0.7 GET /upload.php 200\n"
FILE_SCENARIO = """\
cybercap-scenario: 1
id: api-ctf-files
title: API challenge files
objectives: [{id: o, name: Investigate}]
teams: [{id: red, name: Red}, {id: blue, name: Blue}]
injects: []
challenges:
  - {id: intro, name: Intro, value: 10, flags: [{type: static, value: "FLAG{in}"}]}
  - id: dossier
    name: The dossier
    value: 50
    files: [files/notes.txt]
    requires: [intro]
    flags: [{type: static, value: "FLAG{dossier}"}]
"""

PEOPLE = {
    "director": ("director@ctf.test", [("analyst", None, None)]),
    "controller": ("controller@ctf.test", []),
    "evaluator": ("evaluator@ctf.test", []),
    "red": ("red@ctf.test", []),
    "red2": ("red2@ctf.test", []),
    "blue": ("blue@ctf.test", []),
    "grey": ("grey@ctf.test", []),
    "observer": ("observer@ctf.test", []),
    "outsider": ("outsider@ctf.test", []),
}
SECRETS = [FLAG1, FLAG2, FLAG2.lower(), FLAG4, "FLAG{after}", "FLAG{later}", "[0-9]{4}"]
PLAYER_BODIES = []


def play(role, method, path, obj=None):
    """A player's call: its body is kept to be scanned for flags."""
    r = who(role).call(method, path, obj)
    PLAYER_BODIES.append((role, path, r.body))
    return r


def DR(p=""):
    return f"{API}/drills/{D}{p}"


def attempt(role, chal, flag):
    return play(role, "POST", DR(f"/challenges/{chal}/attempts"), {"flag": flag})


def status(st):
    expect(who("controller").post(DR("/status"), {"status": st}), 200, what=st)


@test
def a_drill_with_challenges_is_created():
    expect(who("director").post(API + "/scenarios", body=SCENARIO.encode(),
                                headers={"Content-Type": "application/yaml"}), 201)
    body = {"id": D, "scenario": SC, "title": "CTF", "speed": 1,
            "teams": {"red": {"players": [PEOPLE["red"][0], PEOPLE["red2"][0]]},
                      "blue": {"players": [PEOPLE["blue"][0]]},
                      "grey": {"players": [PEOPLE["grey"][0]], "hidden": True}},
            "controllers": [PEOPLE["controller"][0]],
            "evaluators": [PEOPLE["evaluator"][0]],
            "observers": [PEOPLE["observer"][0]]}
    expect(who("director").post(API + "/drills", body), 201)
    lst = expect(play("red", "GET", DR("/challenges")), 200).json()
    eq([c["id"] for c in lst], ["warmup", "dropper", "lin"], "red sees (requires, opens_at)")
    check(all("flags" not in c for c in lst), "no flags for players")
    staff = expect(who("controller").get(DR("/challenges")), 200).json()
    eq(len(staff), 5, "staff see every challenge")


@test
def nothing_is_taken_before_the_start():
    expect(attempt("red", "warmup", FLAG1), 403, "not_running")


@test
def answers_are_judged():
    status("running")
    expect(attempt("red", "warmup", "FLAG{nope}"), 200)
    eq(attempt("red", "warmup", "FLAG{nope}").json()["correct"], False, "wrong")
    r = expect(attempt("red", "warmup", "  " + FLAG1 + "\n"), 200).json()
    eq((r["correct"], r["value"]), (True, 100), "right, trimmed")
    r = expect(attempt("red2", "warmup", FLAG1), 200).json()
    eq(r.get("already_solved"), True, "already solved by the team")
    eq(attempt("blue", "dropper", FLAG2.upper()).json()["correct"], True, "case-insensitive")
    eq(attempt("blue", "lin", "FLAG{123}").json()["correct"], False, "regex: 3 digits")
    eq(attempt("blue", "lin", FLAG4).json()["correct"], True, "regex: 4 digits")
    ids = [c["id"] for c in play("red", "GET", DR("/challenges")).json()]
    check("after" in ids, "after is visible once warmup is solved")
    expect(attempt("blue", "after", "FLAG{after}"), 403, "forbidden",
           what="blue has not solved warmup")
    expect(attempt("red", "later", "FLAG{later}"), 403, "forbidden", what="opens_at")


@test
def the_board_in_the_players_language():
    """A player's board takes the challenges' texts from the scenario's
    translation into their language while the drill's copy is the
    scenario's own; flags, values and ids never change."""
    fr = {c["id"]: c for c in play("red", "GET", DR("/challenges?lang=fr")).json()}
    en = {c["id"]: c for c in play("red", "GET", DR("/challenges")).json()}
    eq(sorted(fr), sorted(en), "same challenges")
    eq((fr["warmup"]["name"], fr["warmup"]["category"]), ("Échauffement", "introduction"), "warmup in French")
    eq(fr["warmup"]["description"], en["warmup"]["description"], "untranslated description stays")
    eq(fr["dropper"]["name"], "Trouver le dropper", "dropper in French")
    eq([c["value"] for c in fr.values()], [c["value"] for c in en.values()], "values")
    h1 = {h["id"]: h for h in fr["warmup"]["hints"]}["h1"]
    if h1.get("unlocked"):
        eq(h1["text"], "Regardez les journaux", "an unlocked hint in French")
    check("text" not in {h["id"]: h for h in fr["warmup"]["hints"]}["h2"], "a locked hint shows no text")
    r = who("red").call("GET", DR("/challenges"), headers={"Accept-Language": "fr-FR"})
    eq({c["id"]: c for c in r.json()}["warmup"]["name"], "Échauffement", "Accept-Language")


@test
def dynamic_values_fall_with_solves():
    # logarithmic 500 -> 100, decay 2: n = solves - 1: 500, 500, 400, 100
    def log_v(s):
        n = max(s - 1, 0)
        return max(100, math.ceil(((100 - 500) / 4) * n * n + 500))
    eq([log_v(s) for s in range(5)], [500, 500, 400, 100, 100], "hand-worked logarithmic")
    # linear 300, decay 60, min 200: 300, 300, 240, 200
    eq([max(200, math.ceil(300 - 60 * max(s - 1, 0))) for s in range(4)],
       [300, 300, 240, 200], "hand-worked linear")
    board = {t["team"]: t for t in expect(who("controller").get(DR("/scoreboard")), 200)
             .json()["teams"]}
    eq(board["blue"]["score"], 500 + 300, "blue: one solver each")
    r = attempt("red", "dropper", FLAG2).json()
    eq(r["value"], log_v(2), "second solver: 400")
    eq(attempt("grey", "dropper", FLAG2).json()["value"], log_v(2), "a hidden team does not count")
    r = attempt("red", "lin", FLAG4).json()
    eq(r["value"], 240, "linear, second solver")
    board = expect(who("controller").get(DR("/scoreboard")), 200).json()
    eq([t["team"] for t in board["teams"]], ["red", "blue"], "hidden grey is on no board")
    eq(board["teams"][1]["score"], 400 + 240, "blue: earlier solvers' scores fall too")
    eq(board["teams"][0]["score"], 100 + 400 + 240, "red")
    eq(board["first_solves"], {"warmup": "red", "dropper": "blue", "lin": "blue"}, "firsts")


@test
def max_attempts_lock_a_team_out():
    # blue: dropper solved; grey solved too; use a fresh challenge via the controller
    expect(who("controller").post(DR("/challenges"), {
        "id": "locked", "name": "Three tries", "category": "misc", "value": 10,
        "max_attempts": 2, "flags": [{"type": "static", "value": "FLAG{x}"}]}), 201)
    eq(attempt("blue", "locked", "a").json()["attempts_left"], 1, "one left")
    attempt("blue", "locked", "b")
    expect(attempt("blue", "locked", "FLAG{x}"), 403, "locked")
    lst = {c["id"]: c for c in play("blue", "GET", DR("/challenges")).json()}
    eq(lst["locked"]["attempts_left"], 0, "none left")


@test
def the_rate_limit_holds_for_its_minute():
    for i in range(10):
        eq(attempt("grey", "warmup", f"x{i}").status, 200, f"wrong answer {i}")
    r = expect(attempt("grey", "warmup", FLAG1), 429, "rate_limited")
    ra = int(r.header("Retry-After"))
    check(50 <= ra <= 60, f"Retry-After {ra}")
    sub = who("controller").get(DR("/submissions?team=grey")).json()["submissions"]
    eq(sum(1 for s in sub if s["outcome"] == "wrong"), 10, "refused ones are not attempts")


@test
def hints_cost_points_once():
    before = {t["team"]: t["score"] for t in who("controller").get(DR("/scoreboard")).json()["teams"]}
    expect(play("blue", "POST", DR("/challenges/warmup/hints/h2/unlock")), 403, "refused",
           what="below the cost")
    r = expect(play("blue", "POST", DR("/challenges/warmup/hints/h1/unlock")), 200).json()
    eq(r["text"], "Look in the logs", "the text")
    expect(play("blue", "POST", DR("/challenges/warmup/hints/h1/unlock")), 200, what="again")
    board = {t["team"]: t["score"] for t in who("controller").get(DR("/scoreboard")).json()["teams"]}
    eq(board["blue"], before["blue"] - 30, "paid once")
    lst = {c["id"]: c for c in play("blue", "GET", DR("/challenges")).json()}
    eq([(h["id"], h["unlocked"], "text" in h) for h in lst["warmup"]["hints"]],
       [("h1", True, True), ("h2", False, False)], "hints as blue sees them")
    expect(play("blue", "POST", DR("/challenges/after/hints/x/unlock")), 403, "forbidden")


def audit_actions(prefix):
    """The actions of the audit chain that start with prefix (read-only)."""
    db = open_db(CFG.data, readonly=True)
    try:
        return [r[0] for r in db.execute("SELECT action FROM audit_event WHERE action LIKE ? "
                                         "ORDER BY id", (prefix + "%",))]
    finally:
        db.close()


@test
def controllers_edit_hints():
    before = {t["team"]: t["score"] for t in who("controller").get(DR("/scoreboard")).json()["teams"]}
    expect(who("controller").call("PATCH", DR("/challenges/warmup"), {"hints": [
        {"id": "h1", "text": "Look in the web server's logs", "cost": 45},
        {"id": "h3", "text": "The flag starts with FLAG", "cost": 1}]}), 200)
    lst = {c["id"]: c for c in play("blue", "GET", DR("/challenges")).json()}
    eq([(h["id"], h["cost"], h.get("text")) for h in lst["warmup"]["hints"]],
       [("h1", 45, "Look in the web server's logs"), ("h2", 5000, None), ("h3", 1, None)],
       "the new text to the team that unlocked it; the new hint locked")
    after = {t["team"]: t["score"] for t in who("controller").get(DR("/scoreboard")).json()["teams"]}
    eq(after, before, "a team keeps what it paid")
    expect(who("controller").call("PATCH", DR("/challenges/warmup"), {"hints": [
        {"id": "h1", "text": "x", "cost": -1}]}), 422, field="hints.cost")
    expect(who("red").call("PATCH", DR("/challenges/warmup"), {"hints": []}), 403)
    eq(audit_actions("challenge.hint"), ["challenge.hint.edit", "challenge.hint.add"],
       "each hint change audited")
    rc, _, _ = CFG.cli("audit", "verify", "--data", CFG.data)
    eq(rc, 0, "audit chain intact")


@test
def a_file_goes_only_to_teams_that_may_see_its_challenge():
    text = FILE_SCENARIO.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("files-drill.yaml", text)
        z.writestr("files/notes.txt", FILE_BYTES)
    expect(who("director").post(API + "/scenarios", body=buf.getvalue(),
                                headers={"Content-Type": "application/zip"}), 201)
    expect(who("director").post(API + "/drills", {
        "id": "ctf-files", "scenario": "api-ctf-files", "title": "Files", "speed": 1,
        "teams": {"red": {"players": [PEOPLE["red"][0]]},
                  "blue": {"players": [PEOPLE["blue"][0]]}},
        "controllers": [PEOPLE["controller"][0]]}), 201)
    base = f"{API}/drills/ctf-files"
    expect(who("controller").post(base + "/status", {"status": "running"}), 200)
    path = base + "/challenges/dossier/files/notes.txt"
    expect(who("red").post(base + "/challenges/intro/attempts", {"flag": "FLAG{in}"}), 200)
    r = expect(who("red").get(path), 200)
    eq(r.body, FILE_BYTES, "red (intro solved) gets the file's bytes")
    check("attachment" in (r.header("Content-Disposition") or ""), "as an attachment")
    expect(who("blue").get(path), 403, "forbidden", what="blue has not solved intro")
    r = who("red").get(base + "/challenges/dossier/files/..%2Ffiles-drill.yaml")
    check(r.status in (403, 404) and b"FLAG{" not in r.body, "no way out of the files")
    eq(expect(who("controller").get(path), 200).body, FILE_BYTES, "controllers get it")
    expect(who("red").get(base + "/challenges/dossier/files/other.txt"), 403,
           what="a name the challenge does not list")


@test
def fifty_right_answers_at_once_give_one_solve():
    expect(who("controller").post(DR("/challenges"), {
        "id": "race", "name": "Race", "category": "misc", "value": 7,
        "flags": [{"type": "static", "value": "FLAG{race}"}]}), 201)
    out = []
    lock = threading.Lock()

    def go(role):
        r = who(role).post(DR("/challenges/race/attempts"), {"flag": "FLAG{race}"})
        with lock:
            out.append((r.status, r.json()))
    ts = [threading.Thread(target=go, args=("red" if i % 2 else "red2",)) for i in range(50)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    eq(sorted(s for s, _ in out), [200] * 50, "every answer taken")
    eq(sum(1 for _, j in out if j.get("correct") and not j.get("already_solved")), 1,
       "exactly one solve")
    eq(sum(1 for _, j in out if j.get("already_solved")), 49, "the others: already solved")
    sub = who("controller").get(DR("/submissions?team=red")).json()["submissions"]
    eq(sum(1 for s in sub if s["challenge"] == "race" and s["outcome"] == "correct"), 1,
       "one correct attempt stored")


@test
def awards_ties_freeze_and_brackets():
    b = {t["team"]: t["score"] for t in who("controller").get(DR("/scoreboard")).json()["teams"]}
    gap = b["red"] - b["blue"]
    expect(who("controller").post(DR("/awards"), {"team": "blue", "value": gap,
                                                   "reason": "Good report"}), 201)
    board = who("controller").get(DR("/scoreboard")).json()["teams"]
    eq(board[0]["score"], board[1]["score"], "a tie")
    eq([t["team"] for t in board], ["red", "blue"], "red reached it first")
    expect(who("red").post(DR("/awards"), {"team": "red", "value": 5, "reason": "x"}), 403)
    expect(who("controller").post(DR("/awards"), {"team": "red", "value": 5}), 422, field="reason")
    expect(who("controller").put(DR("/board-settings"), {
        "freeze": 0, "brackets": {"red": "national", "blue": "sector"}}), 200)
    expect(who("controller").post(DR("/awards"), {"team": "red", "value": -10,
                                                   "reason": "Broke the rules"}), 201)
    live = who("controller").get(DR("/scoreboard")).json()
    frozen = play("red", "GET", DR("/scoreboard")).json()
    eq((live["frozen"], frozen["frozen"]), (False, True), "staff live, players frozen")
    eq((live["freeze"], frozen["freeze"]), (0, 0), "the board says when it freezes")
    eq([t["score"] for t in frozen["teams"]], [0, 0], "frozen at minute 0: nothing counted")
    nat = who("controller").get(DR("/scoreboard?bracket=national")).json()
    eq([t["team"] for t in nat["teams"]], ["red"], "a bracket's board")
    expect(who("controller").put(DR("/board-settings"), {"freeze": None}), 200)
    eq(who("controller").get(DR("/scoreboard")).json()["freeze"], None, "no freeze")
    eq(play("blue", "GET", DR("/scoreboard")).json()["teams"][0]["team"], "blue",
       "after the deduction blue leads")
    ser = expect(play("blue", "GET", DR("/scoreboard/series")), 200).json()
    check(len(ser["teams"]) == 2 and ser["teams"][0]["points"], "a series")
    view = expect(play("blue", "GET", DR()), 200).json()
    eq(view["team_names"], {"red": "Red", "blue": "Blue"},
       "a player sees the name of every team on the board (hidden grey is not)")
    eq([t["id"] for t in view["teams"]], ["blue"], "but only its own team's record")
    eq(set(who("controller").get(DR()).json()["team_names"]), {"red", "blue", "grey"},
       "staff see every team's name")


def boards_of(stream):
    """The scoreboard events so far (not from inside wait_for: it holds the lock)."""
    with stream.lock:
        return [e for e in stream.events if e[1] == "scoreboard"]


@test
def the_board_is_pushed_on_the_stream():
    staff = CFG.stream(DR("/events"), who("controller"))
    player = CFG.stream(DR("/events"), who("red"))
    try:
        # on connecting, the latest board
        staff.wait_for(lambda e: e[1] == "scoreboard", what="a first board (staff)")
        player.wait_for(lambda e: e[1] == "scoreboard", what="a first board (player)")
        eq(staff.status, 200, "the stream")
        score = {t["team"]: t["score"] for t in boards_of(staff)[-1][2]["teams"]}
        # twenty awards in a burst: the board comes again, coalesced
        t0, n0 = time.time(), len(boards_of(staff))
        for i in range(20):
            expect(who("controller").post(DR("/awards"), {"team": "blue", "value": 1,
                                                           "reason": f"burst {i}"}), 201)
        staff.wait_for(lambda e: e[1] == "scoreboard" and {t["team"]: t["score"] for t in
                       e[2]["teams"]}["blue"] == score["blue"] + 20, what="the board after "
                       "the awards")
        time.sleep(0.6)
        pushed = len(boards_of(staff)) - n0
        spent = time.time() - t0
        check(1 <= pushed <= 4 * spent + 2, f"{pushed} boards in {spent:.1f} s: coalesced")
        check(all(b[0] is None for b in boards_of(staff)), "boards carry no event id")
        # a solve is pushed too
        mark = time.time()
        eq(attempt("blue", "after", "FLAG{after}").status, 403, "blue may not see it yet")
        eq(attempt("red", "after", "FLAG{after}").json()["correct"], True, "red solves")
        player.wait_for(lambda e: e[1] == "scoreboard" and e[3] > mark,
                        what="the board after a solve")
        # during the freeze players get the frozen board, staff the live one
        expect(who("controller").put(DR("/board-settings"), {"freeze": 0}), 200)
        mark = time.time()
        expect(who("controller").post(DR("/awards"), {"team": "red", "value": 7,
                                                       "reason": "frozen"}), 201)
        player.wait_for(lambda e: e[1] == "scoreboard" and e[3] > mark and e[2]["frozen"],
                        what="a frozen board for the player")
        staff.wait_for(lambda e: e[1] == "scoreboard" and e[3] > mark and not e[2]["frozen"],
                       what="a live board for staff")
        eq([t["score"] for t in boards_of(player)[-1][2]["teams"]], [0, 0],
           "the player's pushed board is the frozen one")
        expect(who("controller").put(DR("/board-settings"), {"freeze": None}), 200)
    finally:
        staff.close()
        player.close()


@test
def controllers_hide_and_edit():
    expect(who("controller").call("PATCH", DR("/challenges/lin"), {"hidden": True}), 200)
    ids = [c["id"] for c in play("red", "GET", DR("/challenges")).json()]
    check("lin" not in ids, "hidden")
    expect(who("controller").call("PATCH", DR("/challenges/lin"), {"hidden": False,
                                                                    "name": "Linear 2"}), 200)
    expect(who("controller").call("PATCH", DR("/challenges/nope"), {"hidden": True}), 404)
    expect(who("controller").call("PATCH", DR("/challenges/lin"), {"value": 1,
           "dynamic": {"initial": 1, "minimum": 1, "decay": 1}}), 422, field="value")
    expect(who("red").call("PATCH", DR("/challenges/lin"), {"hidden": True}), 403)
    rc, out, _ = CFG.cli("audit", "verify", "--data", CFG.data)
    eq(rc, 0, "audit chain intact")


@test
def an_attempt_across_the_end_is_kept_or_refused():
    expect(who("controller").post(DR("/challenges"), {
        "id": "end", "name": "End", "category": "misc", "value": 3,
        "flags": [{"type": "static", "value": "FLAG{end}"}]}), 201)
    res = []
    lock = threading.Lock()
    roles = ["red", "blue"]

    def go(role):
        r = who(role).post(DR("/challenges/end/attempts"), {"flag": "FLAG{end}"})
        with lock:
            res.append((role, r.status, r.body))
    ts = [threading.Thread(target=go, args=(roles[i % 2],)) for i in range(20)]
    for i, t in enumerate(ts):
        t.start()
        if i == 10:
            who("controller").post(DR("/status"), {"status": "ended"})
    for t in ts:
        t.join()
    sub = who("controller").get(DR("/submissions")).json()["submissions"]
    solved = {s["team"] for s in sub if s["challenge"] == "end" and s["outcome"] == "correct"}
    told = {role for role, st, body in res if st == 200 and b'"correct": true' in body.replace(b'"correct":true', b'"correct": true') and b"already" not in body}
    eq(told, solved, "every acknowledged solve is stored, and only those")
    check(all(st in (200, 403) for _, st, _ in res), "taken or refused")
    expect(attempt("red", "warmup", FLAG1), 403, "not_running", what="after the end")


@test
def no_flag_reaches_a_player():
    for role in ("red", "blue", "grey"):
        play(role, "GET", DR("/challenges"))
        play(role, "GET", DR("/scoreboard"))
        play(role, "GET", DR(""))
    for role, path, body in PLAYER_BODIES:
        text = body.decode("utf-8", "replace")
        for s in SECRETS:
            check(s not in text, f"{s} in {role}'s {path}")
    for s in SECRETS[:2]:
        check(s.encode() not in open(os.path.join(CFG.data, "cybercap.db"), "rb").read()
              if os.path.exists(os.path.join(CFG.data, "cybercap.db")) else True,
              "flags given as value are not stored in clear")


# ---------------------------------------------------------------- the demo's drills


DEMO_DONE = "demo-ctf-done"
DEMO_LIVE = "demo-ctf"


def demo_client(email):
    return CFG.client(email, bearer=CFG.bearer_token(email))


@test
def the_demo_has_a_finished_board():
    """demo_ctf.c's past drill, checked by hand: caelum solved briefing 100,
    beacon (two solves: ceil(-400/25 + 500) = 484), sender 200, ticket 150,
    logs (one solve: 300); ilyndor briefing, sender, beacon less a 50-point
    hint; quenari briefing, ticket, a 50-point hint and a 25-point award."""
    d = demo_client("director.drill@demo.cybercap")
    r = expect(d.get(f"{API}/drills/{DEMO_DONE}"), 200).json()
    eq(r["status"], "ended", "the demo's challenge drill is finished")
    b = expect(d.get(f"{API}/drills/{DEMO_DONE}/scoreboard"), 200).json()
    eq([(t["team"], t["score"], t["rank"], t["solves"]) for t in b["teams"]],
       [("caelum", 1234, 1, 5), ("ilyndor", 734, 2, 3), ("quenari", 225, 3, 2)], "demo board")
    eq(b["first_solves"], {"briefing": "caelum", "beacon": "caelum", "sender": "caelum",
                           "ticket": "quenari", "logs": "caelum"}, "first solves")
    p = demo_client("player.quenari@demo.cybercap")
    expect(p.post(f"{API}/drills/{DEMO_DONE}/challenges/ticket/attempts",
                  {"flag": "CASE-000001"}), 403, what="nothing taken after the end")


@test
def the_demo_report_has_the_technical_results():
    """The after-action report of demo_ctf.c's past drill beside its
    tabletop part, checked by hand from the demo's steps (speed 1: minutes
    of play are wall minutes from the start): first solves at 5, 12, 20,
    33 (quenari) and 40; two hints, both of beacon; one award; beacon and
    logs tied to "detect", ticket to "share" in the challenge editor."""
    d = demo_client("director.drill@demo.cybercap")
    r = expect(d.get(f"{API}/drills/{DEMO_DONE}/report"), 200).json()
    t = r["technical"]
    eq([(x["team"], x["score"], x["rank"]) for x in t["board"]["teams"]],
       [("caelum", 1234, 1), ("ilyndor", 734, 2), ("quenari", 225, 3)], "report board")
    eq([(c["id"], c["solves"], c["solved_by"], c["first_solve"], c["hints_unlocked"],
         c["objective"]) for c in t["challenges"]],
       [("briefing", 3, ["caelum", "ilyndor", "quenari"], {"team": "caelum", "minutes": 5}, 0, None),
        ("beacon", 2, ["caelum", "ilyndor"], {"team": "caelum", "minutes": 12}, 2, "detect"),
        ("sender", 2, ["caelum", "ilyndor"], {"team": "caelum", "minutes": 20}, 0, None),
        ("ticket", 2, ["quenari", "caelum"], {"team": "quenari", "minutes": 33}, 0, "share"),
        ("logs", 1, ["caelum"], {"team": "caelum", "minutes": 40}, 0, "detect")],
       "solves, first solves, hints per challenge")
    eq((t["hints_used"], t["awards"]), (2, 1), "hints and awards")
    eq({o["id"]: [(x["team"], x["rating"]) for x in o["teams"]] for o in r["objectives"]},
       {"detect": [("caelum", "S"), ("ilyndor", "P"), ("quenari", "M")],
        "share": [("caelum", "P"), ("ilyndor", "P"), ("quenari", "S")]},
       "the tabletop ratings beside the board")
    eq({o["id"]: o["challenges"] for o in r["objectives"]},
       {"detect": [{"challenge": "beacon", "solved_by": ["caelum", "ilyndor"]},
                   {"challenge": "logs", "solved_by": ["caelum"]}],
        "share": [{"challenge": "ticket", "solved_by": ["quenari", "caelum"]}]},
       "solves as evidence for the objectives")
    rows = list(csv.reader(io.StringIO(
        expect(d.get(f"{API}/drills/{DEMO_DONE}/report.csv"), 200).body.decode())))
    eq([x[:4] + [x[6], x[7]] for x in rows if x[0] in ("board", "challenge")][:4],
       [["board", "caelum", "", "1", "", "1234"], ["board", "ilyndor", "", "2", "", "734"],
        ["board", "quenari", "", "3", "", "225"],
        ["challenge", "caelum", "", "briefing", "5",
         "3 solves; 0 hints unlocked; solved by: caelum, ilyndor, quenari"]], "the CSV's rows")
    h = expect(d.get(f"{API}/drills/demo-hospital-done/report"), 200).json()
    eq(h["technical"], None, "no technical part without challenges")


@test
def a_newcomer_can_play_the_demo_drill():
    d = demo_client("director.drill@demo.cybercap")
    p = demo_client("player.caelum@demo.cybercap")
    eq(expect(d.get(f"{API}/drills/{DEMO_LIVE}"), 200).json()["status"], "scheduled",
       "the demo's playable drill waits for its director")
    expect(d.post(f"{API}/drills/{DEMO_LIVE}/status", {"status": "running"}), 200, what="start")
    seen = expect(p.get(f"{API}/drills/{DEMO_LIVE}/challenges"), 200)
    eq([c["id"] for c in seen.json()], ["briefing"],
       "only the briefing at first (beacon, sender need it; ticket, logs open at 30)")
    eq(expect(p.post(f"{API}/drills/{DEMO_LIVE}/challenges/briefing/attempts",
                     {"flag": "FLAG{read-the-brief}"}), 200).json()["correct"], True, "solve")
    eq(sorted(c["id"] for c in expect(p.get(f"{API}/drills/{DEMO_LIVE}/challenges"), 200).json()),
       ["beacon", "briefing", "sender"], "the briefing opens two more")
    a = expect(p.post(f"{API}/drills/{DEMO_LIVE}/challenges/sender/attempts",
                      {"flag": "FLAG{CAELUM-OPS}"}), 200).json()
    eq((a["correct"], a.get("value")), (True, 200), "a hashed case-insensitive flag")


@test
def who_may_call_what():
    routes = [("GET", DR("/challenges")), ("POST", DR("/challenges")),
              ("PATCH", DR("/challenges/warmup")), ("POST", DR("/challenges/warmup/attempts")),
              ("POST", DR("/challenges/warmup/hints/h1/unlock")),
              ("GET", DR("/challenges/warmup/files/x.zip")), ("GET", DR("/scoreboard")),
              ("GET", DR("/scoreboard/series")), ("GET", DR("/awards")),
              ("POST", DR("/awards")), ("GET", DR("/submissions")),
              ("PUT", DR("/board-settings"))]
    # allowed: which roles pass the role check (a 4xx other than 401/403 still passes)
    allow = {
        "GET /challenges": {"red", "controller", "evaluator", "director"},
        "POST /challenges": {"controller", "director"},
        "PATCH /challenges/warmup": {"controller", "director"},
        "POST /challenges/warmup/attempts": {"red"},
        "POST /challenges/warmup/hints/h1/unlock": {"red"},
        "GET /challenges/warmup/files/x.zip": {"controller", "evaluator", "director"},
        "GET /scoreboard": {"red", "controller", "evaluator", "director", "observer"},
        "GET /scoreboard/series": {"red", "controller", "evaluator", "director", "observer"},
        "GET /awards": {"controller", "evaluator", "director"},
        "POST /awards": {"controller", "director"},
        "GET /submissions": {"controller", "evaluator", "director"},
        "PUT /board-settings": {"controller", "director"},
    }
    for method, path in routes:
        key = method + " " + path[len(DR()):]
        for role in ("anonymous", "outsider", "observer", "evaluator", "red", "controller"):
            r = who(role).call(method, path, {})
            if role == "anonymous":
                eq(r.status, 401, f"{key} anonymous")
            elif role in allow[key]:
                check(r.status not in (401, 403) or (r.status == 403 and r.error()[0] in (
                    "not_running", "refused", "locked")), f"{key} {role}: {r.status}")
            else:
                eq(r.status, 403, f"{key} {role}")


@test
def every_exchange_matches_openapi():
    ops = harness.operations(tags=("challenges",))
    check(ops, "no challenge operations in openapi.json")
    CFG.check_openapi(ops)


if __name__ == "__main__":
    sys.exit(CFG.main(lambda: CFG.add_people(PEOPLE), "cybercap-ctf."))
