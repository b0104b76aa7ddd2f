#!/usr/bin/env python3
"""Path traversal on every route that reads or writes files.

The routes that touch files, and where each is tested:

  GET/HEAD /{anything else}            the web folder (http_static.c):
                                       test_api.py, path_traversal_never_leaves_the_web_folder
                                       and symlinks_out_of_the_web_folder_are_not_followed
  GET  .../assessments/{u}/evidence/{e}  a stored file, DATA/evidence/ab/<sha256>: here
  POST .../assessments/{u}/evidence    writes DATA/evidence/ab/<sha256>; the client's
                                       file name is only a label: here
  GET  .../assessments/{u}/questionnaire.xlsx   written to a mkstemp() file in /tmp: here
  PUT  .../assessments/{u}/questionnaire.xlsx   a zip read in memory (zip slip): here
  GET  /api/v1/campaigns/{id}/results.csv, .xlsx (the .xlsx through a mkstemp() file): here
  GET  /api/v1/openapi.json            compiled in, no file
  every other route's {param}          no file; swept here all the same

Standard library only. Starts its own `cybercap demo` (a fresh data
directory, SIGTERM at the end), plants secret files beside and inside the
data directory, and sends each path parameter as ../, %2e%2e%2f, double-
encoded %252e, backslashes, absolute paths, %00, overlong UTF-8 (%c0%af) and
more. Nothing from outside the allowed place may come back, and the status
must be 400, 401, 403, 404 or 409 (or the resource itself, for the exact id).

%00: libmicrohttpd would decode %00 into a NUL byte that ends the C string
(GET /api/v1/campaigns/nci-2026%00/results read as /api/v1/campaigns/nci-2026);
server.c decodes it into a control character instead and answers 400.

Run by tests/api/run.sh; by hand:

    python3 tests/api/test_traversal.py --bin build/cybercap [--only NAME_PART]
"""
import hashlib
import io
import os
import re
import sys
import uuid
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import API, Problems, check, eq  # noqa: E402
import harness  # noqa: E402

CFG = harness.Cfg()
test = CFG.test
OPEN, PUBLISHED = "nci-2028", "nci-2026"
Q = "legal.cybercrime.procedural.search_seizure"   # yes_no, evidence required
MARKERS = [b"CYBERCAP-SECRET", b"root:x:0:0", b"SQLite format 3", b"@demo.cybercap\t",
           b"BEGIN PRIVATE KEY"]

# What a path parameter is replaced by (sent as is: the client encodes
# nothing; the server decodes percent-escapes once).
HOSTILE = [
    "..", "../..", "../../..", "../secret-beside-data.txt", "../../etc/passwd",
    "%2e%2e", "%2e%2e%2f%2e%2e%2fsecret-beside-data.txt", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "..%2f..%2fcybercap.db", "..%2fsecret-in-data.txt", "..%2f..%2fsecret-beside-data.txt",
    "%252e%252e%252fcybercap.db", "%252e%252e", "..%252f..%252fetc%252fpasswd",
    "..%5c..%5ccybercap.db", "..\\..\\cybercap.db", "%5c..%5csecret-in-data.txt",
    "%2fetc%2fpasswd", "%2f..%2fcybercap.db", "evidence%2fsecret.txt", "evidence%2f..%2fcybercap.db",
    "%c0%ae%c0%ae%c0%afcybercap.db", "..%c0%af..%c0%afsecret-beside-data.txt", "%e0%80%ae%e0%80%ae",
    "..%00", "%00..%2fcybercap.db", "cybercap.db%00", "x%00%2f..%2f..%2fcybercap.db",
    ".", "%2e", ".hidden", "~", "~root", "%7e", "*", "con", "..%20", "..;", "%3b..",
]


# ---------------------------------------------------------------- HTTP


def request(method, path, headers=None, body=None, src=None):
    """One request, the path sent byte for byte as given."""
    return harness.request("127.0.0.1", CFG.port, method, path, headers, body, src=src,
                           length_for=("POST", "PUT"))


