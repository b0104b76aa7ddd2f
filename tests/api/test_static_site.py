#!/usr/bin/env python3
"""The static site for readers (`cybercap export-site`, docs/static-site.md):
the files it writes for published campaigns, each API response in it equal
byte for byte to the live server's answer to a reader with no account,
the campaign list holding the exported (published) campaigns only,
content-addressed names, gzip and brotli copies that decompress to the
same bytes, and what it refuses (an unpublished or unknown campaign, an
output directory that is not empty).

Standard library only (brotli copies are checked with Debian's
libbrotlidec through ctypes). Starts its own `cybercap demo` on a free port
with a fresh data directory; the browser test of the same site is
tests/e2e/static-site.test.mjs.

    python3 tests/api/test_static_site.py --bin build/cybercap [--only NAME_PART[,...]] [--keep]

The tests run in order and build on each other.
"""
import ctypes
import ctypes.util
import gzip
import hashlib
import json
import os
import re
import sys
import urllib.parse
import zipfile
import io

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import API, check, eq, expect  # noqa: E402
import harness  # noqa: E402

CFG = harness.Cfg()
test, request = CFG.test, CFG.request
EDITIONS = ["nci-2025", "nci-2026", "nci-2027"]   # the demo's published index editions
OPEN = "nci-2028"                                  # the demo's open edition


def read(rel, mode="rb"):
    with open(os.path.join(CFG.out, rel), mode) as f:
        return f.read()


def live_url(key):
    """The API URL of a manifest key (raw segments, sorted raw parameters)."""
    path, _, query = key.partition("?")
    segs = "/".join(urllib.parse.quote(s, safe="") for s in path.split("/"))
    params = [tuple(p.split("=", 1)) for p in query.split("&")] if query else []
    return API + segs + ("?" + urllib.parse.urlencode(params) if params else "")


def same_body(key, live, static):
    """Bytes equal; a workbook's parts equal but for its creation time
    (docProps/core.xml), which each rendering sets anew."""
    if not key.endswith(".xlsx"):
        return live == static

    def parts(b):
        z = zipfile.ZipFile(io.BytesIO(b))
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
    return parts(live) == parts(static)


def brotli_decompress(data, size):
    lib = ctypes.CDLL(ctypes.util.find_library("brotlidec") or "libbrotlidec.so.1")
    out = ctypes.create_string_buffer(size + 1)
    n = ctypes.c_size_t(size + 1)
    ok = lib.BrotliDecoderDecompress(ctypes.c_size_t(len(data)), data, ctypes.byref(n), out)
    check(ok == 1, "brotli: the copy does not decode")
    return out.raw[:n.value]


@test
def export_writes_the_site():
    args = ["export-site", "--data", CFG.data, "--web", os.path.join(harness.ROOT, "web/dist")]
    for c in EDITIONS:
        args += ["--campaign", c]
    out = CFG.cli_ok(*args, CFG.out)
    check(re.search(r"\d+ API responses and \d+ pages for 3 campaigns", out), out)
    html = read("index.html", "r")
    m = re.search(r'<meta name="cybercap-site" content="/(site\.[0-9a-f]{16}\.json)">', html)
    check(m, "index.html names the manifest")
    CFG.manifest = json.loads(read(m.group(1)))
    eq(CFG.manifest["campaigns"], EDITIONS)
    units = [u["unit"] for u in json.loads(read(CFG.manifest["files"][f"/campaigns/{EDITIONS[-1]}/results"]))["results"]]
    check(len(units) == 40, f"{len(units)} units")
    for page in ["404.html", "rankings/index.html", "compare/index.html", "trends/index.html",
                 "frameworks/national-commitment/index.html"] + [f"units/{u}/index.html" for u in units]:
        eq(read(page, "r"), html, page)
    for asset in re.findall(r'(?:src|href)="/(assets/[^"]+)"', html):
        check(os.path.getsize(os.path.join(CFG.out, asset)) > 0, asset)
    expect(request("GET", API + "/openapi.json"), 200)
    eq(read("api/v1/openapi.json"), request("GET", API + "/openapi.json").body, "openapi.json")


