// plan score [--year Y]: points per unit for the assignments due in a year, under the rules in
// plan/scoring.yaml (or the documented defaults), with the counts behind them and a rank.
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"

namespace plan::cli {

std::optional<ScoringRules> load_scoring_rules(const Globals& g, const std::string& plan_dir) {
  const std::string file = (std::filesystem::path(plan_dir) / "scoring.yaml").string();
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return ScoringRules{};
  constexpr std::size_t kMax = std::size_t{1} << 20;
  RegularRead in = read_regular_file(file, kMax, true);
  Diagnostics diags;
  Sources sources;
  std::optional<ScoringRules> rules;
  if (auto problem = read_problem(in, file, kMax)) {
    diags.push_back(*problem);
  } else {
    sources.add(file, in.text);
    rules = parse_scoring_rules(in.text, file, diags);
  }
  if (!rules) {
    report_errors(g, diags, sources);
    return std::nullopt;
  }
  print_diagnostics(g, diags, sources);  // warnings, if any
  return rules;
}

std::optional<int> score_year(const Globals& g, const std::string& text, const Date& as_of) {
  if (text.empty()) return static_cast<int>(as_of.year());
  if (text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos) {
    int y = std::stoi(text);
    if (y >= kMinYear && y <= kMaxYear) return y;
  }
  usage_error(g, tr(g.lang, "usage-bad-year", {text}));
  return std::nullopt;
}

namespace {

struct ScoreOptions {
  ReportOptions report;
  std::string year;
};

int run_score(const Globals& g, const ScoreOptions& o) {
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code);
  if (!in) return exit_code;
  auto year = score_year(g, o.year, in->as_of);
  if (!year) return kUsage;
  auto rules = load_scoring_rules(g, in->session.loaded->plan.dir);
  if (!rules) return kDataError;
  const PlanIndex& index = *in->session.index;
  ScoreResult r =
      compute_scores(index, in->ledger, select_rows(index, in->ledger, in->filter), *rules, *year);
  Table t = framed(g, score_table(r, g.lang), in->as_of, o.report, in->filter, "empty-score");
  t.notes = score_notes(r, g.lang);
  return print_result(g, std::move(t), score_json(r), in->ledger.skipped_files);
}

}  // namespace

Command setup_score(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ScoreOptions>();
  CLI::App* sub = app.add_subcommand("score", tr(g.lang, "help-score"));
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->add_option("--year", o->year, tr(g.lang, "help-opt-year"))->type_name("YEAR");
  sub->footer(tr(g.lang, "help-score-examples"));
  return {sub, [&g, o] { return run_score(g, *o); }};
}

}  // namespace plan::cli
