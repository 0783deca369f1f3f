// plan log: the history of progress entries, oldest first.
#include "cli/cli.h"

namespace plan::cli {

namespace {

int run_log(const Globals& g, const ReportOptions& o) {
  int exit_code = kOk;
  auto in = open_report(g, o, exit_code);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  auto entries = log_entries(index, in->session.entries, in->filter, in->as_of);
  return print_result(g, log_table(index, entries, g.lang), log_json(entries, in->as_of));
}

}  // namespace

Command setup_log(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand("log", tr(g.lang, "help-log"));
  add_report_options(sub, g, *o, true, true);
  sub->footer(tr(g.lang, "help-log-examples"));
  return {sub, [&g, o] { return run_log(g, *o); }};
}

}  // namespace plan::cli
