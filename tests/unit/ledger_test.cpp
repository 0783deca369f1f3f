#include "core/ledger.h"

#include <doctest/doctest.h>

#include "core/progress.h"
#include "core/reports.h"
#include "helpers.h"

using namespace plan;
using plan::test::Fixture;
using plan::test::kUnits;

namespace {

const char* kTasks = R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务一
        units: [各乡镇]
        deadline: 2024年6月底前
        measures:
          - id: (1)
            text: 措施一
          - id: (2)
            text: 措施二
            units: [司法局]
            deadline: 2024年3月底前
      - id: 2
        title: 任务二
        units: [财政局]
        deadline_text: 甲2024年底前，其余2025年底前
        parts:
          - id: 2a
            title: 甲
            deadline: 2024年底前
          - id: 2b
            title: 其余
            deadline: 2025年底前
  - id: 二
    title: 要求
    requirements:
      - id: 二(一)
        title: 常态
        units: [司法局]
)";

Date d(const char* s) {
  return *parse_iso_date(s);
}

// Loads entries written as progress-file lines for one unit.
struct World {
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  ProgressLoad p;
  void add(const std::string& unit, const std::string& lines) {
    load_progress_text(lines, unit + ".yaml", unit, index, d("2026-01-01"), p);
  }
  // "item/unit" → status row
  const AssignmentStatus& row(const Ledger& l, const std::string& item, const std::string& unit) {
    for (const auto& r : l.rows) {
      const auto& a = index.assignments()[r.assignment];
      if (index.items()[a.item].id == item && a.unit == unit) return r;
    }
    FAIL("no such assignment");
    return l.rows.front();
  }
};

}  // namespace

TEST_CASE("assignments: groups expand, parts and requirements are tracked") {
  World w;
  REQUIRE(w.f.text() == "");
  std::vector<std::string> got;
  for (const auto& a : w.index.assignments())
    got.push_back(w.index.items()[a.item].id + "/" + a.unit);
  CHECK(got == std::vector<std::string>{"(1)/甲镇", "(1)/乙镇", "(2)/司法局", "2a/财政局",
                                        "2b/财政局", "二(一)/司法局"});
}

TEST_CASE("the due day itself is on time; the next day is overdue") {
  World w;
  Ledger on_due = compute_ledger(w.index, {}, d("2024-06-30"));
  CHECK_FALSE(w.row(on_due, "(1)", "甲镇").overdue);
  CHECK(w.row(on_due, "(1)", "甲镇").due_soon);
  Ledger next = compute_ledger(w.index, {}, d("2024-07-01"));
  CHECK(w.row(next, "(1)", "甲镇").overdue);
  CHECK(w.row(next, "(1)", "甲镇").days_overdue == 1);
  CHECK(w.row(next, "(2)", "司法局").days_overdue == 92);  // due 2024-03-31
}

TEST_CASE("done on the due day is on time, after it is late") {
  World w;
  w.add("甲镇", "- {date: 2024-06-30, item: \"(1)\", status: 已完成}\n");
  w.add("乙镇", "- {date: 2024-07-01, item: \"(1)\", status: done}\n");
  REQUIRE(w.p.diags.empty());
  Ledger l = compute_ledger(w.index, w.p.entries, d("2024-12-31"));
  CHECK(w.row(l, "(1)", "甲镇").state == State::done);
  CHECK_FALSE(w.row(l, "(1)", "甲镇").late);
  CHECK_FALSE(w.row(l, "(1)", "甲镇").overdue);
  CHECK(w.row(l, "(1)", "乙镇").late);
  CHECK(iso(*w.row(l, "(1)", "乙镇").done_on) == "2024-07-01");
}

