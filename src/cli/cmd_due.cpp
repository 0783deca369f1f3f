// plan due: what falls due in the next N days.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct DueOptions {
  ReportOptions report;
  int within = 30;
};

int run_due(const Globals& g, const DueOptions& o) {
  if (o.within < 0 || o.within > 3650)
    return usage_error(g, tr(g.lang, "usage-bad-days", {"--within"}));
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code, o.within);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  const Ledger& ledger = in->ledger;
  auto rows = due_rows(index, ledger, select_rows(index, ledger, in->filter), o.within);
  return print_result(g, rows_table(index, ledger, rows, RowsKind::due, g.lang),
                      rows_json(index, ledger, rows), ledger.skipped_files);
}

}  // namespace

Command setup_due(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DueOptions>();
  CLI::App* sub = app.add_subcommand("due", tr(g.lang, "help-due"));
  sub->add_option("--within", o->within, tr(g.lang, "help-opt-within"))->type_name("DAYS");
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->footer(tr(g.lang, "help-due-examples"));
  return {sub, [&g, o] { return run_due(g, *o); }};
}

}  // namespace plan::cli
