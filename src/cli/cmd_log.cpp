// plan log: the history of progress entries, oldest first.
#include "cli/cli.h"

namespace plan::cli {

namespace {

int run_log(const Globals& g, const ReportOptions& o) {
  // The log shows every entry, so it is the one report that keeps them all.
  auto s = open_ledger(g);
  if (!s) return kDataError;
  auto as_of = as_of_date(g, o.as_of);
  if (!as_of) return kUsage;
  auto filter = make_filter(g, *s->index, o);
  if (!filter) return kUsage;
  const PlanIndex& index = *s->index;
  auto rows = log_rows(index, s->entries, *filter, *as_of);
  return print_result(g, framed(g, log_table(index, rows, g.lang), *as_of, o, *filter, "empty-log"),
                      log_json(rows, *as_of));
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
