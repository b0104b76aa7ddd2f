#!/usr/bin/env python3
"""HTTP API tests for `cybercap serve` / `cybercap demo` (docs/api.md).

Standard library only. Run by tests/api/run.sh, which starts the demo server;
by hand:

    python3 tests/api/test_api.py --base http://127.0.0.1:PORT --bin build/cybercap \
        --data DATA_DIR [--web WEB_DIR] [--only NAME_PART]

The figures are cross-checked against each other (rows against stats, one
endpoint against another, the CSV against `cybercap score`), not only their
shapes.
"""
import argparse
import gzip
import http.client
import io
import json
import math
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, HERE)
from harness import Fail, check, eq, near  # noqa: E402
import harness  # noqa: E402

CFG = argparse.Namespace()
SUITE = harness.Suite()
test = SUITE.test


# ---------------------------------------------------------------- HTTP


def request(method, path, headers=None, body=None, timeout=20):
    """One request on its own connection (closed after), the path sent
    exactly as given (no normalisation of ".."); Content-Length only with
    a body."""
    return harness.request(CFG.host, CFG.port, method, path, headers, body, timeout=timeout,
                           length_for=(), catch=False)


def get(path, **kw):
    return request("GET", path, **kw)


def get_json(path, status=200):
    r = get(path)
    eq(r.status, status, f"GET {path} status ({r.body[:200]!r})")
    return r.json()


def post_json(path, obj):
    body = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return request("POST", path, headers={"Content-Type": "application/json"}, body=body)


API = "/api/v1"
FW = "national-commitment"
PUBLISHED = ["nci-2025", "nci-2026", "nci-2027"]   # nci-2027 on the index's 2027 edition
OPEN = "nci-2028"                                  # the demo's open campaign
CAMP = "nci-2026"


def q(s):
    return urllib.parse.quote(s, safe="")


# ---------------------------------------------------------------- caches

_cache = {}


def cached(path):
    if path not in _cache:
        _cache[path] = get_json(path)
    return _cache[path]


def openapi():
    return cached(API + "/openapi.json")


def framework():
    """The tree of the framework version CAMP was opened on (2026): since
    the 2027 edition is loaded too, /frameworks/{FW} alone is the latest."""
    version = cached(f"{API}/campaigns/{CAMP}")["framework_version"]
    return cached(f"{API}/frameworks/{FW}?version={q(version)}")


def fw_nodes():
    """The framework's nodes, depth-first, as (node, parent_id, depth)."""
    out = []

    def walk(n, parent, depth):
        out.append((n, parent, depth))
        for c in n.get("children", []):
            walk(c, n["id"], depth + 1)
    walk(framework(), None, 0)
    return out


def units():
    return cached(API + "/units")["units"]


def unit_by_id():
    return {u["id"]: u for u in units()}


def results(camp=CAMP, node=None):
    path = f"{API}/campaigns/{camp}/results"
    if node:
        path += "?node=" + q(node)
    return cached(path)


def profile(unit, camp=CAMP):
    return cached(f"{API}/campaigns/{camp}/results/{unit}")


def precision():
    return framework()["precision"]


def rounding():
    """Half a unit in the last place of the framework's precision."""
    return 0.5 * 10 ** -precision() + 1e-9


# ---------------------------------------------------------------- schemas


def resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        check(ref.startswith("#/"), f"external $ref {ref}")
        cur = doc
        for part in ref[2:].split("/"):
            cur = cur[part.replace("~1", "/").replace("~0", "~")]
        node = cur
    return node


def validate(doc, schema, value, where="$", errors=None):
    """A small validator for the OpenAPI 3.0 schema subset the document
    uses: $ref, type, nullable, enum, required, properties,
    additionalProperties, items, min/maxItems, minimum/maximum, allOf,
    oneOf, anyOf, format date-time. Returns a list of problems."""
    errors = [] if errors is None else errors
    schema = resolve(doc, schema)
    if value is None:
        if not schema.get("nullable") and schema.get("type") is not None:
            errors.append(f"{where}: null but not nullable")
        return errors
    for sub in schema.get("allOf", []):
        validate(doc, sub, value, where, errors)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            ok = [s for s in schema[key] if not validate(doc, s, value, where, [])]
            if not ok or (key == "oneOf" and len(ok) != 1):
                errors.append(f"{where}: matches {len(ok)} of {key}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    t = schema.get("type")
    types = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
    }
    if t is not None:
        if not types[t](value):
            errors.append(f"{where}: {type(value).__name__} {str(value)[:60]!r} is not {t}")
            return errors
    if t == "object" or (t is None and isinstance(value, dict)):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                errors.append(f"{where}: missing required key {k!r}")
        extra = schema.get("additionalProperties", True)
        for k, v in value.items():
            if k in props:
                validate(doc, props[k], v, f"{where}.{k}", errors)
            elif extra is False:
                errors.append(f"{where}: undocumented key {k!r}")
            elif isinstance(extra, dict):
                validate(doc, extra, v, f"{where}.{k}", errors)
    if t == "array":
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{where}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{where}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, v in enumerate(value):
                validate(doc, schema["items"], v, f"{where}[{i}]", errors)
                if len(errors) > 20:
                    break
    if t in ("integer", "number"):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} < minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} > maximum {schema['maximum']}")
    if t == "string" and schema.get("format") == "date-time":
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value):
            errors.append(f"{where}: {value!r} is not date-time")
    return errors


def route_of(path):
    """The OpenAPI path template a concrete path matches."""
    path = path.split("?")[0]
    for tpl in openapi()["paths"]:
        rx = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(tpl)) + "$"
        if re.match(rx, path):
            return tpl
    raise Fail(f"no path in openapi.json matches {path}")


def check_documented(method, path, r):
    """The response's status is documented for the operation and, for
    JSON, the body matches the documented schema."""
    doc = openapi()
    tpl = route_of(path)
    ops = doc["paths"][tpl]
    check(method.lower() in ops, f"{method} {tpl} not in openapi.json")
    responses = ops[method.lower()]["responses"]
    check(str(r.status) in responses,
          f"{method} {path}: status {r.status} not documented for {tpl} "
          f"(documented: {sorted(responses)})")
    resp = resolve(doc, responses[str(r.status)])
    ctype = (r.header("Content-Type") or "").split(";")[0].strip()
    content = resp.get("content", {})
    check(ctype in content or not content,
          f"{method} {path}: Content-Type {ctype} not documented ({list(content)})")
    if ctype == "application/json" and ctype in content:
        errs = validate(doc, content[ctype]["schema"], r.json())
        check(not errs, f"{method} {path} ({r.status}) does not match its schema:\n  "
              + "\n  ".join(errs[:10]))


def is_error(r, status, code=None, field=None):
    eq(r.status, status, f"status ({r.body[:200]!r})")
    check((r.header("Content-Type") or "").startswith("application/json"),
          f"error Content-Type {r.header('Content-Type')}")
    e = r.json()
    check(isinstance(e, dict) and set(e) == {"error"}, f"error body {e}")
    err = e["error"]
    check(set(err) <= {"code", "message", "field"} and {"code", "message"} <= set(err),
          f"error keys {sorted(err)}")
    check(isinstance(err["code"], str) and isinstance(err["message"], str) and err["message"],
          f"error code/message types {err}")
    if code:
        eq(err["code"], code, "error code")
    if field is not None:
        eq(err.get("field"), field, "error field")
    return err


# ---------------------------------------------------------------- OpenAPI


def router_routes():
    text = open(os.path.join(harness.ROOT, "src/server/router.c")).read()
    table = text[text.index("routes[] = {"):]
    table = table[:table.index("};")]
    return sorted(re.findall(r'\{\s*"([A-Z]+)",\s*"([^"]+)"', table))


def doc_routes():
    out = []
    for path, item in openapi()["paths"].items():
        for m in item:
            if m in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
                out.append((m.upper(), path))
    return sorted(out)


@test
def openapi_lists_every_route_of_router_c():
    routes = router_routes()
    check(len(routes) >= 13, f"router.c parsed to {routes}")
    eq(doc_routes(), routes, "openapi.json operations vs router.c routes")


@test
def openapi_served_equals_source_file():
    check(openapi() == harness.openapi_doc(),
          "the served document differs from src/server/openapi.json (rebuild with make)")
    eq(openapi()["openapi"], "3.0.3", "openapi version")


@test
def openapi_has_the_schemas_and_parameters():
    doc = openapi()
    schemas = doc["components"]["schemas"]
    for name in ["Campaign", "Node", "Unit", "Group", "ResultRow", "UnitResults", "Summary",
                 "History", "Error", "Framework", "Results", "Job"]:
        check(name in schemas, f"components/schemas/{name} missing")
    # the tree is recursive
    eq(schemas["Node"]["properties"]["children"]["items"], {"$ref": "#/components/schemas/Node"},
       "Node.children")
    want = {
        "/api/v1/units": {"group", "limit", "offset"},
        "/api/v1/campaigns/{id}/results": {"id", "node", "group", "limit", "offset"},
        "/api/v1/campaigns/{id}/summary": {"id", "by"},
        "/api/v1/units/{unit}/history": {"unit", "framework"},
        "/api/v1/campaigns/{id}/results/{unit}": {"id", "unit"},
    }
    for path, item in doc["paths"].items():
        for m, o in item.items():
            names = {resolve(doc, p)["name"] for p in o.get("parameters", [])}
            for seg in re.findall(r"\{([^}]+)\}", path):
                check(seg in names, f"{m} {path}: path parameter {seg} not declared")
            if path in want:
                eq(names, want[path], f"{m} {path} parameters")
            codes = set(o["responses"])
            check(codes & {"200", "201", "202"}, f"{m} {path}: no success response")
            check({"405", "413"} <= codes, f"{m} {path}: 405/413 not documented")
            for c, resp in o["responses"].items():
                if c.startswith(("4", "5")):
                    sch = resolve(doc, resp)["content"]["application/json"]["schema"]
                    eq(sch, {"$ref": "#/components/schemas/Error"}, f"{m} {path} {c} schema")
    by = resolve(doc, {"$ref": "#/components/parameters/By"})
    eq(sorted(by["schema"]["enum"]), sorted(["itu_region", "m49_region", "ldc", "lldc", "sids"]),
       "by values")


