// plan export --format xlsx -o FILE: the Excel ledger.
#include "cli/cli.h"
#include "core/writers/xlsx_export.h"

namespace plan::cli {

namespace {

int run_export(const Globals& g, const ReportOptions& o) {
  if (g.output.empty()) return usage_error(g, tr(g.lang, "usage-needs-output", {"xlsx"}));
  int exit_code = kOk;
  auto in = open_report(g, o, exit_code);
  if (!in) return exit_code;
  const Ledger& ledger = in->ledger;
  // The workbook carries its own note (a sheet) when the ledger is incomplete.
  Diagnostics warnings;
  auto failure = export_xlsx(g.output, *in->session.index, ledger, g.lang, &warnings);
  print_diagnostics(g, warnings, Sources{});
  int rc = report_written(g, failure);
  return rc == kOk && !ledger.skipped_files.empty() ? kDataError : rc;
}

}  // namespace

Command setup_export(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand("export", tr(g.lang, "help-export"));
  add_report_options(sub, g, *o, false, false);
  add_plan_at_option(sub, g, *o);
  sub->footer(tr(g.lang, "help-export-examples"));
  return {sub, [&g, o] { return run_export(g, *o); }};
}

}  // namespace plan::cli
