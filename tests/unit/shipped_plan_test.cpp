// The shipped Gu County plan: it checks clean and gives the overdue lists the issue names.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/ledger/ledger.h"
#include "core/plan/checks.h"
#include "core/plan/load.h"

using namespace plan;

namespace {
std::set<std::string> overdue_items(const PlanIndex& index, const char* as_of) {
  Ledger l = compute_ledger(index, {}, *parse_iso_date(as_of));
  std::set<std::string> out;
  for (const auto& r : l.rows)
    if (r.overdue) out.insert(index.items()[index.assignments()[r.assignment].item].id);
  return out;
}
std::size_t overdue_count(const PlanIndex& index, const char* as_of) {
  Ledger l = compute_ledger(index, {}, *parse_iso_date(as_of));
  std::size_t n = 0;
  for (const auto& r : l.rows) n += r.overdue;
  return n;
}
}  // namespace

TEST_CASE("the shipped plan checks clean, with the one known warning") {
  LoadResult r = load_plan(PLAN_SOURCE_DIR "/plan");
  REQUIRE(r.parsed);
  CHECK(r.diags.empty());
  PlanIndex index(r.plan);
  Diagnostics d = check_plan(r.plan, index);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "numbering-gap");
  CHECK(d[0].args == std::vector<std::string>{"(7)–(11)"});
  CHECK(r.plan.sections.size() == 7);
  std::size_t tasks = 0, measures = 0;
  for (const auto& it : index.items()) {
    tasks += it.type == ItemType::task;
    measures += it.type == ItemType::measure;
  }
  CHECK(tasks == 20);
  CHECK(measures == 33);  // 38 in Attachment 2, (7)–(11) lost in the source
  CHECK(index.expand("各乡镇").size() == 6);
  CHECK(index.expand("各行政执法单位").size() == 20);
  CHECK(iso(*index.items()[*index.find_item("5a")].deadline->due) == "2024-12-31");
  CHECK(iso(*index.items()[*index.find_item("5b")].deadline->due) == "2025-12-31");
  CHECK(iso(*index.items()[*index.find_item("(35)")].deadline->due) == "2024-12-31");
  CHECK(iso(*index.items()[*index.find_item("(34)")].deadline->due) == "2025-12-31");
}

TEST_CASE("the shipped plan follows the seed where Attachment 2 is shifted or names more units") {
  LoadResult r = load_plan(PLAN_SOURCE_DIR "/plan");
  REQUIRE(r.parsed);
  PlanIndex index(r.plan);
  auto role_of = [&](const char* item, const char* unit) -> std::optional<Role> {
    auto a = index.assignment_of(*index.find_item(item), unit);
    if (!a) return std::nullopt;
    return index.assignments()[*a].role;
  };
  // (21): the row is shifted in the table; task 13's text gives its units and deadline.
  const Item& m21 = index.items()[*index.find_item("(21)")];
  CHECK(iso(*m21.deadline->due) == "2025-12-31");
  for (const char* unit :
       {"纪委监委", "公安局", "检察院", "法院", "岳阳镇", "南垣乡", "市场监管局"})
    CHECK_MESSAGE(role_of("(21)", unit).has_value(), unit);
  // (28): both cells of the table: 司法局 leads, 行政审批局 and 工信局 by their duties.
  CHECK(role_of("(28)", "司法局") == Role::lead);
  CHECK(role_of("(28)", "行政审批局") == Role::responsible);
  CHECK(role_of("(28)", "工信局") == Role::responsible);
  CHECK(role_of("(28)", "北平镇") == Role::implement);
  // Task 1's two measures give each of the six townships one assignment: 12 (docs/data-format.md).
  const auto townships = index.expand("各乡镇");
  std::size_t townships_on_1 = 0;
  for (const auto& a : index.assignments())
    if (index.items()[a.item].task == "1" && index.items()[a.item].leaf &&
        std::find(townships.begin(), townships.end(), a.unit) != townships.end())
      ++townships_on_1;
  CHECK(townships_on_1 == 12);
}

TEST_CASE(
    "with no entries, overdue as of 2024-12-31 is exactly task 3; a day later adds 2024's items") {
  LoadResult r = load_plan(PLAN_SOURCE_DIR "/plan");
  PlanIndex index(r.plan);
  CHECK(overdue_items(index, "2024-06-30").empty());
  CHECK(overdue_items(index, "2024-12-31") == std::set<std::string>{"(4)"});
  CHECK(overdue_count(index, "2024-12-31") == 26);  // 6 townships + 20 enforcement units
  std::set<std::string> due_2024;
  for (const auto& it : index.items())
    if (it.leaf && it.deadline && it.deadline->due && iso(*it.deadline->due) <= "2024-12-31")
      due_2024.insert(it.id);
  CHECK(overdue_items(index, "2025-01-01") == due_2024);
  CHECK(due_2024 == std::set<std::string>{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "5a", "6",
                                          "(15)", "(16)", "(17)", "(18)", "(22)", "(35)"});
}

TEST_CASE("each item's responsible units are the assignees at or under it, in units.yaml order") {
  // Worked out here from the assignments themselves, for the shipped plan and another county's.
  std::size_t unions = 0;  // items whose units come from more than one tracked item
  for (const std::string dir :
       {PLAN_SOURCE_DIR "/plan", PLAN_SOURCE_DIR "/tests/fixtures/other-county/plan"}) {
    INFO(dir);
    LoadResult r = load_plan(dir);
    REQUIRE(r.parsed);
    PlanIndex index(r.plan);
    for (std::size_t i = 0; i < index.items().size(); ++i) {
      std::set<std::size_t> orders, leaves;
      for (const auto& a : index.assignments())
        for (std::optional<std::size_t> p = a.item; p; p = index.items()[*p].parent)
          if (*p == i) {
            orders.insert(index.unit_order(a.unit));
            leaves.insert(a.item);
          }
      std::vector<std::string> want;
      for (std::size_t o : orders) want.push_back(r.plan.units[o].name);
      INFO(index.items()[i].id);
      CHECK(index.responsible_units(i) == want);
      for (const auto& u : r.plan.units)
        CHECK(index.is_responsible(i, u.name) == (orders.count(index.unit_order(u.name)) > 0));
      unions += leaves.size() > 1 && want.size() > 1;
    }
  }
  CHECK(unions > 10);
}