TEST_CASE("entries after as_of are ignored; reports are reproducible for past dates") {
  World w;
  w.add("甲镇", "- {date: 2024-08-01, item: \"(1)\", status: done}\n");
  Ledger before = compute_ledger(w.index, w.p.entries, d("2024-07-31"));
  CHECK(w.row(before, "(1)", "甲镇").state == State::not_started);
  CHECK(w.row(before, "(1)", "甲镇").overdue);
  CHECK_FALSE(w.row(before, "(1)", "甲镇").last_date);
  Ledger after = compute_ledger(w.index, w.p.entries, d("2024-08-01"));
  CHECK(w.row(after, "(1)", "甲镇").state == State::done);
}

TEST_CASE("the latest entry wins, whatever the order in the file; ties go to the later line") {
  World w;
  w.add("甲镇",
        "- {date: 2024-05-10, item: \"(1)\", status: 受阻, note: 第二}\n"
        "- {date: 2024-05-01, item: \"(1)\", status: 进行中, note: 第一}\n"
        "- {date: 2024-05-20, item: \"(1)\", status: 进行中, note: 同日甲}\n"
        "- {date: 2024-05-20, item: \"(1)\", status: blocked, note: 同日乙}\n");
  Ledger l = compute_ledger(w.index, w.p.entries, d("2024-06-01"));
  CHECK(w.row(l, "(1)", "甲镇").state == State::blocked);
  CHECK(w.row(l, "(1)", "甲镇").note == "同日乙");
  CHECK(iso(*w.row(l, "(1)", "甲镇").last_date) == "2024-05-20");
  Ledger mid = compute_ledger(w.index, w.p.entries, d("2024-05-05"));
  CHECK(w.row(mid, "(1)", "甲镇").note == "第一");
}

TEST_CASE("a reopened item is not done; done_on is the start of the final run of 已完成") {
  World w;
  w.add("甲镇",
        "- {date: 2024-05-01, item: \"(1)\", status: done}\n"
        "- {date: 2024-05-10, item: \"(1)\", status: in_progress}\n"
        "- {date: 2024-05-20, item: \"(1)\", status: done}\n"
        "- {date: 2024-06-01, item: \"(1)\", status: done}\n");
  CHECK(iso(*w.row(compute_ledger(w.index, w.p.entries, d("2024-12-31")), "(1)", "甲镇").done_on) ==
        "2024-05-20");
  CHECK(w.row(compute_ledger(w.index, w.p.entries, d("2024-05-15")), "(1)", "甲镇").state ==
        State::in_progress);
}

TEST_CASE("an entry on a task applies to its tracked items for that unit") {
  World w;
  w.add("财政局",
        "- {date: 2024-11-01, item: \"2\", status: 进行中}\n"
        "- {date: 2024-12-01, item: \"2a\", status: 已完成}\n");
  Ledger l = compute_ledger(w.index, w.p.entries, d("2025-01-01"));
  CHECK(w.row(l, "2a", "财政局").state == State::done);
  CHECK(w.row(l, "2b", "财政局").state == State::in_progress);
  CHECK_FALSE(w.row(l, "2b", "财政局").overdue);  // parts keep their own deadlines
}

TEST_CASE("items without a deadline are never overdue") {
  World w;
  Ledger l = compute_ledger(w.index, {}, d("2099-01-01"));
  CHECK_FALSE(w.row(l, "二(一)", "司法局").overdue);
  CHECK_FALSE(w.row(l, "二(一)", "司法局").due);
}

TEST_CASE("summaries count by unit and by section, with totals") {
  World w;
  w.add("甲镇", "- {date: 2024-06-01, item: \"(1)\", status: done}\n");
  w.add("乙镇", "- {date: 2024-06-01, item: \"(1)\", status: blocked}\n");
  Ledger l = compute_ledger(w.index, w.p.entries, d("2025-01-01"));
  Summary by_unit = summarize(w.index, l, "unit");
  CHECK(by_unit.total.total == 6);
  CHECK(by_unit.total.done == 1);
  CHECK(by_unit.total.blocked == 1);
  CHECK(by_unit.total.overdue == 3);  // (1)/乙镇, (2)/司法局, 2a/财政局
  Summary by_section = summarize(w.index, l, "section");
  REQUIRE(by_section.rows.size() == 2);
  CHECK(by_section.rows[0].counts.total == 5);
  CHECK(by_section.rows[1].counts.total == 1);
  CHECK(by_section.rows[0].counts.completion() == doctest::Approx(0.2));
}

