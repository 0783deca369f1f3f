#!/usr/bin/env python3
"""plan import-plan, end to end.

  import_plan_test.py PLAN_BINARY SOURCE_ROOT

1. Round trip: `plan export --format xlsx` of the shipped plan (in Chinese and in English) and of
   the other-county fixture, then `plan import-plan` of that workbook with --units: the draft
   passes `plan check`, its units.yaml is the units file given, and `plan tasks --format json`
   equals the original's apart from what a breakdown table does not carry (compare_tasks.py).
   Without --units the same holds for tasks and measures (groups come out empty, so the
   expanded assignees are left out of that comparison).
2. A county's own table, made here with openpyxl in the style of a real one: 附件2 and a title
   above a header whose 重点任务 spans two columns, sections （一） in merged cells, tasks 1. in
   merged cells, several measures （3）（4） in one cell, units and deadlines merged over rows,
   牵头/配合 wording, 长期坚持 and 持续推进, a name that is no unit's, a remark beside the table
   and a footnote under it. The draft must equal the one made from the same table saved as CSV
   (tests/fixtures/import-plan/county.csv, no merged cells), and the warnings must name the cells.
"""
import json, os, subprocess, sys, tempfile

try:
    import openpyxl
except ImportError:
    print("FAIL: python3-openpyxl is not installed (apt-get install python3-openpyxl)")
    sys.exit(1)

plan, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_tasks  # noqa: E402

env = dict(os.environ, PLAN_TODAY="2025-03-31")
env.pop("PLAN_LANG", None)
tmp = tempfile.mkdtemp()


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check, failures, passed, total  # noqa: E402


def run(*args, cwd=tmp):
    return subprocess.run([plan, *args], env=env, capture_output=True, text=True, cwd=cwd)


def tasks_json(plan_dir):
    r = run("--plan-dir", plan_dir, "--format", "json", "tasks")
    check(r.returncode == 0, f"plan tasks in {plan_dir}: {r.stderr}")
    return json.loads(r.stdout) if r.returncode == 0 else {"tasks": [], "requirements": []}


def same_tasks(want, got, what, drop=()):
    a, b = compare_tasks.normalize(want), compare_tasks.normalize(got)
    for doc in (a, b):
        for t in doc["tasks"] + doc["requirements"]:
            for k in drop:
                t.pop(k, None)
    if a != b:
        import difflib
        diff = difflib.unified_diff(json.dumps(a, ensure_ascii=False, indent=1).splitlines(),
                                    json.dumps(b, ensure_ascii=False, indent=1).splitlines(),
                                    "expected", "imported", lineterm="", n=2)
        print("\n".join(list(diff)[:60]), file=sys.stderr)
    check(a == b, what)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# ---------------------------------------------------------------- 1. round trip

cases = [
    ("shipped-zh", os.path.join(root, "plan"), "zh"),
    ("shipped-en", os.path.join(root, "plan"), "en"),
    ("other-county", os.path.join(root, "tests/fixtures/other-county/plan"), "zh"),
]
for name, plan_dir, lang in cases:
    book = os.path.join(tmp, name + ".xlsx")
    r = run("--plan-dir", plan_dir, "--lang", lang, "export", "-o", book, "--as-of", "2025-01-01")
    check(r.returncode == 0, f"{name}: export exited {r.returncode}: {r.stderr}")
    units = os.path.join(plan_dir, "units.yaml")
    out = os.path.join(tmp, name + "-draft")
    r = run("--lang", lang, "import-plan", book, "-o", out, "--units", units)
    check(r.returncode == 0, f"{name}: import-plan exited {r.returncode}: {r.stderr}")
    check(read(os.path.join(out, "units.yaml")) == read(units),
          f"{name}: units.yaml is not the --units file unchanged")
    r = run("--plan-dir", out, "check")
    check(r.returncode == 0, f"{name}: the draft fails plan check: {r.stderr}")
    same_tasks(tasks_json(plan_dir), tasks_json(out), f"{name}: tasks differ after the round trip")
    r = run("--plan-dir", out, "--format", "json", "units")
    want = run("--plan-dir", plan_dir, "--format", "json", "units")
    check(r.stdout == want.stdout, f"{name}: plan units differ after the round trip")

    # Without --units: units and groups are built from the names; groups have no members yet.
    out = os.path.join(tmp, name + "-built")
    r = run("--lang", lang, "import-plan", book, "-o", out)
    check(r.returncode == 0, f"{name} (no --units): import-plan exited {r.returncode}: {r.stderr}")
    check(run("--plan-dir", out, "check").returncode == 0, f"{name} (no --units): plan check fails")
    same_tasks(tasks_json(plan_dir), tasks_json(out),
               f"{name} (no --units): tasks differ after the round trip", drop=("assignees",))

