#!/usr/bin/env python3
"""The reporting form, end to end.

  form_test.py PLAN_BINARY FORM_READBACK_BINARY SOURCE_ROOT

Writes the demo plan's form for one unit and checks it with openpyxl (sheets, header keys, one
row per assignment, the status list and date validation, locked and unlocked cells, sheet
protection without a password, printing, the hidden _plan sheet and its fingerprint). Then fills
it in as a clerk would, saves it with openpyxl, re-saves that with LibreOffice (headless, private
profile), and also saves it as CSV UTF-8 with LibreOffice; form_readback (read_xlsx or
read_csv_table, then extract_form) must give back exactly what was filled in from each file.
Exits 77 (skipped) only when LibreOffice is not installed.
"""
import datetime, json, os, shutil, subprocess, sys, tempfile

try:
    import openpyxl
except ImportError:
    print("FAIL: python3-openpyxl is not installed (apt-get install python3-openpyxl)")
    sys.exit(1)

plan, readback, root = sys.argv[1], sys.argv[2], sys.argv[3]
demo = os.path.join(root, "examples/demo/plan")
env = dict(os.environ, PLAN_TODAY="2025-03-31")


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed, total  # noqa: E402


def run(*args, cwd=None):
    return subprocess.run([plan, "--plan-dir", demo, *args], env=env, capture_output=True, text=True, cwd=cwd)


def fnv1a64(data, h=0xCBF29CE484222325):
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def fingerprint():
    with open(os.path.join(demo, "tasks.yaml"), "rb") as t, open(os.path.join(demo, "units.yaml"), "rb") as u:
        return "%016x" % fnv1a64(t.read() + b"\0" + u.read())


tmp = tempfile.mkdtemp()
unit = "北平镇"
r = run("form", "--unit", unit, "--as-of", "2025-01-01", cwd=tmp)
path = os.path.join(tmp, "北平镇报送表.xlsx")
check(r.returncode == 0, f"plan form exited {r.returncode}: {r.stderr}")
check(r.stderr == "已写入 北平镇报送表.xlsx\n", f"stderr {r.stderr!r}")
check(os.path.exists(path), "no 北平镇报送表.xlsx in the current directory")

status = json.loads(run("--format", "json", "status", "--unit", unit, "--as-of", "2025-01-01").stdout)
want_items = [row["item"] for row in status["rows"]]
state_zh = {"not_started": "未开始", "in_progress": "进行中", "done": "已完成", "blocked": "受阻"}

wb = openpyxl.load_workbook(path)
check(wb.sheetnames == ["报送表", "_plan"], f"sheets {wb.sheetnames}")
check(wb["_plan"].sheet_state == "hidden", "the _plan sheet is not hidden")
meta = {row[0]: row[1] for row in wb["_plan"].iter_rows(values_only=True)}
check(meta.get("form_version") == "1", f"form_version {meta.get('form_version')!r}")
check(meta.get("unit") == unit, f"unit {meta.get('unit')!r}")
check(meta.get("as_of") == "2025-01-01", f"as_of {meta.get('as_of')!r}")
check(meta.get("plan_fingerprint") == fingerprint(), f"fingerprint {meta.get('plan_fingerprint')} != {fingerprint()}")

ws = wb["报送表"]
header = [c.value for c in ws[6]]
check(header == ["事项", "任务", "内容", "完成时限", "截止日期", "当前状态", "最近报送", "状态", "日期", "说明", "佐证"],
      f"header {header}")
check(ws["A1"].value.startswith("古县") and unit in ws["A1"].value, f"title {ws['A1'].value!r}")
check((ws["A2"].value, ws["B2"].value) == ("填报单位", unit), "unit cell")
check(ws["A3"].value == "填报人" and ws["A4"].value == "联系电话", "reporter and phone labels")
check(ws["A5"].value == "填写说明" and "事项" in ws["B5"].value, "instructions")
rows = list(ws.iter_rows(min_row=7, values_only=True))
check([r[0] for r in rows] == want_items, f"items {[r[0] for r in rows]} != {want_items}")
last = 6 + len(rows)
for got, want in zip(rows, status["rows"]):
    check(got[5].startswith(state_zh[want["state"]]), f"{got[0]}: current state {got[5]!r}, want {want['state']}")
    if want["due"]:
        check(isinstance(got[4], datetime.datetime) and got[4].date().isoformat() == want["due"], f"{got[0]}: due {got[4]!r}")
    check(all(v is None for v in got[7:]), f"{got[0]}: input cells are not empty")

dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
check(f"H7:H{last}" in dvs and dvs[f"H7:H{last}"].type == "list"
      and dvs[f"H7:H{last}"].formula1 == '"未开始,进行中,已完成,受阻"', f"status list: {list(dvs)}")
check(f"I7:I{last}" in dvs and dvs[f"I7:I{last}"].type == "date", f"date validation: {list(dvs)}")
check(ws.protection.sheet and not ws.protection.password, "the sheet is not protected, or has a password")
check(ws["B3"].protection.locked is False and ws["B4"].protection.locked is False, "reporter and phone are locked")
check(ws["B2"].protection.locked is not False, "the unit cell is not locked")
for col in "HIJK":
    check(ws[f"{col}7"].protection.locked is False, f"input cell {col}7 is locked")
for col in "ABCDEFG":
    check(ws[f"{col}7"].protection.locked is not False, f"context cell {col}7 is not locked")
    check(ws[f"{col}7"].fill.fgColor.rgb in ("FFF2F2F2", "00F2F2F2"), f"{col}7 is not shaded: {ws[f'{col}7'].fill.fgColor.rgb}")
check(ws["I7"].number_format == "yyyy-mm-dd", f"date format {ws['I7'].number_format}")
check(ws.freeze_panes == "B7", f"frozen panes {ws.freeze_panes}")
check(ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9", "not A4 landscape")
check(ws.sheet_properties.pageSetUpPr.fitToPage, "not fitted to the page width")
check(ws.print_title_rows in ("6:6", "$6:$6"), f"repeated rows {ws.print_title_rows}")
check(ws.column_dimensions["C"].width >= 40, "the content column is too narrow for Chinese text")

# ---- fill it in as a clerk would
i = {item: 7 + k for k, item in enumerate(want_items)}
a, b, c, quiet = want_items[0], want_items[2], want_items[4], want_items[6]
ws["B3"] = "王敏"
ws["B4"] = "0357-1234567"
ws[f"H{i[a]}"] = "已完成"
ws[f"I{i[a]}"] = datetime.date(2025, 3, 20)
ws[f"J{i[a]}"] = "已召开专题会议\n已印发方案"
ws[f"K{i[a]}"] = "古北发〔2025〕3号\n会议纪要.pdf；https://example.cn/a"
ws[f"H{i[b]}"] = "受阻"
ws[f"I{i[b]}"] = "2025.3.1"  # typed as text: kept as text for the importer
ws[f"J{i[b]}"] = "缺少经费"
ws[f"H{i[c]}"] = "进行中"
ws[f"I{i[c]}"] = datetime.date(2025, 2, 28)
ws[f"J{i[quiet]}"] = "忘了选状态"  # a note without a status: not read, with a warning
filled = os.path.join(tmp, "filled.xlsx")
wb.save(filled)

expected_rows = [
    {"item": a, "status": "已完成", "date": "2025-03-20", "date_text": "", "note": "已召开专题会议\n已印发方案",
     "evidence": ["古北发〔2025〕3号", "会议纪要.pdf", "https://example.cn/a"], "by": "王敏", "row": i[a]},
    {"item": b, "status": "受阻", "date": None, "date_text": "2025.3.1", "note": "缺少经费", "evidence": [],
     "by": "王敏", "row": i[b]},
    {"item": c, "status": "进行中", "date": "2025-02-28", "date_text": "", "note": "", "evidence": [], "by": "王敏",
     "row": i[c]},
]


def read_back(file, *extra):
    p = subprocess.run([readback, file, *extra], capture_output=True, text=True)
    check(p.returncode == 0, f"form_readback {file} exited {p.returncode}: {p.stderr}")
    return json.loads(p.stdout) if p.returncode == 0 else None


def compare(x, label, sheet_prefix, csv=False):
    if x is None:
        return
    check(x["unit"]["text"] == unit, f"{label}: unit {x['unit']}")
    check(x["by"]["text"] == "王敏", f"{label}: reporter {x['by']}")
    check(x["phone"]["text"] == "0357-1234567", f"{label}: phone {x['phone']}")
    if not csv:
        check(x["meta"]["found"] and x["meta"]["fingerprint"] == fingerprint() and x["meta"]["as_of"] == "2025-01-01",
              f"{label}: metadata {x['meta']}")
    got = [{"item": r["item"]["text"], "status": r["status"]["text"], "date": r["date"], "date_text": r["date_text"],
            "note": r["note"]["text"], "evidence": r["evidence"], "by": r["by"], "row": r["row"]} for r in x["rows"]]
    want = expected_rows
    if csv:  # a CSV holds the date as it was shown: text, for the importer to parse
        want = [dict(w, date=None, date_text=w["date"] or w["date_text"]) for w in expected_rows]
    check(got == want, f"{label}: rows\n  got  {got}\n  want {want}")
    places = [(r["item"]["place"], r["status"]["place"], r["date_place"]) for r in x["rows"]]
    want_places = [(f"{sheet_prefix}A{w['row']}", f"{sheet_prefix}H{w['row']}", f"{sheet_prefix}I{w['row']}") for w in expected_rows]
    check(places == want_places, f"{label}: places {places}")
    warning = f"{sheet_prefix}H{i[quiet]}: warning: this row has 说明 but no 状态 (status), so it was not read; choose a status\n"
    check(x["diags"] == [warning], f"{label}: diagnostics {x['diags']}")


compare(read_back(filled), "openpyxl", f"{filled}:报送表!")

# ---- LibreOffice re-saves it (as Excel 2007-365 and as CSV UTF-8)
soffice = shutil.which("soffice") or shutil.which("libreoffice")
if not soffice:
    print(f"form: {passed()} passed, {len(failures)} failed; LibreOffice missing, re-save skipped")
    sys.exit(1 if failures else 77)
profile = os.path.join(tmp, "lo-profile")
lo_env = dict(os.environ, HOME=os.path.join(tmp, "lo-home"))
os.makedirs(lo_env["HOME"], exist_ok=True)


def soffice_convert(to, outdir):
    p = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", to, "--outdir", outdir, filled],
                       env=lo_env, capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, f"soffice --convert-to {to} exited {p.returncode}: {p.stderr}")


