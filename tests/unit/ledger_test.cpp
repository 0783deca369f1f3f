#include "core/ledger/ledger.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <xxhash.h>

#include "core/intake/intake.h"
#include "core/intake/xlsx_read.h"
#include "core/progress/progress.h"
#include "core/reports/reports.h"
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

TEST_CASE("the latest entry wins, whatever the order in the file; same-day ties by recorded time") {
  World w;
  w.add("甲镇",
        "- {date: 2024-05-10, item: \"(1)\", status: 受阻, note: 第二}\n"
        "- {date: 2024-05-20, item: \"(1)\", status: blocked, note: 同日乙, recorded: "
        "2024-05-20T16:00:00+08:00}\n"
        "- {date: 2024-05-01, item: \"(1)\", status: 进行中, note: 第一}\n"
        "- {date: 2024-05-20, item: \"(1)\", status: 进行中, note: 同日甲, recorded: "
        "2024-05-20T09:00:00+08:00}\n");
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

TEST_CASE("a ledger part holds the chosen rows only; its summaries count them alone") {
  World w;
  w.add("甲镇", "- {date: 2024-06-01, item: \"(1)\", status: done}\n");
  Ledger l = compute_ledger(w.index, w.p.entries, d("2025-01-01"));
  LedgerFilter f;
  f.units = {"乙镇", "甲镇"};
  f.chosen = {"各乡镇"};
  Ledger part = ledger_part(l, select_rows(w.index, l, f));
  CHECK(part.as_of == l.as_of);
  CHECK(part.last_entry == l.last_entry);
  Summary by_unit = summarize(w.index, part, "unit");
  REQUIRE(by_unit.rows.size() == 2);
  CHECK(by_unit.rows[0].key == "甲镇");
  CHECK(by_unit.total.total == 2);
  CHECK(by_unit.total.done == 1);
  CHECK(by_unit.total.overdue == 1);
  CHECK(filter_title(f, Lang::zh) == "各乡镇");
  f.chosen.clear();
  CHECK(filter_title(f, Lang::zh) == "乙镇、甲镇");
  f.section = "一";
  CHECK(filter_title(f, Lang::zh) == "乙镇、甲镇 · 第一部分");
  f.task = "2";
  CHECK(filter_title(f, Lang::en) == "乙镇, 甲镇 · task 2");
  f.units = {"a", "b", "c", "d"};
  f.task.reset();
  CHECK(filter_title(f, Lang::zh) == "所选 4 个单位 · 第一部分");
  CHECK(filter_title(LedgerFilter{}, Lang::zh).empty());
}

TEST_CASE("the state columns partition the total; undated requirements stay out of the rate") {
  World w;
  w.add("甲镇", "- {date: 2024-06-01, item: \"(1)\", status: done}\n");
  w.add("乙镇", "- {date: 2024-07-01, item: \"(1)\", status: done}\n");  // after 6月底: late
  w.add("司法局",
        "- {date: 2024-01-01, item: \"二(一)\", status: done}\n"
        "- {date: 2024-01-02, item: \"(2)\", status: in_progress}\n");
  Ledger l = compute_ledger(w.index, w.p.entries, d("2025-01-01"));
  Summary by_section = summarize(w.index, l, "section");
  for (const auto& r : by_section.rows) {
    const Counts& c = r.counts;
    CHECK(c.done_on_time() + c.done_late + c.in_progress + c.not_started + c.blocked == c.total);
    CHECK(c.overdue <= c.in_progress + c.not_started + c.blocked);
  }
  const Counts& t = by_section.total;
  CHECK(t.total == 6);
  CHECK(t.done_on_time() == 2);  // (1)/甲镇 and the requirement
  CHECK(t.done_late == 1);
  CHECK(t.undated == 1);
  CHECK(t.undated_done == 1);
  CHECK(t.rated() == 5);
  // (1)/甲镇 and (1)/乙镇 of the five with a deadline; the done requirement does not count.
  CHECK(t.completion() == doctest::Approx(0.4));
  REQUIRE(by_section.rows.size() == 2);
  CHECK_FALSE(by_section.rows[1].counts.has_rate());
  Table table = summary_table(by_section, Lang::zh);
  CHECK(table.rows[1].back().text == "—");
  REQUIRE(table.notes.size() == 2);
  CHECK(table.notes[1].find("5") != std::string::npos);
}

TEST_CASE("progress entries are checked against the plan") {
  World w;
  w.add("甲镇",
        "- {date: 2024-02-30, item: \"(1)\", status: done}\n"
        "- {date: 2024-05-01, item: \"(2)\", status: done}\n"
        "- {date: 2024-05-01, item: \"(9)\", status: done}\n"
        "- {date: 2024-05-01, item: \"(1)\", status: finished}\n"
        "- {date: 2026-01-03, item: \"(1)\", status: done}\n"
        "- {date: 2026-01-02, item: \"(1)\", status: in_progress}\n");
  std::string text;
  for (const auto& diag : w.p.diags) text += format_diagnostic(diag, Lang::en, Sources{});
  CHECK(text ==
        "甲镇.yaml:1:10: error: the date '2024-02-30' does not exist\n"
        "甲镇.yaml:2:28: warning: '甲镇' is no longer responsible for '(2)' (the plan changed; "
        "now: 司法局); the entry stays in the file and reports leave it out\n"
        "甲镇.yaml:3:28: error: no item with id '(9)'; see docs/data-format.md for the id scheme "
        "(did you mean '(1)'?)\n"
        "甲镇.yaml:4:43: error: unknown status 'finished'; use 未开始, 进行中, 已完成, 受阻 (or "
        "not_started, in_progress, done, blocked)\n"
        "甲镇.yaml:5:10: error: the date 2026-01-03 is after tomorrow (today is 2026-01-01); "
        "record only what has happened (one day is allowed for a clock in another time zone)\n");
  // The orphaned entry is kept (plan log shows it) but marked, and no report counts it. An
  // entry dated tomorrow is accepted: its writer's clock may be in another time zone.
  REQUIRE(w.p.entries.size() == 2);
  CHECK(w.p.entries[0].orphaned);
  CHECK(iso(w.p.entries[1].date) == "2026-01-02");
  CHECK(w.row(compute_ledger(w.index, w.p.entries, d("2025-01-01")), "(2)", "司法局").state ==
        State::not_started);
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
  stamp_entry(e, "2024-05-21T10:23:11+08:00");
  CHECK(e.id.size() == 10);
  std::string line = format_entry_line(e);
  CHECK(line.find('\n') == line.size() - 1);
  w.add("甲镇", line);
  REQUIRE(w.p.diags.empty());
  REQUIRE(w.p.entries.size() == 1);
  CHECK(w.p.entries[0].note == e.note);
  CHECK(w.p.entries[0].evidence == e.evidence);
  CHECK(w.p.entries[0].by == "true");
  CHECK(w.p.entries[0].status == State::in_progress);
  CHECK(w.p.entries[0].id == e.id);
  CHECK(w.p.entries[0].recorded == "2024-05-21T10:23:11+08:00");
  CHECK(iso(*w.p.entries[0].recorded_on) == "2024-05-21");
  CHECK(entry_round_trips(e, w.index, d("2026-01-01")));
  e.date = d("2026-01-03");  // after tomorrow: the loader would reject it
  CHECK_FALSE(entry_round_trips(e, w.index, d("2026-01-01")));
}

TEST_CASE("an entry without an id is known by a hash of its fields (derived_entry_id)") {
  // The scheme the ids in plan log and in hand-written corrections rely on: the date, the fields
  // and the state joined with U+001F, each piece of evidence after U+001E, hashed with XXH3.
  auto reference = [](const ProgressEntry& e) {
    std::string key = iso(e.date);
    for (const std::string* f :
         {&e.item, &e.note, &e.by, &e.recorded, &e.amends, &e.retracts, &e.reason})
      key += '\x1f' + *f;
    key += '\x1f';
    key += e.is_retraction() ? "" : state_key(e.status);
    for (const auto& ev : e.evidence) key += '\x1e' + ev;
    return fmt::format("{:010x}", XXH3_64bits(key.data(), key.size()) & 0xffffffffffULL);
  };
  ProgressEntry e;
  e.date = d("2024-05-20");
  e.item = "(1)";
  e.status = State::in_progress;
  e.note = "第1次报送";
  CHECK(derived_entry_id(e) == reference(e));
  CHECK(derived_entry_id(e) == "46a8344f9a");
  e.evidence = {"古司发〔2024〕5号", ""};
  e.by = "张三";
  CHECK(derived_entry_id(e) == reference(e));
  e.note = std::string(600, 'x');
  CHECK(derived_entry_id(e) == reference(e));
  // Fields that just fit the buffer on the stack, and just do not (and the larger buffer kept
  // from a longer key, then reused for a shorter one).
  for (std::size_t n = 2000; n >= 420; n = n > 600 ? n - 700 : n - 1) {
    e.note = std::string(n, 'y');
    CHECK(derived_entry_id(e) == reference(e));
  }
  e.note.clear();
  e.evidence.clear();
  e.retracts = "0123456789";
  e.reason = "误报";
  CHECK(derived_entry_id(e) == reference(e));
}

// ---- corrections, retractions, recorded dates and task-level entries (docs/progress.md)

namespace {

// An entry line with an explicit id and recorded stamp.
std::string line(const std::string& fields, const std::string& id, const std::string& recorded) {
  return "- {" + fields + ", recorded: " + recorded + ", id: \"" + id + "\"}\n";
}

}  // namespace

TEST_CASE("a correction replaces the entry it names in every report; the original line stays") {
  World w;
  w.add("甲镇", line("date: 2024-06-20, item: \"(1)\", status: 已完成", "aaaaaa0001",
                     "2024-06-20T10:00:00+08:00") +
                    line("date: 2024-07-10, item: \"(1)\", status: 已完成, amends: \"aaaaaa0001\", "
                         "reason: 日期填错",
                         "aaaaaa0002", "2024-07-11T10:00:00+08:00"));
  REQUIRE(w.p.diags.empty());
  Ledger on_due = compute_ledger(w.index, w.p.entries, d("2024-06-30"));
  CHECK(w.row(on_due, "(1)", "甲镇").state == State::not_started);
  CHECK(w.row(on_due, "(1)", "甲镇").days_overdue == 0);
  Ledger later = compute_ledger(w.index, w.p.entries, d("2024-12-31"));
  CHECK(w.row(later, "(1)", "甲镇").state == State::done);
  CHECK(iso(*w.row(later, "(1)", "甲镇").done_on) == "2024-07-10");
  CHECK(w.row(later, "(1)", "甲镇").late);
  // The log keeps both lines and says what became of each.
  auto log = log_rows(w.index, w.p.entries, {}, d("2024-12-31"));
  REQUIRE(log.rows.size() == 2);
  CHECK(log.rows[0].fate.kind == EntryFate::Kind::superseded);
  CHECK(log.rows[0].fate.by == "aaaaaa0002");
  CHECK(log.rows[0].get(LogRow::id) == "aaaaaa0001");
  CHECK(log.rows[1].fate.kind == EntryFate::Kind::in_force);
  CHECK(log.rows[1].get(LogRow::amends) == "aaaaaa0001");
  CHECK(log.rows[1].get(LogRow::reason) == "日期填错");
}

TEST_CASE("a hand-written line that corrects or retracts its own id is refused, not applied") {
  World w;
  w.add("甲镇", line("date: 2024-05-01, item: \"(1)\", status: 已完成", "dddddd0001",
                     "2024-05-01T10:00:00+08:00") +
                    line("date: 2024-05-02, retracts: \"dddddd0002\", reason: 撤回自己",
                         "dddddd0002", "2024-05-02T10:00:00+08:00") +
                    line("date: 2024-05-03, item: \"(1)\", status: 受阻, amends: "
                         "\"dddddd0003\", reason: 更正自己",
                         "dddddd0003", "2024-05-03T10:00:00+08:00"));
  REQUIRE(w.p.diags.size() == 2);
  CHECK(w.p.diags[0].code == "correction-of-itself");
  CHECK(w.p.diags[0].where.line == 2);
  CHECK(w.p.diags[0].args == std::vector<std::string>{"dddddd0002"});
  CHECK(w.p.diags[1].code == "correction-of-itself");
  CHECK(w.p.diags[1].where.line == 3);
  // Each line still writes back as itself (the fuzz target's property).
  REQUIRE(w.p.entries.size() == 3);
  for (const auto& e : w.p.entries) CHECK(entry_round_trips(e, w.index, d("2026-01-01")));
}

TEST_CASE("a retraction withdraws an entry as if never made: state, last report and stale") {
  World w;
  w.add("甲镇", line("date: 2024-05-01, item: \"(1)\", status: 进行中", "bbbbbb0001",
                     "2024-05-01T10:00:00+08:00") +
                    line("date: 2024-12-20, item: \"(1)\", status: 未开始", "bbbbbb0002",
                         "2024-12-20T10:00:00+08:00") +
                    line("date: 2024-12-21, retracts: \"bbbbbb0002\", reason: 记错单位",
                         "bbbbbb0003", "2024-12-21T10:00:00+08:00"));
  REQUIRE(w.p.diags.empty());
  Ledger l = compute_ledger(w.index, w.p.entries, d("2024-12-31"));
  CHECK(w.row(l, "(1)", "甲镇").state == State::in_progress);
  CHECK(iso(*w.row(l, "(1)", "甲镇").last_date) == "2024-05-01");
  CHECK(iso(l.last_entry.at("甲镇")) == "2024-05-01");
  auto stale = stale_units(w.index, l, d("2024-12-01"), {});
  CHECK(
      std::any_of(stale.begin(), stale.end(), [](const StaleRow& r) { return r.unit == "甲镇"; }));
}

TEST_CASE(
    "retracting a correction falls back to the version before it; retracting the first "
    "entry withdraws the chain") {
  World w;
  const std::string chain =
      line("date: 2024-05-01, item: \"(1)\", status: 进行中", "cccccc0001",
           "2024-05-01T10:00:00+08:00") +
      line("date: 2024-05-01, item: \"(1)\", status: 受阻, amends: \"cccccc0001\", reason: 状态错",
           "cccccc0002", "2024-05-02T10:00:00+08:00");
  SUBCASE("the correction retracted") {
    w.add("甲镇", chain + line("date: 2024-05-03, retracts: \"cccccc0002\", reason: 更正有误",
                               "cccccc0003", "2024-05-03T10:00:00+08:00"));
    CHECK(w.row(compute_ledger(w.index, w.p.entries, d("2024-06-01")), "(1)", "甲镇").state ==
          State::in_progress);
  }
  SUBCASE("the first entry retracted") {
    w.add("甲镇", chain + line("date: 2024-05-03, retracts: \"cccccc0001\", reason: 重复",
                               "cccccc0003", "2024-05-03T10:00:00+08:00"));
    Ledger l = compute_ledger(w.index, w.p.entries, d("2024-06-01"));
    CHECK(w.row(l, "(1)", "甲镇").state == State::not_started);
    CHECK(l.last_entry.count("甲镇") == 0);
  }
  REQUIRE(w.p.diags.empty());
}

TEST_CASE("corrections are checked: unknown id, a retraction corrected, two standing corrections") {
  World w;
  w.add(
      "甲镇",
      line("date: 2024-05-01, item: \"(1)\", status: 进行中", "dddddd0001",
           "2024-05-01T10:00:00+08:00") +
          line("date: 2024-05-02, retracts: \"ffffff0009\", reason: 无", "dddddd0002",
               "2024-05-02T10:00:00+08:00") +
          line("date: 2024-05-03, retracts: \"dddddd0002\", reason: 无", "dddddd0003",
               "2024-05-03T10:00:00+08:00") +
          line("date: 2024-05-01, item: \"(1)\", status: 受阻, amends: \"dddddd0001\", reason: 甲",
               "dddddd0004", "2024-05-04T10:00:00+08:00") +
          line(
              "date: 2024-05-01, item: \"(1)\", status: 已完成, amends: \"dddddd0001\", reason: 乙",
              "dddddd0005", "2024-05-05T10:00:00+08:00"));
  std::string text;
  for (const auto& diag : w.p.diags) text += format_diagnostic(diag, Lang::en, Sources{});
  CHECK(text ==
        "甲镇.yaml:2:3: error: this unit's file has no entry with id ffffff0009; a correction or "
        "retraction names an existing entry of the same unit (plan log lists ids)\n"
        "甲镇.yaml:3:3: error: dddddd0002 is a retraction; it cannot be corrected or retracted\n"
        "甲镇.yaml:5:3: warning: entry dddddd0001 has two standing corrections (perhaps from "
        "merging two clones); the later recorded, dddddd0005, is in force\n");
}

TEST_CASE("same-day entries resolve the same way whatever their order in the file") {
  const std::string a = line("date: 2024-05-20, item: \"(1)\", status: 进行中", "eeeeee0001",
                             "2024-05-21T09:00:00+08:00");
  const std::string b = line("date: 2024-05-20, item: \"(1)\", status: 已完成", "eeeeee0002",
                             "2024-05-21T08:00:00+08:00");
  World one, two;
  one.add("甲镇", a + b);
  two.add("甲镇", b + a);
  Ledger l1 = compute_ledger(one.index, one.p.entries, d("2024-06-01"));
  Ledger l2 = compute_ledger(two.index, two.p.entries, d("2024-06-01"));
  CHECK(one.row(l1, "(1)", "甲镇").state == State::in_progress);  // recorded later
  CHECK(two.row(l2, "(1)", "甲镇").state == State::in_progress);
  // Different people, contradicting states on one day: plan check says which one stands.
  REQUIRE(one.p.diags.size() == 1);
  CHECK(one.p.diags[0].code == "same-day-conflict");
  CHECK(one.p.diags[0].args.back() == "eeeeee0001");
}

TEST_CASE("a task-level entry does not reopen a measure whose own entries say it is done") {
  World w;
  w.add("甲镇",
        "- {date: 2024-06-20, item: \"(1)\", status: 已完成}\n"
        "- {date: 2024-07-01, item: \"1\", status: 进行中}\n");
  Ledger l = compute_ledger(w.index, w.p.entries, d("2025-01-31"));
  CHECK(w.row(l, "(1)", "甲镇").state == State::done);
  CHECK(iso(*w.row(l, "(1)", "甲镇").done_on) == "2024-06-20");
  CHECK_FALSE(w.row(l, "(1)", "甲镇").overdue);
  // A later entry on the measure itself still reopens it.
  w.add("甲镇", "- {date: 2024-08-01, item: \"(1)\", status: 进行中}\n");
  CHECK(w.row(compute_ledger(w.index, w.p.entries, d("2025-01-31")), "(1)", "甲镇").state ==
        State::in_progress);
}

TEST_CASE("a unit has reported when it recorded something, whatever the date of the work") {
  World w;
  w.add("甲镇", line("date: 2024-12-28, item: \"(1)\", status: 已完成", "abcdef0001",
                     "2025-01-05T10:00:00+08:00"));
  Ledger jan = compute_ledger(w.index, w.p.entries, d("2025-01-10"));
  CHECK(iso(jan.last_entry.at("甲镇")) == "2025-01-05");
  // On 2024-12-31 the office had not heard from it yet, though the work was done by then.
  Ledger dec = compute_ledger(w.index, w.p.entries, d("2024-12-31"));
  CHECK(dec.last_entry.count("甲镇") == 0);
  CHECK(w.row(dec, "(1)", "甲镇").state == State::done);
}

TEST_CASE("entry ids: written ones are kept, others derive from the content, not the unit") {
  World w;
  w.add("甲镇", "- {date: 2024-05-01, item: \"(1)\", status: 进行中}\n");
  w.add("乙镇", "- {date: 2024-05-01, item: \"(1)\", status: 进行中}\n");
  REQUIRE(w.p.entries.size() == 2);
  CHECK(w.p.entries[0].id == w.p.entries[1].id);
  CHECK(w.p.entries[0].id.size() == 10);
  World v;
  v.add("甲镇", "- {date: 2024-05-01, item: \"(1)\", status: 进行中, note: 改}\n");
  CHECK(v.p.entries[0].id != w.p.entries[0].id);
}

TEST_CASE("validate_draft: every problem at once, with the nearest status") {
  World w;
  EntryDraft d1{"(9)", "东街", "完成", "2024-13-01", std::string(""), {}, std::nullopt};
  DraftResult r = validate_draft(w.index, d("2025-01-01"), d1);
  REQUIRE(r.problems.size() == 5);
  CHECK(r.problems[0].field == "item");
  CHECK(r.problems[1].field == "unit");
  CHECK(r.problems[2].suggestion == "已完成");
  CHECK(r.problems[3].code == "bad-date");
  CHECK(r.problems[4].code == "text-empty");
  EntryDraft ok{"m1", "甲镇", "已完成", "2024年12月1日", std::nullopt, {}, std::string("王敏")};
  DraftResult good = validate_draft(w.index, d("2025-01-01"), ok);
  REQUIRE(good.entry);
  CHECK(good.entry->item == "(1)");
  CHECK(iso(good.entry->date) == "2024-12-01");
}

TEST_CASE("validate_draft: a date outside 1900–2999 is refused, whichever way it came") {
  World w;
  // A form's date cell (an Excel serial, here 9999-12-31) reaches the draft as its ISO text.
  auto serial = excel_serial_to_date(2958465, false);
  REQUIRE(serial);
  for (const std::string& date :
       {iso(*serial), std::string("0000-01-01"), std::string("18991231")}) {
    CAPTURE(date);
    EntryDraft draft{"m1", "甲镇", "已完成", date, std::nullopt, {}, std::nullopt};
    DraftResult r = validate_draft(w.index, d("2025-01-01"), draft);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "date");
    CHECK(r.problems[0].code == "date-out-of-range");
    CHECK(tr(Lang::en, r.problems[0].code, r.problems[0].args) ==
          "the date '" + date + "' is out of range: the year must be from 1900 to 2999");
  }
}

TEST_CASE("progress entries and recorded stamps keep to the years 1900–2999") {
  World w;
  w.add(
      "甲镇",
      "- {date: 0000-01-01, item: \"(1)\", status: 进行中}\n"
      "- {date: 2024-05-01, item: \"(1)\", status: 进行中, recorded: \"9999-01-01T09:00:00Z\"}\n");
  REQUIRE(w.p.diags.size() == 2);
  CHECK(w.p.diags[0].code == "date-out-of-range");
  CHECK(w.p.diags[0].args == std::vector<std::string>{"0000-01-01"});
  CHECK(w.p.diags[1].code == "date-out-of-range");
  CHECK(w.p.diags[1].args == std::vector<std::string>{"9999-01-01T09:00:00Z"});
  CHECK_FALSE(parse_recorded_stamp("0999-12-31T23:59:59+08:00"));
}
