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
      {"plan/progress/.gitignore", "# Written by plan record; never committed.\n.lock\n.*.tmp\n"},
      {"plan/progress/README.md", R"(# 进度记录（progress entries）

每个单位一个文件，由 `plan record` 追加，请勿手工删改已有记录。
One file per unit, appended by `plan record`; do not edit existing entries by hand.
)"},
      {".gitattributes", kGitAttributes},
  };
}

}  // namespace plan
