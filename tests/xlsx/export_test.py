#!/usr/bin/env python3
"""The Excel ledger, read back with openpyxl.

  export_test.py PLAN_BINARY SOURCE_ROOT

Exports the demo ledger and checks sheets, merged cells, cell types (numbers and dates, not
text), frozen headers, conditional colours, column widths, how every sheet prints (A4 landscape,
one page wide, header row repeated, autofilter, the title and date in the page header), and that
every number equals the JSON reports of the same ledger: the breakdown with its latest notes,
the summaries, the overdue items, the scores; also a township's own workbook (--unit) and one
section's (--section). How LibreOffice prints it is tests/xlsx/print_test.py.
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


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed, total  # noqa: E402


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
check(wb.sheetnames == ["重点任务分解表", "按单位", "按部分", "逾期事项", "评分"], f"sheets {wb.sheetnames}")

tasks = json.loads(run("--format", "json", "tasks").stdout)
status = json.loads(run("--format", "json", "status", "--as-of", "2025-01-01").stdout)
by_unit = json.loads(run("--format", "json", "report", "--by", "unit", "--as-of", "2025-01-01").stdout)
by_section = json.loads(run("--format", "json", "report", "--by", "section", "--as-of", "2025-01-01").stdout)
overdue = json.loads(run("--format", "json", "overdue", "--by", "item", "--as-of", "2025-01-01").stdout)
score = json.loads(run("--format", "json", "score", "--as-of", "2025-01-01").stdout)


def check_printing(wb, as_of, scope=""):
    """Every sheet: A4 landscape, one page wide, the header row on every page, an autofilter over
    the header, and the sheet's title with the date (and who) in row 1 and the page header."""
    for ws in wb:
        name = ws.title
        check(ws.page_setup.orientation == "landscape", f"{name}: not landscape")
        check(str(ws.page_setup.paperSize) == "9", f"{name}: paper {ws.page_setup.paperSize}, not A4")
        check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
              f"{name}: not fitted to the page")
        check(ws.page_setup.fitToWidth in (None, 1) and str(ws.page_setup.fitToHeight) == "0",
              f"{name}: fit {ws.page_setup.fitToWidth} wide, {ws.page_setup.fitToHeight} tall; want 1 wide")
        check(ws.print_title_rows in ("2:2", "$2:$2"), f"{name}: rows repeated on each page: {ws.print_title_rows}")
        check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A2:"),
              f"{name}: autofilter {ws.auto_filter.ref}")
        check(f"截至 {as_of}" in (ws["A1"].value or "") and scope in ws["A1"].value,
              f"{name}: title {ws['A1'].value!r} does not say the date and {scope!r}")
        header = ws.oddHeader.center.text or ""
        check(f"截至 {as_of}" in header and scope in header, f"{name}: page header {header!r}")
        check("&P" in (ws.oddFooter.center.text or ""), f"{name}: no page number in the footer")


check_printing(wb, "2025-01-01")

# The breakdown, laid out like Attachment 2.
ws = wb["重点任务分解表"]
merged = {str(m) for m in ws.merged_cells.ranges}
check("A1:K1" in merged, "the title is not merged across the table")
check(ws["A1"].value.endswith("重点任务分解表（截至 2025-01-01）"), f"title {ws['A1'].value!r}")
check([c.value for c in ws[2]] == ["部分", "重点任务", "具体措施", "责任分工", "完成时限", "截止日期", "总数",
                                   "已完成", "逾期", "完成率", "进展情况"], f"headers {[c.value for c in ws[2]]}")
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
# 进展情况: the latest note; for an item several units share, one line per unit that wrote one.
notes = {}
for row in status["rows"]:
    notes.setdefault(row["item"], []).append(row)
item_of_row = [r[2].split(" ")[0] for r in rows]
with_notes = 0
for got_row, item in zip(rows, item_of_row):
    want_rows = notes.get(item)
    if not want_rows:
        continue
    want = (want_rows[0]["note"] if len(want_rows) == 1 else
            "\n".join(f"{w['unit']}：{w['note']}" for w in want_rows if w["note"]))
    check((got_row[10] or "") == want, f"进展情况 of {item}: {got_row[10]!r} != {want!r}")
    with_notes += bool(want)
