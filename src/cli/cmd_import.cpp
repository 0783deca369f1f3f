// plan import FILE...: read filled reporting forms (.xlsx or CSV) and append their rows as
// progress entries, all or nothing, through the same validation and append as plan record.
#include <filesystem>
#include <map>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/common/text.h"
#include "core/intake/form.h"
#include "core/intake/xlsx_read.h"

namespace plan::cli {

namespace {

namespace fs = std::filesystem;

struct ImportOptions {
  std::vector<std::string> files;
  std::string unit;  // for CSV files that do not name their unit
  bool dry_run = false;
};

// One row ready to append, with where it came from.
struct Incoming {
  ProgressEntry entry;
  std::string place;  // the row's 状态 cell
};

bool is_csv(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv";
}

// The place of the cell a draft field came from.
const CellPlace& place_of(const FormExtract& ex, const FormRow& row, const std::string& field) {
  if (field == "item") return row.item.place;
  if (field == "date") return row.date.place;
  if (field == "note") return row.note.place;
  if (field == "evidence" && !row.evidence.empty()) return row.evidence.front().place;
  if (field == "by") return row.by.place.ref.empty() ? ex.by.place : row.by.place;
  if (field == "unit") return ex.unit.place;
  return row.status.place;
}

int run_import(const Globals& g, const ImportOptions& o) {
  auto s = open_ledger(g);
  if (!s) return kDataError;
  const PlanIndex& index = *s->index;
  const std::string fingerprint = plan_files_fingerprint(*s->loaded);

  // The ledger's entries by unit, to find reports a form repeats.
  std::multimap<std::string, const ProgressEntry*> known;
  for (const auto& e : s->entries) known.emplace(e.unit, &e);

  Diagnostics diags;
  std::vector<Incoming> incoming;
  std::size_t already = 0, rows_read = 0;
  for (const std::string& file : o.files) {
    XlsxRead book = is_csv(file) ? read_csv_table(file) : read_xlsx(file);
    if (!book.ok()) {
      diags.insert(diags.end(), book.diags.begin(), book.diags.end());
      continue;
    }
    ExtractOptions eo;
    eo.unit = o.unit;
    FormExtract ex = extract_form(book, file, eo);
    diags.insert(diags.end(), ex.diags.begin(), ex.diags.end());
    if (ex.header_row == 0) continue;    // extract_form said why
    if (ex.unit.text.empty()) continue;  // extract_form said why
    const bool old_plan =
        ex.meta.found && !ex.meta.fingerprint.empty() && ex.meta.fingerprint != fingerprint;
    if (old_plan) diags.push_back(warning({file, 0, 0}, "import-old-plan", {ex.meta.as_of}));
    for (const FormRow& row : ex.rows) {
      ++rows_read;
      EntryDraft d;
      d.item = row.item.text;
      d.unit = ex.unit.text;
      d.status = row.status.text;
      d.date = row.date.date ? iso(*row.date.date) : row.date.text;
      if (!row.note.text.empty()) d.note = row.note.text;
      for (const auto& ev : row.evidence)
        if (!ev.text.empty()) d.evidence.push_back(ev.text);
      const std::string& by = row.by.text.empty() ? ex.by.text : row.by.text;
      if (!by.empty()) d.by = by;
      DraftResult r = validate_draft(index, g.today, d);
      // A form made from an earlier plan may list items the unit no longer has: those rows are
      // refused (said as warnings) and the rest go in. Any other problem stops the import.
      const bool stale_row =
          old_plan && std::all_of(r.problems.begin(), r.problems.end(), [](const DraftProblem& p) {
            return p.code == "not-responsible" || p.code == "unknown-item";
          });
      for (const auto& p : r.problems) {
        const Where at = place_of(ex, row, p.field).where();
        diags.push_back(stale_row ? warning(at, "import-row-refused", {tr(g.lang, p.code, p.args)})
                                  : error(at, p.code, p.args, p.suggestion));
      }
      if (!r.entry) continue;
      // The same report already in the ledger (or earlier in this import) is not added again.
      auto same = [&](const ProgressEntry& e) {
        return !e.is_retraction() && e.unit == r.entry->unit && same_report(e, *r.entry);
      };
      auto [from, to] = known.equal_range(r.entry->unit);
      if (std::any_of(from, to, [&](const auto& k) { return same(*k.second); }) ||
          std::any_of(incoming.begin(), incoming.end(),
                      [&](const Incoming& in) { return same(in.entry); })) {
        ++already;
        continue;
      }
      incoming.push_back({std::move(*r.entry), row.status.place.text()});
    }
  }

  sort_by_place(diags);
  print_diagnostics(g, diags, Sources{});
  if (has_errors(diags)) {
    say("plan: " + tr(g.lang, "import-failed", {std::to_string(count(diags, Severity::error))}));
    return kDataError;
  }
  if (o.dry_run) {
    Table t;
    t.columns = {{tr(g.lang, "col-unit")},
                 {tr(g.lang, "col-item-id")},
                 {tr(g.lang, "col-state")},
                 {tr(g.lang, "col-date")},
                 {tr(g.lang, "col-note"), Align::left, 30},
                 {tr(g.lang, "col-by")},
                 {tr(g.lang, "col-source")}};
    for (const auto& in : incoming)
      t.rows.push_back({{in.entry.unit},
                        {in.entry.item},
                        {state_label(in.entry.status, g.lang)},
                        {iso(in.entry.date)},
                        {in.entry.note},
                        {in.entry.by},
                        {in.place}});
    out(render_text(t, g.color_on, g.fit));
    say("plan: " +
        tr(g.lang, "import-dry-run", {std::to_string(incoming.size()), std::to_string(already)}));
    return kOk;
  }
  const std::string dir = (fs::path(s->loaded->plan.dir) / "progress").string();
  // A unit whose own file has errors takes nothing until it is fixed: its reports already there
  // are unknown, so repeats could not be told apart.
  std::vector<std::string> blocked;
  for (const auto& in : incoming) {
    std::string file = (fs::path(dir) / progress_file_name(in.entry.unit)).string();
    if (std::find(s->skipped_files.begin(), s->skipped_files.end(), file) !=
            s->skipped_files.end() &&
        std::find(blocked.begin(), blocked.end(), file) == blocked.end())
      blocked.push_back(file);
  }
  if (!blocked.empty()) {
    say("plan: " + tr(g.lang, "import-unit-file-broken", {join(blocked, ", ")}));
    return kDataError;
  }
  std::size_t written = 0;
  for (auto& in : incoming) {
    stamp_entry(in.entry, g.now);
    if (!entry_round_trips(in.entry, index, g.today))
      return usage_error(g, in.place + ": " + tr(g.lang, "record-unwritable"));
    if (auto failure = append_entry(dir, in.entry)) {
      print_diagnostics(g, failure->diags, failure->sources);
      say("plan: " +
          tr(g.lang, "import-append-failed",
             {std::to_string(written), in.place, write_failure_text(failure->message, g.lang)}));
      return kDataError;
    }
    ++written;
  }
  say_out(tr(g.lang, "import-done",
             {std::to_string(written), std::to_string(o.files.size()), std::to_string(already)}));
  return kOk;
}

}  // namespace

Command setup_import(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* sub = app.add_subcommand("import", tr(g.lang, "help-import"));
  sub->add_option("FILE", o->files, tr(g.lang, "help-opt-import-files"))->required()->type_name("");
  sub->add_option("--unit", o->unit, tr(g.lang, "help-opt-import-unit"))->type_name("UNIT");
  sub->add_flag("--dry-run", o->dry_run, tr(g.lang, "help-opt-dry-run"));
  sub->footer(tr(g.lang, "help-import-examples"));
  return {sub, [&g, o] { return run_import(g, *o); }};
}

}  // namespace plan::cli