lo_dir = os.path.join(tmp, "libreoffice")
soffice_convert("xlsx", lo_dir)
lo_file = os.path.join(lo_dir, "filled.xlsx")
check(os.path.exists(lo_file), "LibreOffice wrote no .xlsx")
if os.path.exists(lo_file):
    lo = openpyxl.load_workbook(lo_file)
    check(lo["_plan"].sheet_state == "hidden", "LibreOffice unhid the _plan sheet")
    check(lo["报送表"]["I7"].is_date, "LibreOffice did not keep the date as a date")
    compare(read_back(lo_file), "LibreOffice", f"{lo_file}:报送表!")

csv_dir = os.path.join(tmp, "csv")
# 44 = comma, 34 = double quote, 76 = UTF-8: Excel's "CSV UTF-8"; only the first sheet is saved.
soffice_convert("csv:Text - txt - csv (StarCalc):44,34,76,1", csv_dir)
csv_file = os.path.join(csv_dir, "filled.csv")
check(os.path.exists(csv_file), "LibreOffice wrote no .csv")
if os.path.exists(csv_file):
    compare(read_back(csv_file), "CSV", f"{csv_file}:", csv=True)

# ---- plan import: the LibreOffice-saved form goes into a copy of the demo ledger, once
ledger = os.path.join(tmp, "ledger")
shutil.copytree(demo, ledger)  # the plan files are links: copied as files


def imp(*args):
    return subprocess.run([plan, "--plan-dir", ledger, "import", *args], env=env, capture_output=True, text=True)


def entries_of_unit():
    p = subprocess.run([plan, "--plan-dir", ledger, "--format", "json", "log", "--unit", unit], env=env,
                       capture_output=True, text=True)
    return json.loads(p.stdout)["entries"]


