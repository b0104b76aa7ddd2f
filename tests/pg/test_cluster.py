"""Two cybercap servers on one PostgreSQL database: what a request needs
from an earlier one is in the database, whichever server it reaches.

    python3 tests/pg/test_cluster.py --bin build/cybercap

Needs the test cluster (tests/pg/cluster.sh; CYBERCAP_PG_HOST names its
socket folder, CYBERCAP_PG_DIR its folder for the restart test). Starts
server A with `cybercap demo --db` (the demo's data) and server B with
`cybercap serve --db` on a database of its own, then checks: a session
opened on A works on B and a sign-out on B ends it on A; an answer saved
through A is read through B at once; failed sign-ins on A count on B; a
campaign published on A is served by B within a second; SIGKILL of B
under write load behind HAProxy loses no acknowledged save; a drill inject
delivered by A's clock reaches a player whose event stream is on B; and
PostgreSQL restarted under load: requests fail cleanly (503, or an
answer), then succeed again without restarting cybercap. Ends with
"RESULT passed=N failed=M".
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import harness  # noqa: E402
from harness import API, Client, check, eq  # noqa: E402

SUITE = harness.Suite()
test = SUITE.test
HOST = os.environ.get("CYBERCAP_PG_HOST", "")
OPEN = "nci-2028"
Q = "technical.standards.certification"


class Cfg:
    pass


CFG = Cfg()


def send_to(port):
    def send(method, path, headers=None, body=None, src="127.0.0.1", timeout=30):
        return harness.request("127.0.0.1", port, method, path, headers, body, src=src,
                               timeout=timeout)
    return send


def on(port, client):
    """The same caller (its cookie and CSRF token) sending to another server."""
    return Client(client.name, cookie=client.cookie, csrf=client.csrf, src=client.src,
                  send=send_to(port))


HAPROXY = """global
    maxconn 1024
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    retries 2
    option redispatch
    retry-on conn-failure empty-response response-timeout
frontend www
    bind 127.0.0.1:{port}
    default_backend cybercap
backend cybercap
    balance roundrobin
    option httpchk GET /api/v1/campaigns
    http-request disable-l7-retry unless METH_GET || METH_HEAD
    server a 127.0.0.1:{a} check inter 200ms fall 1 rise 1
    server b 127.0.0.1:{b} check inter 200ms fall 1 rise 1
