#!/usr/bin/env python3
"""The progress cache must never change an answer: after every kind of change to a plan — the plan
files edited, a progress file rewritten in place with the same size and modification time,
truncated, replaced, appended to by plan record/amend/retract or by hand, another git branch
checked out, the clock moved back, the cache itself corrupted or from another version, .cache a
link or a file, several processes filling it at once — each report run with the cache (cold,
then warm) prints exactly what it prints with --no-cache, and the exit code is the same.

    cache_test.py PLAN SOURCE_ROOT
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed  # noqa: E402

plan, root = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp()
work = os.path.join(tmp, "work")
pdir = os.path.join(work, "plan")
prog = os.path.join(pdir, "progress")
cache = os.path.join(pdir, ".cache")
base_env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "PLAN_TODAY": "2025-03-31", "PLAN_LANG": "zh"}

REPORTS = [
    ["report", "--by", "unit"],
    ["report", "--by", "task", "--format", "json"],
    ["report", "--by", "section", "--since", "2024-10-01"],
    ["status"],
    ["overdue", "--as-of", "2024-12-31"],
    ["due", "--within", "365", "--as-of", "2024-06-01"],
    ["stale", "--format", "csv"],
    ["log"],
    ["log", "--format", "csv", "--as-of", "2024-12-31"],
]


def run(args, env=None, cache_on=True):
    e = dict(base_env, **(env or {}))
    flags = [] if cache_on else ["--no-cache"]
    r = subprocess.run([plan, "--plan-dir", pdir, *flags, *args], env=e, capture_output=True)
    return r.returncode, r.stdout, r.stderr


def age_progress(seconds=3600):
    """Sets every progress file's modification time into the past, so that records written now
    are trusted by their file's identity alone (not racy) on the next run."""
    for n in os.listdir(prog):
        p = os.path.join(prog, n)
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def agree(what, env=None, runs=3):
    """Every report with the cache (`runs` times: cold, then warm) equals --no-cache."""
    outs = []
    for args in REPORTS:
        want = run(args, env, cache_on=False)
        outs.append(want)
        for k in range(runs):
            got = run(args, env)
            if not check(got == want, f"{what}: plan {' '.join(args)} (cached run {k + 1})"):
                sys.stderr.write(f"  want exit {want[0]}: {want[1][:300]!r} {want[2][:300]!r}\n")
                sys.stderr.write(f"  got  exit {got[0]}: {got[1][:300]!r} {got[2][:300]!r}\n")
    return outs


