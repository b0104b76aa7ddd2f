"""same_site.py LITE PG: the API responses of two sites that export-site
wrote from the same demo on SQLite and on PostgreSQL are the same bytes,
once the wall-clock times (publication dates, which differ between two
runs) are masked. Prints what differs; exit status 1 then."""
import glob
import json
import os
import re
import sys
import zipfile

TIME = re.compile(rb'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ')


def files(site):
    with open(glob.glob(os.path.join(site, "site.*.json"))[0]) as f:
        return json.load(f)["files"]


def body(site, name):
    """The file's bytes, times masked; a workbook's sheets (a zip's own
    dates and the document's creation time differ by nature)."""
    path = os.path.join(site, name)
    try:
        with zipfile.ZipFile(path) as z:
            return b"".join(TIME.sub(b"T", z.read(n)) for n in sorted(z.namelist())
                            if n != "docProps/core.xml")
    except zipfile.BadZipFile:
        with open(path, "rb") as f:
            return TIME.sub(b"T", f.read())


lite, pg = sys.argv[1], sys.argv[2]
a, b = files(lite), files(pg)
bad = sorted(set(a) ^ set(b))
for path in sorted(set(a) & set(b)):
    if body(lite, a[path]) != body(pg, b[path]):
        bad.append(path)
for path in bad[:10]:
    print(f"differs: {path}")
print(f"{len(a)} responses, {len(bad)} differ")
sys.exit(1 if bad or not a else 0)
