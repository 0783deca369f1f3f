// plan record ITEM --unit U --status S: append a progress entry to the unit's file.
#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "cli/cli.h"
#include "core/text.h"

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

// Free text from the command line: not empty, not too long, no control characters.
bool check_text_arg(const Globals& g, const std::string& name, const std::string& value,
                    std::size_t max_chars) {
  if (value.empty()) return usage_error(g, tr(g.lang, "record-empty", {name})), false;
  if (find_invalid_utf8(value)) return usage_error(g, name + ": " + tr(g.lang, "not-utf8")), false;
  if (to_u32(value).size() > max_chars)
    return usage_error(g, tr(g.lang, "record-too-long", {name, std::to_string(max_chars)})), false;
  if (has_control_chars(value)) return usage_error(g, tr(g.lang, "record-control", {name})), false;
  return true;
}

int run_record(const Globals& g, const RecordOptions& o) {
  auto s = open_plan(g);
  if (!s) return kDataError;
  const PlanIndex& index = *s->index;

  ProgressEntry e;
  auto item = index.find_item(o.item);
  if (!item) {
    std::string msg = tr(g.lang, "unknown-item", {o.item});
    if (auto near = nearest(normalize_item_id(o.item), index.item_ids()))
      msg += tr(g.lang, "did-you-mean", {*near});
    return usage_error(g, msg);
  }
  e.item = index.items()[*item].id;

  const Unit* unit = index.find_unit(o.unit);
  if (!unit) {
    if (const Group* grp = index.find_group(o.unit))
      return usage_error(
          g, tr(g.lang, "record-group", {grp->name, join(index.expand_in_order(grp->name), "、")}));
    std::string msg = tr(g.lang, "record-unknown-unit", {o.unit});
    if (auto near = nearest(o.unit, index.all_names())) msg += tr(g.lang, "did-you-mean", {*near});
    return usage_error(g, msg);
  }
  e.unit = unit->name;
  if (!index.is_responsible(*item, e.unit)) {
    return usage_error(g, tr(g.lang, "not-responsible",
                             {e.unit, e.item, join(index.responsible_units(*item), "、")}));
  }

  auto state = parse_state(o.status);
  if (!state) return usage_error(g, tr(g.lang, "bad-status", {o.status}));
  e.status = *state;

  e.date = g.today;
  if (!o.date.empty()) {
    bool well_formed = false;
    auto d = parse_iso_date(o.date, &well_formed);
    if (!d)
      return usage_error(
          g, "--date: " + tr(g.lang, well_formed ? "bad-date" : "bad-iso-date", {o.date}));
    if (*d > g.today) return usage_error(g, tr(g.lang, "entry-future", {o.date, iso(g.today)}));
    e.date = *d;
  }
  if (o.note_opt->count() && !check_text_arg(g, "--note", o.note, 2000)) return kUsage;
  if (o.by_opt->count() && !check_text_arg(g, "--by", o.by, 100)) return kUsage;
  for (const auto& ev : o.evidence)
    if (!check_text_arg(g, "--evidence", ev, 500)) return kUsage;
  e.note = o.note;
  e.by = o.by;
  e.evidence = o.evidence;

  if (!entry_round_trips(e, index, g.today)) return usage_error(g, tr(g.lang, "record-unwritable"));

  AppendOptions options;
  // Test hook: PLAN_FAULT=kill-before-rename kills the process after the new file is written
  // and before it replaces the old one, to prove that a crash there loses nothing.
  if (const char* fault = std::getenv("PLAN_FAULT");
      fault && std::string(fault) == "kill-before-rename")
    options.before_rename = [] { std::raise(SIGKILL); };
  const std::string dir = (std::filesystem::path(s->loaded->plan.dir) / "progress").string();
  const std::string file = (std::filesystem::path(dir) / progress_file_name(e.unit)).string();
  if (auto failure = append_entry(dir, e, options)) {
    std::string msg = "plan: " + tr(g.lang, "record-failed", {file, *failure}) + "\n";
    std::fwrite(msg.data(), 1, msg.size(), stderr);
    return kDataError;
  }
  out(tr(g.lang, "record-done",
         {e.unit, e.item, state_label(e.status, g.lang), iso(e.date), file}) +
      "\n");
  return kOk;
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
