#!/usr/bin/env python3
"""plan rollup over the fixture city (tests/fixtures/rollup/setup.sh).

  rollup_test.py PLAN_BINARY SOURCE_ROOT

Every member's numbers equal plan report's inside that member (its own directory, or a clone of
its repository at the ref) for two as-of dates, and the total is their sum; work not pushed does
not count until it is pushed and fetched; a broken member is listed with its place and the others
still counted (exit 1); parent links give per parent task the members and the tasks nobody
covers, an unknown link is warned about; a member that leads outside its tree (a symbolic link
to a plan elsewhere, a progress directory elsewhere, a link inside a repository) is refused, as
are unsafe paths, URLs and refs in rollup.yaml; the HTML page and the workbook carry the same
numbers (openpyxl).
"""
import datetime, json, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed, total  # noqa: E402

plan, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
env = dict(os.environ, PLAN_TODAY="2025-03-31", GIT_AUTHOR_DATE="2025-03-02T10:00:00+08:00",
           GIT_COMMITTER_DATE="2025-03-02T10:00:00+08:00")
for k in ("PLAN_DIR", "LANG", "LC_ALL"):
    env.pop(k, None)
tmp = tempfile.mkdtemp()
city = os.path.join(tmp, "city")
COUNTS = ["total", "done", "done_on_time", "done_late", "in_progress", "not_started", "blocked",
          "overdue", "undated", "completion"]


