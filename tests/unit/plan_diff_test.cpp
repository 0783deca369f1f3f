#include "core/review/plan_diff.h"

#include <doctest/doctest.h>

#include "core/common/text.h"
#include "helpers.h"

using namespace plan;
using plan::test::kUnits;

namespace {

std::string tasks(const std::string& deadline, const std::string& extra = "",
                  const std::string& units = "[各乡镇]") {
  return "sections:\n  - id: 一\n    title: 部分\n    tasks:\n      - id: 1\n        title: 任务\n"
         "        units: " +
         units + "\n        deadline: " + deadline + "\n" + extra +
         "      - id: 2\n        title: 其他\n        units: [司法局, 财政局]\n";
}

Snapshot snap(const std::string& t, const std::string& u = kUnits,
              std::vector<std::pair<std::string, std::string>> progress = {}) {
  std::vector<std::pair<std::string, std::string>> files = {{"tasks.yaml", t}, {"units.yaml", u}};
  for (auto& p : progress) files.push_back({"progress/" + p.first + ".yaml", p.second});
  Snapshot s = snapshot_from_files(files, "plan", "x");
  REQUIRE(s.loaded->parsed);
  return s;
}

std::vector<std::string> kinds(const PlanDiff& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) out.push_back(c.item + " " + c.kind + (c.flag ? " !" : ""));
  return out;
}

}  // namespace

TEST_CASE("an extension is told apart from an advance, and flagged without a reason") {
  auto before = snap(tasks("2024年底前"));
  CHECK(kinds(diff_plans(before, snap(tasks("2025年6月底前")))) ==
        std::vector<std::string>{"1 deadline-extended-unexplained !"});
  auto explained = snap(tasks("2025年6月底前",
                              "        delays:\n          - from: 2024年底前\n"
                              "            date: 2024-12-01\n            reason: 等文件\n"));
  PlanDiff d = diff_plans(before, explained);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].kind == "deadline-extended");
  CHECK(d.changes[0].detail == "@days-shift:+181; 等文件");
  CHECK_FALSE(d.changes[0].flag);
  CHECK(kinds(diff_plans(before, snap(tasks("2024年6月底前")))) ==
        std::vector<std::string>{"1 deadline-advanced"});
  CHECK(kinds(diff_plans(before, snap(tasks("2024-12-31")))) ==
        std::vector<std::string>{"1 deadline-reworded"});
  CHECK(kinds(diff_plans(before, before)).empty());
  CHECK(check_extensions(*before.index, *explained.index).empty());
  CHECK(check_extensions(*before.index, *snap(tasks("2025年6月底前")).index).size() == 1);
}

TEST_CASE("a group change shows as the concrete assignments it moves") {
  std::string smaller = kUnits;
  const std::string members = "members: [甲镇, 乙镇]";
  smaller.replace(smaller.find(members), members.size(), "members: [甲镇]");
  PlanDiff d = diff_plans(snap(tasks("2024年底前")), snap(tasks("2024年底前"), smaller));
  CHECK(kinds(d) == std::vector<std::string>{"1 assignments-removed", "各乡镇 member-removed"});
  CHECK(d.changes[0].before == "乙镇");
}

TEST_CASE("progress: added entries are plain, edited and deleted ones are flagged") {
  auto t = tasks("2024年底前");
  auto a = snap(t, kUnits,
                {{"甲镇",
                  "- {date: 2024-05-01, item: \"1\", status: 进行中}\n"
                  "- {date: 2024-06-01, item: \"1\", status: 受阻}\n"}});
  auto b = snap(t, kUnits,
                {{"甲镇",
                  "- {date: 2024-05-01, item: \"1\", status: 已完成}\n"
                  "- {date: 2024-07-01, item: \"1\", status: done}\n"},
                 {"乙镇", "- {date: 2024-07-02, item: \"1\", status: done}\n"}});
  CHECK(kinds(diff_plans(a, b)) ==
        std::vector<std::string>{"甲镇 entry-changed !", "甲镇 entry-deleted !", "甲镇 entry-added",
                                 "乙镇 entry-added"});
  // The same entries in another order (a union merge) are no change.
  auto reordered = snap(t, kUnits,
                        {{"甲镇",
                          "- {date: 2024-06-01, item: \"1\", status: 受阻}\n"
                          "- {date: 2024-05-01, item: \"1\", status: 进行中}\n"}});
  CHECK(kinds(diff_plans(a, reordered)).empty());
}

TEST_CASE("a unit renamed (old name kept as an alias) is one change, not assignments moving") {
  std::string renamed = kUnits;
  const std::string old = "  - name: 财政局\n    kind: department\n";
  renamed.replace(renamed.find(old), old.size(),
                  "  - name: 县财政局\n    kind: department\n    aliases: [财政局]\n");
  PlanDiff d = diff_plans(snap(tasks("2024年底前")), snap(tasks("2024年底前"), renamed));
  CHECK(kinds(d) == std::vector<std::string>{"县财政局 unit-renamed"});
  CHECK(d.changes[0].before == "财政局");
  CHECK(d.changes[0].after == "县财政局");
}
