#include "core/plan/init.h"

namespace plan {

const char* const kGitAttributes =
    "# Progress files are append-only, one entry per line: merging two clones keeps both sides'\n"
    "# lines instead of reporting a conflict (see docs/review.md).\n"
    "plan/progress/*.yaml merge=union\n";

std::vector<TemplateFile> init_template() {
  return {
      {"plan/units.yaml", R"(# 单位与分组（units and groups）。说明见 docs/data-format.md。
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
      {"plan/tasks.yaml", R"(# 任务分解（the breakdown）。说明见 docs/data-format.md。
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
