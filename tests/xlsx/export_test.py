#!/usr/bin/env python3
"""The Excel ledger, read back with openpyxl.

  export_test.py PLAN_BINARY SOURCE_ROOT

Exports the demo ledger and checks sheets, merged cells, cell types (numbers and dates, not
text), frozen headers, conditional colours, column widths, and that every number equals the
JSON reports of the same ledger.
"""
import datetime, json, os, re, shutil, subprocess, sys, tempfile, zipfile
from xml.etree import ElementTree

try:
    import openpyxl
except ImportError:
    print("FAIL: python3-openpyxl is not installed (apt-get install python3-openpyxl)")
    sys.exit(1)

plan, root = sys.argv[1], sys.argv[2]
demo = os.path.join(root, "examples/demo/plan")
env = dict(os.environ, PLAN_TODAY="2025-03-31")
failures, checks = [], 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args, plan_dir=demo):
    return subprocess.run([plan, "--plan-dir", plan_dir, *args], env=env, capture_output=True, text=True)


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def xstring(s):
    """Decodes OOXML's _xHHHH_ escapes as Excel does (left to right; _x005F_ is a literal _)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)


def raw_sheets(path):
    """Each sheet's cells as {ref: (type, text or value, has formula)}, read from the XML itself."""
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append(xstring("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))))
    sheets = {}
    for name in sorted(n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
        cells = {}
        for c in ElementTree.fromstring(z.read(name)).iter(f"{{{NS['m']}}}c"):
            v = c.find("m:v", NS)
            t = c.get("t", "n")
            value = strings[int(v.text)] if t == "s" and v is not None else (v.text if v is not None else None)
            cells[c.get("r")] = (t, value, c.find("m:f", NS) is not None)
        sheets[name] = cells
    return sheets


tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "台账.xlsx")
r = run("export", "--format", "xlsx", "-o", path, "--as-of", "2025-01-01")
check(r.returncode == 0, f"export exited {r.returncode}: {r.stderr}")
wb = openpyxl.load_workbook(path)
check(wb.sheetnames == ["重点任务分解表", "按单位", "按部分", "逾期事项"], f"sheets {wb.sheetnames}")

tasks = json.loads(run("--format", "json", "tasks").stdout)
status = json.loads(run("--format", "json", "status", "--as-of", "2025-01-01").stdout)
by_unit = json.loads(run("--format", "json", "report", "--by", "unit", "--as-of", "2025-01-01").stdout)
by_section = json.loads(run("--format", "json", "report", "--by", "section", "--as-of", "2025-01-01").stdout)
overdue = json.loads(run("--format", "json", "overdue", "--as-of", "2025-01-01").stdout)

# The breakdown, laid out like Attachment 2.
ws = wb["重点任务分解表"]
merged = {str(m) for m in ws.merged_cells.ranges}
check("A1:J1" in merged, "the title is not merged across the table")
check(ws["A1"].value.endswith("重点任务分解表（截至 2025-01-01）"), f"title {ws['A1'].value!r}")
check([c.value for c in ws[2]][:6] == ["部分", "重点任务", "具体措施", "责任分工", "完成时限", "截止日期"], "headers")
check(ws.freeze_panes == "A3", f"frozen panes {ws.freeze_panes}")
items = {}
for row in status["rows"]:
    items.setdefault(row["item"], []).append(row)
rows = list(ws.iter_rows(min_row=3, values_only=True))
check(len(rows) == len(items), f"{len(rows)} rows for {len(items)} tracked items")
section_merges = [m for m in ws.merged_cells.ranges if m.min_col == 1 and m.min_row > 2]
check(len(section_merges) == 7, f"{len(section_merges)} merged section cells, expected 7")
task_merges = [m for m in ws.merged_cells.ranges if m.min_col == 2 and m.min_row > 2]
check(any(ws.cell(m.min_row, 2).value.startswith("8. 规范涉企行政执法行为") and m.max_row - m.min_row == 2
          for m in task_merges), "task 8 is not merged over its three measures")
check(ws["A3"].value == "一、强化学习，着力提升行政执法人员综合素质", f"A3 {ws['A3'].value!r}")
dates = [r[5] for r in rows if r[5] is not None]
check(dates and all(isinstance(d, datetime.datetime) for d in dates), "due dates are not dates")
check(all(isinstance(r[6], int) and isinstance(r[7], int) and isinstance(r[8], int) for r in rows), "counts are not numbers")
total = sum(r[6] for r in rows)
check(total == by_unit["total"]["total"], f"breakdown total {total} != {by_unit['total']['total']}")
check(sum(r[8] for r in rows) == by_unit["total"]["overdue"], "breakdown overdue differs from the report")
check(ws.column_dimensions["C"].width >= 40, "the measure column is too narrow for Chinese text")
cf = {str(rng.sqref): [rule.operator for rule in rules] for rng, rules in ws.conditional_formatting._cf_rules.items()}
check(any(v == ["greaterThan"] for v in cf.values()), f"no overdue colouring: {cf}")
check(any(v == ["equal"] for v in cf.values()), f"no done colouring: {cf}")

for sheet, report, key in (("按单位", by_unit, "unit"), ("按部分", by_section, "section")):
    ws = wb[sheet]
    every = list(ws.iter_rows(min_row=2, values_only=True))
    got = every[:len(report["rows"]) + 1]
    # Under the table, after a blank row: what the columns mean and what the rate is over.
    notes = [r[0] for r in every[len(report["rows"]) + 2:]]
    check(all(v is None for v in every[len(report["rows"]) + 1]), f"{sheet}: no blank row before the notes")
    check(len(notes) == 2 and notes[0].startswith("按时完成 + 逾期完成") and "完成率" in notes[1], f"{sheet}: notes {notes}")
    for row, want in zip(got, report["rows"]):
        label = want[key] if key == "unit" else f"{want['section']}、{want['title']}"
        check(row[0] == label, f"{sheet}: {row[0]} != {label}")
        check(list(row[1:8]) == [want[k] for k in ("total", "done_on_time", "done_late", "in_progress",
                                                   "not_started", "blocked", "overdue")], f"{sheet}: {label} counts")
        check(sum(row[2:7]) == row[1], f"{sheet}: {label} states do not add up to the total")
        if want["completion"] is None:
            check(row[8] == "—", f"{sheet}: {label} has a rate though it has no deadline")
        else:
            check(abs(row[8] - want["completion"]) < 1e-4, f"{sheet}: {label} completion")
    check(got[-1][0] == "合计" and got[-1][1] == report["total"]["total"], f"{sheet}: totals row")
    check(ws.freeze_panes == "B2", f"{sheet}: frozen panes {ws.freeze_panes}")

ws = wb["逾期事项"]
got = list(ws.iter_rows(min_row=2, values_only=True))
check(len(got) == len(overdue["rows"]), f"overdue sheet {len(got)} rows, report {len(overdue['rows'])}")
for row, want in zip(got, overdue["rows"]):
    check(row[0] == want["unit"] and row[1] == want["days_overdue"] and row[4] == want["item"], f"overdue row {row}")
    check(isinstance(row[2], datetime.datetime) and row[2].date().isoformat() == want["due"], "overdue due date")

# English labels.
path_en = os.path.join(tmp, "ledger.xlsx")
r = run("--lang", "en", "export", "-o", path_en, "--as-of", "2025-01-01")
check(r.returncode == 0, "export in English failed")
check(openpyxl.load_workbook(path_en).sheetnames == ["Breakdown", "By unit", "By section", "Overdue"], "English sheets")

# Hostile texts (formulas, terminal escapes, HTML, a literal _x0041_) stay text and read back as
# written; nothing in the workbook is a formula.
hostile = os.path.join(tmp, "hostile")
shutil.copytree(os.path.join(root, "tests/fixtures/hostile/plan"), hostile)
with open(os.path.join(hostile, "tasks.yaml"), encoding="utf-8") as f:
    t = f.read()
t = t.replace('title: "=HYPERLINK', 'title: "_x0041_=HYPERLINK')
with open(os.path.join(hostile, "tasks.yaml"), "w", encoding="utf-8") as f:
    f.write(t)
path_h = os.path.join(tmp, "hostile.xlsx")
r = run("export", "-o", path_h, "--as-of", "2025-03-31", plan_dir=hostile)
check(r.returncode == 0 and "warning" not in r.stderr, f"hostile export: {r.returncode} {r.stderr}")
sheets = raw_sheets(path_h)
formulas = [(n, ref) for n, cells in sheets.items() for ref, (_, _, f) in cells.items() if f]
check(not formulas, f"formula cells in the workbook: {formulas}")
wb_h = openpyxl.load_workbook(path_h)
for ws in wb_h:
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str):
                check(c.data_type == "s", f"{ws.title}!{c.coordinate} is {c.data_type}, not a string")
units_h = json.loads(run("--format", "json", "report", "--by", "unit", "--as-of", "2025-03-31",
                         plan_dir=hostile).stdout)
by_unit_cells = sheets["xl/worksheets/sheet2.xml"]
got = [by_unit_cells[f"A{i + 2}"] for i in range(len(units_h["rows"]))]
check(all(t == "s" for t, _, _ in got), f"unit names are not string cells: {got}")
check([v for _, v, _ in got] == [row["unit"] for row in units_h["rows"]],
      f"unit names do not read back as written: {[v for _, v, _ in got]}")
check("=HYPERLINK(\"http://evil\")" in [v for _, v, _ in got], "the formula-like unit name is missing")
tasks_h = json.loads(run("--format", "json", "tasks", plan_dir=hostile).stdout)
task2 = tasks_h["tasks"][1]
breakdown = sheets["xl/worksheets/sheet1.xml"]
check(breakdown["B4"][1] == "2. " + task2["title"], f"task title {breakdown['B4'][1]!r}")
check(task2["title"].startswith("_x0041_="), "the title lost its literal _x0041_")
check(breakdown["C4"][1] == "(1) " + task2["measures"][0]["text"], f"measure text {breakdown['C4'][1]!r}")
check("\x1b]52;" in breakdown["B3"][1], "the escape in task 1's title did not round-trip")

# A text longer than an Excel cell (32,767 characters) is cut with a visible mark and a
# warning naming the sheet and cell; the export still succeeds.
long_plan = os.path.join(tmp, "long")
shutil.copytree(os.path.join(root, "tests/fixtures/other-county/plan"), long_plan)
with open(os.path.join(long_plan, "tasks.yaml"), encoding="utf-8") as f:
    t = f.read()
t = t.replace("text: 举办集中培训班。", "text: " + "长" * 40000)
with open(os.path.join(long_plan, "tasks.yaml"), "w", encoding="utf-8") as f:
    f.write(t)
path_l = os.path.join(tmp, "long.xlsx")
r = run("export", "-o", path_l, "--as-of", "2025-03-31", plan_dir=long_plan)
check(r.returncode == 0, f"long export: {r.returncode} {r.stderr}")
check("工作表“重点任务分解表”的单元格 C4 有 40004 个字符" in r.stderr, f"no warning for the cut cell: {r.stderr}")
cut = openpyxl.load_workbook(path_l)["重点任务分解表"]["C4"].value or ""
check(len(cut) <= 32767 and cut.endswith("…（已截断，全文见计划文件或 plan log）"), f"cut cell: {len(cut)} {cut[-30:]!r}")

print(f"xlsx export: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
