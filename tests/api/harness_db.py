"""The database and the command line of the Python API suites (imported
through harness.py): a data directory's database on either backend
(open_db, PgConn, stored_file) and `cybercap ARGS` (cli, cli_ok, add_user).
Standard library only (psql for PostgreSQL).
"""
import hashlib
import json
import os
import re
import secrets
import sqlite3
import subprocess

from harness_run import Fail


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