def login(email):
    return harness.sign_in(request, email, CFG.passwords[email], src=None)


def multipart(question, filename, data):
    b = "----cybercap-" + uuid.uuid4().hex
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\n{question}\r\n"
            f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").encode() + \
        filename + b"\"\r\nContent-Type: text/plain\r\n\r\n" + data + f"\r\n--{b}--\r\n".encode()
    return body, "multipart/form-data; boundary=" + b


def upload(c, unit, filename, data, camp=OPEN):
    body, ctype = multipart(Q, filename if isinstance(filename, bytes) else filename.encode(), data)
    return c.call("POST", f"{API}/campaigns/{camp}/assessments/{unit}/evidence", body=body,
                  headers={"Content-Type": ctype})


def leaks(r):
    return [m for m in MARKERS if m in r.body]


def judge(p, what, r, ok=(400, 401, 403, 404, 409), same=None):
    """The answer to a hostile path: no secret and an allowed status."""
    bad = leaks(r)
    if bad:
        p.add(f"{what}: secret {bad} in the answer ({r.status})")
    if r.status in ok:
        return
    if same is not None and r.status == 200 and r.body == same:
        return          # the resource itself, through a harmless spelling of its id
    p.add(f"{what}: status {r.status} ({r.body[:120]!r})")


# ---------------------------------------------------------------- tests


@test
def evidence_download_by_hostile_ids():
    """GET .../evidence/{e}: the file is found by its id among the
    assessment's evidence rows, and read from DATA/evidence/ by the SHA-256
    the database holds; nothing the client sends is a path."""
    p = Problems()
    fp, fpb = login("focal.xaa@demo.cybercap"), login("focal.xab@demo.cybercap")
    data = b"evidence of XAA " + uuid.uuid4().hex.encode() + b"\n"
    r = upload(fp, "XAA", "decree.txt", data)
    eq(r.status, 201, f"upload ({r.body[:200]!r})")
    eid = r.json()["id"]
    r = upload(fpb, "XAB", "other.txt", b"evidence of XAB\n")
    eq(r.status, 201, f"upload of XAB ({r.body[:200]!r})")
    eid_b = r.json()["id"]
    base = f"{API}/campaigns/{OPEN}/assessments/XAA/evidence/"
    r = fp.call("GET", base + str(eid))
    eq((r.status, r.body), (200, data), "the file by its id")
    sha = hashlib.sha256(data).hexdigest()
    ids = HOSTILE + [
        str(eid_b),                                   # another unit's file, through this unit
        sha, f"{sha[:2]}%2f{sha}", f"..%2f{sha[:2]}%2f{sha}", f"..%2fevidence%2f{sha[:2]}%2f{sha}",
        f"{eid}%2f..%2f{eid_b}", f"{eid_b}%00", f"0{eid}", f"+{eid}", f"-{eid}", f"{eid}.0",
        f"%20{eid}", f"{eid}%20", f"0x{eid:x}", "-1", "0", "99999999999999999999999",
        f"{eid}%00", f"{eid}%00.pdf", f"{eid}%00%2f..%2f..%2fcybercap.db",
    ]
    for e in ids:
        for who, c in (("focal XAA", fp), ("analyst", CFG.analyst)):
            r = c.call("GET", base + e)
            judge(p, f"{who} GET evidence/{e}", r, same=data if e.startswith(f"{eid}%00") else None)
            if r.status == 200 and r.body != data:
                p.add(f"{who} GET evidence/{e}: a file other than the one asked for ({r.body[:80]!r})")
    p.done()


