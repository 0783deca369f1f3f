// plan export --format xlsx -o FILE: the Excel ledger; with --unit, --section or --task, the
// chosen rows only (a township's own ledger).
#include <cstdlib>
#include <filesystem>

#include "cli/cli.h"
#include "core/rollup/config.h"
#include "core/writers/xlsx_export.h"

namespace plan::cli {

namespace {

int run_export(const Globals& g, const ReportOptions& o) {
  if (g.output.empty()) return usage_error(g, tr(g.lang, "usage-needs-output", {"xlsx"}));
  // In a roll-up directory (rollup.yaml, no plan named and none found): the roll-up's workbook.
  if (g.plan_dir.empty() && !std::getenv("PLAN_DIR")) {
    std::error_code ec;
    const std::string cwd = std::filesystem::current_path(ec).string();
    if (!find_plan_dir(cwd) && find_rollup_dir(cwd)) {
      if (!o.units.empty() || !o.section.empty() || !o.task.empty() || !o.plan_at.empty())
        return usage_error(g, tr(g.lang, "usage-rollup-export-options"));
      return export_rollup(g, o.as_of);
    }
  }
  int exit_code = kOk;
  auto in = open_report(g, o, exit_code);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  // The scores of the as-of year, under plan/scoring.yaml or the defaults (plan score).
  auto rules = load_scoring_rules(g, in->session.loaded->plan.dir);
  if (!rules) return kDataError;
  std::optional<Ledger> part;
  if (!in->filter.units.empty() || in->filter.section || in->filter.task)
    part = ledger_part(in->ledger, select_rows(index, in->ledger, in->filter));
  const Ledger& ledger = part ? *part : in->ledger;
  std::vector<std::size_t> all(ledger.rows.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  ExportOptions options;
  options.scope = filter_title(in->filter, g.lang);
  options.scores = compute_scores(index, ledger, all, *rules, static_cast<int>(in->as_of.year()));
  // The workbook carries its own note (a sheet) when the ledger is incomplete.
  Diagnostics warnings;
  auto failure = export_xlsx(g.output, index, ledger, g.lang, options, &warnings);
  print_diagnostics(g, warnings, Sources{});
  int rc = report_written(g, failure);
  return rc == kOk && !ledger.skipped_files.empty() ? kDataError : rc;
}

}  // namespace

Command setup_export(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand("export", tr(g.lang, "help-export"));
  add_report_options(sub, g, *o, true, true);
  add_plan_at_option(sub, g, *o);
  sub->footer(tr(g.lang, "help-export-examples"));
  return {sub, [&g, o] { return run_export(g, *o); }};
}

}  // namespace plan::cli
