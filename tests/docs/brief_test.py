#!/usr/bin/env python3
"""plan brief as a Word file, read back with python-docx (Debian's python3-docx), and as JSON:
its numbers must be those of plan report, plan overdue, plan due and plan stale for the same
dates; the Word file is A4 with the official margins, real tables with a repeated header row."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import docx
except ImportError:
    print("python3-docx is not installed (scripts/bootstrap installs it)")
    sys.exit(77)

plan, root = sys.argv[1], sys.argv[2]
AS_OF, SINCE = "2025-01-01", "2024-12-01"
tmp = tempfile.mkdtemp()
env = dict(os.environ, PLAN_TODAY="2025-03-31", PLAN_LANG="zh")


def run(*args, fmt=None):
    cmd = [plan, "--plan-dir", os.path.join(tmp, "plan")]
    if fmt:
        cmd += ["--format", fmt]
    r = subprocess.run(cmd + list(args), env=env, capture_output=True)
    if r.returncode != 0:
        sys.exit(f"plan {' '.join(args)}: exit {r.returncode}: {r.stderr.decode()}")
    return r.stdout.decode()


try:
    shutil.copytree(os.path.join(root, "examples/demo/plan"), os.path.join(tmp, "plan"),
                    symlinks=False)
    out = os.path.join(tmp, "通报.docx")
    run("brief", "--as-of", AS_OF, "--since", SINCE, "-o", out)
    brief = json.loads(run("brief", "--as-of", AS_OF, "--since", SINCE, fmt="json"))
    report = json.loads(run("report", "--as-of", AS_OF, fmt="json"))
    then = json.loads(run("report", "--as-of", SINCE, fmt="json"))
    overdue = json.loads(run("overdue", "--as-of", AS_OF, "--by", "item", fmt="json"))
    due = json.loads(run("due", "--as-of", AS_OF, "--by", "item", fmt="json"))
    stale = json.loads(run("stale", "--as-of", AS_OF, "--since", SINCE, fmt="json"))

    # The JSON brief against the reports.
    t = report["total"]
    for k in ("total", "done", "done_late", "in_progress", "not_started", "blocked", "overdue"):
        assert brief["now"][k] == t[k], (k, brief["now"][k], t[k])
        assert brief["then"][k] == then["total"][k], (k, brief["then"][k], then["total"][k])
    assert [(i["item"], len(i["units"])) for i in brief["overdue"]] == [(i["item"], len(i["units"])) for i in overdue["items"]]
    assert [(i["item"], len(i["units"])) for i in brief["due_soon"]] == [(i["item"], len(i["units"])) for i in due["items"]]
    assert [u["unit"] for u in brief["not_reported"]] == [u["unit"] for u in stale["units"]]
    assert [r["unit"] for r in brief["by_unit"]] == [r["unit"] for r in report["rows"]]

    # The Word file: what a reader sees.
    d = docx.Document(out)
    s = d.sections[0]
    assert abs(s.page_width.mm - 210) < 1 and abs(s.page_height.mm - 297) < 1, "A4 portrait"
    assert abs(s.top_margin.mm - 37) < 1 and abs(s.left_margin.mm - 28) < 1, "official margins"
    paras = [p for p in d.paragraphs if p.text]
    assert paras[0].style.name == "Title" and paras[0].text == "工作进展情况通报"
    headings = [p.text for p in paras if p.style.name.startswith("heading") or
                p.style.name.startswith("Heading")]
    assert headings[0] == "一、总体情况" and "六、各单位完成情况" in headings, headings
    text = "\n".join(p.text for p in paras)
    m = re.search(r"共有责任分工 (\d+) 项：按时完成 (\d+) 项，逾期完成 (\d+) 项，正在推进 (\d+) 项，"
                  r"尚未启动 (\d+) 项，受阻 (\d+) 项；其中已过完成时限仍未完成的 (\d+) 项", text)
    assert m, text[:400]
    got = [int(x) for x in m.groups()]
    want = [t["total"], t["done"] - t["done_late"], t["done_late"], t["in_progress"],
            t["not_started"], t["blocked"], t["overdue"]]
    assert got == want, (got, want)
    # The first table: the headline numbers then and now.
    counts = d.tables[0]
    assert [c.text for c in counts.rows[0].cells] == ["指标", SINCE, AS_OF, "变化"]
    assert counts.rows[1].cells[2].text == str(t["total"])
    assert counts.rows[7].cells[2].text == str(t["overdue"])
    # Every table repeats its header row on each page.
    for tbl in d.tables:
        assert tbl.rows[0]._tr.trPr is not None and \
            tbl.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    # The per-unit table: the rows of plan report, with its totals.
    units = next(tb for tb in d.tables if tb.rows[0].cells[0].text == "单位" and
                 tb.rows[0].cells[1].text == "总数")
    body = [[c.text for c in r.cells] for r in units.rows[1:]]
    assert [r[0] for r in body[:-1]] == [r["unit"] for r in report["rows"]]
    assert body[-1][1] == str(t["total"])
    print(f"ok: {len(d.tables)} tables, {len(paras)} paragraphs; numbers equal the reports")
finally:
    shutil.rmtree(tmp)
