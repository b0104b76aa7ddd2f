"""What the Python API suites share: the test runner (test/check/eq/Fail,
"ok NAME" / "FAIL NAME: why" lines and the closing "RESULT passed=N
failed=M" that tests/api/run.sh tallies), one HTTP client (a request on its
own connection, the path sent byte for byte, and a caller with a cookie
session and CSRF token or a bearer token), and starting a `cybercap` server
on a free port.

Standard library only. Used by test_api.py, test_workflow.py,
test_traversal.py, test_tls.py, test_workshop.py, test_plans.py and
test_risks.py (which also takes its main from run_suite); each suite keeps its
own Suite (so that importing one suite into another, as test_workflow.py
does for test_api.py's schema validator, adds no tests).
"""
import hashlib
import http.client
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import threading
import time
import traceback

API = "/api/v1"
SANITIZER = r"AddressSanitizer|LeakSanitizer|runtime error"


# ---------------------------------------------------------------- runner


class Fail(AssertionError):
    pass


def check(cond, msg="check failed"):
    if not cond:
        raise Fail(msg)


def eq(a, b, msg=""):
    if a != b:
        raise Fail(f"{msg}: {a!r} != {b!r}" if msg else f"{a!r} != {b!r}")


def near(a, b, tol, msg=""):
    if a is None or b is None or abs(a - b) > tol:
        raise Fail(f"{msg}: {a!r} vs {b!r} (tolerance {tol})")


def expect(r, status, code=None, field=None, what=""):
    """r has status (and, when given, the error code and field)."""
    if r.status != status:
        raise Fail(f"{what}: status {r.status}, expected {status} ({r.body[:300]!r})")
    if code is not None or field is not None:
        c, f = r.error()
        if code is not None:
            eq(c, code, f"{what}: error code")
        if field is not None:
            eq(f, field, f"{what}: error field")
    return r


class Problems:
    """Collects every problem of a test instead of stopping at the first."""

    def __init__(self):
        self.items = []

    def add(self, msg):
        self.items.append(msg)

    def check(self, cond, msg):
        if not cond:
            self.items.append(msg)
        return cond

    def expect(self, r, status, code=None, field=None, what=""):
        try:
            return expect(r, status, code, field, what)
        except Fail as e:
            self.items.append(str(e))
            return None

    def done(self):
        more = f"\n  ... and {len(self.items) - 40} more" if len(self.items) > 40 else ""
        check(not self.items, f"{len(self.items)} problems:\n  " +
              "\n  ".join(self.items[:40]) + more)


class Suite:
    """The tests of one file, in the order they are defined, and their
    counts. suite.test is the decorator; run() runs those selected by
    --only (a name part, or several separated by commas)."""

    def __init__(self):
        self.tests = []
        self.passed = self.failed = 0

    def test(self, fn):
        self.tests.append(fn)
        return fn

    def run_one(self, name, fn):
        t0 = time.time()
        try:
            fn()
            self.passed += 1
            print(f"ok {name} ({time.time() - t0:.2f} s)", flush=True)
        except Exception as e:  # noqa: BLE001 - report and go on
            self.failed += 1
            where = ""
            if not isinstance(e, Fail):
                lines = [str(f.lineno) for f in traceback.extract_tb(e.__traceback__)[1:]]
                where = f" [{type(e).__name__} at lines {' > '.join(lines)}]"
            print(f"FAIL {name}: {e}{where}", flush=True)

    def run(self, only=None):
        for fn in self.tests:
            if only and not any(o in fn.__name__ for o in only.split(",")):
                continue
            self.run_one(fn.__name__, fn)

    def result(self):
        """Prints the RESULT line; returns the exit status."""
        print(f"RESULT passed={self.passed} failed={self.failed}")
        return 1 if self.failed else 0


def setup_failed(e):
    """What a suite prints when it cannot even start; returns its status."""
    print(f"FAIL setup: {e}")
    print("RESULT passed=0 failed=1")
    return 1


# ---------------------------------------------------------------- HTTP


class Resp:
    def __init__(self, status, headers, body, peer=None):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.body = body
        self.peer = peer                # the server's certificate (DER), over TLS

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError as e:
            raise Fail(f"not JSON ({e}): {self.body[:200]!r}")

    def error(self):
        """(code, field) of an error body, or (None, None)."""
        try:
            e = json.loads(self.body)["error"]
            return e.get("code"), e.get("field")
        except (ValueError, KeyError, TypeError):
            return None, None

    def __repr__(self):
        return f"<{self.status} {self.body[:160]!r}>"


DISCONNECTS = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
               ConnectionRefusedError)


