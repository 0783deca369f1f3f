// What plan record, amend and retract share: printing a draft's problems, finding an entry by
// id, and the one locked append with its confirmation.
#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "cli/cli.h"
#include "core/common/escape.h"
#include "core/common/files.h"
#include "core/common/text.h"

namespace plan::cli {

int print_draft_problems(const Globals& g, const std::vector<DraftProblem>& problems,
                         const std::map<std::string, std::string>& field_names) {
  for (const auto& p : problems) {
    auto it = field_names.find(p.field);
    std::string msg =
        (it == field_names.end() ? p.field : it->second) + ": " + tr(g.lang, p.code, p.args);
    if (p.suggestion) msg += tr(g.lang, "did-you-mean", {*p.suggestion});
    usage_error(g, msg);
  }
  return kUsage;
}

std::optional<EntryTarget> find_target(const Globals& g, const Session& s, const std::string& id) {
  if (id.size() < 4 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    usage_error(g, tr(g.lang, "entry-id-form", {id}));
    return std::nullopt;
  }
  std::vector<const ProgressEntry*> matches;
  for (const auto& e : s.entries)
    if (e.id.compare(0, id.size(), id) == 0) matches.push_back(&e);
  if (matches.empty()) {
    std::string msg = tr(g.lang, "entry-id-unknown", {id});
    if (!s.skipped_files.empty())
      msg += tr(g.lang, "entry-id-maybe-skipped", {join(s.skipped_files, ", ")});
    usage_error(g, msg);
    return std::nullopt;
  }
  for (const auto* m : matches) {
    if (m->unit != matches.front()->unit || m->id != matches.front()->id) {
      std::vector<std::string> ids;
      for (const auto* x : matches) ids.push_back(x->id + "（" + x->unit + "）");
      usage_error(g, tr(g.lang, "entry-id-ambiguous", {id, join(ids, "、")}));
      return std::nullopt;
    }
  }
  EntryTarget t;
  t.entry = matches.front();
  // The fates of that unit's entries, to follow a corrected entry to the version in force.
  for (const auto& e : s.entries)
    if (e.unit == t.entry->unit) t.unit_entries.push_back(e);
  Diagnostics ignored;
  auto fates = resolve_unit_entries(t.unit_entries, ignored);
  for (std::size_t i = 0; i < t.unit_entries.size(); ++i)
    if (t.unit_entries[i].id == t.entry->id) t.fate = fates[i];
  if (t.entry->is_retraction()) {
    usage_error(g, tr(g.lang, "correction-of-retraction", {t.entry->id}));
    return std::nullopt;
  }
  if (t.fate.kind == EntryFate::Kind::retracted) {
    usage_error(g, tr(g.lang, "entry-already-retracted", {t.entry->id, t.fate.by}));
    return std::nullopt;
  }
  return t;
}

int append_and_confirm(const Globals& g, const Session& s, const ProgressEntry& e,
                       const std::string& done_key) {
  const PlanIndex& index = *s.index;
  if (!entry_round_trips(e, index, g.today)) return usage_error(g, tr(g.lang, "record-unwritable"));
  AppendOptions options;
  // Test hook: PLAN_FAULT=kill-before-rename kills the process after the new file is written
  // and before it replaces the old one, to prove that a crash there loses nothing.
  if (const char* fault = std::getenv("PLAN_FAULT");
      fault && std::string(fault) == "kill-before-rename")
    options.before_rename = [] { std::raise(SIGKILL); };
  const std::string dir = (std::filesystem::path(s.loaded->plan.dir) / "progress").string();
  const std::string file = (std::filesystem::path(dir) / progress_file_name(e.unit)).string();
  if (auto failure = append_entry(dir, e, options)) {
    print_diagnostics(g, failure->diags, failure->sources);
    say("plan: " +
        tr(g.lang, "record-failed", {file, write_failure_text(failure->message, g.lang)}));
    return kDataError;
  }
  if (e.is_retraction()) {
    say_out(tr(g.lang, done_key, {e.id, e.unit, e.retracts, iso(e.date), file}));
    return kOk;
  }
  say_out(tr(g.lang, done_key,
             {e.id, e.unit, e.item, state_label(e.status, g.lang), iso(e.date), file}));
  if (auto item = index.find_item(e.item)) {
    const Item& it = index.items()[*item];
    // Cut on the escaped title, so that an escape is never cut in half.
    say_out("  " +
            tr(g.lang, "record-item-title", {it.id, escape_terminal_to_width(it.title, 60)}));
    if (!it.leaf) {
      std::vector<std::string> covered;
      for (std::size_t leaf : index.leaves_under(*item))
        if (index.assignment_of(leaf, e.unit)) covered.push_back(index.items()[leaf].id);
      say_out("  " +
              tr(g.lang, "record-covers", {join(covered, "、"), std::to_string(covered.size())}));
    }
  }
  return kOk;
}

}  // namespace plan::cli
