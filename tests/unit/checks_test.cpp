#include <doctest/doctest.h>

#include "core/reports/views.h"
#include "helpers.h"

using namespace plan;
using plan::test::Fixture;
using plan::test::kUnits;

namespace {
std::string one_task(const std::string& units, const std::string& extra = "") {
  return "sections:\n  - id: 一\n    title: 部分\n    tasks:\n      - id: 1\n        title: 任务\n"
         "        units: " +
         units + "\n        deadline: 2024年底前\n" + extra;
}
}  // namespace

TEST_CASE("check_unit_refs: an unknown unit names the nearest known one") {
  Fixture f(one_task("[全部, 各相镇]"), kUnits);
  CHECK(f.text() ==
        "tasks.yaml:7:21: error: unknown unit or group '各相镇' (did you mean '各乡镇'?)\n"
        "          units: [全部, 各相镇]\n"
        "                        ^\n");
}

TEST_CASE("check_duplicate_ids") {
  Fixture f(one_task("[全部]", "      - id: 1\n        title: 又一个\n        units: [全部]\n"),
            kUnits);
  CHECK(f.text() ==
        "tasks.yaml:9:9: error: id '1' is used twice (first at tasks.yaml:5)\n"
        "        - id: 1\n"
        "          ^\n");
}

TEST_CASE("check_group_cycles") {
  Fixture f(one_task("[全部]"), R"(units:
  - name: 甲
    kind: township
groups:
  - name: A
    members: [B, 甲]
  - name: B
    members: [A]
  - name: 全部
    members: [A]
)");
  CHECK(f.text() ==
        "units.yaml:8:15: error: groups contain each other in a cycle: A → B → A\n"
        "      members: [A]\n"
        "                ^\n");
}

TEST_CASE("check_deadline_order: a measure due after its task") {
  Fixture f(one_task("[全部]",
                     "        measures:\n          - id: (1)\n            text: x\n"
                     "            deadline: 2025年6月底前\n"),
            kUnits);
  CHECK(f.text() ==
        "tasks.yaml:12:23: error: '(1)' is due 2025-06-30, after its parent '1' due 2024-12-31\n"
        "              deadline: 2025年6月底前\n"
        "                        ^\n");
}

TEST_CASE("check_numbering: gaps are warnings") {
  Fixture f(one_task("[全部]",
                     "        measures:\n          - id: (1)\n            text: x\n"
                     "          - id: (4)\n            text: y\n"),
            kUnits);
  CHECK(f.text() ==
        "tasks.yaml:12:13: warning: specific measures are not numbered in sequence: (2)–(3) "
        "missing\n"
        "            - id: (4)\n"
        "              ^\n");
}

TEST_CASE("check_unit_names: a name used twice, also through an alias") {
  Fixture f(one_task("[全部]"), R"(units:
  - name: 甲
    kind: township
  - name: 乙
    kind: township
    aliases: [甲]
groups:
  - name: 全部
    members: [甲, 乙]
)");
  CHECK(f.text() ==
        "units.yaml:4:5: error: name '甲' is used twice (first at units.yaml:2)\n"
        "    - name: 乙\n"
        "      ^\n");
}

TEST_CASE("check_tracked_items: an item nobody is responsible for") {
  Fixture f(
      "sections:\n  - id: 一\n    title: 部分\n    tasks:\n      - id: 1\n        title: 任务\n"
      "        deadline: 2024年底前\n",
      R"(units:
  - name: 甲
    kind: township
)");
  CHECK(f.text() ==
        "tasks.yaml:5:9: error: '1' has no responsible unit\n"
        "        - id: 1\n"
        "          ^\n"
        "units.yaml:2:5: warning: unit '甲' is assigned nothing\n"
        "    - name: 甲\n"
        "      ^\n");
}

TEST_CASE("groups expand to sorted concrete units; roles merge to the strongest") {
  Fixture f(one_task("{lead: [司法局], implement: [全部]}"), kUnits);
  CHECK(f.text() == "");
  PlanIndex index(f.plan);
  CHECK(index.expand("全部") == std::vector<std::string>{"乙镇", "司法局", "甲镇", "财政局"});
  CHECK(index.expand("各乡镇") == std::vector<std::string>{"乙镇", "甲镇"});
  CHECK(index.groups_of("甲镇") == std::vector<std::string>{"各乡镇", "全部"});
  REQUIRE(index.assignments().size() == 4);
  for (const auto& a : index.assignments()) {
    CHECK(a.role == (a.unit == "司法局" ? Role::lead : Role::implement));
  }
}

TEST_CASE("tracked items are the leaves; parts and measures inherit units and deadlines") {
  Fixture f(R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务
        units: [司法局]
        deadline_text: 甲2024年底前，其余2025年底前
        parts:
          - id: 1a
            title: 甲
            deadline: 2024年底前
            measures:
              - id: (1)
                text: 措施
                units: [各乡镇]
          - id: 1b
            title: 其余
            deadline: 2025年底前
  - id: 二
    title: 要求
    requirements:
      - id: 二(一)
        title: 常态
        units: [财政局]
)",
            kUnits);
  CHECK(f.text() == "");
  PlanIndex index(f.plan);
  std::vector<std::string> leaves;
  for (const auto& it : index.items())
    if (it.leaf) leaves.push_back(it.id + "@" + (it.deadline ? iso(*it.deadline->due) : "-"));
  CHECK(leaves == std::vector<std::string>{"(1)@2024-12-31", "1b@2025-12-31", "二(一)@-"});
  CHECK(index.assigned_count("甲镇") == 1);
  CHECK(index.assigned_count("司法局") == 1);  // 1b only: (1) names its own units
  auto task = index.find_item("1");
  REQUIRE(task);
  std::vector<std::string> dues;
  for (auto d : own_due_dates(index, *task)) dues.push_back(iso(d));
  CHECK(dues == std::vector<std::string>{"2024-12-31", "2025-12-31"});
  CHECK(index.find_item("（1）") == index.find_item("(1)"));
}

TEST_CASE("acknowledged warnings are marked; a stale acknowledgement is itself a warning") {
  Diagnostics d = {warning({"t.yaml", 3, 5}, "numbering-gap", {"(7)–(11)"}),
                   warning({"t.yaml", 9, 5}, "numbering-gap", {"(20)"}),
                   error({"t.yaml", 12, 1}, "numbering-gap", {"(7)–(11)"})};
  std::vector<Acknowledgement> acks = {{"numbering-gap", "(7)–(11)", "原文缺失", {"t.yaml", 1, 1}},
                                       {"unit-unassigned", "", "暂无任务", {"t.yaml", 5, 1}}};
  acknowledge_warnings(acks, d);
  CHECK(d[0].acknowledged);
  CHECK_FALSE(d[1].acknowledged);  // another gap: not the one acknowledged
  CHECK_FALSE(d[2].acknowledged);  // errors are never acknowledged
  REQUIRE(d.size() == 4);
  CHECK(d[3].code == "ack-unused");
  CHECK(d[3].where.line == 5);
}