def opened_progress_files(args, env=None):
    """The progress files a cached run opens (strace, which scripts/bootstrap installs)."""
    log = os.path.join(tmp, "strace.log")
    e = dict(base_env, **(env or {}))
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=open,openat", "-o", log, plan,
                    "--plan-dir", pdir, *args], env=e, capture_output=True)
    lines = []
    if os.path.exists(log):
        with open(log, encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
    # The trace worked only if it saw the plan being read.
    check(any('tasks.yaml"' in l for l in lines), f"strace traced plan {' '.join(args)}")
    return [l for l in lines if "/progress/" in l and '.yaml"' in l and "/.cache/" not in l]


def records():
    d = os.path.join(cache, "progress")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


HEADER = 200  # kCacheRecordHeaderBytes


def record_ok(path):
    """A record's length matches its header (magic, version, sections); the hashes are the
    program's to check, and every run above shows it would not use a bad one."""
    with open(path, "rb") as f:
        b = f.read()
    if len(b) < HEADER or b[:8] != b"plancach":
        return False
    a_len, b_len, c_len = (struct.unpack_from("<Q", b, at)[0] for at in (128, 144, 160))
    return len(b) == HEADER + a_len + b_len + c_len


def record_folded(path):
    """The record keeps the entries in force folded (what a warm report reads): its flag is set
    and the fold is there."""
    with open(path, "rb") as f:
        b = f.read(HEADER)
    return len(b) == HEADER and struct.unpack_from("<Q", b, 184)[0] == 1 and \
        struct.unpack_from("<Q", b, 160)[0] >= 16


def append(name, text):
    with open(os.path.join(prog, name), "a", encoding="utf-8") as f:
        f.write(text)


def git(*args):
    subprocess.run(["git", "-C", work, *args], check=True, capture_output=True,
                   env=dict(base_env, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t"))


try:
    shutil.copytree(os.path.join(root, "examples/demo/plan"), pdir, symlinks=False)
    age_progress()
    before = agree("fresh copy")
    check(os.path.isdir(os.path.join(cache, "progress")), ".cache/progress made")
    with open(os.path.join(cache, ".gitignore")) as f:
        check(f.read() == "*\n", ".cache/.gitignore ignores everything in it")
    check(len(records()) == len([n for n in os.listdir(prog) if n.endswith(".yaml")]),
          "one record per progress file")
    check(all(record_ok(os.path.join(cache, "progress", r)) for r in records()), "records whole")
    check(all(record_folded(os.path.join(cache, "progress", r)) for r in records()),
          "records keep the entries in force folded")
    opened = opened_progress_files(REPORTS[0])
    check(opened == [], f"a warm report opens no progress file: {opened[:3]}")
    opened = opened_progress_files(["log"])
    check(opened == [], f"a warm plan log opens no progress file: {opened[:3]}")

    # The plan changes: every record's context is stale.
    tasks = os.path.join(pdir, "tasks.yaml")
    with open(tasks, encoding="utf-8") as f:
        t = f.read()
    with open(tasks, "w", encoding="utf-8") as f:
        f.write(t.replace("deadline: 2024年底前", "deadline: 2025年底前", 1))
    after = agree("tasks.yaml deadline changed")
    check(after != before, "the deadline change shows in the reports (the test can fail)")
    units = os.path.join(pdir, "units.yaml")
    with open(units, encoding="utf-8") as f:
        u = f.read()
    with open(units, "a", encoding="utf-8") as f:
        f.write("\n# a comment\n")
    agree("units.yaml changed")

    # Same size, same modification time, different bytes: only the change time tells.
    victim = os.path.join(prog, "北平镇.yaml")
    age_progress()
    agree("aged again")
    st = os.stat(victim)
    with open(victim, encoding="utf-8") as f:
        v = f.read()
    changed = v.replace("已完成", "进行中", 1)
    assert changed != v and len(changed.encode()) == len(v.encode())
    with open(victim, "w", encoding="utf-8") as f:
        f.write(changed)
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
    check(os.stat(victim).st_size == st.st_size and os.stat(victim).st_mtime_ns == st.st_mtime_ns,
          "rewritten with the same size and mtime")
    outs = agree("rewritten in place, same size and mtime")
    check(outs != after, "the rewrite shows in the reports")

    # Truncated: the last entry cut away.
    age_progress()
    agree("aged")
    with open(victim, encoding="utf-8") as f:
        lines = f.readlines()
    with open(victim, "w", encoding="utf-8") as f:
        f.writelines(lines[:-1])
    agree("truncated by one entry")
    with open(victim, "w", encoding="utf-8") as f:
        f.writelines(lines[:-1] + [lines[-1][:-1]])  # no final line break
    agree("last line without its line break")

    # Replaced by another file (rename), same name.
    new = os.path.join(prog, ".new")
    with open(new, "w", encoding="utf-8") as f:
        f.writelines(lines[:3])
    os.rename(new, victim)
    agree("replaced by rename")

    # Appended by plan record, amend and retract (each writes a new file and renames it).
    age_progress()
    agree("aged")
    r = run(["record", "(4)", "--unit", "三合镇", "--status", "已完成", "--date", "2025-03-30",
             "--note", "追加"])
    check(r[0] == 0, f"plan record: {r[2][:200]!r}")
    agree("after plan record")
    with open(os.path.join(prog, "三合镇.yaml"), encoding="utf-8") as f:
        first_id = f.read().split('id: "')[1][:10]
    r = run(["amend", first_id, "--status", "进行中", "--reason", "更正"])
    check(r[0] == 0, f"plan amend: {r[2][:200]!r}")
    agree("after plan amend of a cached entry")
    age_progress()
    agree("aged")
    r = run(["retract", first_id, "--reason", "撤回"])
    check(r[0] == 0, f"plan retract: {r[2][:200]!r}")
    agree("after plan retract of a cached entry")

    # Appended by hand: a comment line, a multi-line entry, an entry with an error, a half line.
    age_progress()
    agree("aged")
    append("北平镇.yaml", "# 手工注释\n- {date: 2025-01-02, item: \"(1)\", status: 受阻}\n")
    agree("hand-appended comment line")
    append("北平镇.yaml", "- date: 2025-01-03\n  item: \"(1)\"\n  status: 进行中\n")
    agree("hand-appended multi-line entry")
    append("北平镇.yaml", "- {date: 2025-01-04, item: \"(1)\", status: 已完成}\n")
    agree("appended line after hand edits")
    append("北平镇.yaml", "- {date: 2025-01-05, item: \"(999)\", status: 已完成}\n")
    agree("appended line naming an unknown item (an error: the file is left out)")
    append("北平镇.yaml", "- {date: 2025-01-06, item: \"(1)\", status: 已完")
    agree("half a line appended")
    with open(victim, "w", encoding="utf-8") as f:
        f.writelines(lines)
    append("北平镇.yaml", "- {date: 2025-01-07, retracts: \"ffffffffff\", reason: x}\n")
    agree("appended retraction of an id the file lacks")
    with open(victim, "w", encoding="utf-8") as f:
        f.writelines(lines)
    append("北平镇.yaml", "- {date: 2025-01-08, item: \"(1)\", status: 已完成}\n...\n")
    agree("appended document end marker")
    with open(victim, "w", encoding="utf-8") as f:
        f.writelines(lines)

    # Another branch checked out, and back.
    git("init", "-q", "-b", "main")
    git("add", "-A", ".")
    git("commit", "-q", "-m", "main")
    age_progress()
    main_out = agree("on main")
    git("checkout", "-q", "-b", "other")
    with open(victim, "w", encoding="utf-8") as f:
        f.writelines(lines[:2] + [l.replace("已完成", "受阻") for l in lines[2:]])
    git("commit", "-q", "-am", "other")
    git("checkout", "-q", "main")
    age_progress()
    check(agree("main again") == main_out, "main's reports as before")
    git("checkout", "-q", "other")
    check(agree("checked out another branch") != main_out, "the branch shows in the reports")
    git("checkout", "-q", "main")
    check(agree("back on main") == main_out, "back on main")

    # The clock moved back: entries now after tomorrow are errors, cache or not.
    age_progress()
    agree("aged")
    outs = agree("clock moved back", env={"PLAN_TODAY": "2024-11-01"})
    check(any(o[0] == 1 and "2024-11-01" in o[2].decode() for o in outs),
          "the future entries are errors")
    agree("clock forward again")

    # Several processes fill a cold cache at once.
    shutil.rmtree(cache)
    age_progress()
    want = run(REPORTS[0], cache_on=False)
    procs = [subprocess.Popen([plan, "--plan-dir", pdir, *REPORTS[0]], env=base_env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(8)]
    got = [(p.wait(), p.stdout.read(), p.stderr.read()) for p in procs]
    check(all(g == want for g in got), "8 reports at once on a cold cache agree")
    check(all(record_ok(os.path.join(cache, "progress", r)) for r in records()),
          "records whole after 8 writers")
    check(not [r for r in records() if r.endswith(".tmp")], "no temporary files left")
    agree("after 8 writers")

    # The cache corrupted: bytes flipped, records cut short, emptied, another version.
    folds = {}  # the folds flipped, as they were
    for i, r in enumerate(records()):
        p = os.path.join(cache, "progress", r)
        with open(p, "rb") as f:
            b = bytearray(f.read())
        if i % 6 == 4:
            folds[r] = bytes(b[-struct.unpack_from("<Q", b, 160)[0]:])
        kind = i % 6
        if kind == 0:
            b[len(b) // 2] ^= 0xFF  # in the entries
        elif kind == 1:
            b = b[: len(b) - 7]
        elif kind == 2:
            b[8] ^= 1  # format version
        elif kind == 3:
            b[HEADER + 10] ^= 0x10  # in the entries in force
        elif kind == 4:
            b[-1] ^= 0x10  # in the fold (the last section)
        else:
            b = b""
        with open(p, "wb") as f:
            f.write(b)
    agree("corrupted records")
    agree("corrupted records rewritten", runs=1)
    check(all(record_ok(os.path.join(cache, "progress", r)) for r in records()),
          "corrupted records replaced by whole ones")
    for r, fold in folds.items():
        with open(os.path.join(cache, "progress", r), "rb") as f:
            check(f.read().endswith(fold), f"a record with a damaged fold is written again: {r}")
    check(len(folds) > 0, "some folds were damaged (the test can fail)")
    for r in records():
        with open(os.path.join(cache, "progress", r), "r+b") as f:
            f.write(b"PLANCACH")
    agree("records of another kind (bad magic)")

    # .cache is not a real directory: the cache is off, nothing written through it.
    shutil.rmtree(cache)
    elsewhere = os.path.join(tmp, "elsewhere")
    os.mkdir(elsewhere)
    os.symlink(elsewhere, cache)
    agree(".cache is a link")
    check(os.listdir(elsewhere) == [], "nothing written through the .cache link")
    os.remove(cache)
    os.mkdir(elsewhere + "/progress")
    os.symlink(elsewhere + "/progress", cache)
    agree(".cache is a link to a directory holding progress/")
    check(os.listdir(elsewhere + "/progress") == [], "nothing written through it")
    os.remove(cache)
    os.mkdir(cache)
    os.symlink(elsewhere + "/progress", os.path.join(cache, "progress"))
    agree(".cache/progress is a link")
    check(os.listdir(elsewhere + "/progress") == [], "nothing written through .cache/progress")
    shutil.rmtree(cache, ignore_errors=True)
    if os.path.islink(cache):
        os.remove(cache)
    with open(cache, "w") as f:
        f.write("not a directory\n")
    agree(".cache is a file")
    with open(cache) as f:
        check(f.read() == "not a directory\n", ".cache file untouched")
    os.remove(cache)

    # Temporary records left by killed processes: a run that writes a record removes those whose
    # process is gone and that are 10 minutes old; a live writer's, or a young one, stays.
    age_progress()
    agree("before leftovers", runs=1)
    dead = subprocess.Popen(["true"])
    dead.wait()
    rdir = os.path.join(cache, "progress")
    leftovers = {
        f".司法局.yaml.bin.{dead.pid}.0badf00d.tmp": (3600, False),  # gone and old: removed
        f".司法局.yaml.bin.{dead.pid}.1badf00d.tmp": (60, True),     # gone but young: kept
        f".司法局.yaml.bin.{os.getpid()}.2badf00d.tmp": (3600, True),  # alive: kept
        ".司法局.yaml.bin.tmp": (3600, True),  # not our name: kept
    }
    for n, (age, _) in leftovers.items():
        p = os.path.join(rdir, n)
        with open(p, "wb") as f:
            f.write(b"half a record")
        st = os.stat(p)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - age * 10**9))
    agree("leftovers, nothing to write", runs=1)
    check(all(os.path.exists(os.path.join(rdir, n)) for n in leftovers),
          "a run that writes no record leaves the directory alone")
    append("司法局.yaml", "# a comment by hand\n")
    agree("leftovers, a record to write", runs=1)
    for n, (_, kept) in leftovers.items():
        check(os.path.exists(os.path.join(rdir, n)) == kept,
              f"leftover {n} {'kept' if kept else 'removed'}")
    shutil.rmtree(cache)

    # Off: --no-cache and PLAN_NO_CACHE=1 write nothing; PLAN_CACHE_DIR moves it.
    run(REPORTS[0], cache_on=False)
    run(REPORTS[0], env={"PLAN_NO_CACHE": "1"})
    check(not os.path.exists(cache), "--no-cache and PLAN_NO_CACHE=1 write no cache")
    elsewhere2 = os.path.join(tmp, "cachedir")
    agree("PLAN_CACHE_DIR", env={"PLAN_CACHE_DIR": elsewhere2})
    check(not os.path.exists(cache), "with PLAN_CACHE_DIR nothing in the plan directory")
    sub = os.listdir(elsewhere2)
    check(len(sub) == 1 and len(os.listdir(os.path.join(elsewhere2, sub[0], "progress"))) > 0,
          "records under PLAN_CACHE_DIR/<plan>/progress")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"{passed()} checks passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
