#!/usr/bin/env python3
"""HTTPS: `cybercap serve/demo --tls-cert FILE --tls-key FILE` (docs/operations.md).

Standard library only (ssl, http.client) and the `openssl` command, which
makes a throwaway self-signed certificate for 127.0.0.1. Starts a demo
server with TLS on a free port and a data directory of its own, and checks:

  - GET over HTTPS works, verified against that certificate (and only that
    one: the server presents exactly the file it was given), with the
    security headers;
  - signing in over HTTPS sets a cookie that is Secure, HttpOnly and
    SameSite; signing out clears it, Secure too;
  - plain HTTP to the TLS port gets no HTTP answer (no cleartext service);
  - --tls-cert without --tls-key (and the reverse) is a usage error (exit 2);
    a missing, unreadable, garbage, swapped or mismatched certificate or key
    stops the server with an error naming the file and a non-zero status,
    and nothing listens;
  - over plain HTTP (the API test server given with --plain-base and
    --plain-data, or a demo server of its own) the cookie is NOT Secure.

Run by tests/api/run.sh; by hand:

    python3 tests/api/test_tls.py --bin build/cybercap [--plain-base http://127.0.0.1:PORT --plain-data DIR]
"""
import argparse
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Fail, check, eq  # noqa: E402
import harness  # noqa: E402

CFG = argparse.Namespace()
SUITE = harness.Suite()
test = SUITE.test
API = "/api/v1"


# ---------------------------------------------------------------- helpers


