"""The runner of the Python API suites (imported through harness.py): a
suite's tests in order (Suite), the checks (check, eq, near, expect,
Problems; a failed one raises Fail), "ok NAME" / "FAIL NAME: why" lines
and the closing "RESULT passed=N failed=M" that tests/api/run.sh tallies.
Standard library only.
"""
import time
import traceback


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


def ok(r, status=200, what=""):
    """The JSON body of r, which has status."""
    return expect(r, status, what=what).json()
