#include "core/plan/init.h"

#include "plan_embedded.h"

namespace plan {

const char* const kGitAttributes =
    "# Progress files are append-only, one entry per line: merging two clones keeps both sides'\n"
    "# lines instead of reporting a conflict (see docs/review.md).\n"
    "plan/progress/*.yaml merge=union\n";

const char* pre_commit_hook() {
  return embedded::kPreCommitHook;
}

std::vector<TemplateFile> init_template() {
  return {
      {"README.md", R"(# 行动计划台账 / Action plan ledger

本目录用 `plan` 程序管理一份行动计划的任务分解和进度台账，全部是纯文本，放在 git 中。

- `plan/tasks.yaml`：任务分解（部分 → 任务 → 分项 → 具体措施），含责任单位和完成时限；
- `plan/units.yaml`：责任单位和分组；
- `plan/progress/`：各单位的进度记录，每个单位一个文件，只追加；
- `docs/plan-data-format.md`：以上文件的格式说明。

常用命令：

```
plan check                                  # 检查计划文件
plan record 1 --unit 甲镇 --status 进行中    # 记一条进度（可先 export PLAN_UNIT=甲镇）
plan status / plan overdue / plan report    # 看进度、逾期和汇总
plan form --all -o 报送表/                   # 给各单位生成报送表；收回后 plan import 报送表/*.xlsx
plan report --format html -o 看板.html       # HTML 看板
```

提交前检查（pre-commit hook）已装在本仓库：有错误的计划不能提交。

*English.* `plan/tasks.yaml` holds the breakdown, `plan/units.yaml` the units, `plan/progress/`
one append-only file of progress entries per unit; `docs/plan-data-format.md` describes them.
Run `plan check`, `plan record`, `plan status`, `plan report`; `plan --lang en --help` lists all.
A pre-commit hook refuses commits whose plan has errors.
)"},
      {"docs/plan-data-format.md", embedded::kDataFormat},
      {"plan/units.yaml", R"(# 单位与分组（units and groups）。说明见 docs/plan-data-format.md。
#
# units: 每个责任单位一项。
#   name:         单位名称（在全部单位、分组及别名中唯一）
#   kind:         township（乡镇）| department（部门）| supervisory（监察机关）
#                 | judicial（司法机关）| other（其他）
#   aliases:      文件中出现的其他写法，可省略
#   coordination: office（牵头办公室）| member（成员单位），可省略
# groups: 分组，如“各乡镇”；members 可以是单位，也可以是其他分组（不能循环包含）。

units:
  - name: 司法局
    kind: department
    coordination: office
  - name: 财政局
    kind: department
    coordination: member
  - name: 甲镇
    kind: township
  - name: 乙乡
    kind: township

groups:
  - name: 各乡镇
    members: [甲镇, 乙乡]
  - name: 各部门
    members: [司法局, 财政局]
)"},
      {"plan/tasks.yaml", R"(# 任务分解（the breakdown）。说明见 docs/plan-data-format.md。
#
# sections → tasks → parts（分项，可选）→ measures（具体措施，可选）。
#   deadline 按文件原文书写，如 2024年底前、2024年6月底前、2025年3月15日前、2024年上半年、
#   2024-12-31；截止日期取该期间最后一天（当天完成不算逾期）。
#   units 写原文中的单位或分组；分角色时写成 {lead: [...], implement: [...]}。

plan:
  title: 示例工作方案
  document: 示例〔2025〕1号

sections:
  - id: 一
    title: 示例部分
    tasks:
      - id: 1
        title: 示例任务
        text: 在此填写任务原文。
        units: [各乡镇, 各部门]
        deadline: 2025年底前
        measures:
          - id: (1)
            text: 示例具体措施，由司法局牵头、各乡镇落实，时限早于任务。
            units:
              lead: [司法局]
              implement: [各乡镇]
            deadline: 2025年6月底前
          - id: (2)
            text: 示例具体措施，沿用任务的责任单位和时限。
)"},
      {"plan/scoring.yaml",
       R"(# 评分规则（plan score、plan brief 的评分部分、plan export 的“评分”表）
# Scoring rules (plan score, the score section of plan brief, the Score sheet of plan export).
#
# 这些分值只是示例，供协调办公室按本县考核办法调整，不是官方权重。
# These points are examples for the coordination office to adapt to the county's own assessment
# method; they are not official weights.
#
# 评分期为一个年度（plan score --year 2024，默认为截止日期所在年度）。每个单位从 base 起算；
# 完成时限在该年度内、且已到期的每项责任分工按其状态加减分；该年度每个已结束的月份
# （从计划印发的月份起），单位还有未完成事项却没有报送任何进展的，按 missed_month 扣分。
# The period is one year. Every unit starts at `base`; each of its assignments due in the year
# adds the points of its state; each month of the year that has ended (from the month the plan
# was issued) in which the unit had open work and reported nothing adds `missed_month`.

base: 100               # 起始分 / starting score
done_on_time: 0         # 每项按时完成 / per assignment done by its deadline
done_late: -1           # 每项逾期完成 / per assignment done after its deadline
overdue: -3             # 每项逾期未完成 / per assignment past due and not done
overdue_per_month: -1   # 逾期未完成的，每满 30 天再扣 / and per full 30 days overdue
blocked: -1             # 每项受阻 / per blocked assignment
missed_month: -1        # 每个未报送进展的月份 / per month without a report
floor: 0                # 最低分（写 null 表示不设下限）/ lowest score (null: none)
)"},
      {"plan/progress/.gitignore", "# Written by plan record; never committed.\n.lock\n.*.tmp\n"},
      {"plan/progress/README.md", R"(# 进度记录（progress entries）

每个单位一个文件，由 `plan record` 追加，请勿手工删改已有记录。
One file per unit, appended by `plan record`; do not edit existing entries by hand.
)"},
      {".gitattributes", kGitAttributes},
  };
}

}  // namespace plan
