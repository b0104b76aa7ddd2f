"""What the Python API suites share. `import harness` brings it all:

- harness_run.py: the runner (Suite, check, eq, near, expect, Problems,
  Fail; "ok NAME" / "FAIL NAME: why" lines and the closing "RESULT
  passed=N failed=M" that tests/api/run.sh tallies);
- harness_http.py: the HTTP client (request: one request on its own
  connection, the path sent byte for byte; raw_exchange; Client, a caller
  with a cookie session and CSRF token or a bearer token; sign_in; Stream,
  a text/event-stream read in a thread);
- harness_db.py: a data directory's database on either backend (open_db,
  stored_file, BACKEND) and the command line (cli, cli_ok, add_user);
- this file: a `cybercap` server started on a free port and stopped;
  Cfg, one suite (its tests, its server, its callers by role, their
  exchanges) and its main on a demo server of its own (Cfg.main,
  run_demo_suite); the exchanges checked against src/server/openapi.json
  (Cfg.check_openapi, operations).

Standard library only. Each suite keeps its own Cfg (so that importing one
suite into another, as exchanges_vs_openapi does for test_api.py's schema
validator, adds no tests).
"""
import json
import os
import re
import subprocess
import threading
import time

from harness_run import (Fail, Problems, Suite, check, eq, expect, near, ok,  # noqa: F401
                         setup_failed)
from harness_http import (API, DISCONNECTS, Client, Resp, Stream, raw_exchange,  # noqa: F401
                          request, session_cookie, sign_in)
from harness_db import (BACKEND, DB_ERRORS, PgConn, PgError, add_user, cli, cli_ok,  # noqa: F401
                        open_db, pg_database, stored_file)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SANITIZER = r"AddressSanitizer|LeakSanitizer|runtime error"


# ---------------------------------------------------------------- servers

DEMO_SIGNIN = re.compile(r"\s*(admin|analyst|reviewer|focal_point)\s+(\S+@\S+)\s+(\S+)"
                         r"(?:\s+\(unit (\w+)\))?\s*$")


def demo_signins(lines):
    """(role, email, password, unit) from `cybercap demo`'s sign-in lines."""
    out = []
    for line in lines:
        m = DEMO_SIGNIN.match(line)
        if m:
            out.append(m.groups())
    return out