# ---------------------------------------------------------------- 2. a county's own table

county_csv = os.path.join(root, "tests/fixtures/import-plan/county.csv")
county_units = os.path.join(root, "tests/fixtures/import-plan/units.yaml")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "分解表"
rows = {
    1: ["附件2"],
    2: ["东山县提升行政执法质量三年行动计划（2023—2025年）重点任务分解表"],
    3: ["重点任务", None, "具体措施", "责任单位", "完成时限", "备注"],
    4: ["（一）着力提升行政执法人员能力素质", "1.着力提高政治能力",
        "（1）加强基层行政执法单位党组织建设，充分发挥党建引领作用。", "各乡镇、各行政执法单位", "2024年底前"],
    5: [None, None, "（2）运用专题党课、辅导讲座等方式，深入学习习近平法治思想。"],
    6: [None, "2.大力提升法治能力", "（3）组织本级行政执法人员公共法律知识培训。\n（4）每年开展一次以案释法活动。",
        "县司法局牵头，各乡镇、各行政执法单位配合", "长期坚持"],
    7: [None, "3.全面提高业务能力", "（5）组织开展专业法律知识和执法技能培训，完成全员轮训。",
        "各乡镇、各行政执法单位", "2024年6月底前", "正文为“各乡镇、各行政执法单位自行组织”"],
    8: ["(二) 切实推进严格规范公正文明执法", "4.规范涉企行政执法行为", "(6) 畅通涉企行政执法投诉举报渠道。",
        "市场监管局牵头，税务局、人社局配合", "2025年6月底前"],
    9: [None, None, "(7) 探索涉企行政合规指导。", "县工商联", "持续推进"],
    10: [None, None, "(8) 开展涉企行政执法案件经济影响评估。", "各乡镇、各行政执法单位", "2024年底前"],
    11: [None, "5.严格执法监督", "(9) 制定年度行政执法监督工作方案。", "司法局", "2025年底前", None,
         "请于3月底前报送"],
    12: ["注：本表由县司法局汇总，各单位对照落实。"],
}
for r, values in rows.items():
    for c, v in enumerate(values, start=1):
        if v is not None:
            ws.cell(row=r, column=c, value=v)
for rng in ["A2:F2", "A3:B3", "A4:A7", "A8:A11", "B4:B5", "B8:B10", "D4:D5", "E4:E5", "A12:F12"]:
    ws.merge_cells(rng)
county_xlsx = os.path.join(tmp, "东山县分解表.xlsx")
wb.save(county_xlsx)

r = run("import-plan", county_xlsx, "-o", "xlsx-draft")
check(r.returncode == 0, f"county xlsx: import-plan exited {r.returncode}: {r.stderr}")
err = r.stderr
for cell, words in [("分解表!D4", "分组“各乡镇”已加入 units.yaml，成员为空"),
                    ("分解表!E6", "完成时限“长期坚持”没有具体日期"),
                    ("分解表!D6", "“县司法局”和“司法局”可能是同一个单位"),
                    ("分解表!D9", "看不出“县工商联”是什么单位"),
                    ("分解表!E9", "完成时限“持续推进”没有具体日期"),
                    ("分解表!G11", "这一格无法归入任何任务或措施，没有导入：请于3月底前报送"),
                    ("分解表!A12", "这一格无法归入任何任务或措施，没有导入：注：本表由县司法局汇总")]:
    check(f"东山县分解表.xlsx:{cell}: 警告：{words}" in err, f"county xlsx: no warning at {cell}: {err}")
check(err.count("分组“各乡镇”") == 1, "county xlsx: a merged units cell is said more than once")
check(run("--plan-dir", "xlsx-draft", "check").returncode == 0, "county xlsx: plan check fails")