@test
def evidence_download_by_hostile_campaign_and_unit():
    p = Problems()
    fp = login("focal.xaa@demo.cybercap")
    data = b"evidence " + uuid.uuid4().hex.encode() + b"\n"
    r = upload(fp, "XAA", "a.txt", data)
    eq(r.status, 201, f"upload ({r.body[:200]!r})")
    eid = r.json()["id"]
    for x in HOSTILE + [f"{OPEN}%2f..%2f{PUBLISHED}", f"{OPEN}%00", f"{OPEN}%2f..%2f..%2f.."]:
        for path in (f"{API}/campaigns/{x}/assessments/XAA/evidence/{eid}",
                     f"{API}/campaigns/{OPEN}/assessments/{x}/evidence/{eid}",
                     f"{API}/campaigns/{OPEN}/assessments/XAA%2f..%2f{x}/evidence/{eid}"):
            for who, c in (("focal XAA", fp), ("analyst", CFG.analyst)):
                r = c.call("GET", path)
                judge(p, f"{who} GET {path}", r)
                if r.body == data:
                    p.add(f"{who} GET {path}: the file through a path that does not name it")
    p.done()


@test
def upload_file_names_are_labels_not_paths():
    """POST .../evidence: the stored name is the part after the last "/"
    with quotes, backslashes and control characters made "_"; the bytes go
    to DATA/evidence/ab/<sha256> whatever the name; no other file appears."""
    p = Problems()
    fp = login("focal.xaa@demo.cybercap")
    nonce = "cybercap-trav-" + uuid.uuid4().hex[:8]
    names = [
        f"../../{nonce}-1.txt", f"../../../../../../../../tmp/{nonce}-2.txt", f"/tmp/{nonce}-3.txt",
        f"/etc/{nonce}-4.txt", f"..\\..\\{nonce}-5.txt", f"C:\\Windows\\{nonce}-6.txt",
        f"..%2f..%2f{nonce}-7.txt", f"%2e%2e%2f{nonce}-8.txt", f"..%252f{nonce}-9.txt",
        f"....//....//{nonce}-10.txt", f"./{nonce}-11.txt", f"evidence/../../{nonce}-12.txt",
        f"..\xc0\xaf{nonce}-13.txt", f"..\xc0\xae\xc0\xae/{nonce}-14.txt", f"{nonce}-15.txt\x00.pdf",
        f"..\x00/{nonce}-16.txt", f"~/{nonce}-17.txt", f"\\\\server\\share\\{nonce}-18.txt",
        f"{nonce}-19\r\nX-Injected: 1.txt", f"..", ".", "/", "", ".txt", "../.txt",
    ]
    before = set(os.listdir("/tmp"))
    ev_dir = os.path.join(CFG.data, "evidence")
    for name in names:
        raw = name.encode("utf-8", "surrogateescape") if "\xc0" not in name else \
            name.encode("latin-1")
        data = f"file {uuid.uuid4().hex}\n".encode()
        r = upload(fp, "XAA", raw, data)
        what = f"upload named {name!r}"
        if r.status == 422 or r.status == 400:
            continue
        if r.status != 201:
            p.add(f"{what}: status {r.status} ({r.body[:120]!r})")
            continue
        eid = r.json()["id"]
        a = fp.call("GET", f"{API}/campaigns/{OPEN}/assessments/XAA").json()
        found = {e["id"]: e for e in a["evidence"]}
        if eid not in found:
            p.add(f"{what}: evidence {eid} is not listed ({sorted(found)})")
            continue
        stored = found[eid]["filename"]
        if "/" in stored or "\\" in stored or any(ord(ch) < 32 for ch in stored) or '"' in stored:
            p.add(f"{what}: stored as {stored!r}")
        sha = hashlib.sha256(data).hexdigest()
        if not harness.stored_file(CFG.data, sha):
            p.add(f"{what}: not stored by its SHA-256 (DATA/evidence/, or stored_file on PostgreSQL)")
        d = fp.call("GET", f"{API}/campaigns/{OPEN}/assessments/XAA/evidence/{eid}")
        cd = d.header("Content-Disposition") or ""
        m = re.fullmatch(r'attachment; filename="([^"\\\r\n/]*)"', cd)
        if d.status != 200 or d.body != data or not m:
            p.add(f"{what}: download {d.status}, Content-Disposition {cd!r}")
        if d.header("X-Injected"):
            p.add(f"{what}: a header injected through the file name")
    # no file named by the client anywhere
    for root, dirs, files in os.walk(CFG.tmp):
        for f in files + dirs:
            if nonce in f:
                p.add(f"a file named by the client: {os.path.join(root, f)}")
    for root, dirs, files in os.walk(ev_dir):
        for f in files:
            if not re.fullmatch(r"[0-9a-f]{64}", f) and f != "secret.txt":
                p.add(f"DATA/evidence holds {os.path.join(root, f)}")
    for f in set(os.listdir("/tmp")) - before:
        if nonce in f:
            p.add(f"/tmp/{f} written")
    for d in ("/etc", "/", os.path.dirname(CFG.tmp), os.getcwd()):
        for f in os.listdir(d):
            if nonce in f:
                p.add(f"{d}/{f} written")
    p.done()