check(with_notes >= 5, f"only {with_notes} items have notes in 进展情况")
# Wrapped rows are tall enough to print their text (LibreOffice does not fit them itself).
check(all(ws.row_dimensions[i].height and ws.row_dimensions[i].height >= 29 for i in range(3, ws.max_row + 1)
          if ws.cell(i, 3).value and len(ws.cell(i, 3).value) > 60),
      "a row with a long measure keeps the default height")
cf = {str(rng.sqref): [rule.operator for rule in rules] for rng, rules in ws.conditional_formatting._cf_rules.items()}
check(any(v == ["greaterThan"] for v in cf.values()), f"no overdue colouring: {cf}")
check(any(v == ["equal"] for v in cf.values()), f"no done colouring: {cf}")

for sheet, report, key in (("按单位", by_unit, "unit"), ("按部分", by_section, "section")):
    ws = wb[sheet]
    every = list(ws.iter_rows(min_row=3, values_only=True))
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
    check(ws.freeze_panes == "B3", f"{sheet}: frozen panes {ws.freeze_panes}")

ws = wb["逾期事项"]
# One row per item with its units, as plan overdue --by item.
check([c.value for c in ws[2]] == ["逾期天数", "截止日期", "任务", "事项", "内容", "单位数", "责任单位"],
      f"overdue headers {[c.value for c in ws[2]]}")
got = list(ws.iter_rows(min_row=3, values_only=True))
check(len(got) == len(overdue["items"]) > 5, f"overdue sheet {len(got)} rows, report {len(overdue['items'])} items")
for row, want in zip(got, overdue["items"]):
    check(row[0] == want["days_overdue"] and row[3] == want["item"] and row[4] == want["title"], f"overdue row {row[:5]}")
    check(isinstance(row[1], datetime.datetime) and row[1].date().isoformat() == want["due"], "overdue due date")
    check(row[5] == len(want["units"]), f"overdue {want['item']}: {row[5]} units, report {len(want['units'])}")
    names = [u["unit"] + ("" if u["state"] == "not_started" else "（") for u in want["units"]]
    check(all(n in row[6] for n in names) and row[6].count("、") == len(want["units"]) - 1,
          f"overdue {want['item']}: units {row[6]!r}")

# The scores, as plan score for the as-of year, with its notes under the table.
ws = wb["评分"]
check([c.value for c in ws[2]] == ["排名", "单位", "得分", "到期事项", "按时完成", "逾期完成", "逾期未完成",
                                   "逾期月数", "受阻", "未报送月数"], f"score headers {[c.value for c in ws[2]]}")
got = list(ws.iter_rows(min_row=3, max_row=2 + len(score["rows"]), values_only=True))
check(len(score["rows"]) > 20 and [(r[0], r[1], r[2]) for r in got] ==
      [(w["rank"], w["unit"], w["score"]) for w in score["rows"]], "scores differ from plan score")
check(all(isinstance(r[0], int) and isinstance(r[2], (int, float)) for r in got), "ranks and scores are not numbers")
notes_s = [r[0] for r in ws.iter_rows(min_row=4 + len(score["rows"]), values_only=True) if r[0]]
check(len(notes_s) == 3 and notes_s[0].startswith("评分期：2025 年"), f"score notes {notes_s}")

# A year with scores that differ: as of 2024-12-31.
path_24 = os.path.join(tmp, "2024.xlsx")
check(run("export", "-o", path_24, "--as-of", "2024-12-31").returncode == 0, "export as of 2024-12-31 failed")
score_24 = json.loads(run("--format", "json", "score", "--as-of", "2024-12-31").stdout)
ws = openpyxl.load_workbook(path_24)["评分"]
got = list(ws.iter_rows(min_row=3, max_row=2 + len(score_24["rows"]), values_only=True))
want = [(w["rank"], w["unit"], w["score"], w["due"], w["done_on_time"], w["done_late"], w["overdue"],
         w["months_late"], w["blocked"], w["missed_months"]) for w in score_24["rows"]]
check(len({w[2] for w in want}) > 3 and [tuple(r) for r in got] == want,
      f"2024 scores differ from plan score: {got[:2]} vs {want[:2]}")