before = entries_of_unit()
if os.path.exists(lo_file):
    r = imp(lo_file, "--dry-run")
    check(r.returncode == 0 and "将导入 3 条" in r.stderr, f"import --dry-run: {r.returncode} {r.stdout} {r.stderr}")
    check(entries_of_unit() == before, "--dry-run wrote entries")
    r = imp(lo_file)
    check(r.returncode == 0 and r.stdout.startswith("已导入 3 条记录"), f"import: {r.returncode} {r.stdout} {r.stderr}")
    new = [e for e in entries_of_unit() if e["id"] not in {b["id"] for b in before}]
    got = sorted((e["item"], e["status"], e["date"], e["note"], e["evidence"], e["by"]) for e in new)
    want = sorted([(a, "done", "2025-03-20", "已召开专题会议\n已印发方案",
                    ["古北发〔2025〕3号", "会议纪要.pdf", "https://example.cn/a"], "王敏"),
                   (b, "blocked", "2025-03-01", "缺少经费", [], "王敏"),
                   (c, "in_progress", "2025-02-28", "", [], "王敏")])
    check(got == want, f"imported entries\n  got  {got}\n  want {want}")
    check(all(e["recorded"] == "2025-03-31T09:00:00+08:00" for e in new), "imported entries lack the recorded stamp")
    r = imp(lo_file)
    check(r.returncode == 0 and "已导入 0 条记录" in r.stdout and "3 条此前已记录" in r.stdout,
          f"re-import added something: {r.stdout}")
    if os.path.exists(csv_file):
        r = imp(csv_file)
        check(r.returncode == 0 and "已导入 0 条记录" in r.stdout, f"the same rows as CSV were added again: {r.stdout} {r.stderr}")
    # A bad row anywhere means nothing is written.
    bad = openpyxl.load_workbook(filled)
    bad["报送表"][f"H{i[quiet]}"] = "完成"
    bad["报送表"][f"I{i[quiet]}"] = "2025-02-30"
    bad_file = os.path.join(tmp, "bad.xlsx")
    bad.save(bad_file)
    n = len(entries_of_unit())
    r = imp(bad_file)
    check(r.returncode == 1 and f"bad.xlsx:报送表!H{i[quiet]}: 错误：" in r.stderr and "已完成" in r.stderr
          and f"bad.xlsx:报送表!I{i[quiet]}: 错误：" in r.stderr, f"bad form: {r.returncode} {r.stderr}")
    check(len(entries_of_unit()) == n, "a bad form wrote entries")

    # A form made from an earlier plan: a row for an item the unit no longer has is refused with a
    # warning naming its cell, and the other rows go in.
    old = openpyxl.load_workbook(filled)
    meta_ws = old["_plan"]
    for row_cells in meta_ws.iter_rows():
        if row_cells[0].value == "plan_fingerprint":
            row_cells[1].value = "0123456789abcdef"
    old["报送表"][f"A{i[c]}"] = "(37)"
    old["报送表"][f"H{i[c]}"] = "已完成"
    old["报送表"][f"H{i[quiet]}"] = "已完成"
    old["报送表"][f"I{i[quiet]}"] = datetime.date(2025, 3, 1)
    old_file = os.path.join(tmp, "old.xlsx")
    old.save(old_file)
    n = len(entries_of_unit())
    r = imp(old_file)
    check(r.returncode == 0 and f"old.xlsx:报送表!A{i[c]}: 警告：此行未导入（报送表根据旧计划生成）" in r.stderr
          and "已导入 1 条记录" in r.stdout, f"old-plan form: {r.returncode} {r.stdout} {r.stderr}")
    check(len(entries_of_unit()) == n + 1, "the old-plan form did not import exactly its one valid new row")

# ---- English labels, Chinese keys
r = run("--lang", "en", "form", "--unit", unit, "-o", os.path.join(tmp, "en.xlsx"))
check(r.returncode == 0, f"English form exited {r.returncode}")
en = openpyxl.load_workbook(os.path.join(tmp, "en.xlsx"))
check(en.sheetnames == ["Form", "_plan"], f"English sheets {en.sheetnames}")
en_header = [c.value for c in en["Form"][6]]
check(en_header[0] == "事项" and en_header[7:] == ["状态", "日期", "说明", "佐证"] and en_header[1] == "Task",
      f"English header {en_header}")

print(f"form: {passed()} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