def zip_with(base, extra=None, replace=None):
    """A copy of the zip base with entries added (name -> bytes) or replaced."""
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename](data)
            dst.writestr(item, data)
        for name, data in (extra or {}).items():
            zi = zipfile.ZipInfo("placeholder")
            zi.filename = name       # zipfile would clean "../" from a name given to ZipInfo()
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    return out.getvalue()


@test
def questionnaire_workbook_paths_and_zip_slip():
    """GET/PUT .../questionnaire.xlsx: hostile campaign and unit ids; a
    workbook whose zip holds entries named ../../x or /tmp/x (zip slip)
    writes nothing; one whose relationships point out of the package reads
    nothing from the file system."""
    p = Problems()
    fp = login("focal.xaa@demo.cybercap")
    path = f"{API}/campaigns/{OPEN}/assessments/XAA/questionnaire.xlsx"
    r = fp.call("GET", path)
    eq(r.status, 200, f"the workbook ({r.body[:200]!r})")
    good = r.body
    for x in HOSTILE + [f"{OPEN}%00", f"{OPEN}%2f..%2f{PUBLISHED}"]:
        for q in (f"{API}/campaigns/{x}/assessments/XAA/questionnaire.xlsx",
                  f"{API}/campaigns/{OPEN}/assessments/{x}/questionnaire.xlsx"):
            for m in ("GET", "PUT"):
                r = fp.call(m, q, body=good if m == "PUT" else None,
                            headers={"Content-Type": "application/octet-stream"} if m == "PUT" else None)
                judge(p, f"{m} {q}", r, ok=(400, 401, 403, 404, 409, 422))
    nonce = "cybercap-zipslip-" + uuid.uuid4().hex[:8]
    slip = {f"../../../../../../../../tmp/{nonce}-1.txt": b"slip 1",
            f"/tmp/{nonce}-2.txt": b"slip 2",
            f"..\\..\\..\\{nonce}-3.txt": b"slip 3",
            f"xl/../../../{nonce}-4.txt": b"slip 4",
            f"xl/worksheets/../../../../../../tmp/{nonce}-5.xml": b"<x/>"}
    before = set(os.listdir("/tmp"))
    r = fp.call("PUT", path, body=zip_with(good, extra=slip),
                headers={"Content-Type": "application/octet-stream"})
    if r.status not in (200, 422):
        p.add(f"PUT with zip-slip entries: status {r.status} ({r.body[:200]!r})")
    # relationships pointing out of the package
    for target in ("../../../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd",
                   "../../../../secret-beside-data.txt", "%2e%2e/%2e%2e/cybercap.db",
                   "..\\..\\..\\cybercap.db", f"{CFG.data}/cybercap.db"):
        def rels(data, target=target):
            return re.sub(rb'Target="worksheets/sheet1\.xml"', lambda m: b'Target="' + target.encode() + b'"', data)
        bad = zip_with(good, replace={"xl/_rels/workbook.xml.rels": rels})
        if bad == good:
            p.add("the workbook's relationships were not rewritten (test out of date?)")
            break
        r = fp.call("PUT", path, body=bad, headers={"Content-Type": "application/octet-stream"})
        judge(p, f"PUT with a sheet at {target!r}", r, ok=(422,))
    for root, dirs, files in os.walk(os.path.dirname(CFG.tmp)):
        for f in files + dirs:
            if nonce in f:
                p.add(f"zip slip: {os.path.join(root, f)} written")
        if root.count(os.sep) > 6:
            dirs[:] = []
    for f in set(os.listdir("/tmp")) - before:
        if nonce in f:
            p.add(f"zip slip: /tmp/{f} written")
    p.done()