def run(args, cwd=city, ok_codes=(0, 1)):
    r = subprocess.run([plan] + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    check(r.returncode in ok_codes, f"plan {' '.join(args)}: exit {r.returncode} not in {ok_codes}: {r.stderr[-500:]}")
    return r


def git(args, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org"] + args, cwd=cwd,
                   env=env, check=True, capture_output=True)


def rollup_json(*extra):
    r = run(["rollup", "--format", "json"] + list(extra))
    return json.loads(r.stdout), r


def own_report(plan_dir, as_of):
    r = run(["--plan-dir", plan_dir, "report", "--format", "json", "--as-of", as_of])
    return json.loads(r.stdout)["total"]


def own_silent(plan_dir, as_of):
    since = (datetime.date.fromisoformat(as_of) - datetime.timedelta(days=30)).isoformat()
    r = run(["--plan-dir", plan_dir, "stale", "--format", "json", "--as-of", as_of, "--since", since])
    return [row["unit"] for row in json.loads(r.stdout)["units"]]


try:
    subprocess.run(["bash", os.path.join(root, "tests/fixtures/rollup/setup.sh")], cwd=tmp,
                   env=dict(env, ROOT=root, PLAN=plan), check=True)
    clone = os.path.join(tmp, "clone")
    git(["clone", "-q", os.path.join(tmp, "repos/丙县.git"), clone], tmp)
    members = {"甲县": os.path.join(city, "counties/甲县/plan"),
               "乙县": os.path.join(city, "counties/乙县/plan"),
               "丙县": os.path.join(clone, "plan")}

    # --- each member as its own report says, for two dates; the total is the sum
    for as_of in ("2025-03-31", "2025-03-05"):
        j, r = rollup_json("--fetch", "--as-of", as_of)
        check(r.returncode == 1, f"{as_of}: a broken member makes the exit status 1")
        rows = {row["member"]: row for row in j["rows"]}
        check(sorted(rows) == sorted(members), f"{as_of}: members counted: {sorted(rows)}")
        for name, d in members.items():
            if name not in rows:
                continue
            mine = own_report(d, as_of)
            check(all(rows[name][k] == mine[k] for k in COUNTS),
                  f"{as_of} {name}: rollup {[rows[name][k] for k in COUNTS]} != report {[mine[k] for k in COUNTS]}")
            check(rows[name]["silent_unit_names"] == own_silent(d, as_of),
                  f"{as_of} {name}: silent units {rows[name]['silent_unit_names']} != plan stale")
        for k in COUNTS[:-1]:
            check(j["total"][k] == sum(row[k] for row in j["rows"]), f"{as_of}: total {k} is the sum")
        check(j["total"]["members"] == 3 and j["incomplete"], f"{as_of}: 3 members counted, incomplete")

    # --- the broken member: named with its file, line and column; the others still counted
    j, r = rollup_json()
    failed = {f["member"]: f for f in j["failed"]}
    check(list(failed) == ["丁县"], f"failed members: {list(failed)}")
    err = failed["丁县"]["errors"][0]
    check(err["file"].endswith("counties/丁县/plan/tasks.yaml") and err["line"] == 3 and err["column"] > 0,
          f"丁县's error has its place: {err}")
    check("丁县" in r.stderr and "tasks.yaml:3:" in r.stderr, "stderr names 丁县's file and line")
    check(j["rows"][1]["member"] == "乙县" and j["rows"][1]["incomplete"] and
          j["rows"][1]["skipped_files"][0].endswith("东街道.yaml"), "乙县's broken file is left out and named")

    # --- work not pushed does not count; once pushed, only a fetch brings it in
    work = os.path.join(tmp, "work/丙县")
    check(own_report(os.path.join(work, "plan"), "2025-03-31")["done"] == 2,
          "the county's own working copy has 2 done (one commit and one edit not pushed)")
    rows = {row["member"]: row for row in j["rows"]}
    check(rows["丙县"]["done"] == 0, f"丙县: nothing unpushed counts (done {rows['丙县']['done']})")
    git(["push", "-q", "origin", "main"], work)
    j, _ = rollup_json()
    check({row["member"]: row for row in j["rows"]}["丙县"]["done"] == 0, "without --fetch the mirror is as it was")
    r = run(["rollup", "fetch"], ok_codes=(0,))
    j, _ = rollup_json()
    row = {row["member"]: row for row in j["rows"]}["丙县"]
    check(row["done"] == 1, f"after plan rollup fetch the pushed commit counts (done {row['done']}); the uncommitted edit does not")
    check(len(row.get("commit", "")) == 40, "a git member says which commit was read")
    check(os.path.isfile(os.path.join(city, ".plan-cache/.gitignore")), "the cache ignores itself in git")

    # --- --plan-at: a git member's plan as of that day equals its own report --plan-at; a
    # directory member outside git cannot say what its plan was
    git(["pull", "-q"], clone)
    j, r = rollup_json("--plan-at", "2025-03-01")
    row = {row["member"]: row for row in j["rows"]}.get("丙县")
    mine = json.loads(run(["--plan-dir", members["丙县"], "report", "--format", "json",
                           "--plan-at", "2025-03-01"], cwd=clone).stdout)["total"]
    check(row is not None and all(row[k] == mine[k] for k in COUNTS), f"--plan-at: 丙县 {row} != {mine}")
    check(j["plan_at"] == "2025-03-01", "--plan-at is in the JSON")
    failed = {f["member"]: f["errors"][0]["code"] for f in j["failed"]}
    check(failed.get("甲县") == "rollup-plan-at-no-git", f"--plan-at: a directory outside git fails: {failed}")
    j, r = rollup_json("--plan-at", "2025-02-01")
    failed = {f["member"]: f["errors"][0]["code"] for f in j["failed"]}
    check(failed.get("丙县") == "rollup-no-plan-at", f"--plan-at before the first commit: {failed}")

    # --- parent links
    r = run(["rollup", "--by", "parent-task", "--format", "json"])
    p = json.loads(r.stdout)
    by = {row["parent_task"]: row for row in p["rows"]}
    check(sorted(by) == ["1", "2", "3"], f"linked parent tasks: {sorted(by)}")
    check([m["member"] for m in by["1"]["members"]] == ["甲县"] and by["1"]["total"]["done"] == 1,
          f"parent task 1: 甲县 with its one assignment done: {by['1']}")
    check(by["2"]["total"]["total"] == 5, f"parent task 2: task 2 of 甲县 and its measures (5 assignments): {by['2']['total']}")
    check([u["parent_task"] for u in p["uncovered"]] == ["4"], f"uncovered: {p['uncovered']}")
    check("“9”" in r.stderr and "tasks.yaml:" in r.stderr, "an unknown link is warned about with its place")
    r = run(["--plan-dir", members["甲县"], "check", "--parent", os.path.join(city, "parent/plan")], ok_codes=(1,))
    check("implements-unknown" not in r.stderr and "“9”" in r.stderr, "plan check --parent names the unknown link")

    # --- HTML and the workbook carry the same numbers
    r = run(["rollup", "--format", "html"])
    for row in j["rows"]:
        check(f'data-key="{row["member"]}" data-total="{row["total"]}" data-done="{row["done"]}"' in r.stdout,
              f"html: the bar of {row['member']}")
    check("丁县" in r.stdout and 'id="incomplete"' in r.stdout, "html: the failed member is said")
    try:
        import openpyxl
        run(["export", "-o", os.path.join(tmp, "r.xlsx")])
        wb = openpyxl.load_workbook(os.path.join(tmp, "r.xlsx"))
        ws = wb.worksheets[0]
        cells = {ws.cell(row=i, column=1).value: [ws.cell(row=i, column=c).value for c in range(2, 10)]
                 for i in range(3, ws.max_row + 1)}
        for row in j["rows"]:
            got = cells.get(row["member"])
            check(got is not None and got[0] == row["total"] and got[1] == row["done_on_time"] and
                  abs(got[7] - row["completion"]) < 1e-9, f"xlsx: {row['member']} {got}")
        check(len(wb.worksheets) == 2, "xlsx: members and parent tasks")
    except ImportError:
        check(False, "python3-openpyxl is not installed")

    # --- a member cannot lead the roll-up outside its own tree
    outside = os.path.join(tmp, "outside")
    shutil.copytree(os.path.join(root, "tests/fixtures/other-county/plan"), os.path.join(outside, "plan"))
    esc = os.path.join(city, "counties/戊县/plan")
    os.makedirs(esc)
    os.symlink(os.path.join(outside, "plan/tasks.yaml"), os.path.join(esc, "tasks.yaml"))
    shutil.copy(os.path.join(outside, "plan/units.yaml"), esc)
    esc2 = os.path.join(city, "counties/己县/plan")
    shutil.copytree(os.path.join(outside, "plan"), esc2)
    os.symlink(os.path.join(outside, "plan"), os.path.join(esc2, "progress"))
    os.symlink(outside, os.path.join(city, "counties/庚县"))
    lnk = os.path.join(tmp, "linkrepo")
    shutil.copytree(os.path.join(outside, "plan"), os.path.join(lnk, "plan"))
    os.remove(os.path.join(lnk, "plan/units.yaml"))
    os.symlink("/etc/passwd", os.path.join(lnk, "plan/units.yaml"))
    git(["init", "-q", "-b", "main"], lnk)
    git(["add", "-A"], lnk)
    git(["commit", "-q", "-m", "link"], lnk)
    with open(os.path.join(city, "rollup.yaml"), "a", encoding="utf-8") as f:
        f.write("  - name: 戊县\n    path: counties/戊县/plan\n  - name: 己县\n    path: counties/己县/plan\n"
                "  - name: 庚县\n    path: counties/庚县\n  - name: 辛县\n    git: ../linkrepo\n")
    j, r = rollup_json("--fetch")
    failed = {f["member"]: f["errors"][0]["code"] for f in j["failed"]}
    for name, code in (("戊县", "rollup-path-outside"), ("己县", "rollup-path-outside"),
                       ("庚县", "rollup-path-outside"), ("辛县", "rollup-symlink-in-tree")):
        check(failed.get(name) == code, f"{name} refused with {code}: {failed.get(name)}")
    check("root:" not in r.stdout + r.stderr, "nothing of /etc/passwd is shown")
    check(sorted(row["member"] for row in j["rows"]) == sorted(members), "the others are still counted")

    # --- unsafe values in rollup.yaml: refused at their place, nothing run
    for bad, code in (("path: ../outside", "rollup-bad-path"), ("path: /etc", "rollup-bad-path"),
                      ("git: 'ext::sh -c touch% /tmp/pwned'", "rollup-bad-url"),
                      ("git: --upload-pack=touch /tmp/pwned", "rollup-bad-url"),
                      ("git: ../repos/丙县.git\n    ref: --output=/tmp/pwned", "rollup-bad-ref"),
                      ("git: ../repos/丙县.git\n    ref: main~1", "rollup-bad-ref")):
        d = os.path.join(tmp, "bad")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "rollup.yaml"), "w", encoding="utf-8") as f:
            f.write("members:\n  - name: 坏县\n    " + bad + "\n")
        r = run(["rollup", "--lang", "en"], cwd=d, ok_codes=(1,))
        check("rollup.yaml:3:" in r.stderr or "rollup.yaml:4:" in r.stderr, f"{bad!r}: placed error: {r.stderr.strip()}")
        check(not os.path.exists("/tmp/pwned"), f"{bad!r}: nothing ran")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"{passed()}/{total()} checks passed")
sys.exit(1 if failures else 0)
