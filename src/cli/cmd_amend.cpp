// plan amend ID …: append a correction that replaces an entry in every report.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct AmendOptions {
  std::string id;
  std::string item;
  std::string status;
  std::string date;
  std::string note;
  std::vector<std::string> evidence;
  std::string by;
  std::string reason;
  CLI::Option* note_opt = nullptr;
  CLI::Option* by_opt = nullptr;
  CLI::Option* evidence_opt = nullptr;
};

int run_amend(const Globals& g, const AmendOptions& o) {
  auto s = open_ledger(g);
  if (!s) return kDataError;
  auto t = find_target(g, *s, o.id);
  if (!t) return kUsage;
  // A correction of an entry that was corrected already continues from the version in force,
  // so that the chain stays one line of corrections.
  const ProgressEntry* base = t->entry;
  if (t->fate.kind == EntryFate::Kind::superseded)
    for (const auto& e : t->unit_entries)
      if (e.id == t->fate.by) base = &e;

  const bool changes = !o.item.empty() || !o.status.empty() || !o.date.empty() ||
                       o.note_opt->count() || o.evidence_opt->count();
  if (!changes) return usage_error(g, tr(g.lang, "amend-nothing"));

  EntryDraft d;
  d.item = o.item.empty() ? base->item : o.item;
  d.unit = base->unit;
  d.status = o.status.empty() ? state_key(base->status) : o.status;
  d.date = o.date.empty() ? iso(base->date) : o.date;
  d.note = o.note_opt->count() ? o.note : base->note;
  if (d.note->empty()) d.note.reset();
  d.evidence = o.evidence_opt->count() ? o.evidence : base->evidence;
  if (o.by_opt->count()) {
    d.by = o.by;
  } else if (!base->by.empty()) {
    d.by = base->by;
  }
  DraftResult r = validate_draft(*s->index, g.today, d);
  check_free_text("reason", o.reason, 500, r.problems);
  if (!r.problems.empty()) {
    auto names = kEntryOptionNames;
    names["item"] = "--item";
    return print_draft_problems(g, r.problems, names);
  }
  ProgressEntry& e = *r.entry;  // no problems: the draft gave an entry
  if (e.item == base->item && e.status == base->status && e.date == base->date &&
      e.note == base->note && e.evidence == base->evidence)
    return usage_error(g, tr(g.lang, "amend-same", {base->id}));
  e.amends = base->id;
  e.reason = o.reason;
  stamp_entry(e, g.now);
  if (base != t->entry) {
    say(tr(g.lang, "amend-follows", {t->entry->id, base->id}));
  }
  return append_and_confirm(g, *s, e, "amend-done");
}

}  // namespace

Command setup_amend(CLI::App& app, Globals& g) {
  auto o = std::make_shared<AmendOptions>();
  CLI::App* sub = app.add_subcommand("amend", tr(g.lang, "help-amend"));
  sub->add_option("ID", o->id, tr(g.lang, "help-opt-entry-id"))->required()->type_name("");
  sub->add_option("--item", o->item, tr(g.lang, "help-opt-amend-item"))->type_name("ITEM");
  sub->add_option("--status", o->status, tr(g.lang, "help-opt-amend-status"))->type_name("STATUS");
  sub->add_option("--date", o->date, tr(g.lang, "help-opt-date"))->type_name("DATE");
  o->note_opt = sub->add_option("--note", o->note, tr(g.lang, "help-opt-note"))->type_name("TEXT");
  o->evidence_opt = sub->add_option("--evidence", o->evidence, tr(g.lang, "help-opt-evidence"))
                        ->type_name("TEXT")
                        ->allow_extra_args(false);
  o->by_opt = sub->add_option("--by", o->by, tr(g.lang, "help-opt-by-person"))->type_name("NAME");
  sub->add_option("--reason", o->reason, tr(g.lang, "help-opt-reason"))
      ->type_name("TEXT")
      ->required();
  sub->footer(tr(g.lang, "help-amend-examples"));
  return {sub, [&g, o] { return run_amend(g, *o); }};
}

}  // namespace plan::cli