r = run("import-plan", county_csv, "-o", "csv-draft")
check(r.returncode == 0, f"county csv: import-plan exited {r.returncode}: {r.stderr}")
xlsx_tasks = tasks_json(os.path.join(tmp, "xlsx-draft"))
csv_tasks = tasks_json(os.path.join(tmp, "csv-draft"))
check(xlsx_tasks == csv_tasks, "county: the .xlsx (merged cells) and the CSV give different drafts")

by_id = {m["id"]: m for t in xlsx_tasks["tasks"] for m in t["measures"]}
tasks = {t["id"]: t for t in xlsx_tasks["tasks"]}
check(sorted(tasks) == ["1", "2", "3", "4", "5"], f"county: tasks {sorted(tasks)}")
check([t["section"] for t in xlsx_tasks["tasks"]] == ["一", "一", "一", "二", "二"], "county: sections")
check(sorted(by_id, key=lambda i: int(i[1:-1])) == [f"({n})" for n in range(1, 10)],
      f"county: measures {sorted(by_id)}")
check(by_id["(4)"]["text"] == "每年开展一次以案释法活动。", f"county: (4) {by_id['(4)']['text']!r}")
check(by_id["(2)"]["units"] == ["各乡镇", "各行政执法单位"] and by_id["(2)"]["due"] == "2024-12-31",
      "county: (2) does not take the merged units and deadline")
check(by_id["(3)"]["roles"] == [{"name": "县司法局", "role": "lead"},
                                {"name": "各乡镇", "role": "implement"},
                                {"name": "各行政执法单位", "role": "implement"}],
      f"county: (3) roles {by_id['(3)']['roles']}")
check(by_id["(3)"]["due"] is None and "长期坚持" in tasks["2"]["note"], "county: 长期坚持")
check(by_id["(7)"]["due"] is None and "持续推进" in by_id["(7)"]["note"], "county: 持续推进")
check(by_id["(6)"]["due"] == "2025-06-30" and by_id["(8)"]["due"] == "2024-12-31",
      "county: measures keep their own deadlines")
check(by_id["(5)"]["note"] == "正文为“各乡镇、各行政执法单位自行组织”", "county: 备注 is the note")
check(tasks_json(os.path.join(tmp, "xlsx-draft")) and
      read(os.path.join(tmp, "xlsx-draft", "tasks.yaml")).startswith(
          "# 由 plan import-plan 从 东山县分解表.xlsx 生成的草稿".encode()), "county: header comment")

# With the county's units list: names matched, unknown ones marked for a human.
r = run("import-plan", county_xlsx, "-o", "units-draft", "--units", county_units)
check(r.returncode == 0, f"county --units: import-plan exited {r.returncode}: {r.stderr}")
check("东山县分解表.xlsx:分解表!D6: 警告：“县司法局”按单位名单中的“司法局”导入" in r.stderr,
      f"county --units: 县司法局: {r.stderr}")
check("东山县分解表.xlsx:分解表!D8: 警告：单位“税务局”不在单位名单中" in r.stderr,
      f"county --units: 税务局: {r.stderr}")
units_yaml = read(os.path.join(tmp, "units-draft", "units.yaml")).decode()
check(units_yaml.startswith(read(county_units).decode().split("\ngroups:")[0].rstrip()),
      "county --units: the units list is not kept as it was")
check("  - name: 税务局\n    kind: other\n    note: 待核实：导入时不在单位名单中（东山县分解表.xlsx:分解表!D8）\n"
      in units_yaml, f"county --units: 税务局 in units.yaml:\n{units_yaml}")
check(run("--plan-dir", "units-draft", "check").returncode == 0, "county --units: plan check fails")
r = run("--plan-dir", "units-draft", "--format", "json", "tasks", "--unit", "甲镇")
check(r.returncode == 0 and "(1)" in r.stdout, "county --units: 各乡镇 does not reach 甲镇")

# A second run without --force changes nothing.
before = read(os.path.join(tmp, "units-draft", "tasks.yaml"))
r = run("import-plan", county_csv, "-o", "units-draft")
check(r.returncode == 1 and "已存在" in r.stderr, f"existing draft: {r.returncode} {r.stderr}")
check(read(os.path.join(tmp, "units-draft", "tasks.yaml")) == before, "existing draft changed")

print(f"{passed()}/{total()} checks passed")
sys.exit(1 if failures else 0)
