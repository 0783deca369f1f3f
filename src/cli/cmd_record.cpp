// plan record ITEM... --unit U --status S: append a progress entry per item to the unit's file.
#include <cstdlib>

#include "cli/cli.h"

namespace plan::cli {

namespace {

struct RecordOptions {
  std::vector<std::string> items;
  std::string unit;
  std::string status;
  std::string date;
  std::string note;
  std::vector<std::string> evidence;
  std::string by;
  CLI::Option* unit_opt = nullptr;
  CLI::Option* note_opt = nullptr;
  CLI::Option* by_opt = nullptr;
  CLI::Option* evidence_opt = nullptr;
};

// An environment variable's value, or "" when it is unset or empty.
std::string env_value(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

int run_record(const Globals& g, const RecordOptions& o) {
  // A unit's own clerk sets PLAN_UNIT (and PLAN_BY) once; --unit and --by override them.
  std::string unit = o.unit_opt->count() ? o.unit : env_value("PLAN_UNIT");
  if (unit.empty()) return usage_error(g, tr(g.lang, "usage-record-needs-unit"));
  std::optional<std::string> by;
  if (o.by_opt->count()) {
    by = o.by;
  } else if (std::string env = env_value("PLAN_BY"); !env.empty()) {
    by = env;
  }
  auto s = open_plan(g);
  if (!s) return kDataError;
  // Every item is checked before anything is written: all of them go in, or none.
  std::vector<ProgressEntry> entries;
  std::vector<std::string> seen;
  bool failed = false;
  for (const auto& item : o.items) {
    EntryDraft d{item, unit, o.status, o.date, std::nullopt, o.evidence, by};
    if (o.note_opt->count()) d.note = o.note;
    DraftResult r = validate_draft(*s->index, g.today, d);
    if (!r.entry) {
      std::map<std::string, std::string> names = kEntryOptionNames;
      if (o.items.size() > 1) names["item"] = "ITEM " + item;
      print_draft_problems(g, r.problems, names);
      // A value after --evidence that is taken for an item: say how --evidence takes values.
      for (const auto& p : r.problems)
        if (p.field == "item" && p.code == "unknown-item" && o.evidence_opt->count())
          usage_error(g, tr(g.lang, "usage-evidence-one-value", {item}));
      failed = true;
      continue;
    }
    if (std::find(seen.begin(), seen.end(), r.entry->item) != seen.end()) {
      usage_error(g, tr(g.lang, "usage-item-twice", {item, r.entry->item}));
      failed = true;
      continue;
    }
    seen.push_back(r.entry->item);
    entries.push_back(std::move(*r.entry));
  }
  if (failed) return kUsage;
  for (auto& e : entries) {
    stamp_entry(e, g.now);
    if (int rc = append_and_confirm(g, *s, e, "record-done"); rc != kOk) return rc;
  }
  return kOk;
}

}  // namespace

Command setup_record(CLI::App& app, Globals& g) {
  auto o = std::make_shared<RecordOptions>();
  CLI::App* sub = app.add_subcommand("record", tr(g.lang, "help-record"));
  sub->add_option("ITEM", o->items, tr(g.lang, "help-opt-items"))->required()->type_name("");
  o->unit_opt =
      sub->add_option("--unit", o->unit, tr(g.lang, "help-opt-record-unit"))->type_name("UNIT");
  sub->add_option("--status", o->status, tr(g.lang, "help-opt-status"))
      ->type_name("STATUS")
      ->required();
  sub->add_option("--date", o->date, tr(g.lang, "help-opt-date"))->type_name("DATE");
  o->note_opt = sub->add_option("--note", o->note, tr(g.lang, "help-opt-note"))->type_name("TEXT");
  // One value per --evidence, so that `--evidence 文号 6` leaves 6 to ITEM.
  o->evidence_opt = sub->add_option("--evidence", o->evidence, tr(g.lang, "help-opt-evidence"))
                        ->type_name("TEXT")
                        ->allow_extra_args(false);
  o->by_opt = sub->add_option("--by", o->by, tr(g.lang, "help-opt-by-person"))->type_name("NAME");
  sub->footer(tr(g.lang, "help-record-examples"));
  return {sub, [&g, o] { return run_record(g, *o); }};
}

}  // namespace plan::cli