@test
def docs_api_md_endpoints_are_routes():
    text = open(os.path.join(harness.ROOT, "docs/api.md")).read()
    documented = set()
    for m, p in re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`\[ ?]+)", text):
        documented.add((m, p))
    check(len(documented) >= 13, f"parsed {documented}")
    eq(sorted(documented), router_routes(), "docs/api.md endpoints vs router.c")


# ---------------------------------------------------------------- shapes

SAMPLES = [
    "/api/v1/openapi.json",
    "/api/v1/frameworks",
    f"/api/v1/frameworks/{FW}",
    "/api/v1/units",
    "/api/v1/units?group=ldc&limit=5&offset=3",
    f"/api/v1/units/XAA/history?framework={FW}",
    f"/api/v1/units/AFG/history?framework={FW}",
    "/api/v1/groups",
    "/api/v1/campaigns",
    "/api/v1/campaigns/nci-2025",
    "/api/v1/campaigns/nci-2028",
    "/api/v1/campaigns/nci-2026/results",
    "/api/v1/campaigns/nci-2025/results?node=legal&group=itu%3Aafrica&limit=3",
    "/api/v1/campaigns/nci-2026/results/XAA",
    "/api/v1/campaigns/nci-2025/results/XBN",
    "/api/v1/campaigns/nci-2026/summary?by=itu_region",
    "/api/v1/campaigns/nci-2026/summary?by=sids",
    "/api/v1/campaigns/nci-2026/results.csv",
    "/api/v1/campaigns/nci-2026/results.xlsx",
    "/api/v1/campaigns/nci-2026/audit",
]

ERROR_SAMPLES = [  # path, status, code, field
    ("/api/v1/frameworks/nope", 404, "not_found", None),
    ("/api/v1/units?group=nope", 404, "not_found", "group"),
    ("/api/v1/units?limit=abc", 400, "bad_parameter", "limit"),
    ("/api/v1/units?offset=-1", 400, "bad_parameter", "offset"),
    ("/api/v1/units/XAA/history", 400, "bad_parameter", "framework"),
    ("/api/v1/units/QQQ/history?framework=" + FW, 404, "not_found", None),
    ("/api/v1/units/XAA/history?framework=nope", 404, "not_found", "framework"),
    ("/api/v1/campaigns/nope", 404, "not_found", None),
    ("/api/v1/campaigns/nope/results", 404, "not_found", None),
    ("/api/v1/campaigns/nci-2028/results", 409, "not_published", None),
    ("/api/v1/campaigns/nci-2026/results?node=nope", 404, "not_found", "node"),
    ("/api/v1/campaigns/nci-2026/results?group=nope", 404, "not_found", "group"),
    ("/api/v1/campaigns/nci-2026/results?limit=-1", 400, "bad_parameter", "limit"),
    ("/api/v1/campaigns/nci-2026/results?limit=", 400, "bad_parameter", "limit"),
    ("/api/v1/campaigns/nci-2026/results?limit=1x", 400, "bad_parameter", "limit"),
    ("/api/v1/campaigns/nci-2026/results?offset=z", 400, "bad_parameter", "offset"),
    ("/api/v1/campaigns/nci-2026/results/QQQ", 404, "not_found", None),
    ("/api/v1/campaigns/nci-2026/results/AFG", 404, "not_found", None),
    ("/api/v1/campaigns/nci-2028/results/XAA", 409, "not_published", None),
    ("/api/v1/campaigns/nope/results/XAA", 404, "not_found", None),
    ("/api/v1/campaigns/nci-2026/summary?by=nope", 400, "bad_parameter", "by"),
    ("/api/v1/campaigns/nci-2028/summary?by=ldc", 409, "not_published", None),
    ("/api/v1/campaigns/nope/summary", 404, "not_found", None),
    ("/api/v1/campaigns/nci-2028/results.csv", 409, "not_published", None),
    ("/api/v1/campaigns/nope/results.csv", 404, "not_found", None),
    ("/api/v1/campaigns/nci-2028/results.xlsx", 409, "not_published", None),
    ("/api/v1/campaigns/nope/results.xlsx", 404, "not_found", None),
    ("/api/v1/campaigns/nci-2028/audit", 409, "not_published", None),
    ("/api/v1/campaigns/nope/audit", 404, "not_found", None),
    ("/api/v1/jobs/0123456789abcdef0123456789abcdef", 404, "not_found", None),
]


@test
def every_endpoint_answers_with_its_documented_shape():
    for path in SAMPLES:
        r = get(path)
        eq(r.status, 200, f"GET {path} ({r.body[:200]!r})")
        check_documented("GET", path, r)


@test
def errors_are_documented_json_with_code_and_field():
    for path, status, code, field in ERROR_SAMPLES:
        r = get(path)
        try:
            is_error(r, status, code, field)
            check_documented("GET", path, r)
        except Fail as e:
            raise Fail(f"GET {path}: {e}")
        eq(r.header("Cache-Control"), "no-store", f"{path}: errors are not cached")
        check(r.header("ETag") is None, f"{path}: an error carries an ETag")


@test
def documented_keys_of_docs_api_md():
    """The keys shown in docs/api.md, endpoint by endpoint."""
    f = cached(API + "/frameworks")["frameworks"][0]
    eq(set(f), {"id", "title", "version", "hash", "questions", "groups", "indicators",
                "versions"}, "framework")
    t = framework()
    check({"id", "title", "version", "scale", "precision", "ranking", "missing", "levels",
           "max", "children"} <= set(t), f"tree keys {sorted(t)}")
    u = units()[0]
    eq(set(u), {"id", "m49", "name", "names", "groups", "fictional"}, "unit")
    g = cached(API + "/groups")["groups"][0]
    eq(set(g), {"id", "name", "kind", "members"}, "group")
    c = cached(API + "/campaigns")["campaigns"][0]
    eq(set(c), {"id", "framework", "framework_version", "title", "year", "status", "units",
                "published_at"}, "campaign")
    r = results()
    eq(set(r), {"campaign", "node", "n", "total", "stats", "results"}, "results")
    eq(set(r["node"]), {"id", "name", "max", "parent"}, "results.node")
    eq(set(r["stats"]), {"count", "mean", "median", "min", "max"}, "stats")
    eq(set(r["results"][0]), {"unit", "name", "value", "points", "max", "rank", "tied", "level"},
       "result row")
    p = profile("XAA")
    eq(set(p), {"campaign", "unit", "level", "n", "comparators", "nodes", "gaps"}, "unit results")
    eq(set(p["nodes"][0]), {"id", "parent", "depth", "kind", "label", "type", "max", "value",
                            "points", "rank", "tied", "ranked", "evidence", "answer", "means"},
       "profile node")
    eq(set(p["gaps"][0]), {"node", "missing", "points", "max", "region_full", "region_peers",
                           "all_full", "all_peers"}, "gap")
    s = cached(f"{API}/campaigns/{CAMP}/summary?by=itu_region")
    eq(set(s), {"campaign", "by", "groups"}, "summary")
    check({"node", "count", "mean", "median", "min", "max"} <= set(s["groups"][0]["nodes"][0]),
          "summary node")
    h = cached(f"{API}/units/XAA/history?framework={FW}")
    eq(set(h), {"unit", "framework", "history"}, "history")
    eq(set(h["history"][0]), {"campaign", "year", "title", "points", "rank", "n", "level",
                              "pillars"}, "history entry")


# ---------------------------------------------------------------- meta


def version_key(v):
    """Versions in their natural order (digit runs as numbers), as the store
    orders them to find the latest."""
    return [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in re.findall(r"\d+|\D+", v)]


@test
def frameworks_counts_match_the_tree():
    """Every bundled framework id is listed once, as its latest (highest)
    version, with every version of the id, and the counts of its own tree."""
    bundled = {}
    for name in sorted(os.listdir(os.path.join(harness.ROOT, "frameworks"))):
        if name.endswith(".yaml"):
            with open(os.path.join(harness.ROOT, "frameworks", name)) as f:
                text = f.read()
            fid = re.search(r"^id: *([a-z0-9._-]+)", text, re.M).group(1)
            ver = re.search(r'^version: *"?([^"\n]*)"?', text, re.M)
            bundled.setdefault(fid, []).append(ver.group(1) if ver else "")
    fws = cached(API + "/frameworks")["frameworks"]
    eq(sorted(f["id"] for f in fws), sorted(bundled), "frameworks")
    for f in fws:
        want = sorted(bundled[f["id"]], key=version_key, reverse=True)
        eq((f["version"], f["versions"]), (want[0], want), f"{f['id']} versions")
        check(re.fullmatch(r"[0-9a-f]{64}", f["hash"]), f"hash {f['hash']}")
        t = cached(f"{API}/frameworks/{f['id']}")
        kinds = {"question": 0, "group": 0, "indicator": 0}
        stack = list(t["children"])
        while stack:
            n = stack.pop()
            stack += n.get("children", [])
            kinds["group" if "children" in n else "indicator" if n.get("indicator")
                  else "question"] += 1
        eq((f["questions"], f["groups"] - 1, f["indicators"]),
           (kinds["question"], kinds["group"], kinds["indicator"]), f"{f['id']} counts")
        eq((t["id"], t["title"], t["version"]), (f["id"], f["title"], f["version"]),
           f"{f['id']} tree vs list")
    # The index: its 2027 edition is the latest; the 2026 one stays reachable.
    f = next(f for f in fws if f["id"] == FW)
    eq((f["version"], f["versions"], f["questions"], f["groups"]), ("2027", ["2027", "2026"], 82, 30),
       "the national commitment framework (latest)")
    old = cached(f"{API}/frameworks/{FW}?version=2026")
    eq(old["version"], "2026", "?version=2026")
    eq(sum(1 for n, _, _ in fw_nodes() if "children" not in n), 76, "2026 questions")
    r = get(f"{API}/frameworks/{FW}?version=1999")
    is_error(r, 404, "not_found", "version")


@test
def framework_texts_in_the_readers_language():
    """?lang= picks a translation; without it Accept-Language does (the
    response then says Vary: Accept-Language, and the response cache keeps
    each language apart); the file's own texts when English is preferred or
    nothing matches; untranslated counts what the translation lacks."""
    fid = "national-maturity"
    path = f"{API}/frameworks/{fid}"
    fr = get_json(path + "?lang=fr")
    own = get_json(path + "?lang=de")   # no German: the file's own texts
    eq((fr["lang"], own["lang"], own["untranslated"]), ("fr", None, 0), "?lang=")
    check(isinstance(fr["untranslated"], int) and fr["untranslated"] >= 0, "untranslated")
    check(fr["title"] != own["title"], f"the French title {fr['title']!r} is the English one")
    for i, (accept, want) in enumerate([("fr-FR,fr;q=0.9,en;q=0.8", "fr"), ("en-GB, fr;q=0.5", None),
                                         ("de, fr;q=0.3", "fr"), ("de", None), ("fr-ca", "fr"),
                                         ("fr-FR,fr;q=0.9", "fr")]):
        r = get(path, headers={"Accept-Language": accept})
        eq(r.status, 200, accept)
        j = r.json()
        eq(j["lang"], want, f"Accept-Language {accept}")
        eq(j["title"], fr["title"] if want else own["title"], f"title for {accept}")
        check("Accept-Language" in (r.header("Vary") or ""), f"Vary for {accept}: {r.header('Vary')}")
        # the same URL with and without the header: never the other's cached body
        eq(get_json(path)["lang"], None, f"no header after {accept}")
    r = get(path + "?lang=pt", headers={"Accept-Language": "fr"})
    eq(r.json()["lang"], None, "?lang= wins over Accept-Language")
    r = get(path + "?lang=zh", headers={"Accept-Language": "fr"})
    eq(r.json()["lang"], "zh", "?lang=zh over Accept-Language: fr")
    check("Accept-Language" not in (r.header("Vary") or ""), "?lang= does not vary")
    is_error(get(path + "?lang=FR"), 400, "bad_parameter", "lang")


@test
def targets_named_in_the_readers_language():
    """A unit's targets (format 1.1) name the target and each element in the
    reader's language, as the framework's translations give them."""
    path = f"{API}/campaigns/national-maturity-2026/results/XAA/targets"
    own = get_json(path)["targets"][0]
    eq(own["name"], "Established in every aspect", "the file's own name")
    for lang in ("fr", "ar", "zh"):
        r = get(path, headers={"Accept-Language": lang})
        eq(r.status, 200, f"targets in {lang}")
        t = r.json()["targets"][0]
        check(t["name"] != own["name"], f"the target's name in {lang}: {t['name']!r}")
        eq([n["node"] for n in t["nodes"]], [n["node"] for n in own["nodes"]], f"same elements in {lang}")
        check(any(a["label"] != b["label"] for a, b in zip(t["nodes"], own["nodes"])),
              f"the elements' labels in {lang}")
        check("Accept-Language" in (r.header("Vary") or ""), "varies by language")
    is_error(get(path + "?lang=FR"), 400, "bad_parameter", "lang")


@test
def bundled_lists_and_matrices_in_the_readers_language():
    """The bundled translations reach the API: a matrix (matrices/, its
    translations block), the risk taxonomies, partnership themes, FIRST
    services and plan templates (data/i18n/LANG.yaml) come in the asked
    language, ids unchanged, English when the language is not there."""
    langs = sorted(f[:-5] for f in os.listdir(os.path.join(harness.ROOT, "data/i18n"))
                   if f.endswith(".yaml"))
    check(langs, "data/i18n has no language")
    for path, items in ((f"{API}/taxonomies", lambda j: j["sectors"]),
                        (f"{API}/partnerships/themes", lambda j: j["themes"]),
                        (f"{API}/csirt-services", lambda j: j["areas"]),
                        (f"{API}/plan-templates", lambda j: j["templates"]),
                        (f"{API}/matrices/plain-5x5", lambda j: j["levels"])):
        own = get_json(path)
        eq(own["lang"], None, f"{path} without a language")
        for lang in langs:
            if lang not in own["languages"]:
                continue
            r = get(path, headers={"Accept-Language": f"{lang};q=0.9, en;q=0.1"})
            j = r.json()
            eq(j["lang"], lang, f"{path} in {lang}")
            check("Accept-Language" in (r.header("Vary") or ""), f"{path} Vary")
            a, b = items(own), items(j)
            eq([x["id"] for x in a], [x["id"] for x in b], f"{path} {lang}: same ids, same order")
            name = "title" if "title" in a[0] and "name" not in a[0] else "name"
            changed = sum(1 for x, y in zip(a, b) if x[name] != y[name])
            check(changed >= len(a) // 2, f"{path} {lang}: only {changed} of {len(a)} names translated")
            eq(get_json(path + "?lang=" + lang)["lang"], lang, f"{path}?lang={lang}")
        eq(get_json(path + "?lang=de")["lang"], None, f"{path}?lang=de")
        is_error(get(path + "?lang=Fr"), 400, "bad_parameter", "lang")


@test
def framework_tree_is_consistent():
    t = framework()
    eq(t["max"], t["scale"], "root max = scale")
    eq(t["ranking"], "dense", "ranking")
    mins = [lv["min"] for lv in t["levels"]]
    eq(mins, sorted(mins, reverse=True), "levels best first")
    ids = [n["id"] for n, _, _ in fw_nodes()]
    eq(len(ids), len(set(ids)), "node ids unique")
    for n, parent, depth in fw_nodes():
        if "children" in n:
            check(n.get("aggregate") in ("mean", "geometric", "harmonic", "min", "max", "stage"),
                  f"{n['id']} aggregate {n.get('aggregate')}")
            check(n["children"], f"{n['id']} has no children")
            near(sum(c["max"] for c in n["children"]), n["max"], 1e-6,
                 f"{n['id']}: children's max add up to the group's")
            if n["aggregate"] == "stage":
                check(all("stage" in c for c in n["children"]), f"{n['id']}: stage children")
        else:
            check("question" in n or n.get("indicator"), f"leaf {n['id']}")
        if "question" in n:
            check(n["type"] in ("yes_no", "choice", "multi", "number", "text"), n["id"])
            check(n["evidence"] in ("required", "optional", "none"), n["id"])
            if n["type"] in ("choice", "multi"):
                check(n.get("options"), f"{n['id']}: {n['type']} without options")
                for o in n["options"]:
                    check(0 <= o["value"] <= 1, f"{n['id']}: option value {o}")
            if n["type"] == "number":
                check("thresholds" in n or "goalposts" in n, n["id"])
        if "when" in n:
            check(n.get("na") in ("zero", "exclude"), f"{n['id']}: when without na")
            check(n["when"]["q"] in ids, f"{n['id']}: when.q {n['when']['q']}")


@test
def units_list_and_fictional_units():
    d = cached(API + "/units")
    eq(d["total"], len(d["units"]), "total without paging")
    eq(d["total"], 235, "40 fictional + 195 countries")
    fict = [u for u in d["units"] if u["fictional"]]
    eq(len(fict), 40, "fictional units")
    codes = sorted(u["id"] for u in fict)
    eq(codes[0], "XAA", "first fictional")
    eq(codes[-1], "XBN", "last fictional")
    for u in fict:
        eq(u["m49"], "", f"{u['id']} m49")
        eq(set(u["names"]), {"en"}, f"{u['id']} names")
    for u in d["units"]:
        if not u["fictional"]:
            check(re.fullmatch(r"\d{3}", u["m49"]), f"{u['id']} m49 {u['m49']!r}")
            eq(set(u["names"]), {"en", "fr", "es", "ru", "zh", "ar"}, f"{u['id']} names")
        eq(u["name"], u["names"]["en"], f"{u['id']} name")
        check(re.fullmatch(r"[A-Z]{3}", u["id"]), u["id"])
    eq(len({u["id"] for u in d["units"]}), d["total"], "unique ids")
    afg = unit_by_id()["AFG"]
    eq(afg["m49"], "004", "AFG m49")
    check("ldc" in afg["groups"] and "lldc" in afg["groups"], f"AFG groups {afg['groups']}")


@test
def units_group_filter_and_paging():
    all_units = units()
    for gid in ["ldc", "itu:africa", "m49:oceania", "sids"]:
        d = get_json(f"{API}/units?group={q(gid)}")
        want = [u["id"] for u in all_units if gid in u["groups"]]
        eq([u["id"] for u in d["units"]], want, f"group {gid}")
        eq(d["total"], len(want), f"group {gid} total")
    d = get_json(f"{API}/units?limit=10&offset=5")
    eq(d["total"], len(all_units), "total with paging")
    eq([u["id"] for u in d["units"]], [u["id"] for u in all_units[5:15]], "page 5..15")
    d = get_json(f"{API}/units?offset=1000")
    eq((d["total"], d["units"]), (len(all_units), []), "offset past the end")
    d = get_json(f"{API}/units?limit=0")
    eq(d["units"], [], "limit=0")
    d = get_json(f"{API}/units?group=ldc&limit=3&offset=2")
    want = [u["id"] for u in all_units if "ldc" in u["groups"]]
    eq([u["id"] for u in d["units"]], want[2:5], "group and paging")
    eq(d["total"], len(want), "group total with paging")


@test
def groups_members_match_units():
    gs = cached(API + "/groups")["groups"]
    kinds = {g["kind"] for g in gs}
    eq(kinds, {"itu_region", "m49_region", "un"}, "kinds")
    eq(sorted(g["id"] for g in gs if g["kind"] == "un"), ["ldc", "lldc", "sids"], "un groups")
    for g in gs:
        n = sum(1 for u in units() if g["id"] in u["groups"])
        eq(g["members"], n, f"{g['id']} members vs /units")
    for u in units():
        itu = [x for x in u["groups"] if x.startswith("itu:")]
        m49 = [x for x in u["groups"] if x.startswith("m49:")]
        eq(len(m49), 1, f"{u['id']} is in one M49 region")
        # every fictional unit has an ITU region; a country that is not an
        # ITU member (Palau) has none
        check(len(itu) == 1 or (len(itu) == 0 and not u["fictional"]),
              f"{u['id']} ITU regions {itu}")


@test
def campaigns_list_and_one():
    every = cached(API + "/campaigns")["campaigns"]
    ids = {f["id"] for f in cached(API + "/frameworks")["frameworks"]}
    for c in every:
        check(c["framework"] in ids, f"{c['id']}: framework {c['framework']} is listed")
    cs = [c for c in every if c["framework"] == FW]
    eq([c["id"] for c in cs], PUBLISHED + [OPEN], "campaigns")
    eq([c["status"] for c in cs], ["published", "published", "published", "open"], "statuses")
    eq([c["year"] for c in cs], [2025, 2026, 2027, 2028], "years")
    eq([c["framework_version"] for c in cs], ["2026", "2026", "2027", "2027"],
       "the index's editions: nci-2027 and nci-2028 on its 2027 edition")
    for c in cs:
        eq(c["framework"], FW, "framework")
        eq(c["units"], 40, f"{c['id']} units")
        eq(get_json(f"{API}/campaigns/{c['id']}"), c, f"campaigns/{c['id']} vs the list")
        if c["status"] == "published":
            check(c["published_at"], f"{c['id']} published_at")
        else:
            eq(c["published_at"], None, f"{c['id']} published_at")


# ---------------------------------------------------------------- results


def level_for(points):
    best = None
    for lv in framework()["levels"]:
        if points >= lv["min"] - 1e-9 and (best is None or lv["min"] > best["min"]):
            best = lv
    return best["id"] if best else None


def check_ranking(rows, label):
    """Sorted by rank; dense ranks agree with points; tied flags."""
    ranked = [r for r in rows if r["rank"] is not None]
    excl = [r for r in rows if r["rank"] is None]
    eq(rows, ranked + excl, f"{label}: excluded rows come last")
    for r in excl:
        eq((r["value"], r["points"]), (None, None), f"{label}: excluded row {r['unit']}")
    for a, b in zip(ranked, ranked[1:]):
        check(a["rank"] <= b["rank"], f"{label}: not sorted by rank at {a['unit']}/{b['unit']}")
        check(a["points"] >= b["points"],
              f"{label}: {b['unit']} has more points ({b['points']}) but ranks below "
              f"{a['unit']} ({a['points']})")
        if a["rank"] == b["rank"]:
            eq(a["points"], b["points"], f"{label}: tied ranks with different points")
        else:
            check(a["points"] > b["points"], f"{label}: equal points, different ranks "
                  f"({a['unit']} {a['rank']}, {b['unit']} {b['rank']})")
    counts = {}
    for r in ranked:
        counts[r["rank"]] = counts.get(r["rank"], 0) + 1
    for r in rows:
        eq(r["tied"], r["rank"] is not None and counts[r["rank"]] > 1,
           f"{label}: {r['unit']} tied")
        if r["value"] is not None:
            near(r["value"] * r["max"], r["points"], rounding(), f"{label}: {r['unit']} points")
            check(-1e-12 <= r["value"] <= 1 + 1e-12, f"{label}: value {r['value']}")
    return ranked


def check_stats(stats, rows, label):
    pts = [r["points"] for r in rows if r["points"] is not None]
    eq(stats["count"], len(pts), f"{label}: stats.count")
    if not pts:
        return
    tol = rounding() * 2
    near(stats["mean"], statistics.fmean(pts), tol, f"{label}: mean")
    near(stats["median"], statistics.median(pts), tol, f"{label}: median")
    near(stats["min"], min(pts), 1e-9, f"{label}: min")
    near(stats["max"], max(pts), 1e-9, f"{label}: max")


@test
def results_root_ranking_and_stats():
    for camp in PUBLISHED:
        d = results(camp)
        label = f"{camp} root"
        t = framework()
        eq(d["campaign"], get_json(f"{API}/campaigns/{camp}"), f"{label} campaign")
        eq(d["node"], {"id": FW, "name": t["title"], "max": t["max"], "parent": None},
           f"{label} node")
        rows = d["results"]
        eq(d["total"], len(rows), f"{label} total")
        eq(d["total"], 40, f"{label} total")
        ranked = check_ranking(rows, label)
        eq(d["n"], len(ranked), f"{label} n")
        check_stats(d["stats"], rows, label)
        # dense ranking: 1, 2, 3, ... with no holes
        eq(sorted({r["rank"] for r in ranked}), list(range(1, len({r["rank"] for r in ranked}) + 1)),
           f"{label}: dense ranks")
        eq({r["unit"] for r in rows}, {u["id"] for u in units() if u["fictional"]},
           f"{label}: the 40 fictional units")
        for r in rows:
            eq(r["max"], t["max"], "row max")
            eq(r["name"], unit_by_id()[r["unit"]]["name"], f"{r['unit']} name")
            eq(r["level"], level_for(r["points"]), f"{label}: {r['unit']} level at {r['points']}")


@test
def results_of_other_nodes():
    t = framework()
    nodes = {n["id"]: (n, parent) for n, parent, _ in fw_nodes()}
    for c in t["children"]:
        d = results(CAMP, c["id"])
        eq(d["node"], {"id": c["id"], "name": c["name"], "max": c["max"], "parent": FW},
           f"node {c['id']}")
        check_ranking(d["results"], c["id"])
        check_stats(d["stats"], d["results"], c["id"])
        for r in d["results"]:
            eq(r["level"], None, f"{c['id']}: level off the root")
    eq(results(CAMP, "legal")["node"]["max"], 20, "legal max")
    # a question deep in the tree
    leaf = next(n for n, _, depth in fw_nodes() if "question" in n and n["type"] != "text")
    d = results(CAMP, leaf["id"])
    eq(d["node"]["parent"], nodes[leaf["id"]][1], "question's parent")
    eq(d["node"]["name"], leaf["question"], "a question's name is its text")
    check_ranking(d["results"], leaf["id"])
    check_stats(d["stats"], d["results"], leaf["id"])


@test
def results_group_filter_keeps_global_ranks():
    full = {r["unit"]: r for r in results()["results"]}
    for gid in ["ldc", "sids", "itu:africa", "m49:asia"]:
        d = get_json(f"{API}/campaigns/{CAMP}/results?group={q(gid)}")
        members = {u["id"] for u in units() if gid in u["groups"]}
        got = [r["unit"] for r in d["results"]]
        eq(set(got), members & set(full), f"group {gid}: units listed")
        for u in got:
            check(gid in unit_by_id()[u]["groups"], f"{u} is not in {gid}")
            eq(d["results"][got.index(u)], full[u], f"group {gid}: {u}'s row as in the full list")
        eq(d["total"], len(got), f"{gid} total")
        check_ranking(d["results"], f"group {gid}")
        check_stats(d["stats"], d["results"], f"group {gid}")
    check(any(r["unit"] for r in get_json(f"{API}/campaigns/{CAMP}/results?group=ldc")["results"]),
          "some fictional units are LDCs")


@test
def results_paging_is_consistent():
    full = results()
    rows = full["results"]
    pages = []
    for off in range(0, 45, 7):
        d = get_json(f"{API}/campaigns/{CAMP}/results?limit=7&offset={off}")
        eq(d["total"], full["total"], "total while paging")
        eq(d["n"], full["n"], "n while paging")
        eq(d["stats"], full["stats"], "stats are over the whole list, not the page")
        eq(d["results"], rows[off:off + 7], f"page at {off}")
        pages += d["results"]
    eq(pages, rows, "pages put together")
    d = get_json(f"{API}/campaigns/{CAMP}/results?offset=40")
    eq(d["results"], [], "offset = total")
    d = get_json(f"{API}/campaigns/{CAMP}/results?node=legal&group=ldc&limit=2&offset=1")
    g = get_json(f"{API}/campaigns/{CAMP}/results?node=legal&group=ldc")
    eq(d["results"], g["results"][1:3], "node, group and paging")


# ---------------------------------------------------------------- one unit


@test
def unit_results_agree_with_the_ranking():
    for camp in PUBLISHED:
        p = profile("XAA", camp)
        row = next(r for r in results(camp)["results"] if r["unit"] == "XAA")
        root = p["nodes"][0]
        eq((root["id"], root["parent"], root["depth"], root["kind"]), (FW, None, 0, "group"), "root")
        eq((root["points"], root["rank"], root["tied"], root["value"]),
           (row["points"], row["rank"], row["tied"], row["value"]), f"{camp}: root vs /results row")
        eq(p["level"]["id"] if p["level"] else None, row["level"], f"{camp}: level")
        lv = {x["id"]: x["name"] for x in framework()["levels"]}
        eq(p["level"]["name"], lv[row["level"]], "level name")
        eq(p["n"], len(results(camp)["results"]), "n")
        eq(root["ranked"], results(camp)["n"], "ranked")
        pts = [r["points"] for r in results(camp)["results"] if r["points"] is not None]
        near(root["means"]["world"], statistics.fmean(pts), rounding() * 2,
             f"{camp}: means.world of the root vs the rows' mean")
        eq(p["unit"]["id"], "XAA", "unit id")
        eq(p["unit"]["name"], unit_by_id()["XAA"]["name"], "unit name")
        eq(p["unit"]["groups"], unit_by_id()["XAA"]["groups"], "unit groups vs /units")
        eq([c["id"] for c in p["comparators"]], ["world"] + unit_by_id()["XAA"]["groups"],
           "comparators: world then the unit's groups")
        names = {g["id"]: g["name"] for g in cached(API + "/groups")["groups"]}
        for c in p["comparators"][1:]:
            eq(c["name"], names[c["id"]], f"comparator {c['id']} name")
        for n in p["nodes"]:
            eq(set(n["means"]), {c["id"] for c in p["comparators"]}, f"{n['id']} means")


@test
def unit_results_nodes_follow_the_framework():
    p = profile("XAA")
    fw = fw_nodes()
    eq([n["id"] for n in p["nodes"]], [n["id"] for n, _, _ in fw], "depth-first order")
    for (f, parent, depth), n in zip(fw, p["nodes"]):
        eq((n["parent"], n["depth"]), (parent, depth), f"{n['id']} parent/depth")
        near(n["max"], f["max"], 1e-9, f"{n['id']} max")
        kind = "group" if "children" in f else "indicator" if f.get("indicator") else "question"
        eq(n["kind"], kind, f"{n['id']} kind")
        if kind == "question":
            eq((n["type"], n["evidence"], n["label"]), (f["type"], f["evidence"], f["question"]),
               f"{n['id']} question fields")
            if f["type"] in ("choice",) and n["answer"] is not None:
                check(n["answer"] in [o["id"] for o in f["options"]],
                      f"{n['id']} answer {n['answer']!r}")
            if f["type"] == "yes_no" and n["answer"] is not None:
                check(n["answer"] in ("yes", "no", "partial"), f"{n['id']} answer {n['answer']!r}")
        else:
            eq((n["type"], n["evidence"], n["answer"], n["label"]),
               (None, None, None, f.get("name", framework()["title"])), f"{n['id']} group fields")
        if n["value"] is not None:
            near(n["value"] * n["max"], n["points"], rounding(), f"{n['id']} points")


@test
def unit_results_ranks_and_means_match_other_endpoints():
    p = profile("XAA")
    mism = []
    for by in ["itu_region", "m49_region", "sids", "ldc"]:
        summary = cached(f"{API}/campaigns/{CAMP}/summary?by={by}")
        eq(summary["groups"][0]["id"], "world", "summary's first group")
        stats = {g["id"]: {x["node"]: x for x in g["nodes"]} for g in summary["groups"]}
        for n in p["nodes"]:
            eq(n["ranked"], stats["world"][n["id"]]["count"], f"{n['id']}: ranked vs summary count")
            for cid, mean in n["means"].items():
                if cid in stats and mean != stats[cid][n["id"]]["mean"]:
                    mism.append(f"{n['id']} {cid}: {mean} vs {stats[cid][n['id']]['mean']}")
    for n in p["nodes"][:8]:
        rows = results(CAMP, n["id"])["results"]
        row = next(r for r in rows if r["unit"] == "XAA")
        eq((n["rank"], n["tied"], n["points"]), (row["rank"], row["tied"], row["points"]),
           f"{n['id']}: vs results?node=")
    mism = sorted(set(mism))
    check(not mism, f"results/XAA means differ from summary?by= means for the same node and "
          f"group in {len(mism)} places: {mism[:4]}")


@test
def unit_results_gaps():
    for unit in ["XAA", "XBN", "XAK"]:
        p = profile(unit)
        gaps = p["gaps"]
        nodes = {n["id"]: n for n in p["nodes"]}
        want = {n["id"] for n in p["nodes"]
                if n["depth"] > 0 and n["value"] is not None and n["value"] < 1 - 1e-12}
        eq({g["node"] for g in gaps}, want, f"{unit}: gaps are the nodes below their max")
        eq(len(gaps), len(want), f"{unit}: one gap per node")
        for a, b in zip(gaps, gaps[1:]):
            check(a["missing"] >= b["missing"], f"{unit}: gaps not sorted by missing")
        for g in gaps:
            n = nodes[g["node"]]
            near(g["missing"], g["max"] - g["points"], 2 * rounding(), f"{unit} {g['node']} missing")
            eq(g["points"], n["points"], f"{unit} {g['node']} points")
            near(g["max"], n["max"], 1e-9, f"{unit} {g['node']} max")
            eq(g["all_peers"], n["ranked"] - 1, f"{unit} {g['node']} all_peers")
            check(0 <= g["region_full"] <= g["region_peers"] <= g["all_peers"], f"{unit} {g}")
            check(0 <= g["all_full"] <= g["all_peers"], f"{unit} {g}")
        region = next(x for x in unit_by_id()[unit]["groups"] if x.startswith("itu:"))
        for g in gaps[:3]:
            rows = [r for r in results(CAMP, g["node"])["results"]
                    if r["unit"] != unit and r["value"] is not None]
            inreg = [r for r in rows if region in unit_by_id()[r["unit"]]["groups"]]
            eq(g["all_peers"], len(rows), f"{unit} {g['node']} all_peers")
            eq(g["all_full"], sum(1 for r in rows if r["value"] >= 1 - 1e-12),
               f"{unit} {g['node']} all_full")
            eq(g["region_peers"], len(inreg), f"{unit} {g['node']} region_peers")
            eq(g["region_full"], sum(1 for r in inreg if r["value"] >= 1 - 1e-12),
               f"{unit} {g['node']} region_full")


# ---------------------------------------------------------------- summary


@test
def summary_groups_add_up():
    fw_ids = [n["id"] for n, _, _ in fw_nodes()]
    depth = {n["id"]: d for n, _, d in fw_nodes()}
    all_groups = cached(API + "/groups")["groups"]
    fict = [u for u in units() if u["fictional"]]
    for by in ["itu_region", "m49_region", "ldc", "lldc", "sids"]:
        s = get_json(f"{API}/campaigns/{CAMP}/summary?by={by}")
        eq(s["by"], by, "by")
        eq(s["campaign"]["id"], CAMP, "campaign")
        ids = [g["id"] for g in s["groups"]]
        if by in ("ldc", "lldc", "sids"):
            eq(ids, ["world", by, "not:" + by], f"by={by} groups")
        else:
            eq(ids, ["world"] + [g["id"] for g in all_groups if g["kind"] == by], f"by={by} groups")
        for g in s["groups"]:
            eq([x["node"] for x in g["nodes"]], fw_ids, f"{by} {g['id']}: nodes in order")
            for x in g["nodes"]:
                eq(x["depth"], depth[x["node"]], "depth")
        world = s["groups"][0]
        for i, node in enumerate(fw_ids):
            others = sum(g["nodes"][i]["count"] for g in s["groups"][1:])
            eq(others, world["nodes"][i]["count"], f"by={by} {node}: group counts add up to world")
        eq(world["nodes"][0]["count"], 40, "world count")
        # the group's root figures from its units' rows
        for g in s["groups"][1:]:
            gid = g["id"]
            if gid.startswith("not:"):
                members = {u["id"] for u in fict if gid[4:] not in u["groups"]}
            else:
                members = {u["id"] for u in fict if gid in u["groups"]}
            rows = [r for r in results()["results"] if r["unit"] in members]
            check_stats(g["nodes"][0], rows, f"by={by} {gid} root")
    # world figures equal the ranking's stats for every pillar
    s = get_json(f"{API}/campaigns/{CAMP}/summary?by=ldc")
    world = {x["node"]: x for x in s["groups"][0]["nodes"]}
    for node in [FW] + [c["id"] for c in framework()["children"]]:
        st = results(CAMP, None if node == FW else node)["stats"]
        w = world[node]
        eq({k: w[k] for k in st}, st, f"{node}: summary world vs results stats")
    eq(get_json(f"{API}/campaigns/{CAMP}/summary")["by"], "itu_region", "default by")


# ---------------------------------------------------------------- history


@test
def history_matches_each_campaign():
    h = cached(f"{API}/units/XAA/history?framework={FW}")
    eq(h["unit"], {"id": "XAA", "name": unit_by_id()["XAA"]["name"]}, "unit")
    eq(h["framework"], FW, "framework")
    eq([e["campaign"] for e in h["history"]], PUBLISHED, "published campaigns, oldest first")
    camps = {c["id"]: c for c in cached(API + "/campaigns")["campaigns"]}
    for e in h["history"]:
        p = profile("XAA", e["campaign"])
        root = p["nodes"][0]
        eq((e["points"], e["rank"], e["level"]),
           (root["points"], root["rank"], p["level"]["id"]), f"{e['campaign']} vs results/XAA")
        eq((e["year"], e["title"]), (camps[e["campaign"]]["year"], camps[e["campaign"]]["title"]),
           "year/title")
        eq(e["n"], root["ranked"], "n")
        pillars = {n["id"]: n["points"] for n in p["nodes"] if n["depth"] == 1}
        eq(e["pillars"], pillars, f"{e['campaign']} pillars")
    eq(get_json(f"{API}/units/AFG/history?framework={FW}")["history"], [],
       "a unit in no campaign")
    for u in ["XBN", "XAK"]:
        hh = get_json(f"{API}/units/{u}/history?framework={FW}")
        eq([e["points"] for e in hh["history"]],
           [profile(u, c)["nodes"][0]["points"] for c in PUBLISHED], f"{u} history points")


# ---------------------------------------------------------------- trends


def csv_points(camp, node=FW):
    """{unit: (points, level)} of a node from results.csv (the `cybercap score` CSV)."""
    import csv as _csv
    import io
    r = request("GET", f"{API}/campaigns/{camp}/results.csv")
    eq(r.status, 200, f"{camp} results.csv")
    out = {}
    for row in _csv.DictReader(io.StringIO(r.body.decode())):
        if row["node"] == node and row["points"] != "":
            out[row["unit"].lstrip("'")] = (float(row["points"]), row["level"])
    return out


def close_to(a, b, what):
    """results.csv carries 10 significant digits: agree to 1e-8."""
    check(abs(a - b) <= 1e-8 * max(1, abs(b)), f"{what}: {a} != {b}")


@test
def trends_equal_the_means_of_each_edition():
    """GET /trends: per published edition, N, mean and median of the root's
    unrounded points, its level counts and each group's mean (with the
    rest) equal what a reader computes from the edition's results.csv."""
    import statistics
    t = cached(f"{API}/trends?framework={FW}")
    eq([e["campaign"] for e in t["editions"]], PUBLISHED, "editions oldest first")
    members = {g["id"]: set() for g in cached(API + "/groups")["groups"]}
    for u in units():
        for g in u["groups"]:
            members.setdefault(g, set()).add(u["id"])
    for e in t["editions"]:
        pts = csv_points(e["campaign"])
        vals = [p for p, _ in pts.values()]
        eq(e["n"], len(vals), f"{e['campaign']} n")
        close_to(e["mean"], statistics.fmean(vals), f"{e['campaign']} mean")
        close_to(e["median"], statistics.median(vals), f"{e['campaign']} median")
        levels = {}
        for _, lv in pts.values():
            levels[lv] = levels.get(lv, 0) + 1
        eq(e["levels"], levels, f"{e['campaign']} levels")
        for gid in ("ldc", "sids", "itu:africa"):
            inside = [p for u, (p, _) in pts.items() if u in members.get(gid, ())]
            rest = [p for u, (p, _) in pts.items() if u not in members.get(gid, ())]
            g = e["groups"][gid]
            eq((g["n"], g["rest"]["n"]), (len(inside), len(rest)), f"{gid} n")
            if inside:
                close_to(g["mean"], statistics.fmean(inside), f"{e['campaign']} {gid} mean")
            close_to(g["rest"]["mean"], statistics.fmean(rest), f"{e['campaign']} rest of {gid}")
    one = cached(f"{API}/trends?framework={FW}&group=ldc")
    eq([list(e["groups"]) for e in one["editions"]], [["ldc"]] * len(PUBLISHED), "group=ldc only")
    pillar = framework()["children"][0]["id"]
    tp = cached(f"{API}/trends?framework={FW}&node={pillar}&balanced=true")
    eq((tp["node"], tp["balanced"]), (pillar, True), "node and balanced")
    for e in tp["editions"]:
        vals = [p for p, _ in csv_points(e["campaign"], pillar).values()]
        close_to(e["mean"], statistics.fmean(vals), f"{e['campaign']} {pillar} mean")
    for bad, status in ((f"{API}/trends", 400), (f"{API}/trends?framework=nope", 404),
                        (f"{API}/trends?framework={FW}&node=nope", 404),
                        (f"{API}/trends?framework={FW}&group=nope", 404),
                        (f"{API}/trends?framework={FW}&balanced=maybe", 400)):
        eq(request("GET", bad).status, status, bad)


@test
def trends_exports_hold_the_same_figures():
    """trends.csv rows and the trends.xlsx sheets say what GET /trends says."""
    import csv as _csv
    import zipfile
    t = cached(f"{API}/trends?framework={FW}&group=ldc")
    r = request("GET", f"{API}/trends.csv?framework={FW}&group=ldc")
    eq(r.status, 200, "trends.csv")
    check("attachment" in (r.header("Content-Disposition") or ""), "an attachment")
    rows = list(_csv.DictReader(io.StringIO(r.body.decode())))
    eq(len(rows), 3 * len(t["editions"]), "all, ldc and not:ldc per edition")
    for e in t["editions"]:
        mine = {x["population"]: x for x in rows if x["campaign"] == e["campaign"]}
        eq(set(mine), {"all", "ldc", "not:ldc"}, f"{e['campaign']} populations")
        close_to(float(mine["all"]["mean"]), e["mean"], f"{e['campaign']} mean")
        close_to(float(mine["all"]["median"]), e["median"], f"{e['campaign']} median")
        eq(int(mine["ldc"]["n"]), e["groups"]["ldc"]["n"], f"{e['campaign']} ldc n")
        close_to(float(mine["not:ldc"]["mean"]), e["groups"]["ldc"]["rest"]["mean"],
                 f"{e['campaign']} rest of ldc")
    x = request("GET", f"{API}/trends.xlsx?framework={FW}")
    eq(x.status, 200, "trends.xlsx")
    z = zipfile.ZipFile(io.BytesIO(x.body))
    names = z.namelist()
    check("xl/worksheets/sheet1.xml" in names and "xl/worksheets/sheet2.xml" in names,
          f"two sheets: {names}")
    wb = z.read("xl/workbook.xml").decode()
    check('name="Editions"' in wb and 'name="Groups"' in wb, "sheet names")
    eq(request("GET", f"{API}/trends.csv").status, 400, "trends.csv needs a framework")


@test
def movers_are_the_changes_between_two_editions():
    a, b = PUBLISHED[0], PUBLISHED[-1]
    m = cached(f"{API}/trends/movers?framework={FW}&from={a}&to={b}")
    pa, pb = csv_points(a), csv_points(b)
    both = sorted(set(pa) & set(pb))
    eq(m["n"], len(both), "units in both")
    changes = {u: pb[u][0] - pa[u][0] for u in both}
    eq([r["unit"] for r in m["risers"]],
       sorted([u for u in both if changes[u] > 0], key=lambda u: (-changes[u], u)), "risers")
    eq([r["unit"] for r in m["fallers"]],
       sorted([u for u in both if changes[u] < 0], key=lambda u: (changes[u], u)), "fallers")
    for r in m["risers"] + m["fallers"]:
        close_to(r["change"], changes[r["unit"]], f"{r['unit']} change")
        eq((r.get("level_from"), r.get("level_to")), (pa[r["unit"]][1], pb[r["unit"]][1]),
           f"{r['unit']} levels")
    eq(request("GET", f"{API}/trends/movers?framework={FW}&from={a}").status, 400, "no to")
    eq(request("GET", f"{API}/trends/movers?framework={FW}&from={a}&to=nope").status, 404, "unknown to")


@test
def trends_read_older_editions_through_the_edition_mapping():
    """An edition on an older version of the framework than the latest is
    read through the mapping between the two versions: a renamed question
    through its old id (equal), the root as it was (subset: the newer
    edition asks more), a question new in the latest edition not at all;
    each edition says which node, mapping and relation it used, and its
    figures are those of that node in its own results.csv."""
    latest = cached(f"{API}/frameworks/{FW}")["version"]
    edition = "national-commitment-2026-2027"
    cases = (("technical.national_cirt.reachability", "technical.national_cirt.contact", "equal"),
             (FW, FW, "subset"), ("legal.cii.supply_chain", None, None))
    for node, old, relation in cases:
        t = cached(f"{API}/trends?framework={FW}&node={q(node)}")
        check(t["editions"], "editions")
        for e in t["editions"]:
            what = f"{node} in {e['campaign']}"
            eq(e["version"], cached(f"{API}/campaigns/{e['campaign']}")["framework_version"], what)
            if e["version"] == latest:
                used, want = node, (node, None, None)
            else:
                used, want = old, (old, edition, relation)
            eq((e["node_used"], e["mapping"], e["relation"]), want, what)
            eq(e["nodes_used"], [used] if used else [], f"{what}: nodes_used")
            eq(e["node_missing"], used is None, f"{what}: node_missing")
            vals = [p for p, _ in csv_points(e["campaign"], used).values()] if used else []
            eq(e["n"], len(vals), f"{what}: n")
            if vals:
                close_to(e["mean"], statistics.fmean(vals), f"{what}: mean")
    a, b = PUBLISHED[0], PUBLISHED[-1]
    m = cached(f"{API}/trends/movers?framework={FW}&from={a}&to={b}&node=technical.national_cirt.reachability")
    for side, camp in (("from_reading", a), ("to_reading", b)):
        r = m[side]
        v = cached(f"{API}/campaigns/{camp}")["framework_version"]
        eq(r["node_used"], "technical.national_cirt.reachability" if v == latest else
           "technical.national_cirt.contact", f"movers {side}")
    pa = csv_points(a, m["from_reading"]["node_used"])
    pb = csv_points(b, m["to_reading"]["node_used"])
    eq(m["n"], len(set(pa) & set(pb)), "movers: units in both")


# ---------------------------------------------------------------- audit


def pearson(x, y):
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else None


def avg_ranks(x):
    order = sorted(range(len(x)), key=lambda i: x[i])
    ranks = [0.0] * len(x)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def node_values(node):
    return {r["unit"]: r["value"] for r in results(CAMP, None if node == FW else node)["results"]}


@test
def audit_agrees_with_the_results():
    a = cached(f"{API}/campaigns/{CAMP}/audit")
    eq(a["campaign"], get_json(f"{API}/campaigns/{CAMP}"), "campaign")
    eq((a["framework"], a["title"], a["units"]), (FW, framework()["title"], 40), "header")
    groups = [n for n, _, _ in fw_nodes() if "children" in n]
    eq([g["id"] for g in a["groups"]], [g["id"] for g in groups], "one entry per group, in order")
    for g, n in zip(a["groups"], groups):
        eq([c["id"] for c in g["children"]], [c["id"] for c in n["children"]], f"{g['id']} children")
        pca = g.get("pca") or {}
        ev = pca.get("eigenvalues") or []
        if pca.get("share") is not None and ev:
            near(pca["share"], ev[0] / sum(ev), 1e-6, f"{g['id']}: PC1 share")
            eq(ev, sorted(ev, reverse=True), f"{g['id']}: eigenvalues largest first")
        corr = g.get("correlations")
        if corr:
            k = len(corr["ids"])
            for i in range(k):
                for j in range(k):
                    a_ij, a_ji = corr["pearson"][i][j], corr["pearson"][j][i]
                    if a_ij is not None:
                        near(a_ij, a_ji, 1e-9, f"{g['id']}: symmetric")
    rule_names = {r["name"] for r in a["rules"]}
    gids = {g["id"] for g in a["groups"]}
    for f in a["flags"]:
        check(f["rule"] in rule_names, f"flag rule {f['rule']} not among the rules")
        check(f["group"] in gids, f"flag group {f['group']}")
    # the root's children: correlations recomputed from /results values
    root = a["groups"][0]
    gv = node_values(FW)
    units_ = sorted(gv)
    for c in root["children"]:
        cv = node_values(c["id"])
        x, y = [cv[u] for u in units_], [gv[u] for u in units_]
        eq(c["n"], len(units_), f"{c['id']} n")
        near(c["pearson"], pearson(x, y), 1e-6, f"{c['id']}: Pearson r with the root")
        near(c["spearman"], pearson(avg_ranks(x), avg_ranks(y)), 1e-6,
             f"{c['id']}: Spearman rho with the root")


# ---------------------------------------------------------------- exports


def parse_csv(text):
    import csv
    return list(csv.reader(io.StringIO(text)))


@test
def results_csv_matches_the_json():
    r = get(f"{API}/campaigns/{CAMP}/results.csv")
    eq(r.status, 200, "status")
    check(r.header("Content-Type").startswith("text/csv"), r.header("Content-Type"))
    cd = r.header("Content-Disposition") or ""
    check(cd.startswith("attachment") and f"{CAMP}-results.csv" in cd, f"Content-Disposition {cd}")
    check(r.header("ETag"), "CSV ETag")
    rows = parse_csv(r.body.decode())
    eq(rows[0], ["unit", "node", "value", "points", "max", "rank", "level"], "header")
    body = rows[1:]
    fw = [n["id"] for n, _, _ in fw_nodes()]
    fict = sorted(u["id"] for u in units() if u["fictional"])
    eq(len(body), len(fict) * len(fw), "one row per unit and node")
    eq(sorted({x[0] for x in body}), fict, "units")
    by_unit = {}
    for x in body:
        by_unit.setdefault(x[0], []).append(x)
    for unit, urows in by_unit.items():
        eq([x[1] for x in urows], fw, f"{unit}: nodes in the framework's order")
        p = profile(unit)
        for x, n in zip(urows, p["nodes"]):
            label = f"{unit} {x[1]}"
            if n["value"] is None:
                eq(x[2:4] + [x[5]], ["", "", ""], f"{label}: excluded")
                continue
            near(float(x[2]), n["value"], 1e-9, f"{label} value")
            near(float(x[3]), float(x[2]) * float(x[4]), 1e-6, f"{label} points = value x max")
            near(float(x[3]), n["points"], rounding(), f"{label} points")
            near(float(x[4]), n["max"], 1e-6, f"{label} max")
            eq(int(x[5]) if x[5] else None, n["rank"], f"{label} rank")
            eq(x[6] or None, (p["level"]["id"] if p["level"] else None) if n["depth"] == 0
               else None, f"{label} level")


@test
def results_csv_equals_cybercap_score():
    """The demo imports `cybercap sample FW --units 40 --seed 2026 --edition K
    --blank-rate 0.02` (K = 0, 1, 2 for nci-2025, nci-2026 on the 2026 file,
    nci-2027 on the 2027 one; see src/service/demo.c): scoring the same file
    with `cybercap score` must give the served CSV."""
    files = {"2026": FW + ".yaml", "2027": FW + "-2027.yaml"}
    for k, camp in enumerate(PUBLISHED):
        fwfile = os.path.join(harness.ROOT, "frameworks",
                              files[cached(f"{API}/campaigns/{camp}")["framework_version"]])
        sample = subprocess.run([CFG.bin, "sample", fwfile, "--units", "40", "--seed", "2026",
                                 "--edition", str(k), "--blank-rate", "0.02"],
                                capture_output=True, check=True)
        with tempfile.NamedTemporaryFile(suffix=".csv") as f:
            f.write(sample.stdout)
            f.flush()
            score = subprocess.run([CFG.bin, "score", fwfile, f.name], capture_output=True,
                                   check=True)
        served = get(f"{API}/campaigns/{camp}/results.csv").body
        if served != score.stdout:
            a, b = served.decode().splitlines(), score.stdout.decode().splitlines()
            diff = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            raise Fail(f"{camp}: served CSV differs from `cybercap score` at line {diff + 1}: "
                       f"{a[diff] if diff < len(a) else 'EOF'!r} vs "
                       f"{b[diff] if diff < len(b) else 'EOF'!r}")


@test
def results_xlsx_is_a_workbook():
    r = get(f"{API}/campaigns/{CAMP}/results.xlsx")
    eq(r.status, 200, "status")
    check(r.body[:2] == b"PK", "starts with PK (a zip)")
    eq(r.header("Content-Type"),
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Type")
    cd = r.header("Content-Disposition") or ""
    check(cd.startswith("attachment") and f"{CAMP}-results.xlsx" in cd, f"Content-Disposition {cd}")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    check(z.testzip() is None, "zip CRCs")
    wb = z.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', wb)
    eq(names, ["Ranking", "All nodes"], "sheets")
    n_nodes = len(fw_nodes())
    dims = {}
    for i in (1, 2):
        xml = z.read(f"xl/worksheets/sheet{i}.xml").decode()
        dims[i] = re.search(r'<dimension ref="([^"]+)"', xml).group(1)
    last_col = chr(ord("A") + 4 + len(framework()["children"]))
    eq(dims[1], f"A1:{last_col}41", "Ranking: header + 40 units, 5 + pillars columns")
    eq(dims[2], f"A1:G{1 + 40 * n_nodes}", "All nodes: the CSV's rows")


# ---------------------------------------------------------------- HTTP behaviour


@test
def methods_other_than_get_give_405_with_allow():
    for path in [API + "/units", f"{API}/campaigns/{CAMP}/results", API + "/openapi.json",
                 f"{API}/campaigns/{CAMP}/results/XAA", "/", "/index.html"]:
        for m in ["POST", "PUT", "DELETE", "PATCH"]:
            r = request(m, path, body=b"{}" if m in ("POST", "PUT", "PATCH") else None)
            is_error(r, 405, "method_not_allowed")
            allow = r.header("Allow") or ""
            eq(sorted(x.strip() for x in allow.split(",")), ["GET", "HEAD"], f"{m} {path} Allow")
            if path.startswith(API):
                check_documented("GET", path, r)
    for m in ["GET", "HEAD", "PUT", "DELETE"]:
        r = request(m, f"{API}/campaigns/{CAMP}/robustness")
        eq(r.status, 405, f"{m} robustness")
        eq(r.header("Allow"), "POST", f"{m} robustness Allow")
    r = request("POST", f"{API}/jobs/abc", body=b"{}")
    eq((r.status, r.header("Allow")), (405, "GET, HEAD"), "POST on a job")


@test
def unknown_api_routes_give_json_404():
    for path in [API + "/nope", "/api", "/api/", "/api/v2/units", API + "/units/", API +
                 "/campaigns/nci-2026/results/XAA/extra", API + "//units", API + "/campaigns//results"]:
        for m in ["GET", "POST"]:
            r = request(m, path, body=b"" if m == "POST" else None)
            try:
                is_error(r, 404, "not_found")
            except Fail as e:
                raise Fail(f"{m} {path}: {e}")


def raw_exchange(data, read_timeout=10):
    """Sends raw bytes, returns (status, headers text, body bytes)."""
    return harness.raw_exchange(CFG.host, CFG.port, data, read_timeout, join=5)


@test
def bodies_over_1_mib_get_413():
    big = b"x" * (2 << 20)
    for m, path in [("POST", f"{API}/campaigns/{CAMP}/robustness"), ("POST", API + "/units"),
                    ("GET", API + "/units"), ("PUT", "/")]:
        status, head, body = raw_exchange(
            f"{m} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            f"Content-Length: {len(big)}\r\n\r\n".encode() + big)
        eq(status, 413, f"{m} {path} with a 2 MiB body (Content-Length)")
        check(json.loads(body)["error"]["code"] == "too_large", f"413 body {body[:200]!r}")
    # one byte over, announced
    status, head, body = raw_exchange(
        f"POST {API}/campaigns/{CAMP}/robustness HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        f"Content-Length: {(1 << 20) + 1}\r\n\r\n".encode() + b"x" * ((1 << 20) + 1))
    eq(status, 413, "1 MiB + 1 byte")
    # exactly 1 MiB is within the limit: the route answers (405: /units takes GET only)
    r = request("POST", API + "/units", body=b" " * (1 << 20))
    is_error(r, 405, "method_not_allowed")
    # chunked, with no Content-Length
    chunks = b"".join(b"%x\r\n" % 65536 + b"y" * 65536 + b"\r\n" for _ in range(32)) + b"0\r\n\r\n"
    status, head, body = raw_exchange(
        f"POST {API}/campaigns/{CAMP}/robustness HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n".encode() + chunks)
    eq(status, 413, f"2 MiB chunked body: {body[:200]!r}")
    check(json.loads(body)["error"]["code"] == "too_large", f"chunked 413 body {body[:200]!r}")
    # the server still answers
    eq(get(API + "/campaigns").status, 200, "after the large bodies")


def index_page():
    r = get("/")
    return r if r.status == 200 and b"<" in r.body else None


SECRET_MARKERS = [b"root:x:0:0", b"root:*:0:0", b"SQLite format 3", b"CYBERCAP-SECRET",
                  b"@demo.cybercap"]


def static_answer_is_safe(p, r, index):
    """A static-file answer to a hostile path: nothing from outside the web
    folder; the index page (a browser route), or 404 / 400 as JSON."""
    for mk in SECRET_MARKERS:
        check(mk not in r.body, f"GET {p!r} returned a file outside the web folder ({mk!r})")
    if r.status == 200:
        check(index is not None and r.body == index.body,
              f"GET {p!r}: 200 but not the index page: {r.body[:80]!r}")
    else:
        check(r.status in (400, 404), f"GET {p!r}: status {r.status} ({r.body[:100]!r})")
        is_error(r, r.status)


@test
def path_traversal_never_leaves_the_web_folder():
    """Static files (http_static.c): every spelling of "go up" or "start
    elsewhere" that a client can send."""
    index = index_page()
    check(index is not None or CFG.web is None, "GET / with --web should give the index page")
    port = CFG.port
    paths = [
        # plain and percent-encoded ../
        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/assets/..%2f..%2fcybercap.db", "/assets/../../cybercap.db", "/../d/cybercap.db",
        "/%2e%2e/d/cybercap.db", "/..%2fd%2fcybercap.db", "/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/assets/%2e%2e/%2e%2e/d/cybercap.db", "//etc/passwd", "/./../secret.txt", "/../secret.txt",
        "/%2e%2e/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt", "/assets/%2E%2e/%2e%2E/secret.txt",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/" + "../" * 200 + "etc/passwd",
        "/index.html/../../secret.txt", "/../d/demo-logins.txt", "/%2e%2e/d/demo-logins.txt",
        # double-encoded
        "/assets/..%252f..%252fsecret.txt", "/%252e%252e/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt", "/..%255c..%255csecret.txt", "/%25%32%65%25%32%65/secret.txt",
        # backslashes
        "/..\\..\\etc\\passwd", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/assets\\..\\..\\secret.txt",
        "/..%5csecret.txt",
        # overlong UTF-8 for "." and "/" (and other non-UTF-8)
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt", "/..%c0%af..%c0%afsecret.txt",
        "/%c0%ae%c0%ae%c0%afsecret.txt", "/..%e0%80%afsecret.txt", "/..%c1%9c..%c1%9csecret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt", "/..%ff/secret.txt",
        # absolute paths; absolute-form and other request targets
        "/etc/passwd", "/%2fetc%2fpasswd", "//%2e%2e/secret.txt", "///etc/passwd",
        f"http://127.0.0.1:{port}/../secret.txt", "http://127.0.0.1/../../etc/passwd",
        "file:///etc/passwd", "../secret.txt", "etc/passwd", "*",
        # NUL
        "/../../../../../../../../etc/passwd%00.html", "/%00../secret.txt", "/..%00/secret.txt",
        "/index.html%00/../../secret.txt", "/%00/etc/passwd",
        # hidden files, ; and other separators
        "/.hidden", "/assets/.hidden", "/%2ehidden", "/assets/%2ehidden", "/..;/secret.txt",
        "/assets/..;/..;/secret.txt", "/?/../secret.txt", "/#/../../secret.txt",
        "/secret.txt", "/secret.txt.", "/secret.txt%20",
        # the API prefix does not lead to files
        "/api/../secret.txt", "/api/v1/../../secret.txt", "/api%2f..%2fsecret.txt",
    ]
    for p in paths:
        for hdr in ({}, {"Accept-Encoding": "gzip"}):
            static_answer_is_safe(p, get(p, headers=hdr), index)
            h = request("HEAD", p, headers=hdr)
            check(h.status in (200, 400, 404), f"HEAD {p!r}: {h.status}")


@test
def symlinks_out_of_the_web_folder_are_not_followed():
    """A symbolic link inside the web folder is followed only as far as the
    folder: links to files or folders outside it are not served."""
    if CFG.web is None:
        return
    web = os.path.abspath(CFG.web)
    secret = os.path.join(os.path.dirname(web), "secret.txt")
    check(os.path.exists(secret), f"run.sh plants {secret}")
    links = {
        os.path.join(web, "assets", "escape.txt"): "../../secret.txt",     # relative, a file
        os.path.join(web, "escape-abs.txt"): secret,                      # absolute, a file
        os.path.join(web, "rootdir"): "/",                                # a folder: /
        os.path.join(web, "datadir"): os.path.abspath(CFG.data),          # a folder: DATA
        os.path.join(web, "assets", "inside.js"): "app.js",               # inside: served
    }
    made = []
    try:
        for at, to in links.items():
            os.symlink(to, at)
            made.append(at)
        index = index_page()
        # (the data directory's files that exist: no cybercap.db on PostgreSQL)
        for p in ["/assets/escape.txt", "/escape-abs.txt", "/rootdir/etc/passwd", "/rootdir/etc/hostname",
                  "/datadir/cybercap.db", "/datadir/demo-logins.txt", "/rootdir/" + secret.lstrip("/")]:
            if p.startswith("/datadir/") and not os.path.exists(os.path.join(CFG.data, p[len("/datadir/"):])):
                continue
            for hdr in ({}, {"Accept-Encoding": "gzip"}):
                r = get(p, headers=hdr)
                static_answer_is_safe(p, r, index)
                check(r.status != 200, f"GET {p}: a link out of the web folder answered 200")
        r = get("/assets/inside.js")
        eq(r.status, 200, "a link to a file inside the web folder")
        eq(r.body, open(os.path.join(web, "assets", "app.js"), "rb").read(), "the linked file's bytes")
    finally:
        for at in made:
            os.unlink(at)


@test
def static_files_from_the_web_folder():
    if CFG.web is None:
        r = get("/")
        check(r.status in (200, 404), f"GET / {r.status}")
        return
    idx = get("/")
    eq(idx.status, 200, "GET /")
    check(b"cybercap-api-test-index" in idx.body, "the index page of --web")
    check(idx.header("Content-Type").startswith("text/html"), idx.header("Content-Type"))
    eq(idx.header("Cache-Control"), "no-cache", "index revalidates")
    eq(get("/index.html").body, idx.body, "/index.html")
    eq(get("/rankings/nci-2026").body, idx.body, "a browser route falls back to the index")
    js = get("/assets/app.js")
    eq(js.status, 200, "asset")
    eq(js.body, open(os.path.join(CFG.web, "assets", "app.js"), "rb").read(), "asset bytes")
    check(js.header("Content-Type").startswith("text/javascript"), js.header("Content-Type"))
    check("immutable" in js.header("Cache-Control"), "assets are cached for good")
    z = get("/assets/app.js", headers={"Accept-Encoding": "gzip"})
    eq(z.header("Content-Encoding"), "gzip", "the precompressed .gz")
    eq(gzip.decompress(z.body), js.body, "the .gz decodes to the asset")
    h = request("HEAD", "/assets/app.js")
    eq((h.status, h.body), (200, b""), "HEAD on an asset")


@test
def gzip_when_asked():
    for path in [API + "/units", f"{API}/campaigns/{CAMP}/results", f"{API}/campaigns/{CAMP}/results/XAA",
                 API + "/openapi.json", f"{API}/frameworks/{FW}", f"{API}/campaigns/{CAMP}/results.csv"]:
        plain = get(path)
        z = get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
        eq(z.status, 200, path)
        eq(z.header("Content-Encoding"), "gzip", f"{path} Content-Encoding")
        check(z.body[:2] == b"\x1f\x8b", f"{path}: gzip magic")
        eq(gzip.decompress(z.body), plain.body, f"{path}: decodes to the same body")
        check(len(z.body) < len(plain.body), f"{path}: smaller")
        check(plain.header("Content-Encoding") is None, f"{path}: identity without asking")
        check("Accept-Encoding" in (z.header("Vary") or ""), f"{path} Vary")
        check("Accept-Encoding" in (plain.header("Vary") or ""), f"{path} Vary (identity)")
    r = get(API + "/units", headers={"Accept-Encoding": "identity"})
    check(r.header("Content-Encoding") is None, "identity asked")


@test
def etag_and_304():
    for path in [API + "/units", API + "/groups", f"{API}/campaigns/{CAMP}/results?node=legal",
                 f"{API}/campaigns/{CAMP}/results/XAA", f"{API}/campaigns/{CAMP}/summary?by=ldc",
                 API + "/openapi.json", f"{API}/units/XAA/history?framework={FW}",
                 f"{API}/campaigns/{CAMP}/results.csv"]:
        r = get(path)
        tag = r.header("ETag")
        check(tag and re.fullmatch(r'(W/)?"[^"]+"', tag), f"{path}: ETag {tag!r}")
        again = get(path)  # from the server's response cache
        eq(again.header("ETag"), tag, f"{path}: stable ETag")
        eq(again.body, r.body, f"{path}: the same body again")
        for i, x in enumerate((r, again)):
            eq(x.header("Cache-Control"), "no-cache",
               f"{path}: Cache-Control of published data (request {i + 1} of 2)")
        nm = get(path, headers={"If-None-Match": tag})
        eq(nm.status, 304, f"{path}: If-None-Match")
        eq(nm.body, b"", f"{path}: 304 has no body")
        eq(nm.header("ETag"), tag, f"{path}: 304 repeats the ETag")
        other = get(path, headers={"If-None-Match": '"0000"'})
        eq((other.status, other.body), (200, r.body), f"{path}: another ETag")
        z = get(path, headers={"If-None-Match": tag, "Accept-Encoding": "gzip"})
        eq(z.status, 304, f"{path}: If-None-Match with gzip")
    a = get(f"{API}/campaigns/nci-2025/results").header("ETag")
    b = get(f"{API}/campaigns/nci-2026/results").header("ETag")
    check(a != b, "different bodies, different ETags")


@test
def response_cache_keeps_queries_apart():
    """The server caches rendered GET answers by path and query: two
    different queries must never share an answer, whatever their encoding."""
    nonce = str(time.time_ns())
    ldc = sum(1 for u in units() if "ldc" in u["groups"])
    # a value holding an encoded "&group=ldc" is one parameter, ignored
    first = get_json(f"{API}/units?x{nonce}=1%26group%3Dldc")
    eq(first["total"], len(units()), "an unknown parameter is ignored")
    second = get_json(f"{API}/units?x{nonce}=1&group=ldc")
    eq(second["total"], ldc, "?x=1&group=ldc after ?x=1%26group%3Dldc: the group filter")
    a = get_json(f"{API}/campaigns/{CAMP}/results?y{nonce}=%26node%3Dlegal")
    b = get_json(f"{API}/campaigns/{CAMP}/results?y{nonce}=&node=legal")
    eq((a["node"]["id"], b["node"]["id"]), (FW, "legal"), "node after an encoded look-alike")
    c = get_json(f"{API}/units?group=ldc&limit=2&z{nonce}=1")
    d = get_json(f"{API}/units?group=ldc&z{nonce}=1&limit=3")
    eq((len(c["units"]), len(d["units"])), (2, 3), "parameter order")


@test
def response_cache_keeps_encodings_and_methods_apart():
    for i, first in enumerate(["gzip", "plain", "head"]):
        path = f"{API}/campaigns/{CAMP}/results?node=technical&n{time.time_ns()}={i}"
        if first == "gzip":
            z = get(path, headers={"Accept-Encoding": "gzip"})
            eq(z.header("Content-Encoding"), "gzip", "gzip first")
        elif first == "head":
            h = request("HEAD", path)
            eq((h.status, h.body), (200, b""), "HEAD first")
        plain = get(path)
        eq(plain.status, 200, f"after {first}")
        check(plain.header("Content-Encoding") is None, f"identity asked after {first}, got "
              f"{plain.header('Content-Encoding')}")
        eq(plain.json()["node"]["id"], "technical", f"plain body after {first}")
        z = get(path, headers={"Accept-Encoding": "gzip"})
        eq(z.header("Content-Encoding"), "gzip", f"gzip after {first}")
        eq(gzip.decompress(z.body), plain.body, f"the same body either way after {first}")
        eq(z.header("ETag"), plain.header("ETag"), "one ETag")
        nm = get(path, headers={"If-None-Match": plain.header("ETag")})
        eq((nm.status, nm.body), (304, b""), "304 from the cache")
        check_security_headers(nm, "304 from the cache")
        eq(nm.header("Cache-Control"), "no-cache", "Cache-Control of a cached 304")


CSP_NEEDS = ["default-src", "frame-ancestors", "object-src", "base-uri"]


def check_security_headers(r, label):
    csp = r.header("Content-Security-Policy")
    check(csp, f"{label}: no Content-Security-Policy")
    check("unsafe-inline" not in csp and "unsafe-eval" not in csp, f"{label}: CSP {csp}")
    for d in CSP_NEEDS:
        check(d in csp, f"{label}: CSP without {d}")
    check(re.search(r"frame-ancestors '(none|self)'", csp), f"{label}: frame-ancestors {csp}")
    eq(r.header("X-Content-Type-Options"), "nosniff", f"{label}: X-Content-Type-Options")
    check(r.header("Referrer-Policy") in ("no-referrer", "same-origin", "strict-origin",
                                          "strict-origin-when-cross-origin"),
          f"{label}: Referrer-Policy {r.header('Referrer-Policy')}")


@test
def security_headers_on_every_response():
    cases = [("GET", API + "/units"), ("GET", API + "/nope"), ("POST", API + "/units"),
             ("GET", f"{API}/campaigns/{OPEN}/results"), ("GET", "/"), ("GET", "/../etc/passwd"),
             ("HEAD", API + "/groups"), ("GET", f"{API}/campaigns/{CAMP}/results.xlsx"),
             ("GET", f"{API}/campaigns/{CAMP}/results?limit=x")]
    for m, p in cases:
        check_security_headers(request(m, p, body=b"" if m == "POST" else None), f"{m} {p}")
    r = get(API + "/groups")
    check_security_headers(get(API + "/groups", headers={"If-None-Match": r.header("ETag")}),
                           "304")


@test
def head_on_get_routes():
    for path in [API + "/units", API + "/openapi.json", f"{API}/campaigns/{CAMP}/results",
                 f"{API}/campaigns/{CAMP}/results/XAA", f"{API}/campaigns/{CAMP}/results.csv",
                 f"{API}/campaigns/{CAMP}/results.xlsx", f"{API}/units/XAA/history?framework={FW}"]:
        g = get(path)
        h = request("HEAD", path)
        eq(h.status, 200, f"HEAD {path}")
        eq(h.body, b"", f"HEAD {path} has no body")
        eq(h.header("Content-Type"), g.header("Content-Type"), f"HEAD {path} Content-Type")
        if g.header("ETag") and "xlsx" not in path:
            eq(h.header("ETag"), g.header("ETag"), f"HEAD {path} ETag")
        if h.header("Content-Length") is not None and "xlsx" not in path:
            eq(int(h.header("Content-Length")), len(g.body), f"HEAD {path} Content-Length")
    h = request("HEAD", f"{API}/campaigns/{OPEN}/results")
    eq((h.status, h.body), (409, b""), "HEAD on an unpublished campaign's results")


@test
def concurrent_burst_of_200_requests():
    paths = [API + "/units", f"{API}/campaigns/{CAMP}/results", f"{API}/campaigns/nci-2025/results?node=legal",
             f"{API}/campaigns/{CAMP}/results/XAA", f"{API}/campaigns/{CAMP}/summary?by=ldc",
             f"{API}/campaigns/{CAMP}/results?group=ldc&node=technical",
             f"{API}/campaigns/nci-2025/results?node=capacity&limit=5&offset=3",
             f"{API}/units/XAB/history?framework={FW}", f"{API}/campaigns/{CAMP}/results.csv",
             API + "/openapi.json"]
    expected = {p: get(p).body for p in paths}
    n = 200
    barrier = threading.Barrier(n)
    out = [None] * n

    def worker(i):
        p = paths[i % len(paths)]
        try:
            barrier.wait(10)
            r = get(p, headers={"Accept-Encoding": "gzip"} if i % 3 == 0 else {}, timeout=30)
            body = gzip.decompress(r.body) if r.header("Content-Encoding") == "gzip" else r.body
            out[i] = (r.status, body == expected[p], p)
        except Exception as e:  # noqa: BLE001 - any failure counts
            out[i] = (None, False, f"{p}: {type(e).__name__}: {e}")
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    bad = [o for o in out if o is None or o[0] != 200 or not o[1]]
    check(not bad, f"{len(bad)} of {n} concurrent requests failed or differed, e.g. {bad[:3]}")
    check(not any(o[0] and o[0] >= 500 for o in out if o), "5xx under load")
    eq(get(API + "/campaigns").status, 200, "still answering")


# ---------------------------------------------------------------- robustness jobs

ROBUST = f"{API}/campaigns/{CAMP}/robustness"


def wait_job(href, timeout=25):
    deadline = time.time() + timeout
    while True:
        r = get(href)
        eq(r.status, 200, f"GET {href}")
        check_documented("GET", href, r)
        j = r.json()
        if j["status"] != "running":
            return j
        check(time.time() < deadline, f"job {href} still running after {timeout} s")
        time.sleep(0.05)


@test
def robustness_job_runs_and_agrees_with_the_ranking():
    spec = {"vary": ["weights:20", "drop:legal"], "runs": 200, "sobol": 16, "seed": 7}
    r = post_json(ROBUST, spec)
    eq(r.status, 202, f"POST robustness ({r.body[:200]!r})")
    check_documented("POST", ROBUST, r)
    started = r.json()
    eq(started["status"], "running", "status")
    eq(started["href"], f"{API}/jobs/{started['id']}", "href")
    check(re.fullmatch(r"[0-9a-f]{32}", started["id"]), f"job id {started['id']}")
    j = wait_job(started["href"])
    eq(j["status"], "done", f"job ended {j.get('error')}")
    eq((j["id"], j["campaign"]), (started["id"], CAMP), "job id/campaign")
    eq(j["progress"]["done"], j["progress"]["total"], "progress at the end")
    res = j["result"]
    eq((res["campaign"], res["runs"], res["seed"], res["factors"]),
       (CAMP, 200, 7, spec["vary"]), "result header")
    ranks = {row["unit"]: row["rank"] for row in results()["results"]}
    eq({u["unit"] for u in res["units"]}, set(ranks), "units")
    for u in res["units"]:
        eq(u["nominal"], ranks[u["unit"]], f"{u['unit']}: nominal rank vs /results")
        eq(u["name"], unit_by_id()[u["unit"]]["name"], "name")
        check(1 <= u["p5"] <= u["median"] <= u["p95"] <= 40, f"{u['unit']}: {u}")
        check(1 <= u["mean"] <= 40 and u["mean_abs_shift"] >= 0, f"{u['unit']}: {u}")
    eq([x["factor"] for x in res["sobol"]["indices"]], spec["vary"], "sobol factors")
    eq(res["sobol"]["n"], 16, "sobol n")
    # the same seed gives the same result
    again = wait_job(post_json(ROBUST, spec).json()["href"])
    eq(again["result"], res, "same seed, same result")


@test
def robustness_bad_requests():
    cases = [
        (b"", 400, None, None),
        (b"not json", 400, "bad_json", None),
        (b"[1, 2]", 400, "bad_json", None),
        ({"runs": 100}, 400, "bad_parameter", "vary"),
        ({"vary": []}, 400, "bad_parameter", "vary"),
        ({"vary": ["weights:20"] * 9}, 400, "bad_parameter", "vary"),
        ({"vary": ["nonsense:1"]}, 400, "bad_parameter", "vary"),
        ({"vary": ["drop:no-such-node"]}, 400, "bad_parameter", "vary"),
        ({"vary": [3]}, 400, "bad_parameter", "vary"),
        ({"vary": ["weights:20"], "runs": 5}, 400, "bad_parameter", "runs"),
        ({"vary": ["weights:20"], "runs": 20001}, 400, "bad_parameter", "runs"),
        ({"vary": ["weights:20"], "runs": "100"}, 400, "bad_parameter", "runs"),
        ({"vary": ["weights:20"], "sobol": 8}, 400, "bad_parameter", "sobol"),
        ({"vary": ["weights:20"], "sobol": 4096}, 400, "bad_parameter", "sobol"),
        ({"vary": ["weights:20"], "seed": -1}, 400, "bad_parameter", "seed"),
    ]
    for body, status, code, field in cases:
        r = post_json(ROBUST, body)
        try:
            is_error(r, status, code, field)
            check_documented("POST", ROBUST, r)
        except Fail as e:
            raise Fail(f"POST {body!r:.60}: {e}")
    is_error(post_json(f"{API}/campaigns/nope/robustness", {"vary": ["weights:20"]}), 404, "not_found")
    r = post_json(f"{API}/campaigns/{OPEN}/robustness", {"vary": ["weights:20"]})
    is_error(r, 409, "not_published")
    check_documented("POST", f"{API}/campaigns/{OPEN}/robustness", r)


@test
def robustness_at_most_two_at_once():
    # big enough to run for a while (0.1-1 s) while the six requests arrive
    spec = {"vary": ["weights:20", "aggregate:*:mean,geometric", "drop:legal"], "runs": 4000,
            "sobol": 256}
    n = 6
    barrier = threading.Barrier(n)
    out = [None] * n

    def worker(i):
        barrier.wait(10)
        out[i] = post_json(ROBUST, spec)
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    codes = sorted(r.status for r in out)
    check(set(codes) <= {202, 429}, f"statuses {codes}")
    check(codes.count(202) >= 1 and codes.count(429) >= 1, f"statuses {codes}")
    for r in out:
        if r.status == 429:
            is_error(r, 429, "busy")
            check_documented("POST", ROBUST, r)
    for r in out:
        if r.status == 202:
            wait_job(r.json()["href"])


# ---------------------------------------------------------------- shutdown


def start_server(data, web):
    cmd = [CFG.bin, "demo", "--data", data, "--listen", "127.0.0.1:0"]
    if web:
        cmd += ["--web", web]
    p, port, _ = harness.start_server(cmd, timeout=20, drain=False)
    return p, port


def wait_exit(p, timeout):
    t0 = time.time()
    try:
        rc = p.wait(timeout)
    except subprocess.TimeoutExpired:
        rc = None
    return rc, time.time() - t0


def sanitizer_report(p):
    """The server's stderr if it holds a sanitizer report, else None."""
    if p.poll() is None:
        return None
    err = p.stderr.read().decode(errors="replace")
    return err if re.search(harness.SANITIZER, err) else None


@test
def sigterm_with_an_idle_keepalive_connection():
    """A browser keeps idle connections open; SIGTERM must stop accepting
    new connections at once and still exit 0 within 10 s (nothing is in
    flight on an idle connection)."""
    p, port = start_server(CFG.data, CFG.web)
    try:
        keep = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        keep.request("GET", API + "/groups")
        r = keep.getresponse()
        r.read()
        eq(r.status, 200, "request on the kept connection")
        p.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        refused = False
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=2)
            c.sendall(f"GET {API}/groups HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            answer = c.recv(100)
            c.close()
            refused = not answer
        except OSError:
            refused = True
        rc, took = wait_exit(p, 10)
        took += 0.5
        keep.close()
        problems = []
        rep = sanitizer_report(p)
        if rep:
            problems.append("sanitizer report: " + rep[:2000])
        if not refused:
            problems.append("a new connection was served 0.5 s after SIGTERM (the listening "
                            "socket stays open)")
        if rc is None:
            problems.append(f"still running {took:.1f} s after SIGTERM")
        elif rc != 0:
            problems.append(f"exit status {rc}")
        elif took >= 10:
            problems.append(f"exit took {took:.2f} s with one idle keep-alive connection open")
        check(not problems, "; ".join(problems))
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


@test
def sigterm_while_a_job_runs():
    p, port = start_server(CFG.data, CFG.web)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        body = json.dumps({"vary": ["weights:20", "aggregate:*:mean,geometric,harmonic"],
                           "runs": 20000, "sobol": 2048}).encode()
        c.request("POST", ROBUST, body=body, headers={"Connection": "close"})
        r = c.getresponse()
        r.read()
        c.close()
        eq(r.status, 202, "job started")
        p.send_signal(signal.SIGTERM)
        rc, took = wait_exit(p, 10)
        check(rc is not None, f"still running {took:.1f} s after SIGTERM with a job running")
        rep = sanitizer_report(p)
        check(not rep, f"sanitizer report: {rep and rep[:2000]}")
        eq(rc, 0, "exit status")
        check(took < 10, f"exit took {took:.2f} s")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    ap.add_argument("--bin", required=True, help="the cybercap binary")
    ap.add_argument("--data", required=True, help="the demo's data directory")
    ap.add_argument("--web", help="the --web folder the server was given")
    ap.add_argument("--only", help="run the tests whose name contains this")
    args = ap.parse_args()
    u = urllib.parse.urlsplit(args.base)
    CFG.host, CFG.port = u.hostname, u.port
    CFG.bin, CFG.data, CFG.web = os.path.abspath(args.bin), args.data, args.web
    SUITE.run(args.only)
    return SUITE.result()


if __name__ == "__main__":
    sys.exit(main())
