#include "core/reports/score.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "core/common/text.h"
#include "core/common/yaml_doc.h"

namespace plan {

namespace {

struct RuleField {
  const char* key;
  double ScoringRules::*field;
};
constexpr RuleField kFields[] = {
    {"base", &ScoringRules::base},
    {"done_on_time", &ScoringRules::done_on_time},
    {"done_late", &ScoringRules::done_late},
    {"overdue", &ScoringRules::overdue},
    {"overdue_per_month", &ScoringRules::overdue_per_month},
    {"blocked", &ScoringRules::blocked},
    {"missed_month", &ScoringRules::missed_month},
};

std::optional<double> number(const yaml::Node& n) {
  if (!n.is_scalar() || !n.plain || n.value.empty()) return std::nullopt;
  double v = 0;
  const char* end = n.value.data() + n.value.size();
  auto [p, ec] = std::from_chars(n.value.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v) || std::fabs(v) > 1e6) return std::nullopt;
  return v;
}

// A score as people write it: 97, 96.5.
std::string points(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

Date first_of(int year, unsigned month) {
  return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{1}};
}

}  // namespace

std::optional<ScoringRules> parse_scoring_rules(std::string_view text, const std::string& file,
                                                Diagnostics& diags) {
  const std::size_t before = diags.size();
  yaml::Document doc = yaml::parse(text, file, diags);
  if (!doc.ok) return std::nullopt;
  ScoringRules rules;
  rules.from_file = true;
  if (doc.root.is_null()) return rules;  // an empty file: the defaults
  if (!doc.root.is_mapping()) {
    diags.push_back(error({file, doc.root.line, doc.root.col}, "scoring-not-mapping"));
    return std::nullopt;
  }
  std::vector<std::string> allowed;
  for (const auto& f : kFields) allowed.push_back(f.key);
  allowed.push_back("floor");
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < doc.root.keys.size(); ++i) {
    const yaml::Node& k = doc.root.keys[i];
    const yaml::Node& v = doc.root.values[i];
    const Where at{file, k.line, k.col};
    if (!seen.emplace(k.value, k.line).second) {
      diags.push_back(error(at, "duplicate-key", {k.value, std::to_string(seen[k.value])}));
      continue;
    }
    if (k.value == "floor") {
      if (v.is_null() || (v.is_scalar() && v.plain && v.value == "null")) {
        rules.floor.reset();
      } else if (auto x = number(v)) {
        rules.floor = *x;
      } else {
        diags.push_back(error({file, v.line, v.col}, "scoring-not-number", {k.value, v.value}));
      }
      continue;
    }
    auto f = std::find_if(std::begin(kFields), std::end(kFields),
                          [&](const RuleField& r) { return k.value == r.key; });
    if (f == std::end(kFields)) {
      Diagnostic d = error(at, "scoring-unknown-key", {k.value, join(allowed, ", ")});
      d.suggestion = nearest(k.value, allowed);
      diags.push_back(std::move(d));
      continue;
    }
    if (auto x = number(v)) {
      rules.*(f->field) = *x;
    } else {
      diags.push_back(error({file, v.line, v.col}, "scoring-not-number", {k.value, v.value}));
    }
  }
  if (diags.size() != before && has_errors(Diagnostics(diags.begin() + before, diags.end())))
    return std::nullopt;
  return rules;
}