def request(host, port, method, path, headers=None, body=None, src=None, timeout=30,
            length_for=("POST", "PUT", "DELETE"), catch=True, ctx=None, log=None):
    """One request on its own connection (closed after), the path sent
    exactly as given (no normalisation of ".."), from source address src.
    Content-Length goes with a body and with the methods in length_for.
    A connection the server drops is Resp status 0 when catch is set (so
    that a test names the call), else the exception. ctx: HTTPS with that
    ssl context. log: a list that gets (method, path, Resp)."""
    if ctx is not None:
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ctx)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout,
                                          source_address=(src, 0) if src else None)
    try:
        h = {"Connection": "close"}
        h.update(headers or {})
        try:
            conn.connect()
            peer = conn.sock.getpeercert(binary_form=True) if ctx is not None else None
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in h.items():
                conn.putheader(k, v)
            if body is not None or method in length_for:
                conn.putheader("Content-Length", str(len(body or b"")))
            conn.endheaders()
            if body:
                conn.send(body)
            r = conn.getresponse()
            resp = Resp(r.status, r.getheaders(), r.read(), peer)
        except DISCONNECTS as e:
            if not catch:
                raise
            resp = Resp(0, [], f"<no response: {type(e).__name__}>".encode())
        if log is not None:
            log.append((method, path, resp))
        return resp
    finally:
        conn.close()


class Client:
    """A caller: anonymous, a cookie session (with its CSRF token) or a
    bearer token. Unsafe methods send X-CSRF-Token unless csrf=False or
    csrf="value" overrides it. send is the suite's request function
    (method, path, headers=, body=, src=)."""

    def __init__(self, name, cookie=None, csrf=None, bearer=None, src="127.0.0.1", send=None):
        self.name, self.cookie, self.csrf, self.bearer, self.src = name, cookie, csrf, bearer, src
        self.send = send

    def call(self, method, path, obj=None, body=None, headers=None, csrf=True):
        h = {}
        if self.cookie:
            h["Cookie"] = f"cc_session={self.cookie}"
        if self.bearer:
            h["Authorization"] = f"Bearer {self.bearer}"
        if method not in ("GET", "HEAD"):
            if csrf is True and self.csrf:
                h["X-CSRF-Token"] = self.csrf
            elif isinstance(csrf, str):
                h["X-CSRF-Token"] = csrf
        if obj is not None:
            body = json.dumps(obj).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        return self.send(method, path, headers=h, body=body, src=self.src)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, obj=None, **kw):
        return self.call("POST", path, obj=obj, **kw)

    def put(self, path, obj=None, **kw):
        return self.call("PUT", path, obj=obj, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)


def session_cookie(r):
    """The cc_session value set by a response, or None."""
    for v in r.headers_named("Set-Cookie"):
        m = re.match(r"\s*cc_session=([^;]*)", v)
        if m:
            return m.group(1)
    return None


def sign_in(send, email, password, src="127.0.0.1", name=None):
    """A Client signed in with email and password (cookie and CSRF token)."""
    r = send("POST", API + "/session", headers={"Content-Type": "application/json"},
             body=json.dumps({"email": email, "password": password}).encode(), src=src)
    eq(r.status, 200, f"sign-in of {email} ({r.body[:200]!r})")
    token = session_cookie(r)
    check(token, f"sign-in of {email}: no cc_session cookie in {r.headers}")
    return Client(name or email, cookie=token, csrf=r.json()["csrf_token"], src=src, send=send)


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


def run_demo_suite(suite, cfg, setup, prefix):
    """main() of a suite on a demo server of its own: parses --bin, --only
    and --keep; cfg gets bin, tmp (a new temporary folder), data, err_path,
    log, proc, port, host and passwords (the demo's sign-ins), then setup()
    runs; the tests run, then the server is stopped with SIGTERM (exit 0,
    no sanitizer report) as a test of its own. Returns the exit status."""
    import argparse
    import shutil
    import tempfile
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--only")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    cfg.bin = os.path.abspath(args.bin)
    cfg.partial = bool(args.only)
    cfg.tmp = tempfile.mkdtemp(prefix=prefix)
    cfg.data = os.path.join(cfg.tmp, "d")
    cfg.err_path = os.path.join(cfg.tmp, "server.err")
    cfg.log, cfg.host, cfg.proc = [], "127.0.0.1", None

    def stop():
        rc, report = stop_server(cfg.proc, cfg.err_path)
        check(not report, f"sanitizer report:\n{report}")
        eq(rc, 0, "exit status after SIGTERM")
    try:
        cfg.proc, cfg.port, lines = start_server(
            [cfg.bin, "demo", "--data", cfg.data, "--listen", "127.0.0.1:0"], err_path=cfg.err_path)
        cfg.passwords = {email: pw for _, email, pw, _ in demo_signins(lines)}
        setup()
    except (Fail, OSError, subprocess.SubprocessError) as e:
        if cfg.proc and cfg.proc.poll() is None:
            cfg.proc.kill()
            cfg.proc.wait()
        shutil.rmtree(cfg.tmp, ignore_errors=True)
        return setup_failed(e)
    try:
        suite.run(args.only)
        suite.run_one("the server exits 0 on SIGTERM", stop)
    finally:
        if cfg.proc.poll() is None:
            cfg.proc.kill()
            cfg.proc.wait()
        if args.keep:
            print(f"data kept in {cfg.tmp}")
        else:
            shutil.rmtree(cfg.tmp, ignore_errors=True)
    return suite.result()


