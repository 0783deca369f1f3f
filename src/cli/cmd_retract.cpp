// plan retract ID --reason TEXT: append an entry that withdraws another, as if never made.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct RetractOptions {
  std::string id;
  std::string reason;
  std::string by;
  CLI::Option* by_opt = nullptr;
};

int run_retract(const Globals& g, const RetractOptions& o) {
  auto s = open_ledger(g);
  if (!s) return kDataError;
  auto t = find_target(g, *s, o.id);
  if (!t) return kUsage;
  std::vector<DraftProblem> problems;
  check_free_text("reason", o.reason, 500, problems);
  if (o.by_opt->count()) check_free_text("by", o.by, 100, problems);
  if (!problems.empty()) return print_draft_problems(g, problems, kEntryOptionNames);
  ProgressEntry e;
  e.unit = t->entry->unit;
  e.date = *parse_iso_date(g.now.substr(0, 10));  // the day it was withdrawn
  e.retracts = t->entry->id;
  e.reason = o.reason;
  e.by = o.by;
  stamp_entry(e, g.now);
  return append_and_confirm(g, *s, e, "retract-done");
}

}  // namespace

Command setup_retract(CLI::App& app, Globals& g) {
  auto o = std::make_shared<RetractOptions>();
  CLI::App* sub = app.add_subcommand("retract", tr(g.lang, "help-retract"));
  sub->add_option("ID", o->id, tr(g.lang, "help-opt-entry-id"))->required()->type_name("");
  sub->add_option("--reason", o->reason, tr(g.lang, "help-opt-reason"))
      ->type_name("TEXT")
      ->required();
  o->by_opt = sub->add_option("--by", o->by, tr(g.lang, "help-opt-by-person"))->type_name("NAME");
  sub->footer(tr(g.lang, "help-retract-examples"));
  return {sub, [&g, o] { return run_retract(g, *o); }};
}

}  // namespace plan::cli