def start_server(cmd, scheme="http", err_path=None, timeout=60, drain=True):
    """Starts cmd (a cybercap server listening on 127.0.0.1:0) and waits for
    the line naming its address; returns (process, port, stdout lines so
    far). stderr goes to err_path, else to a pipe (p.stderr). With drain,
    a thread keeps reading stdout so that the server never blocks on a
    full pipe."""
    err = open(err_path, "wb") if err_path else subprocess.PIPE
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
    if err_path:
        err.close()
    lines, port = [], None
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = p.stdout.readline().decode()
        if not line and p.poll() is not None:
            break
        lines.append(line)
        m = re.search(scheme + r"://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        p.kill()
        p.wait()
        text = open(err_path, errors="replace").read() if err_path else \
            p.stderr.read().decode(errors="replace")
        raise Fail(f"{' '.join(cmd[1:3])} did not start:\n{''.join(lines)}{text[:2000]}")
    if drain:
        threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
    return p, port, lines


def stop_server(p, err_path=None, timeout=10):
    """SIGTERM; the exit status (None when still running after timeout,
    then killed) and the sanitizer report found in err_path, if any."""
    p.terminate()
    try:
        rc = p.wait(timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = None
    report = None
    if err_path:
        text = open(err_path, errors="replace").read()
        if re.search(SANITIZER, text):
            report = text[:3000]
    return rc, report


# ---------------------------------------------------------------- a suite


class Cfg:
    """One suite: its tests (suite, and test, its decorator) and its
    server, filled in by run_demo_suite (bin, tmp, data, err_path, proc,
    host, port, the demo's signins and passwords, partial when --only picks
    some tests); the exchanges of its callers (log, for check_openapi) and
    its callers by role (clients, who). A suite keeps what else it needs
    here too."""

    def __init__(self):
        self.suite = Suite()
        self.test = self.suite.test
        self.log, self.clients, self.passwords, self.signins = [], {}, {}, []
        self.host, self.port, self.proc, self.partial = "127.0.0.1", None, None, False

    def request(self, method, path, headers=None, body=None, src="127.0.0.1", timeout=30):
        """One request to the suite's server (harness_http.request), kept in log."""
        return request(self.host, self.port, method, path, headers, body, src=src,
                       timeout=timeout, log=self.log)

    def raw_exchange(self, data, timeout=30, src="127.0.0.1", join=10):
        """Raw bytes to the suite's server: (status, head, body)."""
        return raw_exchange(self.host, self.port, data, timeout, src, join)

    def client(self, name, **kw):
        """A Client of the suite's server (cookie=, csrf=, bearer=, src=)."""
        return Client(name, send=self.request, **kw)

    def login(self, email, password=None, src="127.0.0.1", name=None):
        """A Client signed in as email, with password or else the one in
        passwords (the demo's, or add_user's)."""
        return sign_in(self.request, email, self.passwords[email] if password is None else password,
                       src=src, name=name)

    def who(self, role):
        return self.clients[role]

    def stream(self, path, c, last_id=None):
        """A Stream of path on the suite's server, as caller c."""
        return Stream(self.host, self.port, path, c, last_id)

    def cli(self, *args, stdin=None):
        """`cybercap ARGS`: (status, stdout, stderr)."""
        return cli(self.bin, *args, stdin=stdin)

    def cli_ok(self, *args):
        return cli_ok(self.bin, *args)

    def add_user(self, email, name, *grants):
        """An account with a random password (kept in passwords) and the
        grants [(role, unit, campaign)]; returns the password."""
        self.passwords[email] = add_user(self.bin, self.data, self.tmp, email, name, *grants)
        return self.passwords[email]

    def db(self, readonly=False):
        """The database of the suite's data directory (harness_db.open_db)."""
        return open_db(self.data, readonly)

    def bearer_token(self, email):
        """A new bearer token of email's account (`cybercap user token`)."""
        return self.cli_ok("user", "token", "--data", self.data, "--email", email).strip()

    def add_people(self, people, name=None):
        """The accounts of people {role: (email, grants)} (named name(role),
        else role), each a caller with a bearer token in clients, after
        "anonymous"."""
        self.clients.setdefault("anonymous", self.client("anonymous"))
        for role, (email, grants) in people.items():
            self.add_user(email, name(role) if name else role, *grants)
            self.clients[role] = self.client(role, bearer=self.bearer_token(email))

    def check_openapi(self, ops=(), partial=None, also_seen=()):
        """Every exchange in log as src/server/openapi.json documents it, and
        each operation of ops exercised (also_seen: exercised outside the
        log), unless partial (by default: --only picked some tests)."""
        check_exchanges(openapi_doc(), self.log, ops, self.partial if partial is None else partial,
                        also_seen)

    def main(self, setup, prefix, **kw):
        """run_demo_suite on this suite: its exit status."""
        return run_demo_suite(self.suite, self, setup, prefix, **kw)


def run_demo_suite(suite, cfg, setup, prefix, stop=None, stop_name="the server exits 0 on SIGTERM",
                   run=None):
    """main() of a suite on a demo server of its own: parses --bin, --only
    and --keep; cfg gets bin, partial, tmp (a new temporary folder named
    prefix...), data, err_path, log, proc, port, host, signins and
    passwords (the demo's sign-ins), then setup() runs; the tests run
    (run(only), else suite.run), then stop() as a test named stop_name (by
    default: the server stopped with SIGTERM exits 0 with no sanitizer
    report); the server is killed and tmp removed whatever happens. Returns
    the exit status."""
    import argparse
    import shutil
    import tempfile
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="the cybercap binary")
    ap.add_argument("--only", help="run the tests whose name contains this (or one of "
                    "these, comma-separated)")
    ap.add_argument("--keep", action="store_true", help="keep the data directory")
    args = ap.parse_args()
    cfg.bin = os.path.abspath(args.bin)
    cfg.partial = bool(args.only)
    cfg.tmp = tempfile.mkdtemp(prefix=prefix)
    cfg.data = os.path.join(cfg.tmp, "d")
    cfg.err_path = os.path.join(cfg.tmp, "server.err")
    cfg.log, cfg.host, cfg.proc = [], "127.0.0.1", None

    def stop_default():
        rc, report = stop_server(cfg.proc, cfg.err_path)
        check(not report, f"sanitizer report:\n{report}")
        eq(rc, 0, "exit status after SIGTERM")
    try:
        cfg.proc, cfg.port, lines = start_server(
            [cfg.bin, "demo", "--data", cfg.data, "--listen", "127.0.0.1:0"], err_path=cfg.err_path)
        cfg.signins = demo_signins(lines)
        cfg.passwords = {email: pw for _, email, pw, _ in cfg.signins}
        setup()
    except (Fail, OSError, subprocess.SubprocessError) as e:
        if cfg.proc and cfg.proc.poll() is None:
            cfg.proc.kill()
            cfg.proc.wait()
        shutil.rmtree(cfg.tmp, ignore_errors=True)
        return setup_failed(e)
    try:
        (run or suite.run)(args.only)
        suite.run_one(stop_name, stop or stop_default)
    finally:
        if cfg.proc.poll() is None:
            cfg.proc.kill()
            cfg.proc.wait()
        if args.keep:
            print(f"data kept in {cfg.tmp}")
        else:
            shutil.rmtree(cfg.tmp, ignore_errors=True)
    return suite.result()


# ---------------------------------------------------------------- OpenAPI


def openapi_doc():
    """src/server/openapi.json."""
    with open(os.path.join(ROOT, "src/server/openapi.json")) as f:
        return json.load(f)


def operations(tags=(), where=None, doc=None):
    """{(METHOD, path template)} of the operations of doc (by default
    src/server/openapi.json) that carry one of tags (when given) and that
    where(template, operation) keeps (when given)."""
    doc = doc or openapi_doc()
    return {(m.upper(), t) for t, item in doc["paths"].items() for m, o in item.items()
            if (not tags or set(tags) & set(o.get("tags", []))) and (where is None or where(t, o))}


def exchanges_vs_openapi(doc, log):
    """Every exchange of log [(method, path, Resp)] that names an operation
    of doc: its status documented there, and a JSON body matching the
    documented schema (test_api.py's validator). Unsafe requests refused
    for CSRF before routing, and 401 on an operation that needs no
    sign-in, are not the operation's. Returns (problems, {(METHOD, path
    template)} seen)."""
    import test_api  # noqa: E402 - the schema validator lives there
    tpls = [(re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(t)) + "$"), t)
            for t in doc["paths"]]
    problems, seen = [], set()
    for method, path, r in list(log):
        path = path.split("?")[0]
        tpl = next((t for rx, t in tpls if rx.match(path)), None)
        if r.status == 0 or tpl is None or method.lower() not in doc["paths"][tpl]:
            continue
        o = doc["paths"][tpl][method.lower()]
        if r.status == 401 and "security" not in o:
            continue
        seen.add((method, tpl))
        resp = o["responses"].get(str(r.status))
        if resp is None:
            problems.append(f"{method} {tpl}: {r.status} not documented "
                            f"({sorted(o['responses'])}): {r.body[:120]!r}")
            continue
        resp = test_api.resolve(doc, resp)
        ctype = (r.header("Content-Type") or "").split(";")[0].strip()
        content = resp.get("content", {})
        if content and ctype not in content:
            problems.append(f"{method} {tpl} {r.status}: Content-Type {ctype} not documented")
        elif ctype == "application/json" and ctype in content:
            try:
                errs = test_api.validate(doc, content[ctype]["schema"], json.loads(r.body))
            except ValueError:
                errs = ["not JSON"]
            if errs:
                problems.append(f"{method} {tpl} {r.status}: " + "; ".join(errs[:4]))
    return sorted(set(problems)), seen


def check_exchanges(doc, log, ops=(), partial=False, also_seen=()):
    """Every exchange of log as doc documents it (exchanges_vs_openapi)
    and, unless partial, each operation of ops exercised (in log or in
    also_seen)."""
    problems, seen = exchanges_vs_openapi(doc, log)
    seen |= set(also_seen)
    if not partial:
        problems += [f"{m} {t}: never exercised" for m, t in sorted(set(ops) - seen)]
    check(not problems, f"{len(problems)} responses differ from openapi.json:\n  "
          + "\n  ".join(problems[:40]))