ScoreResult compute_scores(const PlanIndex& index, const Ledger& ledger,
                           const std::vector<std::size_t>& selected, const ScoringRules& rules,
                           int year) {
  ScoreResult r;
  r.year = year;
  r.as_of = ledger.as_of;
  r.rules = rules;
  r.from = first_of(year, 1);
  const Date year_end = Date{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}};
  r.to = std::min(year_end, ledger.as_of);
  // The months that count for reporting: from January (or the month the plan was issued, when
  // later) to the last month that ended on or before as_of.
  int first_month = month_number(r.from);
  if (auto issued = parse_iso_date(index.plan().info.issued);
      issued && month_number(*issued) > first_month)
    first_month = month_number(*issued);
  int last_month = month_number(r.to);
  if (add_days(r.to, 1).month() == r.to.month()) --last_month;  // r.to's month has not ended
  r.months = std::max(0, last_month - first_month + 1);

  std::map<std::string, ScoreRow> by_unit;
  std::map<std::string, std::vector<const AssignmentStatus*>> rows_of;
  for (std::size_t k : selected) {
    const AssignmentStatus& s = ledger.rows[k];
    const std::string& unit = index.assignments()[s.assignment].unit;
    ScoreRow& row = by_unit[unit];
    row.unit = unit;
    rows_of[unit].push_back(&s);
    if (!s.due || s.due->year() != std::chrono::year{year}) continue;
    if (*s.due >= ledger.as_of && s.state != State::done) {
      ++row.open;
      continue;
    }
    ++row.due;
    if (s.state == State::done) {
      (s.late ? row.done_late : row.done_on_time) += 1;
    } else if (s.overdue) {
      ++row.overdue;
      row.months_late += s.days_overdue / 30;
    }
    if (s.state == State::blocked) ++row.blocked;
  }
  for (auto& [unit, row] : by_unit) {
    // A month is missed when the unit had work open at its start and reported nothing in it.
    auto reported = ledger.report_months.find(unit);
    for (int m = first_month; m <= last_month; ++m) {
      const Date start = first_of(m / 12, static_cast<unsigned>(m % 12 + 1));
      bool open = false;
      for (const AssignmentStatus* s : rows_of[unit])
        if (s->state != State::done || (s->done_on && *s->done_on >= start)) open = true;
      if (!open) continue;
      bool did = reported != ledger.report_months.end() &&
                 std::binary_search(reported->second.begin(), reported->second.end(), m);
      if (!did) ++row.missed_months;
    }
    double score = rules.base + rules.done_on_time * row.done_on_time +
                   rules.done_late * row.done_late + rules.overdue * row.overdue +
                   rules.overdue_per_month * row.months_late + rules.blocked * row.blocked +
                   rules.missed_month * row.missed_months;
    if (rules.floor) score = std::max(score, *rules.floor);
    row.score = std::round(score * 100) / 100;
  }
  // units.yaml order, then best first (stable: equal scores keep that order).
  for (const auto& u : index.plan().units)
    if (auto it = by_unit.find(u.name); it != by_unit.end()) r.rows.push_back(it->second);
  std::stable_sort(r.rows.begin(), r.rows.end(),
                   [](const ScoreRow& a, const ScoreRow& b) { return a.score > b.score; });
  for (std::size_t i = 0; i < r.rows.size(); ++i)
    r.rows[i].rank = i > 0 && r.rows[i].score == r.rows[i - 1].score ? r.rows[i - 1].rank
                                                                     : static_cast<int>(i) + 1;
  return r;
}

Table score_table(const ScoreResult& r, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-rank"), Align::right, 0, true},
               {tr(lang, "col-unit")},
               {tr(lang, "col-score"), Align::right, 0, true},
               {tr(lang, "col-score-due"), Align::right, 0, true},
               {tr(lang, "col-done-on-time"), Align::right, 0, true},
               {tr(lang, "col-done-late"), Align::right, 0, true},
               {tr(lang, "col-score-overdue"), Align::right, 0, true},
               {tr(lang, "col-months-late"), Align::right, 0, true},
               {tr(lang, "col-blocked"), Align::right, 0, true},
               {tr(lang, "col-missed-months"), Align::right, 0, true}};
  for (const auto& row : r.rows)
    t.rows.push_back({{std::to_string(row.rank)},
                      {row.unit},
                      {points(row.score)},
                      {std::to_string(row.due)},
                      {std::to_string(row.done_on_time)},
                      {std::to_string(row.done_late)},
                      {std::to_string(row.overdue), row.overdue ? Style::overdue : Style::plain},
                      {std::to_string(row.months_late)},
                      {std::to_string(row.blocked)},
                      {std::to_string(row.missed_months)}});
  return t;
}

std::vector<std::string> score_notes(const ScoreResult& r, Lang lang) {
  const ScoringRules& x = r.rules;
  return {tr(lang, "score-note-period",
             {std::to_string(r.year), iso(r.from), iso(r.to), std::to_string(r.months)}),
          tr(lang, "score-note-rules",
             {points(x.base), points(x.done_on_time), points(x.done_late), points(x.overdue),
              points(x.overdue_per_month), points(x.blocked), points(x.missed_month),
              x.floor ? tr(lang, "score-floor", {points(*x.floor)}) : tr(lang, "score-no-floor")}),
          tr(lang, x.from_file ? "score-note-example" : "score-note-defaults")};
}

Json score_json(const ScoreResult& r) {
  Json j;
  j["as_of"] = iso(r.as_of);
  j["year"] = r.year;
  j["from"] = iso(r.from);
  j["to"] = iso(r.to);
  j["months"] = r.months;
  Json rules;
  for (const auto& f : kFields) rules[f.key] = r.rules.*(f.field);
  rules["floor"] = r.rules.floor ? Json(*r.rules.floor) : Json(nullptr);
  rules["from_file"] = r.rules.from_file;
  j["rules"] = std::move(rules);
  Json rows = Json::array();
  for (const auto& row : r.rows)
    rows.push_back({{"unit", row.unit},
                    {"score", row.score},
                    {"rank", row.rank},
                    {"due", row.due},
                    {"done_on_time", row.done_on_time},
                    {"done_late", row.done_late},
                    {"overdue", row.overdue},
                    {"months_late", row.months_late},
                    {"blocked", row.blocked},
                    {"missed_months", row.missed_months},
                    {"open", row.open}});
  j["rows"] = std::move(rows);
  return j;
}

}  // namespace plan
