// The plan record (core/plan/plan_cache.h): a plan read back from its record is the plan that was
// loaded, field for field, with the same diagnostics; a record for other bytes, another program,
// or one damaged anywhere is not used.
#include "core/plan/plan_cache.h"

#include <doctest/doctest.h>

#include <string>

#include "core/plan/checks.h"
#include "core/plan/load.h"
#include "core/plan/plan_index.h"

using namespace plan;

namespace {

// Every field of the model set to something other than its default.
const char* kTasks = R"(plan:
  title: 测试计划
  document: 测政办发〔2024〕1号
  issued: 2024-01-05
  note: 计划备注
  acknowledged:
    - warning: deadline-after-plan
      match: "9"
      reason: 已知
sections:
  - id: 一
    title: 部分一
    table_title: 表中的部分一
    note: 部分备注
    tasks:
      - id: 1
        title: 任务一
        table_title: 表中的任务一
        text: 任务正文
        units:
          - {name: 司法局, role: lead}
          - 各乡镇
        deadline: 2024年底前
        deadline_text: 2024年底前完成
        delays:
          - from: 2024年6月底前
            date: 2024-05-01
            reason: 延期
            document: 测政办函〔2024〕2号
        implements: [P1, P2]
        note: 任务备注
        parts:
          - id: 1a
            title: 甲
            units: [财政局]
            deadline: 2025年3月底前
            delays:
              - from: 2024年底前
                date: 2024-12-01
                reason: 再延
            implements: [P3]
            note: 部分备注
            measures:
              - id: (1)
                text: 措施一
                units: [甲镇]
                deadline: 2025-02-28
                implements: [P4]
                note: 措施备注
        measures:
          - id: (2)
            text: 措施二
    requirements:
      - id: 七(一)
        title: 要求
        text: 要求正文
        units: [全部]
        note: 要求备注
)";

const char* kUnits = R"(units:
  - name: 司法局
    kind: department
    aliases: [县司法局]
    coordination: office
    note: 单位备注
  - name: 财政局
    kind: department
    coordination: member
  - name: 甲镇
    kind: township
  - name: 乙镇
    kind: township
groups:
  - name: 各乡镇
    aliases: [乡镇]
    members: [甲镇, 乙镇]
    note: 分组备注
  - name: 全部
    members: [司法局, 财政局, 各乡镇]
)";

struct Loaded {
  Plan plan;
  Diagnostics load, check;
};

Loaded load(const char* tasks, const char* units) {
  Loaded l;
  l.plan.dir = "测/plan";
  l.plan.tasks_file = "测/plan/tasks.yaml";
  l.plan.units_file = "测/plan/units.yaml";
  REQUIRE(load_units_text(units, l.plan.units_file, l.plan, l.load));
  REQUIRE(load_tasks_text(tasks, l.plan.tasks_file, l.plan, l.load));
  PlanIndex index(l.plan);
  l.check = check_plan(l.plan, index);
  return l;
}

PlanRecordKey key_of(const Loaded& l, const char* program = "plan 1") {
  return plan_record_key(l.plan.dir, l.plan.tasks_file, kTasks, l.plan.units_file, kUnits, program);
}

}  // namespace

TEST_CASE("a plan read back from its record is the plan loaded, field for field") {
  Loaded l = load(kTasks, kUnits);
  // The fixture does reach the fields it is meant to fill.
  const Task& t = l.plan.sections.at(0).tasks.at(0);
  CHECK(t.delays.size() == 1);
  CHECK(t.implements.size() == 2);
  CHECK(t.parts.at(0).measures.at(0).deadline->due.has_value());
  CHECK(l.plan.info.acknowledged.size() == 1);
  CHECK(l.plan.units.at(0).coordination == Coordination::office);
  CHECK(l.plan.groups.at(0).aliases.size() == 1);
  CHECK(!l.plan.sections.at(0).requirements.empty());

  const PlanRecordKey key = key_of(l);
  const std::string bytes = encode_plan_record(key, l.plan, l.load, l.check);
  auto back = decode_plan_record(bytes, key);
  REQUIRE(back);
  CHECK(back->plan == l.plan);
  CHECK(back->load_diags == l.load);
  CHECK(back->check_diags == l.check);

  // A plan with warnings keeps them, suggestions and acknowledgements included.
  Diagnostics warns = l.check;
  Diagnostic w = warning({"测/plan/tasks.yaml", 3, 4}, "some-warning", {"a", "b"}, "建议");
  w.acknowledged = true;
  warns.push_back(w);
  auto again = decode_plan_record(encode_plan_record(key, l.plan, l.load, warns), key);
  REQUIRE(again);
  CHECK(again->check_diags == warns);
}

TEST_CASE("the shipped plan round-trips through its record") {
  LoadResult r = load_plan(PLAN_SOURCE_DIR "/plan");
  REQUIRE(r.parsed);
  PlanIndex index(r.plan);
  Diagnostics check = check_plan(r.plan, index);
  PlanRecordKey key;
  key.hash[0] = 1;
  auto back = decode_plan_record(encode_plan_record(key, r.plan, r.diags, check), key);
  REQUIRE(back);
  CHECK(back->plan == r.plan);
  CHECK(back->check_diags == check);
}

TEST_CASE("a plan record is not used for other bytes, another program or when damaged") {
  Loaded l = load(kTasks, kUnits);
  const PlanRecordKey key = key_of(l);
  const std::string bytes = encode_plan_record(key, l.plan, l.load, l.check);
  // The key changes with every input.
  std::string other_tasks = std::string(kTasks) + "# 注释\n";
  CHECK(!decode_plan_record(bytes, plan_record_key(l.plan.dir, l.plan.tasks_file, other_tasks,
                                                   l.plan.units_file, kUnits, "plan 1")));
  CHECK(!decode_plan_record(bytes, key_of(l, "plan 2")));
  CHECK(!decode_plan_record(bytes, plan_record_key("plan", "plan/tasks.yaml", kTasks,
                                                   "plan/units.yaml", kUnits, "plan 1")));
  // No two splits of the same bytes between the parts give one key.
  CHECK(!decode_plan_record(
      bytes, plan_record_key(l.plan.dir, l.plan.tasks_file, std::string(kTasks) + kUnits,
                             l.plan.units_file, "", "plan 1")));
  // Any byte changed, and any length cut, is refused.
  for (std::size_t i = 0; i < bytes.size(); i += 7) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    CHECK_MESSAGE(!decode_plan_record(bad, key), "byte ", i);
  }
  for (std::size_t n = 0; n < bytes.size(); n += 13)
    CHECK_MESSAGE(!decode_plan_record(bytes.substr(0, n), key), "cut at ", n);
  CHECK(!decode_plan_record(bytes + "x", key));
}
