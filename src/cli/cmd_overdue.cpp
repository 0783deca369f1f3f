// plan overdue: overdue assignments, most overdue first, grouped by unit.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct OverdueOptions {
  ReportOptions report;
  bool fail_if_any = false;
};

int run_overdue(const Globals& g, const OverdueOptions& o) {
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  const Ledger& ledger = in->ledger;
  auto rows = overdue_rows(index, ledger, select_rows(index, ledger, in->filter));
  if (int rc = print_result(g, rows_table(index, ledger, rows, RowsKind::overdue, g.lang),
                            rows_json(index, ledger, rows), ledger.skipped_files);
      rc != kOk)
    return rc;
  return o.fail_if_any && !rows.empty() ? kDataError : kOk;
}

}  // namespace

Command setup_overdue(CLI::App& app, Globals& g) {
  auto o = std::make_shared<OverdueOptions>();
  CLI::App* sub = app.add_subcommand("overdue", tr(g.lang, "help-overdue"));
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->add_flag("--fail-if-any", o->fail_if_any, tr(g.lang, "help-opt-fail-if-any"));
  sub->footer(tr(g.lang, "help-overdue-examples"));
  return {sub, [&g, o] { return run_overdue(g, *o); }};
}

}  // namespace plan::cli