# A township's own workbook: only its rows, everywhere, and its name in every title.
path_u = os.path.join(tmp, "北平镇.xlsx")
r = run("export", "-o", path_u, "--as-of", "2025-01-01", "--unit", "北平镇")
check(r.returncode == 0, f"export --unit exited {r.returncode}: {r.stderr}")
wb_u = openpyxl.load_workbook(path_u)
check_printing(wb_u, "2025-01-01", "北平镇")
status_u = json.loads(run("--format", "json", "status", "--as-of", "2025-01-01", "--unit", "北平镇").stdout)
rows_u = list(wb_u["重点任务分解表"].iter_rows(min_row=3, values_only=True))
check(len(rows_u) == len(status_u["rows"]) > 10, f"北平镇: {len(rows_u)} breakdown rows for {len(status_u['rows'])} assignments")
check(all(r[6] == 1 for r in rows_u), "北平镇: an item counts other units")
check(sum(r[8] for r in rows_u) == sum(1 for w in status_u["rows"] if w["overdue"]), "北平镇: overdue differs")
for got_row, want in zip(rows_u, status_u["rows"]):
    check((got_row[10] or "") == want["note"], f"北平镇 {want['item']}: 进展情况 {got_row[10]!r} != {want['note']!r}")
units_u = [r[0] for r in wb_u["按单位"].iter_rows(min_row=3, values_only=True) if r[0]]
check(units_u[:2] == ["北平镇", "合计"], f"北平镇: by-unit sheet {units_u[:3]}")
overdue_u = json.loads(run("--format", "json", "overdue", "--by", "item", "--as-of", "2025-01-01", "--unit", "北平镇").stdout)
got = list(wb_u["逾期事项"].iter_rows(min_row=3, values_only=True))
check([r[3] for r in got] == [i["item"] for i in overdue_u["items"]] and all(r[5] == 1 for r in got),
      f"北平镇: overdue sheet {[r[3] for r in got]}")
got = [r[1] for r in wb_u["评分"].iter_rows(min_row=3, values_only=True) if r[1]]
check(got == ["北平镇"], f"北平镇: score sheet units {got}")

# One section's workbook.
path_s = os.path.join(tmp, "四.xlsx")
r = run("export", "-o", path_s, "--as-of", "2025-01-01", "--section", "4")
check(r.returncode == 0, f"export --section exited {r.returncode}: {r.stderr}")
wb_s = openpyxl.load_workbook(path_s)
check_printing(wb_s, "2025-01-01", "第四部分")
got = [r[0] for r in wb_s["按部分"].iter_rows(min_row=3, values_only=True) if r[0]]
check(len(got) == 4 and got[0].startswith("四、") and got[1] == "合计", f"section 四: by-section sheet {got}")
check({r[0] for r in wb_s["重点任务分解表"].iter_rows(min_row=3, values_only=True) if r[0]} ==
      {got[0]}, "section 四: the breakdown holds other sections")

# '&' starts Excel's codes in a page header (&P is the page number): a unit named R&D Center is
# written there as R&&D Center, and as written in the cells.
amp = os.path.join(tmp, "amp")
shutil.copytree(os.path.join(root, "tests/fixtures/other-county/plan"), amp)
for name in ("units.yaml", "tasks.yaml"):
    with open(os.path.join(amp, name), encoding="utf-8") as f:
        t = f.read()
    with open(os.path.join(amp, name), "w", encoding="utf-8") as f:
        f.write(t.replace("IT Center", "R&D Center"))
path_a = os.path.join(tmp, "amp.xlsx")
r = run("export", "-o", path_a, "--as-of", "2025-07-01", "--unit", "R&D Center", plan_dir=amp)
check(r.returncode == 0, f"export --unit 'R&D Center': {r.returncode} {r.stderr}")
z = zipfile.ZipFile(path_a)
headers = [ElementTree.fromstring(z.read(n)).find("m:headerFooter/m:oddHeader", NS).text
           for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
check(len(headers) == 5 and all(h.startswith("&C") and "R&&D Center" in h and h.count("&") == 3 for h in headers),
      f"page headers do not escape '&': {headers}")
check("R&D Center" in openpyxl.load_workbook(path_a)["重点任务分解表"]["A1"].value, "the title lost 'R&D Center'")

# English labels.
path_en = os.path.join(tmp, "ledger.xlsx")
r = run("--lang", "en", "export", "-o", path_en, "--as-of", "2025-01-01")
check(r.returncode == 0, "export in English failed")
check(openpyxl.load_workbook(path_en).sheetnames == ["Breakdown", "By unit", "By section", "Overdue", "Scores"],
      "English sheets")

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
got = [by_unit_cells[f"A{i + 3}"] for i in range(len(units_h["rows"]))]
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

print(f"xlsx export: {passed()} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
