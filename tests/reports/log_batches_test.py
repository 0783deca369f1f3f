#!/usr/bin/env python3
"""plan log renders long logs in batches of 4096 rows. Across the batch boundaries the result must
read as one table: one preface, one header and rule, every row once and in order, every column at
the same place (also when fitted with --width), one CSV byte order mark, valid JSON."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

plan, root = sys.argv[1], sys.argv[2]
N = 9000  # three batches


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def run(*args):
    env = dict(os.environ, PLAN_TODAY="2025-03-31", PLAN_LANG="zh")
    r = subprocess.run([plan, "--plan-dir", os.path.join(tmp, "plan"), *args], env=env,
                       capture_output=True)
    if r.returncode != 0:
        sys.exit(f"plan {' '.join(args)} exited {r.returncode}: {r.stderr.decode()}")
    return r.stdout.decode("utf-8")


tmp = tempfile.mkdtemp()
try:
    shutil.copytree(os.path.join(root, "tests/fixtures/other-county/plan"), os.path.join(tmp, "plan"))
    os.makedirs(os.path.join(tmp, "plan/progress"), exist_ok=True)
    with open(os.path.join(tmp, "plan/progress/东街道.yaml"), "w") as f:
        for k in range(N):
            # Oldest first: the last batch holds the latest entries, with the longest notes and
            # names, so a batch measured on its own would come out wider.
            day = 1 + k * 28 // N
            note = f"第{k}次检查" + ("，内容较长的说明文字用来测试列宽" if k > 8500 else "")
            by = "欧阳某某" if k > 8500 else "王"
            f.write(f'- {{date: 2025-02-{day:02d}, item: "(1)", status: 进行中, '
                    f'note: "{note}", by: "{by}"}}\n')

    for fit in ([], ["--width", "100"]):
        text = run(*fit, "log").splitlines()
        assert text[0] == "截至 2025-03-31", text[0]
        header, rule, rows = text[1], text[2], text[3:]
        assert len(rows) == N, (fit, len(rows))
        assert sum(1 for l in text if l.startswith("---")) == 1, "one rule"
        assert sum(1 for l in text if l == header) == 1, "one header"
        # Every row has the two spaces between columns where the rule has them: the columns
        # line up across the batches.
        starts = [i for i in range(1, len(rule)) if rule[i] == "-" and rule[i - 1] == " "]
        for l in rows:
            at, pos = {}, 0
            for c in l:
                at[pos] = c
                pos += width(c)
            for s in starts:
                if s - 1 < pos:
                    assert at.get(s - 2) == " " and at.get(s - 1) == " ", (fit, s, l)
        assert len({l.split()[0] for l in rows}) == N, "every row once"
        if fit:
            assert all(width(l) <= 100 for l in text[1:]), "fits --width"

    md = run("--format", "md", "log").splitlines()
    assert md[0] == "截至 2025-03-31" and md[1] == "", md[:2]
    assert sum(1 for l in md if l.startswith("| ---")) == 1
    assert len([l for l in md if l.startswith("| ") and "第" in l]) == N

    csv = run("--format", "csv", "log")
    assert csv.count("\ufeff") == 1 and csv.startswith("\ufeff")
    assert len(csv.strip("\r\n").split("\r\n")) == N + 1

    doc = json.loads(run("--format", "json", "log"))
    assert doc["as_of"] == "2025-03-31" and len(doc["entries"]) == N
    print(f"ok: {N} entries in text, fitted text, md, csv and json")
finally:
    shutil.rmtree(tmp)
