// plan stale --since D: units with unfinished items and no entry since D (未报送).
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct StaleOptions {
  ReportOptions report;
  std::string since;
};

int run_stale(const Globals& g, const StaleOptions& o) {
  auto since = user_date(g, "--since", o.since);
  if (!since) return kUsage;
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  const Ledger& ledger = in->ledger;
  auto rows = stale_units(index, ledger, *since, in->filter);
  return print_result(
      g,
      [&] {
        return framed(g, stale_table(rows, g.lang), in->as_of, o.report, in->filter, "empty-stale");
      },
      [&] { return stale_json(rows, *since, in->as_of); }, ledger.skipped_files);
}

}  // namespace

Command setup_stale(CLI::App& app, Globals& g) {
  auto o = std::make_shared<StaleOptions>();
  CLI::App* sub = app.add_subcommand("stale", tr(g.lang, "help-stale"));
  sub->add_option("--since", o->since, tr(g.lang, "help-opt-since"))->type_name("DATE")->required();
  add_report_options(sub, g, o->report, true, false);
  add_plan_at_option(sub, g, o->report);
  sub->footer(tr(g.lang, "help-stale-examples"));
  return {sub, [&g, o] { return run_stale(g, *o); }};
}

}  // namespace plan::cli