# ---------------------------------------------------------------- the database

# The suites run against either backend: SQLite (a data directory's
# cybercap.db) or PostgreSQL, when tests/pg/run.sh runs them through
# tests/pg/cybercap-pg (CYBERCAP_PG_HOST set: each data directory then has a
# database of its own on the test cluster, named as that script names it).
BACKEND = "postgresql" if os.environ.get("CYBERCAP_PG_HOST") else "sqlite"


class PgError(Exception):
    pass


DB_ERRORS = (sqlite3.DatabaseError, PgError)


def pg_database(data):
    """The test cluster's database of data directory data."""
    return "cc_" + hashlib.md5(os.path.realpath(data).encode()).hexdigest()[:24]


def _literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchall(self):
        return list(self.rows)

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def __iter__(self):
        return iter(self.rows)


class PgConn:
    """The few calls of sqlite3's connection the suites make (execute with
    ? parameters, fetchone/fetchall/iteration, commit, rollback, close,
    with), on the test cluster through psql: each statement commits by
    itself. Rows come back typed (numbers, text, booleans, NULL as None)."""

    def __init__(self, data):
        self.db = pg_database(data)

    @classmethod
    def named(cls, db):
        """The connection to database db of the test cluster."""
        c = cls.__new__(cls)
        c.db = db
        return c

    def _psql(self, sql):
        p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-t", "-A",
                            "-h", os.environ["CYBERCAP_PG_HOST"], "-U", "postgres",
                            "-d", self.db, "-c", sql], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise PgError(p.stderr.strip())
        return p.stdout

    def execute(self, sql, params=()):
        parts = sql.split("?")
        if len(parts) - 1 != len(params):
            raise PgError(f"{len(params)} values for {len(parts) - 1} placeholders")
        text = parts[0] + "".join(_literal(v) + rest for v, rest in zip(params, parts[1:]))
        if not re.match(r"\s*(SELECT|WITH)\b", text, re.I):
            self._psql(text)
            return _Rows([])
        out = self._psql(f"SELECT coalesce(json_agg(row_to_json(q)), '[]') FROM ({text}) q")
        rows = json.loads(out, object_pairs_hook=lambda pairs: tuple(v for _, v in pairs))
        return _Rows([tuple(r) for r in rows])

    def commit(self):
        pass

    def rollback(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def stored_file(data, sha):
    """Whether the file of hash sha is kept: a file under DATA/evidence/ on
    SQLite, a row of stored_file on PostgreSQL."""
    if BACKEND == "sqlite":
        return os.path.isfile(os.path.join(data, "evidence", sha[:2], sha))
    with open_db(data) as con:
        return con.execute("SELECT count(*) FROM stored_file WHERE sha256 = ?", (sha,)).fetchone()[0] == 1


def open_db(data, readonly=False):
    """The database of data directory data, whichever backend holds it."""
    if BACKEND == "postgresql":
        return PgConn(data)
    path = os.path.join(data, "cybercap.db")
    return sqlite3.connect(f"file:{path}{'?mode=ro' if readonly else ''}", uri=True, timeout=10)


# ---------------------------------------------------------------- the command line


def cli(binary, *args, stdin=None):
    """Runs `cybercap ARGS`: (status, stdout, stderr)."""
    p = subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def cli_ok(binary, *args):
    rc, out, err = cli(binary, *args)
    if rc != 0:
        raise Fail(f"cybercap {' '.join(args)} exited {rc}: {err.strip()}")
    return out


def add_user(binary, data, tmp, email, name, *grants):
    """Creates an account with a random password (written to a file in tmp
    for `cybercap user add`) and gives it the grants [(role, unit,
    campaign)]; returns the password."""
    pw = secrets.token_urlsafe(12)
    pwfile = os.path.join(tmp, "pw-" + hashlib.sha1(email.encode()).hexdigest())
    with open(pwfile, "w") as f:
        f.write(pw + "\n")
    cli_ok(binary, "user", "add", "--data", data, "--email", email, "--name", name,
           "--password-file", pwfile)
    for role, unit, camp in grants:
        args = ["user", "grant", "--data", data, "--email", email, "--role", role]
        if unit:
            args += ["--unit", unit]
        if camp:
            args += ["--campaign", camp]
        cli_ok(binary, *args)
    return pw


# ---------------------------------------------------------------- OpenAPI


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


# ---------------------------------------------------------------- a suite's main


def run_suite(suite, cfg, setup, stop):
    """The main of a suite that starts its own server: --bin, --only,
    --keep; setup() (which sets cfg.proc and cfg.tmp), the tests, stop() as
    a last test, and the server killed and cfg.tmp removed whatever
    happens. Returns the exit status."""
    import argparse
    import shutil
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--only")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    cfg.bin = os.path.abspath(args.bin)
    try:
        setup()
    except (Fail, OSError, subprocess.SubprocessError) as e:
        if getattr(cfg, "proc", None) and cfg.proc.poll() is None:
            cfg.proc.kill()
            cfg.proc.wait()
        shutil.rmtree(getattr(cfg, "tmp", ""), ignore_errors=True)
        return setup_failed(e)
    try:
        suite.run(args.only)
        suite.run_one("the server exits 0 on SIGTERM", stop)
    finally:
        if cfg.proc.poll() is None:
            cfg.proc.kill()
            cfg.proc.wait()
        if args.keep:
            print(f"data kept in {cfg.tmp}")
        else:
            shutil.rmtree(cfg.tmp, ignore_errors=True)
    return suite.result()


class Stream:
    """A text/event-stream read on its own socket in a thread: events
    [(id, event, data, time received)] and comment lines (the drill
    stream: test_drills.py, test_challenges.py)."""

    def __init__(self, host, port, path, c, last_id=None):
        self.events, self.comments, self.status, self.headers = [], [], None, {}
        self.closed = False
        self.error = None
        self.lock = threading.Lock()
        self.sock = socket.create_connection((host, port), timeout=60)
        h = [f"GET {path} HTTP/1.1", f"Host: {host}", "Accept: text/event-stream"]
        if c.bearer:
            h.append(f"Authorization: Bearer {c.bearer}")
        if c.cookie:
            h.append(f"Cookie: cc_session={c.cookie}")
        if last_id is not None:
            h.append(f"Last-Event-ID: {last_id}")
        self.sock.sendall(("\r\n".join(h) + "\r\n\r\n").encode())
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _read_exact(self, f, n):
        data = b""
        while len(data) < n:
            got = f.read(n - len(data))
            if not got:
                raise EOFError
            data += got
        return data

    def _run(self):
        f = self.sock.makefile("rb")
        try:
            line = f.readline().decode()
            self.status = int(line.split()[1])
            while True:
                line = f.readline().decode().strip()
                if not line:
                    break
                k, _, v = line.partition(":")
                self.headers[k.strip().lower()] = v.strip()
            if self.headers.get("transfer-encoding") != "chunked":
                self.body = f.read()
                return
            buf = ""
            while True:
                size = int(f.readline().strip(), 16)
                if size == 0:
                    break
                buf += self._read_exact(f, size).decode()
                f.readline()
                while "\n\n" in buf:
                    block, buf = buf.split("\n\n", 1)
                    self._event(block)
        except (OSError, EOFError, ValueError) as e:
            self.error = e
        finally:
            self.closed = True

    def _event(self, block):
        ev = {"id": None, "event": "message", "data": []}
        for line in block.split("\n"):
            if line.startswith(":"):
                with self.lock:
                    self.comments.append(line)
                continue
            k, _, v = line.partition(":")
            v = v[1:] if v.startswith(" ") else v
            if k == "data":
                ev["data"].append(v)
            elif k in ("id", "event"):
                ev[k] = v
        if not ev["data"]:
            return
        with self.lock:
            self.events.append((int(ev["id"]) if ev["id"] else None, ev["event"],
                                json.loads("\n".join(ev["data"])), time.time()))

    def wait_for(self, pred, timeout=10, what="an event"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                for e in self.events:
                    if pred(e):
                        return e
            time.sleep(0.02)
        raise Fail(f"{what} did not come within {timeout} s (have {self.summary()})")

    def summary(self):
        with self.lock:
            return [(e[1], e[2].get("id") or e[2].get("status")) for e in self.events]

    def injects(self, kind="inject"):
        with self.lock:
            return [e[2]["id"] for e in self.events if e[1] == kind]

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
