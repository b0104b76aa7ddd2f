#!/usr/bin/env python3
"""Crash consistency: answers saved through the API survive SIGKILL.

Starts the demo server, signs in as the demo focal point of XAA, and saves
answers to the open campaign one after another from a thread while the main
thread kills the server with SIGKILL at a random moment; then restarts it
and checks that every save that got a 2xx is there with its value, that
PRAGMA integrity_check is ok, and that `cybercap audit verify` passes.
Repeats KILLS times (argument 2, default 10). Ends with
"crash: N passed, M failed" (one check per kill plus the final checks).

Usage: crash.py BINARY [KILLS] [SEED]
"""
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

BIN = os.path.abspath(sys.argv[1])
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(SEED)
data = os.path.join(tempfile.mkdtemp(prefix="cybercap-crash-"), "d")
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", what, flush=True)


def start(cmd):
    p = subprocess.Popen([BIN, cmd, "--data", data, "--listen", "127.0.0.1:0"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in p.stdout:
        if "serving http://" in line:
            url = line.split("serving ")[1].split()[0]
            host, port = url[len("http://"):].rstrip("/").split(":")
            return p, host, int(port)
    raise SystemExit("crash: the server did not start")


def request(host, port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection(host, port, timeout=5)
    c.request(method, path, body=json.dumps(body) if body is not None else None,
              headers=headers or {})
    r = c.getresponse()
    data_ = r.read()
    cookie = r.getheader("Set-Cookie")
    c.close()
    return r.status, data_, cookie


def sign_in(host, port):
    creds = {}
    with open(os.path.join(data, "demo-logins.txt")) as f:
        for line in f:
            parts = line.split()
            creds[parts[1]] = parts[2]
    status, body, cookie = request(host, port, "POST", "/api/v1/session",
                                   {"email": "focal.xaa@demo.cybercap",
                                    "password": creds["focal.xaa@demo.cybercap"]})
    assert status == 200, body
    token = cookie.split(";")[0]
    return {"Cookie": token, "X-CSRF-Token": json.loads(body)["csrf_token"]}


# yes/no questions of the bundled framework that no `when` hides
QUESTIONS = []


def questions(host, port):
    status, body, _ = request(host, port, "GET", "/api/v1/frameworks/national-commitment")
    tree = json.loads(body)
    out = []

    def walk(n, hidden):
        hidden = hidden or "when" in n
        if n.get("type") == "yes_no" and not hidden:
            out.append(n["id"])
        for c in n.get("children", []):
            walk(c, hidden)
    walk(tree, False)
    return out


acked = {}    # question -> last answer that got a 2xx
pending = {}  # question -> answers sent after it, not (yet) acknowledged:
              # the server may have committed one before it was killed


def saver(host, port, headers, stop):
    i = 0
    while not stop.is_set():
        q = QUESTIONS[i % len(QUESTIONS)]
        a = rng.choice(["yes", "no"])
        i += 1
        pending.setdefault(q, set()).add(a)
        try:
            status, _, _ = request(host, port, "PUT",
                                   f"/api/v1/campaigns/nci-2028/assessments/XAA/answers/{q}",
                                   {"answer": a, "comment": f"save {i}"}, headers)
        except Exception:
            return  # the server is gone: this save was not acknowledged
        if 200 <= status < 300:
            acked[q] = a
            pending[q] = set()


def main():
    p, host, port = start("demo")
    QUESTIONS.extend(questions(host, port))
    headers = sign_in(host, port)
    for k in range(KILLS):
        stop = threading.Event()
        t = threading.Thread(target=saver, args=(host, port, headers, stop))
        t.start()
        time.sleep(rng.uniform(0.05, 0.6))
        p.send_signal(signal.SIGKILL)
        p.wait()
        stop.set()
        t.join()
        p, host, port = start("serve")
        headers = sign_in(host, port)
        status, body, _ = request(host, port, "GET",
                                  "/api/v1/campaigns/nci-2028/assessments/XAA", None, headers)
        answers = json.loads(body)["answers"] if status == 200 else {}
        lost = [q for q, a in acked.items()
                if answers.get(q, {}).get("answer") not in {a} | pending.get(q, set())]
        # what is stored is now the last known value
        for q in acked:
            if answers.get(q, {}).get("answer"):
                acked[q] = answers[q]["answer"]
            pending[q] = set()
        check(status == 200 and not lost, f"kill {k + 1}: acknowledged saves lost: {lost[:5]}")
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=15)
    db = sqlite3.connect(os.path.join(data, "cybercap.db"))
    check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check")
    db.close()
    r = subprocess.run([BIN, "audit", "verify", "--data", data], capture_output=True, text=True)
    check(r.returncode == 0, "audit verify: " + r.stdout + r.stderr)
    print(f"crash: {KILLS} kills, {len(acked)} questions with acknowledged saves", flush=True)
    print(f"crash: {passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


main()
