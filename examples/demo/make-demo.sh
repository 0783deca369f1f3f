#!/usr/bin/env bash
# 示例数据（虚构）：古县计划的一组进度记录，供 README 演示和金标测试使用。
# Demo data (fictional): progress entries on the Gu County plan, for the README demo and the
# golden tests. The entries are made with `plan record` itself; run again to rebuild them:
#   examples/demo/make-demo.sh build/plan
set -euo pipefail
plan=$(realpath "${1:-build/plan}")
cd "$(dirname "$0")"
rm -f plan/progress/*.yaml
export PLAN_DIR=plan PLAN_TODAY=2025-03-31
# Each entry is recorded on the day of the work, at 10:00 China time, unless RECORDED says when.
# rid does the same and prints the new entry's id.
rid() {
  local date=2025-03-31 a prev=
  for a in "$@"; do [ "$prev" = --date ] && date=$a; prev=$a; done
  PLAN_NOW=${RECORDED:-${date}T10:00:00+08:00} "$plan" record "$@" | sed -n 's/^已记录（编号 \([0-9a-f]*\)）.*/\1/p'
}
r() { rid "$@" >/dev/null; }

# 司法局（协调办公室）：按月报送
r m4  --unit 司法局 --status 已完成 --date 2024-06-25 --note 完成全员轮训 --by 王敏
r m25 --unit 司法局 --status 进行中 --date 2024-03-15 --note 已印发2024年度行政执法监督工作方案 --evidence 古司发〔2024〕5号 --by 王敏
r m15 --unit 司法局 --status 已完成 --date 2024-10-30 --by 王敏
r m3  --unit 司法局 --status 已完成 --date 2024-11-30 --note 行政执法大讲堂已办6期 --by 王敏
r m1  --unit 司法局 --status 已完成 --date 2024-12-15 --by 王敏
r m2  --unit 司法局 --status 已完成 --date 2024-12-15 --by 王敏
r m17 --unit 司法局 --status 已完成 --date 2024-12-10 --note 完成对下放乡镇事项的评估 --evidence 古司发〔2024〕31号 --by 王敏
r m5  --unit 司法局 --status 已完成 --date 2024-12-20 --by 王敏
r m6  --unit 司法局 --status 已完成 --date 2024-12-20 --by 王敏
r 5a  --unit 司法局 --status 已完成 --date 2024-12-28 --by 王敏
r 6   --unit 司法局 --status 进行中 --date 2024-12-28 --note 裁量基准清单待县政府审定 --by 王敏
r m16 --unit 司法局 --status 已完成 --date 2024-12-26 --by 王敏
r m18 --unit 司法局 --status 已完成 --date 2024-12-30 --note 北平镇试点通过验收 --by 王敏
r m22 --unit 司法局 --status 已完成 --date 2024-12-31 --note 县乡行政执法协调监督体系基本建成 --by 王敏
r m21 --unit 司法局 --status 已完成 --date 2025-01-06 --note 与县纪委监委等建立案件移送机制 --by 王敏
r 七\(一\) --unit 司法局 --status 进行中 --date 2024-05-06 --note 已组建工作专班 --by 王敏

# 乡镇
r m4  --unit 北平镇 --status 已完成 --date 2024-06-20 --by 李强
r m18 --unit 北平镇 --status 已完成 --date 2024-11-15 --note 规范化试点建设完成 --evidence 古北政发〔2024〕12号 --by 李强
r m1  --unit 北平镇 --status 已完成 --date 2024-12-01 --by 李强
r m2  --unit 北平镇 --status 进行中 --date 2024-12-01 --by 李强
r m4  --unit 古阳镇 --status 进行中 --date 2024-05-20 --by 赵丽
r m4  --unit 古阳镇 --status 已完成 --date 2024-07-15 --note 轮训推迟至7月完成 --by 赵丽
r m3  --unit 古阳镇 --status 进行中 --date 2024-10-10 --by 赵丽
r m4  --unit 旧县镇 --status 进行中 --date 2024-05-30 --by 孙涛
r m4  --unit 旧县镇 --status 已完成 --date 2025-02-10 --by 孙涛
r m4  --unit 三合镇 --status 受阻 --date 2024-06-10 --note 乡镇区划调整后执法人员尚未到位 --by 周平
r m4  --unit 南垣乡 --status 已完成 --date 2024-06-28 --by 吴静
# 岳阳镇：从未报送

# 部门
r m35 --unit 财政局 --status 受阻 --date 2024-11-30 --note 待市级工资待遇政策文件 --by 郑华
r m37 --unit 财政局 --status 进行中 --date 2024-12-01 --note 2025年预算已列支执法经费 --by 郑华
r m4  --unit 财政局 --status 已完成 --date 2024-06-18 --by 郑华
r m35 --unit 人社局 --status 进行中 --date 2024-12-15 --by 钱红
r 7   --unit 市场监管局 --status 进行中 --date 2024-09-01 --note 食品药品领域全覆盖检查 --by 冯军
r m4  --unit 市场监管局 --status 已完成 --date 2024-05-31 --by 冯军
r m1  --unit 市场监管局 --status 已完成 --date 2024-11-20 --by 冯军
r m2  --unit 市场监管局 --status 已完成 --date 2024-11-20 --by 冯军
r 5a  --unit 应急管理局 --status 已完成 --date 2024-11-28 --note 应急管理领域专项监督完成 --evidence 古应急发〔2024〕30号 --by 陈刚
r m4  --unit 应急管理局 --status 已完成 --date 2024-06-15 --by 陈刚
r m4  --unit 自然资源局 --status 已完成 --date 2024-06-30 --by 褚亮
r m4  --unit 卫健体局 --status 已完成 --date 2024-06-12 --by 卫东
r m4  --unit 住建局 --status 已完成 --date 2024-07-03 --by 蒋伟
r m4  --unit 交通运输局 --status 进行中 --date 2024-06-28 --by 沈洁
r m20 --unit 公安局 --status 进行中 --date 2024-12-05 --by 韩冰
r m20 --unit 纪委监委 --status 进行中 --date 2024-12-05 --by 杨帆
r m29 --unit 行政审批局 --status 进行中 --date 2024-08-01 --by 朱琳
r m29 --unit 工信局 --status 进行中 --date 2024-08-01 --by 秦岭
# 教科局等：从未报送

# 更正、撤回和迟报（docs/progress.md 中的例子）
id=$(rid m16 --unit 北平镇 --status 已完成 --date 2024-12-20 --by 李强)
PLAN_NOW=2025-01-10T15:00:00+08:00 "$plan" amend "$id" --date 2025-01-10 \
  --reason 完成日期填错，以验收日期为准 --by 王敏 >/dev/null
id=$(rid m3 --unit 南垣乡 --status 未开始 --date 2024-12-25 --by 吴静)
PLAN_NOW=2024-12-26T09:30:00+08:00 "$plan" retract "$id" \
  --reason 误报，本乡未承担此项培训任务的报送 --by 吴静 >/dev/null
RECORDED=2025-01-05T11:00:00+08:00 r m15 --unit 古阳镇 --status 已完成 --date 2024-12-28 --note 迟报 --by 赵丽
echo "demo entries: $(cat plan/progress/*.yaml | grep -c '^- ')"