@test
def exports_by_hostile_campaign_ids():
    """results.csv and results.xlsx are written from the published results
    in memory (the workbook through a mkstemp() file whose name the client
    does not choose)."""
    p = Problems()
    for ext in ("csv", "xlsx"):
        r = request("GET", f"{API}/campaigns/{PUBLISHED}/results.{ext}")
        eq(r.status, 200, f"results.{ext}")
        eq(r.header("Content-Disposition"), f'attachment; filename="{PUBLISHED}-results.{ext}"',
           f"results.{ext} Content-Disposition")
        for x in HOSTILE + [f"{PUBLISHED}%2f..%2f{OPEN}", f"{PUBLISHED}%00", f"..%2f{PUBLISHED}"]:
            for q in (f"{API}/campaigns/{x}/results.{ext}", f"{API}/campaigns/{PUBLISHED}/results.{ext}%00{x}",
                      f"{API}/campaigns/{PUBLISHED}/results.{ext}%2f{x}", f"{API}/campaigns/{PUBLISHED}/{x}.{ext}"):
                judge(p, f"GET {q}", request("GET", q))
    p.done()


ROUTES = [
    "/api/v1/frameworks/{id}", "/api/v1/units/{unit}/history?framework=national-commitment",
    "/api/v1/campaigns/{id}", "/api/v1/campaigns/{id}/results", "/api/v1/campaigns/{id}/results/{unit}",
    "/api/v1/campaigns/{id}/summary?by=ldc", "/api/v1/campaigns/{id}/audit", "/api/v1/jobs/{id}",
    "/api/v1/campaigns/{id}/assessments/{unit}", "/api/v1/campaigns/{id}/assessments/{unit}/answers/{q}/history",
]


@test
def every_path_parameter_of_the_api():
    """The other routes read the database, not files; their parameters get
    the same hostile values all the same, as the analyst (so that the role
    check passes and the parameter is what is judged)."""
    p = Problems()
    values = {"id": PUBLISHED, "unit": "XAA", "q": Q}
    for route in ROUTES:
        names = re.findall(r"\{(\w+)\}", route)
        for name in names:
            for x in HOSTILE:
                path = route
                for n in names:
                    path = path.replace("{" + n + "}", x if n == name else values[n])
                judge(p, f"GET {path}", CFG.analyst.call("GET", path))
    # the query string is no way out either
    for x in HOSTILE:
        judge(p, f"GET units history framework={x}",
              request("GET", f"{API}/units/XAA/history?framework={x}"), ok=(400, 404))
        r = request("GET", f"{API}/campaigns/{PUBLISHED}/results?node={x}&group={x}")
        judge(p, f"GET results node={x}", r, ok=(400, 404))
    p.done()


# ---------------------------------------------------------------- main


def setup():
    # secrets beside the data directory, inside it, and inside DATA/evidence
    for path in (os.path.join(CFG.tmp, "secret-beside-data.txt"),
                 os.path.join(CFG.data, "secret-in-data.txt"),
                 os.path.join(CFG.data, "evidence", "secret.txt")):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("CYBERCAP-SECRET " + path + "\n")
    CFG.analyst = login("analyst@demo.cybercap")


def stop():
    """The server still answers after all that, and exits 0 on SIGTERM."""
    eq(request("GET", API + "/campaigns").status, 200, "the server answers after all that")
    rc, report = harness.stop_server(CFG.proc, CFG.err_path)
    check(not report, f"status {rc}, with a sanitizer report:\n{report}")
    eq(rc, 0, "exit status")


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-traversal.", stop=stop))
