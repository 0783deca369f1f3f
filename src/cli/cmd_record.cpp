// plan record ITEM --unit U --status S: append a progress entry to the unit's file.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct RecordOptions {
  std::string item;
  std::string unit;
  std::string status;
  std::string date;
  std::string note;
  std::vector<std::string> evidence;
  std::string by;
  CLI::Option* note_opt = nullptr;
  CLI::Option* by_opt = nullptr;
};

int run_record(const Globals& g, const RecordOptions& o) {
  auto s = open_plan(g);
  if (!s) return kDataError;
  EntryDraft d{o.item, o.unit, o.status, o.date, std::nullopt, o.evidence, std::nullopt};
  if (o.note_opt->count()) d.note = o.note;
  if (o.by_opt->count()) d.by = o.by;
  DraftResult r = validate_draft(*s->index, g.today, d);
  if (!r.entry) return print_draft_problems(g, r.problems, kEntryOptionNames);
  stamp_entry(*r.entry, g.now);
  return append_and_confirm(g, *s, *r.entry, "record-done");
}

}  // namespace

Command setup_record(CLI::App& app, Globals& g) {
  auto o = std::make_shared<RecordOptions>();
  CLI::App* sub = app.add_subcommand("record", tr(g.lang, "help-record"));
  sub->add_option("ITEM", o->item, tr(g.lang, "help-opt-item"))->required()->type_name("");
  sub->add_option("--unit", o->unit, tr(g.lang, "help-opt-record-unit"))
      ->type_name("UNIT")
      ->required();
  sub->add_option("--status", o->status, tr(g.lang, "help-opt-status"))
      ->type_name("STATUS")
      ->required();
  sub->add_option("--date", o->date, tr(g.lang, "help-opt-date"))->type_name("DATE");
  o->note_opt = sub->add_option("--note", o->note, tr(g.lang, "help-opt-note"))->type_name("TEXT");
  sub->add_option("--evidence", o->evidence, tr(g.lang, "help-opt-evidence"))->type_name("TEXT");
  o->by_opt = sub->add_option("--by", o->by, tr(g.lang, "help-opt-by-person"))->type_name("NAME");
  sub->footer(tr(g.lang, "help-record-examples"));
  return {sub, [&g, o] { return run_record(g, *o); }};
}

}  // namespace plan::cli