def openssl(*args):
    p = subprocess.run(["openssl", *args], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise Fail(f"openssl {' '.join(args)}: {p.stderr.strip()}")


def make_cert(name, cn="127.0.0.1"):
    """A self-signed EC certificate for 127.0.0.1 and its key: (cert, key)."""
    cert, key = os.path.join(CFG.tmp, name + ".crt"), os.path.join(CFG.tmp, name + ".key")
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=" + cn,
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
    return cert, key


def start(args, scheme):
    """Starts `cybercap ARGS`; returns (process, port, stdout lines so far)."""
    err = os.path.join(CFG.tmp, f"server-{len(CFG.procs)}.err")
    p, port, lines = harness.start_server([CFG.bin, *args], scheme, err_path=err)
    CFG.procs.append(p)
    return p, port, lines


def stop(p):
    if p.poll() is None:
        rc, _ = harness.stop_server(p)
        if rc is None:
            raise Fail("the server did not stop within 10 s of SIGTERM")
    return p.returncode


def demo_logins(lines):
    return {email: pw for _, email, pw, _ in harness.demo_signins(lines)}


def tls_context(cafile):
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def https(method, path, headers=None, body=None, ctx=None):
    r = harness.request("127.0.0.1", CFG.port, method, path, headers, body, timeout=20,
                        length_for=("POST", "PUT"), catch=False,
                        ctx=ctx or tls_context(CFG.cert))
    return r.status, r.headers, r.body, r.peer


def header(headers, name):
    return [v for k, v in headers if k.lower() == name.lower()]


def cookie_attrs(set_cookie):
    parts = [p.strip() for p in set_cookie.split(";")]
    return {p.split("=", 1)[0].lower(): (p.split("=", 1)[1] if "=" in p else True) for p in parts[1:]}


def pem_to_der(path):
    text = open(path).read()
    return ssl.PEM_cert_to_DER_cert(text[text.index("-----BEGIN CERTIFICATE-----"):])


def cli(*args, timeout=20):
    """Runs cybercap; (status, stdout, stderr); status None if it kept running."""
    p = subprocess.Popen([CFG.bin, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return None, out.decode(errors="replace"), err.decode(errors="replace")
    return p.returncode, out.decode(errors="replace"), err.decode(errors="replace")


# ---------------------------------------------------------------- tests


@test
def https_get_verified_against_the_certificate_with_security_headers():
    status, headers, body, peer = https("GET", API + "/campaigns")
    eq(status, 200, f"GET {API}/campaigns over HTTPS ({body[:200]!r})")
    ids = [c["id"] for c in json.loads(body)["campaigns"]]
    check("nci-2026" in ids, f"campaigns over HTTPS: {ids}")
    eq(hashlib.sha256(peer).hexdigest(), hashlib.sha256(pem_to_der(CFG.cert)).hexdigest(),
       "the certificate the server presents is the --tls-cert file")
    csp = (header(headers, "Content-Security-Policy") or [""])[0]
    check("default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp,
          f"Content-Security-Policy over HTTPS: {csp!r}")
    eq(header(headers, "X-Content-Type-Options"), ["nosniff"], "X-Content-Type-Options")
    eq(header(headers, "X-Frame-Options"), ["DENY"], "X-Frame-Options")
    eq(header(headers, "Referrer-Policy"), ["no-referrer"], "Referrer-Policy")
    # a client that trusts only the system's authorities refuses this self-signed certificate
    try:
        https("GET", API + "/campaigns", ctx=ssl.create_default_context(cafile=CFG.other_cert))
        raise Fail("a certificate not signed by the trusted one was accepted")
    except ssl.SSLCertVerificationError:
        pass
    # and it speaks a current TLS
    conn = socket.create_connection(("127.0.0.1", CFG.port), timeout=10)
    with tls_context(CFG.cert).wrap_socket(conn, server_hostname="127.0.0.1") as s:
        check(s.version() in ("TLSv1.2", "TLSv1.3"), f"TLS version {s.version()}")


@test
def sign_in_over_https_sets_a_secure_httponly_samesite_cookie():
    email = "analyst@demo.cybercap"
    status, headers, body, _ = https("POST", API + "/session", {"Content-Type": "application/json"},
                                     json.dumps({"email": email, "password": CFG.logins[email]}).encode())
    eq(status, 200, f"sign-in over HTTPS ({body[:200]!r})")
    cookies = header(headers, "Set-Cookie")
    eq(len(cookies), 1, f"Set-Cookie headers: {cookies}")
    check(re.match(r"cc_session=[0-9a-f]{64};", cookies[0]), f"session cookie {cookies[0]!r}")
    a = cookie_attrs(cookies[0])
    check(a.get("secure") is True, f"no Secure over HTTPS: {cookies[0]}")
    check(a.get("httponly") is True, f"no HttpOnly: {cookies[0]}")
    check(a.get("samesite") in ("Lax", "Strict"), f"SameSite: {cookies[0]}")
    eq(a.get("path"), "/", f"Path: {cookies[0]}")
    token = re.match(r"cc_session=([^;]*)", cookies[0]).group(1)
    csrf = json.loads(body)["csrf_token"]
    status, _, body, _ = https("GET", API + "/me", {"Cookie": "cc_session=" + token})
    eq(status, 200, f"GET /me with the cookie over HTTPS ({body[:200]!r})")
    status, headers, body, _ = https("DELETE", API + "/session",
                                     {"Cookie": "cc_session=" + token, "X-CSRF-Token": csrf})
    eq(status, 200, f"sign-out ({body[:200]!r})")
    cleared = header(headers, "Set-Cookie")
    check(cleared and cleared[0].startswith("cc_session=;") and cookie_attrs(cleared[0]).get("secure") is True,
          f"the cleared cookie over HTTPS: {cleared}")


@test
def plain_http_to_the_tls_port_gets_no_http_answer():
    for req in (b"GET /api/v1/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                b"GET / HTTP/1.0\r\n\r\n"):
        s = socket.create_connection(("127.0.0.1", CFG.port), timeout=10)
        data = b""
        try:
            s.sendall(req)
            while len(data) < 65536:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except (ConnectionResetError, socket.timeout, BrokenPipeError):
            pass
        finally:
            s.close()
        check(not data.startswith(b"HTTP/"), f"cleartext HTTP answered on the TLS port: {data[:200]!r}")
        check(b"nci-2026" not in data and b"campaigns" not in data,
              f"data in cleartext on the TLS port: {data[:200]!r}")
    # http.client as well: no status line
    conn = http.client.HTTPConnection("127.0.0.1", CFG.port, timeout=10)
    try:
        conn.request("GET", API + "/campaigns")
        r = conn.getresponse()
        raise Fail(f"plain HTTP got a response from the TLS port: {r.status}")
    except (http.client.BadStatusLine, http.client.RemoteDisconnected, ConnectionResetError,
            socket.timeout, BrokenPipeError):
        pass
    finally:
        conn.close()
    # the server still serves HTTPS afterwards
    eq(https("GET", API + "/groups")[0], 200, "HTTPS after the cleartext attempts")


@test
def tls_options_must_go_together():
    data = CFG.data
    for args, what in ((["--tls-cert", CFG.cert], "--tls-cert without --tls-key"),
                       (["--tls-key", CFG.key], "--tls-key without --tls-cert")):
        for cmd in ("serve", "demo"):
            rc, out, err = cli(cmd, "--data", data, "--listen", "127.0.0.1:0", *args)
            eq(rc, 2, f"{cmd} {what}: exit status ({err.strip()})")
            check(not re.search(r"Sanitizer|runtime error", err), f"sanitizer report: {err[:2000]}")
            check("--tls-key" in err and "--tls-cert" in err, f"{cmd} {what}: the message {err.strip()!r}")
            check("serving" not in out, f"{cmd} {what} served: {out!r}")


@test
def bad_certificate_or_key_files_are_named():
    d = CFG.tmp
    garbage = os.path.join(d, "garbage.pem")
    with open(garbage, "wb") as f:
        f.write(b"this is not a certificate\n\x00\xff")
    truncated = os.path.join(d, "truncated.pem")
    text = open(CFG.cert).read()
    with open(truncated, "w") as f:
        f.write(text[: len(text) // 2])
    empty = os.path.join(d, "empty.pem")
    open(empty, "w").close()
    missing = os.path.join(d, "no-such-file.pem")
    cases = [
        ((missing, CFG.key), missing, "a missing certificate"),
        ((CFG.cert, missing), missing, "a missing key"),
        ((d, CFG.key), d, "a directory as the certificate"),
        ((garbage, CFG.key), garbage, "a garbage certificate"),
        ((empty, CFG.key), empty, "an empty certificate"),
        ((CFG.cert, garbage), garbage, "a garbage key"),
        ((CFG.key, CFG.cert), CFG.key, "certificate and key swapped"),
        ((truncated, CFG.key), truncated, "a truncated certificate"),
        ((CFG.cert, CFG.other_key), CFG.cert, "the key of another certificate"),
    ]
    if os.geteuid() != 0:  # root reads any file
        unreadable = os.path.join(d, "unreadable.pem")
        shutil.copy(CFG.cert, unreadable)
        os.chmod(unreadable, 0)
        cases.append(((unreadable, CFG.key), unreadable, "an unreadable certificate"))
    problems = []
    for (cert, key), named, what in cases:
        for cmd in ("serve", "demo"):
            rc, out, err = cli(cmd, "--data", CFG.data, "--listen", "127.0.0.1:0",
                               "--tls-cert", cert, "--tls-key", key)
            if re.search(r"Sanitizer|runtime error", err):
                problems.append(f"{cmd}, {what}: sanitizer report: {err[:2000]}")
            if rc is None:
                problems.append(f"{cmd}, {what}: still running after 20 s ({out.strip()!r})")
            elif rc == 0:
                problems.append(f"{cmd}, {what}: exit status 0")
            elif named not in err:
                problems.append(f"{cmd}, {what}: exit {rc}, the error does not name {named}: {err.strip()!r}")
            elif "serving" in out:
                problems.append(f"{cmd}, {what}: it served ({out.strip()!r})")
    check(not problems, "\n  " + "\n  ".join(problems))


@test
def over_plain_http_the_cookie_is_not_secure():
    email = "analyst@demo.cybercap"
    r = harness.request(CFG.plain_host, CFG.plain_port, "POST", API + "/session",
                        {"Content-Type": "application/json"},
                        json.dumps({"email": email, "password": CFG.plain_logins[email]}).encode(),
                        timeout=20, catch=False)
    eq(r.status, 200, f"sign-in over plain HTTP ({r.body[:200]!r})")
    cookies = r.headers_named("Set-Cookie")
    eq(len(cookies), 1, f"Set-Cookie headers: {cookies}")
    a = cookie_attrs(cookies[0])
    check("secure" not in a, f"Secure over plain HTTP (browsers would never send it back): {cookies[0]}")
    check(a.get("httponly") is True and a.get("samesite") in ("Lax", "Strict"),
          f"HttpOnly and SameSite over plain HTTP too: {cookies[0]}")


# ---------------------------------------------------------------- main


def setup(args):
    CFG.tmp = tempfile.mkdtemp(prefix="cybercap-tls.")
    CFG.procs = []
    CFG.cert, CFG.key = make_cert("server")
    CFG.other_cert, CFG.other_key = make_cert("other")
    CFG.data = os.path.join(CFG.tmp, "d")
    CFG.proc, CFG.port, lines = start(["demo", "--data", CFG.data, "--listen", "127.0.0.1:0",
                                       "--tls-cert", CFG.cert, "--tls-key", CFG.key], "https")
    CFG.logins = demo_logins(lines)
    if "analyst@demo.cybercap" not in CFG.logins:
        raise Fail(f"no demo sign-ins in {lines}")
    if args.plain_base:
        u = urllib.parse.urlsplit(args.plain_base)
        CFG.plain_host, CFG.plain_port = u.hostname, u.port
        with open(os.path.join(args.plain_data, "demo-logins.txt")) as f:
            CFG.plain_logins = demo_logins(f.readlines())
    else:
        _, CFG.plain_port, lines = start(["demo", "--data", os.path.join(CFG.tmp, "plain"),
                                          "--listen", "127.0.0.1:0"], "http")
        CFG.plain_host = "127.0.0.1"
        CFG.plain_logins = demo_logins(lines)


def stopped_cleanly():
    rc = stop(CFG.proc)
    eq(rc, 0, "exit status of the TLS server after SIGTERM")
    for name in os.listdir(CFG.tmp):
        if name.startswith("server-") and name.endswith(".err"):
            text = open(os.path.join(CFG.tmp, name), errors="replace").read()
            check(not re.search(harness.SANITIZER, text),
                  f"sanitizer report from a server:\n{text[:3000]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="the cybercap binary")
    ap.add_argument("--plain-base", help="a plain-HTTP demo server, http://127.0.0.1:PORT")
    ap.add_argument("--plain-data", help="its data directory (for demo-logins.txt)")
    ap.add_argument("--only", help="run the tests whose name contains this")
    args = ap.parse_args()
    CFG.bin = os.path.abspath(args.bin)
    try:
        setup(args)
    except (Fail, OSError, subprocess.SubprocessError) as e:
        for p in getattr(CFG, "procs", []):
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(getattr(CFG, "tmp", ""), ignore_errors=True)
        return harness.setup_failed(e)
    try:
        SUITE.run(args.only)
        SUITE.run_one("the TLS server exits 0 on SIGTERM", stopped_cleanly)
    finally:
        for p in CFG.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(CFG.tmp, ignore_errors=True)
    return SUITE.result()


if __name__ == "__main__":
    sys.exit(main())
