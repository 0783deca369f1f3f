#!/usr/bin/env python3
"""Deterministic synthetic plans for benchmarks.

  generate.py SIZE OUT_DIR        SIZE: S | M | L | N | C

S ~ a county: about 700 assignments and 25,000 entries; M ~ a city: 12,000 and 500,000;
L ~ a province: 50,000 and 2,000,000. N ~ a city that writes long notes: M's plan, a report a
quarter (100,000 entries), every note 200-400 characters, and one entry in 50 written by hand
as a block mapping with a multi-line note (which plan reads with libyaml, not its fast path). C ~ one
county of a province's roll-up (bench/rollup.sh): 900 assignments, 25,000 entries. Units, groups, sections, tasks, measures with Chinese
text and deadlines; about 40 monthly entries per assignment with a realistic mix of states
(on time, late, blocked, never reported). Also writes tasks.json: one taskwarrior task per
assignment with the same due date, for the comparison.
"""
import datetime, json, os, random, sys

SIZES = {  # units, groups, tasks, measures per task, groups per measure, entries per assignment
    "S": (30, 3, 20, 2, 1.75, 36),
    "M": (300, 10, 60, 5, 1.34, 42),
    "L": (1000, 10, 60, 5, 1.67, 40),
    "N": (300, 10, 60, 5, 1.34, 9),
    # one county of a province's roll-up (bench/rollup.sh): ~900 assignments, ~25,000 entries
    "C": (36, 3, 21, 2, 1.75, 29),
}
size, out = sys.argv[1], sys.argv[2]
n_units, n_groups, n_tasks, per_task, groups_per, per_assignment = SIZES[size]
long_notes = size == "N"
step_days = 91 if long_notes else 30  # quarterly or monthly reports
PHRASES = ["已按照分类分级要求组织全体执法人员开展专题培训", "建立健全工作台账并逐项销号管理",
           "对照任务清单开展自查自纠，发现问题", "个，已整改", "个", "；下一步将继续加强督促检查，",
           "确保各项措施落到实处", "（详见附件：会议纪要、培训签到表）", "。", "，", "Q3 review done; ",
           "涉及“双随机、一公开”抽查", "次", "，覆盖率达到100%", "。存在的困难：人员编制不足、经费保障不到位"]


def long_note(k):
    """A note of 200-400 characters, as offices write them."""
    want = rng.randint(200, 400)
    parts = [f"第{k + 1}次报送："]
    length = len(parts[0])
    while length < want:
        p = PHRASES[rng.randrange(len(PHRASES))]
        if p in ("个", "次"):
            p = str(rng.randint(1, 99)) + p
        parts.append(p)
        length += len(p)
    return "".join(parts)[:want]
rng = random.Random(20240412)
os.makedirs(os.path.join(out, "plan", "progress"), exist_ok=True)

units = [f"单位{i:04d}" for i in range(n_units)]
groups = {f"第{g + 1}组": units[g::n_groups] for g in range(n_groups)}
group_names = list(groups)
with open(os.path.join(out, "plan", "units.yaml"), "w", encoding="utf-8") as f:
    f.write("# 基准测试用的合成数据（示例）\nunits:\n")
    for i, u in enumerate(units):
        f.write(f"  - name: {u}\n    kind: {'township' if i % 5 == 0 else 'department'}\n")
    f.write("groups:\n")
    for g, members in groups.items():
        f.write(f"  - name: {g}\n    members: [{', '.join(members)}]\n")

numerals = "一二三四五六"
deadlines = [(datetime.date(2024, 6, 30), "2024年6月底前"), (datetime.date(2024, 12, 31), "2024年底前"),
             (datetime.date(2025, 6, 30), "2025年上半年"), (datetime.date(2025, 12, 31), "2025年底前")]
measure_no = 0
tracked = []  # (item id, due, [units])
with open(os.path.join(out, "plan", "tasks.yaml"), "w", encoding="utf-8") as f:
    f.write("plan:\n  title: 合成基准计划\nsections:\n")
    for s in range(6):
        f.write(f"  - id: {numerals[s]}\n    title: 第{numerals[s]}部分 加强行政执法规范化建设\n    tasks:\n")
        for t in range(s * n_tasks // 6, (s + 1) * n_tasks // 6):
            due, text = deadlines[t % 4]
            f.write(f"      - id: {t + 1}\n        title: 任务{t + 1} 健全行政执法工作机制\n"
                    f"        units: [{group_names[t % n_groups]}]\n        deadline: {text}\n        measures:\n")
            for m in range(per_task):
                measure_no += 1
                k = int(groups_per) + (1 if rng.random() < groups_per - int(groups_per) else 0)
                gs = rng.sample(group_names, k)
                mdue, mtext = deadlines[min(3, t % 4 + (m % 2) * 0)]
                f.write(f"          - id: ({measure_no})\n            text: 第{measure_no}项具体措施，按照分类分级要求组织培训并建立台账。\n"
                        f"            units: [{', '.join(gs)}]\n")
                members = sorted({u for g in gs for u in groups[g]})
                tracked.append((f"({measure_no})", mdue, members))

per_unit = {u: [] for u in units}
for item, due, members in tracked:
    for u in members:
        per_unit[u].append((item, due))
assignments = sum(len(v) for v in per_unit.values())
states = ["未开始", "进行中", "已完成", "受阻"]
start = datetime.date(2023, 6, 28)
entries = 0
for u, items in per_unit.items():
    lines = []
    for item, due in items:
        fate = rng.random()  # 0.6 done (some late), 0.1 blocked, 0.25 in progress, 0.05 silent
        if fate > 0.95:
            continue
        done_at = per_assignment - 1 - rng.randint(0, 8) if fate < 0.6 else None
        for k in range(per_assignment):
            d = start + datetime.timedelta(days=step_days * k + rng.randint(0, 2))
            if done_at is not None and k >= done_at:
                st = "已完成"
            elif fate >= 0.6 and fate < 0.7 and k > per_assignment // 2:
                st = "受阻"
            else:
                st = "进行中" if k else "未开始"
            if not long_notes:
                lines.append(f'- {{date: {d.isoformat()}, item: "{item}", status: {st}, note: "第{k + 1}次报送"}}\n')
            elif rng.random() < 0.02:
                note = long_note(k)
                cut = len(note) // 2
                lines.append(f'- date: {d.isoformat()}\n  item: "{item}"\n  status: {st}\n  note: |\n'
                             f'    {note[:cut]}\n    {note[cut:]}\n')
            else:
                lines.append(f'- {{date: {d.isoformat()}, item: "{item}", status: {st}, note: "{long_note(k)}"}}\n')
    entries += len(lines)
    with open(os.path.join(out, "plan", "progress", u + ".yaml"), "w", encoding="utf-8") as f:
        f.write(f"# {u} 的进度记录（合成数据）\n")
        f.writelines(lines)

with open(os.path.join(out, "tasks.json"), "w", encoding="utf-8") as f:
    tasks = [{"description": f"{item} {u}", "project": "bench", "status": "pending",
              "due": due.strftime("%Y%m%dT000000Z"), "entry": "20230601T000000Z"}
             for u, items in per_unit.items() for item, due in items]
    json.dump(tasks, f, ensure_ascii=False)
json.dump({"size": size, "units": n_units, "assignments": assignments, "entries": entries},
          open(os.path.join(out, "stats.json"), "w"))
print(f"{size}: {n_units} units, {len(tracked)} measures, {assignments} assignments, {entries} entries")