"""


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        r = harness.request("127.0.0.1", port, "GET", API + "/campaigns", timeout=2)
        if r.status == 200:
            return
        time.sleep(0.1)
    raise harness.Fail(f"nothing answers on :{port}")


def psql(sql, db="postgres"):
    subprocess.run(["psql", "-X", "-q", "-h", HOST, "-U", "postgres", "-d", db, "-c", sql],
                   check=True, capture_output=True)


@test
def a_session_opened_on_a_works_on_b_and_a_sign_out_on_b_ends_it_on_a():
    admin = harness.sign_in(send_to(CFG.a), CFG.admin[0], CFG.admin[1])
    eq(on(CFG.b, admin).get(API + "/me").status, 200, "the session on B")
    eq(on(CFG.b, admin).delete(API + "/session").status, 200, "sign-out on B")
    eq(admin.get(API + "/me").status, 401, "the session on A after the sign-out on B")


@test
def an_answer_saved_through_a_is_read_through_b_at_once():
    fp = harness.sign_in(send_to(CFG.a), CFG.focal[0], CFG.focal[1])
    path = f"{API}/campaigns/{OPEN}/assessments/{CFG.focal[2]}"
    note = f"saved through A at {time.time()}"
    r = fp.put(f"{path}/answers/{Q}", {"answer": "yes", "comment": note})
    eq(r.status, 200, f"the save on A ({r.body[:200]!r})")
    r = on(CFG.b, fp).get(path)
    eq(r.status, 200, "the assessment on B")
    answers = r.json().get("answers", [])
    got = [a for a in answers if a.get("question") == Q] if isinstance(answers, list) else \
        [answers.get(Q)]
    check(got and got[0] and got[0].get("comment") == note, f"B reads {got[:1]}")


@test
def failed_sign_ins_on_a_count_on_b():
    src = "127.0.0.77"
    for i in range(5):
        r = harness.request("127.0.0.1", CFG.a, "POST", API + "/session",
                            {"Content-Type": "application/json"},
                            b'{"email": "nobody@example.org", "password": "wrong"}', src=src)
        eq(r.status, 401, f"failure {i + 1} on A")
    r = harness.request("127.0.0.1", CFG.b, "POST", API + "/session",
                        {"Content-Type": "application/json"},
                        b'{"email": "nobody@example.org", "password": "wrong"}', src=src)
    eq(r.status, 429, "the sixth, on B")


@test
def a_server_killed_under_write_load_behind_haproxy_loses_no_acknowledged_save():
    """Saves through HAProxy (tests/pg/haproxy.cfg's shape: reads alone are
    replayed) while B is killed with SIGKILL: every save that got its 200
    is in the database; B is then started again for the tests after."""
    if not shutil.which("haproxy"):
        raise harness.Fail("haproxy is not installed (scripts/install-deps installs it)")
    cfg = os.path.join(CFG.tmp, "haproxy.cfg")
    port = free_port()
    with open(cfg, "w") as f:
        f.write(HAPROXY.format(port=port, a=CFG.a, b=CFG.b))
    proxy = subprocess.Popen(["haproxy", "-f", cfg, "-db"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        fp = harness.sign_in(send_to(port), CFG.focal[0], CFG.focal[1])
        path = f"{API}/campaigns/{OPEN}/assessments/{CFG.focal[2]}/answers/{Q}"
        acked, failed, stop = [], [], threading.Event()

        def writer(w):
            n = 0
            while not stop.is_set():
                note = f"kill-test {w}-{n}"
                n += 1
                r = fp.put(path, {"answer": "yes" if n % 2 else "no", "comment": note})
                (acked if r.status == 200 else failed).append((note, r.status))
        threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        CFG.pb.kill()                       # SIGKILL, mid-load
        CFG.pb.wait()
        time.sleep(1.5)
        stop.set()
        for t in threads:
            t.join()
        check(len(acked) > 20, f"only {len(acked)} saves acknowledged")
        with harness.PgConn.named(CFG.dbname) as con:
            kept = {c for (c,) in con.execute(
                "SELECT comment FROM answer_history WHERE comment LIKE 'kill-test %'")}
        lost = [n for n, _ in acked if n not in kept]
        eq(lost, [], f"acknowledged saves lost ({len(acked)} acknowledged, "
           f"{len(failed)} not: {sorted({s for _, s in failed})})")
    finally:
        proxy.terminate()
        proxy.wait()
        CFG.pb, CFG.b, _ = harness.start_server(
            [CFG.bin, "serve", "--data", os.path.join(CFG.tmp, "b"), "--listen", "127.0.0.1:0"],
            err_path=os.path.join(CFG.tmp, "b2.err"))
        CFG.procs.append(CFG.pb)


@test
def a_campaign_published_on_a_is_served_by_b_within_a_second():
    admin = harness.sign_in(send_to(CFG.a), CFG.admin[0], CFG.admin[1])
    steps = []
    for status in ("review", "closed", "published"):
        r = admin.post(f"{API}/campaigns/{OPEN}/status", {"status": status})
        steps.append((status, r.status))
    check(steps[-1][1] == 200, f"publishing on A: {steps}")
    t0 = time.time()
    seen = None
    while time.time() - t0 < 1.0:
        r = harness.request("127.0.0.1", CFG.b, "GET", API + "/campaigns")
        st = {c["id"]: c["status"] for c in r.json()["campaigns"]}
        if st.get(OPEN) == "published":
            seen = time.time() - t0
            break
        time.sleep(0.05)
    check(seen is not None, "B still does not serve the campaign as published after 1 s")
    r = harness.request("127.0.0.1", CFG.b, "GET", f"{API}/campaigns/{OPEN}/results")
    eq(r.status, 200, "its results on B")


@test
def a_drill_inject_delivered_on_a_reaches_players_on_a_and_on_b():
    d = f"{API}/drills/demo-hospital"
    director = harness.sign_in(send_to(CFG.a), *CFG.drill["director"])
    players = {t: harness.sign_in(send_to(CFG.a), *CFG.drill[t]) for t in ("cirt", "hospital")}
    streams = {"cirt": harness.Stream("127.0.0.1", CFG.a, d + "/events", players["cirt"]),
               "hospital": harness.Stream("127.0.0.1", CFG.b, d + "/events", players["hospital"])}
    r = director.post(d + "/status", {"status": "running"})
    eq(r.status, 200, f"the drill starts on A ({r.body[:200]!r})")
    t0 = time.time()
    r = director.post(d + "/injects", {"title": "Across servers", "content": "Both teams",
                                       "channel": "email", "to": ["cirt", "hospital"]})
    eq(r.status, 201, f"the ad-hoc inject on A ({r.body[:200]!r})")
    iid = r.json()["id"]
    took = {}
    for team, s in streams.items():
        s.wait_for(lambda e: isinstance(e[2], dict) and e[2].get("id") == iid, timeout=5,
                   what=f"the inject on the stream of {team} ({'A' if team == 'cirt' else 'B'})")
        took[team] = time.time() - t0
    # B hears it from PostgreSQL (LISTEN cybercap_drill), not by polling
    print(f"  from the request, the inject reached A's stream after {took['cirt'] * 1000:.0f} ms, "
          f"B's after {took['hospital'] * 1000:.0f} ms")
    for s in streams.values():
        s.sock.close()


@test
def robustness_jobs_run_on_any_server_and_read_from_any():
    """A job posted to A is read through B; jobs queued in the database are
    claimed once each (FOR UPDATE SKIP LOCKED) by the servers' claimers,
    both servers taking some."""
    camp = "nci-2026"
    spec = {"vary": ["weights:20", "drop:legal"], "runs": 200, "seed": 3}
    r = harness.request("127.0.0.1", CFG.a, "POST", f"{API}/campaigns/{camp}/robustness",
                        {"Content-Type": "application/json"}, json.dumps(spec).encode())
    eq(r.status, 202, f"POST on A ({r.body[:200]!r})")
    href = r.json()["href"]
    deadline = time.time() + 30
    while True:
        j = harness.request("127.0.0.1", CFG.b, "GET", href).json()
        if j["status"] != "running" or time.time() > deadline:
            break
        time.sleep(0.1)
    eq(j["status"], "done", f"the job read through B: {j.get('error')}")
    # eight queued at once behind the API's back: each claimed once
    big = json.dumps({"vary": ["weights:20", "aggregate:*:mean,geometric", "drop:legal"],
                      "runs": 4000, "sobol": 256, "seed": 1})
    ids = [f"{os.getpid():08x}{i:024x}" for i in range(8)]
    values = ", ".join(f"('{i}', '{camp}', '{big}', 4000, extract(epoch FROM now())::bigint)"
                       for i in ids)
    psql(f"INSERT INTO robustness_job (id, campaign_id, spec, total, created_at) VALUES {values}",
         CFG.dbname)
    deadline = time.time() + 90
    while time.time() < deadline:
        with harness.PgConn.named(CFG.dbname) as con:
            rows = con.execute("SELECT id, status, server FROM robustness_job WHERE id IN (" +
                               ", ".join("?" * len(ids)) + ")", ids).fetchall()
        if all(st in ("done", "failed") for _, st, _ in rows):
            break
        time.sleep(0.3)
    eq(sorted(st for _, st, _ in rows), ["done"] * 8, f"the eight jobs: {rows}")
    servers = {sv for _, _, sv in rows}
    check(len(servers) == 2, f"both servers ran some: {servers}")


@test
def postgresql_restarted_under_load_fails_cleanly_and_recovers():
    fp = harness.sign_in(send_to(CFG.a), CFG.focal[0], CFG.focal[1])
    statuses, stop = [], threading.Event()

    def load():
        while not stop.is_set():
            statuses.append(on(CFG.b, fp).get(API + "/me").status)
            time.sleep(0.02)
    t = threading.Thread(target=load)
    t.start()
    try:
        time.sleep(0.3)
        subprocess.run(["sh", os.path.join(os.path.dirname(__file__), "cluster.sh"), "stop",
                        os.environ["CYBERCAP_PG_DIR"]], check=True)
        time.sleep(1.0)
        down = list(statuses)
        subprocess.run(["sh", os.path.join(os.path.dirname(__file__), "cluster.sh"), "start",
                        os.environ["CYBERCAP_PG_DIR"]], check=True, capture_output=True)
        deadline = time.time() + 10
        while time.time() < deadline and (not statuses or statuses[-1] != 200):
            time.sleep(0.1)
    finally:
        stop.set()
        t.join()
    check(503 in down, f"no 503 while the database was down: {sorted(set(down))}")
    check(all(s in (200, 503) for s in statuses), f"other statuses: {sorted(set(statuses))}")
    eq(statuses[-1], 200, "requests succeed again")
    eq(on(CFG.a, fp).get(API + "/me").status, 200, "A too, without a restart")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    if not HOST:
        print("FAIL setup: CYBERCAP_PG_HOST is not set (tests/pg/run.sh sets it)")
        print("RESULT passed=0 failed=1")
        return 1
    tmp = tempfile.mkdtemp(prefix="cybercap-cluster.")
    name = f"cc_cluster_{os.getpid()}"
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    env = dict(os.environ, CYBERCAP_DB=f"postgresql:///{name}?host={HOST}&user=postgres")
    procs = CFG.procs = []
    CFG.tmp, CFG.bin, CFG.dbname = tmp, args.bin, name
    os.environ.update(env)
    try:
        pa, CFG.a, lines = harness.start_server(
            [args.bin, "demo", "--data", os.path.join(tmp, "a"), "--listen", "127.0.0.1:0"],
            err_path=os.path.join(tmp, "a.err"), timeout=180)
        procs.append(pa)
        signins = harness.demo_signins(lines)
        CFG.drill = {}
        for line in lines:
            m = re.match(r"\s*(director|player)\s+(\S+@\S+)\s+(\S+)\s+\((?:team (\w+) )?", line)
            if m and "demo-hospital" in line:
                CFG.drill["director" if m.group(1) == "director" else m.group(4)] = (m.group(2), m.group(3))
        CFG.admin = next((e, p) for role, e, p, _ in signins if role == "admin")
        CFG.focal = next((e, p, u) for role, e, p, u in signins if role == "focal_point" and u)
        os.makedirs(os.path.join(tmp, "b"))
        pb, CFG.b, _ = harness.start_server(
            [args.bin, "serve", "--data", os.path.join(tmp, "b"), "--listen", "127.0.0.1:0"],
            err_path=os.path.join(tmp, "b.err"))
        procs.append(pb)
        CFG.pb = pb
    except (harness.Fail, OSError, StopIteration, subprocess.SubprocessError) as e:
        for p in procs:
            p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
        return harness.setup_failed(e)
    try:
        SUITE.run()
    finally:
        for p in procs:
            if p.poll() is None:
                harness.stop_server(p)
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            psql(f"DROP DATABASE IF EXISTS {name}")
        except subprocess.CalledProcessError:
            pass
    return SUITE.result()


if __name__ == "__main__":
    sys.exit(main())
