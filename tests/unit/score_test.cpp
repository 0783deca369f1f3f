// Scoring rules and scores (plan score): the example plan init writes is the defaults, errors
// have a place, and the points follow the rules.
#include "core/reports/score.h"

#include <doctest/doctest.h>

#include "core/ledger/ledger.h"
#include "core/plan/init.h"
#include "core/plan/load.h"

using namespace plan;

TEST_CASE("the scoring.yaml plan init writes says the defaults") {
  std::string example;
  for (const auto& f : init_template())
    if (f.path == "plan/scoring.yaml") example = f.text;
  REQUIRE(!example.empty());
  Diagnostics d;
  auto rules = parse_scoring_rules(example, "scoring.yaml", d);
  REQUIRE(rules);
  CHECK(d.empty());
  ScoringRules defaults;
  CHECK(rules->base == defaults.base);
  CHECK(rules->done_on_time == defaults.done_on_time);
  CHECK(rules->done_late == defaults.done_late);
  CHECK(rules->overdue == defaults.overdue);
  CHECK(rules->overdue_per_month == defaults.overdue_per_month);
  CHECK(rules->blocked == defaults.blocked);
  CHECK(rules->missed_month == defaults.missed_month);
  CHECK(rules->floor == defaults.floor);
  CHECK(rules->from_file);
}

TEST_CASE("scoring.yaml errors name the line and the rule") {
  Diagnostics d;
  CHECK(!parse_scoring_rules("overdue: -3\noverdu: 1\n", "s.yaml", d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "scoring-unknown-key");
  CHECK(d[0].where.line == 2);
  CHECK(d[0].suggestion == std::optional<std::string>("overdue"));
  d.clear();
  CHECK(!parse_scoring_rules("blocked: '-1'\n", "s.yaml", d));  // quoted: text, not a number
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "scoring-not-number");
  d.clear();
  CHECK(!parse_scoring_rules("- 1\n", "s.yaml", d));
  CHECK(d[0].code == "scoring-not-mapping");
  d.clear();
  auto none = parse_scoring_rules("floor: null\nbase: 1e2\n", "s.yaml", d);
  REQUIRE(none);
  CHECK(!none->floor);
  CHECK(none->base == 100);
}

TEST_CASE("scores follow the rules: on time, late, overdue by month, missed months, floor, ranks") {
  LoadResult r = load_plan(PLAN_SOURCE_DIR "/tests/fixtures/other-county/plan");
  REQUIRE(r.parsed);
  PlanIndex index(r.plan);
  auto entry = [](const char* unit, const char* item, State s, const char* date) {
    ProgressEntry e;
    e.unit = unit;
    e.item = item;
    e.status = s;
    e.date = *parse_iso_date(date);
    return e;
  };
  // (1) is due 2025-03-31: 东街道 on time, 西街道 late, 南镇 never (overdue 106 days: 3 months).
  std::vector<ProgressEntry> entries = {entry("东街道", "(1)", State::done, "2025-03-20"),
                                        entry("西街道", "(1)", State::done, "2025-04-02")};
  Ledger l = compute_ledger(index, entries, *parse_iso_date("2025-07-15"));
  std::vector<std::size_t> all;
  for (std::size_t k = 0; k < l.rows.size(); ++k) all.push_back(k);
  ScoringRules rules;
  rules.done_on_time = 2;
  rules.done_late = 1;
  rules.overdue = -3;
  rules.overdue_per_month = -1;
  rules.missed_month = -10;
  rules.floor = 0;
  ScoreResult s = compute_scores(index, l, all, rules, 2025);
  CHECK(s.months == 6);  // January to June have ended by 2025-07-15
  auto row = [&](const char* unit) {
    for (const auto& x : s.rows)
      if (x.unit == unit) return x;
    FAIL("no row for " << unit);
    return ScoreRow{};
  };
  // 东街道: +2, reported in March only; its only work was done in March, so only January,
  // February and March (open at their start) count: 2 missed.
  CHECK(row("东街道").done_on_time == 1);
  CHECK(row("东街道").missed_months == 2);
  CHECK(row("东街道").score == 100 + 2 - 20);
  // 西街道: +1 late; open until April, reported in April: January to March missed.
  CHECK(row("西街道").done_late == 1);
  CHECK(row("西街道").missed_months == 3);
  CHECK(row("西街道").score == 100 + 1 - 30);
  // 南镇: overdue 106 days (3 full 30-day months), six months missed.
  CHECK(row("南镇").overdue == 1);
  CHECK(row("南镇").months_late == 3);
  CHECK(row("南镇").score == 100 - 3 - 3 - 60);
  CHECK(s.rows.front().unit == "东街道");
  CHECK(s.rows.front().rank == 1);
  // A floor holds; equal scores share a rank.
  rules.missed_month = -50;
  ScoreResult low = compute_scores(index, l, all, rules, 2025);
  for (const auto& x : low.rows) CHECK(x.score >= 0);
  CHECK(low.rows.back().rank == low.rows[low.rows.size() - 2].rank);
}
