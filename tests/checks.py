"""What the Python tests share: check() counts each check and says each failure on stderr;
passed() is how many held. Import it after putting tests/ on sys.path:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    from checks import check, failures, passed
"""
import sys

failures = []
_count = 0


def check(ok, what):
    global _count
    _count += 1
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)
    return ok


def passed():
    return _count - len(failures)


def total():
    return _count