TEST_CASE("progress entries are checked against the plan") {
  World w;
  w.add("甲镇",
        "- {date: 2024-02-30, item: \"(1)\", status: done}\n"
        "- {date: 2024-05-01, item: \"(2)\", status: done}\n"
        "- {date: 2024-05-01, item: \"(9)\", status: done}\n"
        "- {date: 2024-05-01, item: \"(1)\", status: finished}\n"
        "- {date: 2027-01-01, item: \"(1)\", status: done}\n");
  std::string text;
  for (const auto& diag : w.p.diags) text += format_diagnostic(diag, Lang::en, Sources{});
  CHECK(text ==
        "甲镇.yaml:1:10: error: the date '2024-02-30' does not exist\n"
        "甲镇.yaml:2:28: error: '甲镇' is not responsible for '(2)'; responsible: 司法局\n"
        "甲镇.yaml:3:28: error: no item with id '(9)'; see docs/data-format.md for the id scheme "
        "(did you mean '(1)'?)\n"
        "甲镇.yaml:4:43: error: unknown status 'finished'; use 未开始, 进行中, 已完成, 受阻 (or "
        "not_started, in_progress, done, blocked)\n"
        "甲镇.yaml:5:10: error: the date 2027-01-01 is after today (2026-01-01); record only what "
        "has happened\n");
  CHECK(w.p.entries.empty());
}

TEST_CASE("progress file names are safe, stable and reversible") {
  CHECK(progress_file_name("司法局") == "司法局.yaml");
  CHECK(progress_file_name("../x") == "%2E.%2Fx.yaml");
  CHECK(progress_file_name("a/b") == "a%2Fb.yaml");
  CHECK(progress_file_name("50%") == "50%25.yaml");
  CHECK(progress_file_name("IT Center") == "IT Center.yaml");
  for (const char* u : {"司法局", "../x", "a/b", "50%", ".hidden", "x.", "a\\b:c"}) {
    CHECK(progress_file_name(u).find('/') == std::string::npos);
    CHECK(unit_of_progress_file(progress_file_name(u)) == u);
  }
  CHECK_FALSE(unit_of_progress_file("%2e.yaml"));  // not canonical
  CHECK_FALSE(unit_of_progress_file("x.yml"));
}

TEST_CASE("an entry line is one valid YAML flow mapping that reads back the same") {
  World w;
  ProgressEntry e;
  e.date = d("2024-05-20");
  e.item = "(1)";
  e.unit = "甲镇";
  e.status = State::in_progress;
  e.note = "含: 冒号, 逗号, \"引号\", #号, {括号} 和 - 开头";
  e.evidence = {"古司发〔2024〕5号", "https://example.org/a?b=c#d"};
  e.by = "true";
  std::string line = format_entry_line(e);
  CHECK(line.find('\n') == line.size() - 1);
  w.add("甲镇", line);
  REQUIRE(w.p.diags.empty());
  REQUIRE(w.p.entries.size() == 1);
  CHECK(w.p.entries[0].note == e.note);
  CHECK(w.p.entries[0].evidence == e.evidence);
  CHECK(w.p.entries[0].by == "true");
  CHECK(w.p.entries[0].status == State::in_progress);
  CHECK(entry_round_trips(e, w.index, d("2026-01-01")));
  e.date = d("2026-01-02");  // after "today": the loader would reject it
  CHECK_FALSE(entry_round_trips(e, w.index, d("2026-01-01")));
}
