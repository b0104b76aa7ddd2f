"""The HTTP client of the Python API suites (imported through harness.py):
a request on its own connection with the path sent byte for byte (request),
raw bytes in and out (raw_exchange), a caller with a cookie session and CSRF
token or a bearer token (Client, sign_in), and a text/event-stream read in
a thread (Stream). Standard library only.
"""
import http.client
import json
import re
import socket
import threading
import time

from harness_run import Fail, check, eq

API = "/api/v1"


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


def raw_exchange(host, port, data, timeout=30, src=None, join=10):
    """Sends raw bytes on a connection of its own while reading the answer
    (the server may answer and close before reading everything); returns
    (status, head, body), past any "100 Continue". join: how long to wait
    for the sender once the answer is in."""
    s = socket.create_connection((host, port), timeout=timeout,
                                 source_address=(src, 0) if src else None)
    got = b""
    try:
        def sender():
            try:
                for i in range(0, len(data), 1 << 16):
                    s.sendall(data[i:i + (1 << 16)])
            except OSError:
                pass  # the server may answer and close before reading it all
        t = threading.Thread(target=sender, daemon=True)
        t.start()
        try:
            while True:
                chunk = s.recv(1 << 16)
                if not chunk:
                    break
                got += chunk
                head, sep, rest = got.partition(b"\r\n\r\n")
                if sep:
                    m = re.search(rb"content-length: *(\d+)", head, re.I)
                    if m and len(rest) >= int(m.group(1)):
                        break
        except (ConnectionResetError, socket.timeout):
            pass
        t.join(join)
    finally:
        s.close()
    head, _, body = got.partition(b"\r\n\r\n")
    while head.startswith(b"HTTP/1.1 100"):
        head, _, body = body.partition(b"\r\n\r\n")
    m = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    check(m, f"no HTTP status in {got[:200]!r}")
    return int(m.group(1)), head.decode("latin-1"), body


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

    def patch(self, path, obj=None, **kw):
        return self.call("PATCH", path, obj=obj, **kw)

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