@test
def every_response_equals_the_live_server():
    files = CFG.manifest["files"]
    for what in ["/campaigns", "/frameworks", "/units", "/groups", "/frameworks/national-commitment",
                 "/frameworks/national-commitment?version=2026", "/trends?framework=national-commitment",
                 "/trends?balanced=true&framework=national-commitment",
                 f"/campaigns/{EDITIONS[1]}/summary?by=itu_region",
                 f"/campaigns/{EDITIONS[1]}/results?group=itu:africa&node=national-commitment",
                 f"/campaigns/{EDITIONS[1]}/results/XAA", f"/units/XAA/history?framework=national-commitment",
                 f"/trends/movers?framework=national-commitment&from={EDITIONS[0]}&to={EDITIONS[2]}",
                 f"/campaigns/{EDITIONS[2]}/results.csv", f"/campaigns/{EDITIONS[2]}/results.xlsx"]:
        check(what in files, f"{what}: not in the site")
    problems = []
    for key, rel in sorted(files.items()):
        if key == "/campaigns":
            continue
        r = request("GET", live_url(key))
        if r.status != 200:
            problems.append(f"{key}: the live server answers {r.status}")
        elif not same_body(key, r.body, read(rel)):
            problems.append(f"{key}: {rel} differs from the live answer")
    check(not problems, f"{len(problems)} of {len(files)}:\n  " + "\n  ".join(problems[:20]))
    check(len(files) > 1000, f"{len(files)} responses")


@test
def campaign_list_holds_the_exported_published_campaigns():
    live = expect(request("GET", API + "/campaigns"), 200).json()
    static = json.loads(read(CFG.manifest["files"]["/campaigns"]))
    check(any(c["status"] != "published" for c in live["campaigns"]), "the demo has unpublished campaigns")
    eq(static["campaigns"], [c for c in live["campaigns"] if c["id"] in EDITIONS])
    check(all(c["status"] == "published" for c in static["campaigns"]))
    # nothing of a signed-in reader's: no assessment, session, job or review route
    for key in CFG.manifest["files"]:
        check(not re.search(r"/(me|session|assessments|jobs|review|plans|risks|drills|audit)(/|\?|$)", key), key)
        check(OPEN not in key, key)


@test
def names_are_content_addressed_with_compressed_copies():
    seen = 0
    for key, rel in CFG.manifest["files"].items():
        body = read(rel)
        if rel.startswith("data/"):
            m = re.fullmatch(r"data/r\.([0-9a-f]{16})\.json", rel)
            check(m, rel)
            eq(m.group(1), hashlib.sha256(body).hexdigest()[:16], rel)
        else:
            check(rel == "files" + key, rel)
        if len(body) >= 256 and not rel.endswith(".xlsx"):
            eq(gzip.decompress(read(rel + ".gz")), body, rel + ".gz")
            br = read(rel + ".br")
            check(len(br) < len(body), rel + ".br is smaller")
            if seen < 200:
                eq(brotli_decompress(br, len(body)), body, rel + ".br")
            seen += 1
    check(seen > 500, f"{seen} compressed")
    html = read("index.html")
    eq(gzip.decompress(read("index.html.gz")), html)
    eq(brotli_decompress(read("index.html.br"), len(html)), html)


@test
def refuses_unpublished_unknown_and_a_used_directory():
    base = ["export-site", "--data", CFG.data, "--web", os.path.join(harness.ROOT, "web/dist")]
    out = os.path.join(CFG.tmp, "refused")
    rc, _, err = CFG.cli(*base, "--campaign", OPEN, out)
    eq(rc, 2, "an open campaign")
    check("published results only" in err and OPEN in err, err)
    check(not os.path.exists(out) or not os.listdir(out), "nothing written")
    rc, _, err = CFG.cli(*base, "--campaign", "no-such", out)
    eq(rc, 2, "an unknown campaign")
    check("no-such" in err, err)
    rc, _, err = CFG.cli(*base, "--campaign", EDITIONS[0], CFG.out)
    eq(rc, 2, "an output directory in use")
    check("not empty" in err, err)
    rc, _, err = CFG.cli("export-site", "--data", CFG.data, out)
    eq(rc, 2, "no campaign")
    check("--campaign" in err, err)


def setup():
    CFG.anon = CFG.client("anonymous")
    CFG.out = os.path.join(CFG.tmp, "site")


if __name__ == "__main__":
    sys.exit(CFG.main(setup, "cybercap-static-site."))
