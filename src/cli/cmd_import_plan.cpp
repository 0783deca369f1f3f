// plan import-plan FILE [-o DIR] [--sheet NAME] [--units FILE] [--force]: a county's breakdown
// table (.xlsx or CSV) as a draft tasks.yaml and units.yaml, with what needs a human listed.
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/intake/plan_import.h"
#include "core/intake/xlsx_read.h"

namespace plan::cli {

namespace {

namespace fs = std::filesystem;

struct ImportPlanOptions {
  std::string file;
  std::string sheet;
  std::string units;  // an existing units.yaml to match names against
  bool force = false;
};

bool is_csv(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv";
}

std::string summary(const Globals& g, const Plan& plan) {
  std::size_t tasks = 0, measures = 0, parts = 0, requirements = 0;
  for (const auto& s : plan.sections) {
    tasks += s.tasks.size();
    requirements += s.requirements.size();
    for (const auto& t : s.tasks) {
      measures += t.measures.size();
      parts += t.parts.size();
      for (const auto& p : t.parts) measures += p.measures.size();
    }
  }
  return tr(g.lang, "import-plan-summary",
            {std::to_string(plan.sections.size()), std::to_string(tasks), std::to_string(measures),
             std::to_string(parts), std::to_string(requirements), std::to_string(plan.units.size()),
             std::to_string(plan.groups.size())});
}

int run_import_plan(const Globals& g, const ImportPlanOptions& o) {
  const fs::path dir = g.output.empty() ? fs::path("plan") : fs::path(g.output);
  const std::string tasks_file = (dir / "tasks.yaml").string();
  const std::string units_file = (dir / "units.yaml").string();
  std::error_code ec;
  if (!o.force) {
    for (const auto& f : {tasks_file, units_file}) {
      if (fs::exists(f, ec)) {
        say("plan: " + tr(g.lang, "import-plan-exists", {f}));
        return kDataError;
      }
    }
  }

  // The units to match names against, as plan check would read them.
  Plan known;
  std::string units_text;
  if (!o.units.empty()) {
    Diagnostics diags;
    Sources sources;
    if (auto text = read_text_file(o.units, diags, sources)) {
      units_text = *text;
      load_units_text(units_text, o.units, known, diags);
    }
    if (has_errors(diags)) {
      report_errors(g, diags, sources);
      return kDataError;
    }
  }

  XlsxRead book = is_csv(o.file) ? read_csv_table(o.file) : read_xlsx(o.file);
  if (!book.ok()) {
    print_diagnostics(g, book.diags, Sources{});
    say("plan: " + tr(g.lang, "import-plan-failed", {std::to_string(book.diags.size())}));
    return kDataError;
  }
  PlanImportOptions po;
  po.sheet = o.sheet;
  po.units = o.units.empty() ? nullptr : &known;
  po.lang = g.lang;
  PlanImport draft = import_plan_table(book, o.file, po);
  print_diagnostics(g, draft.diags, Sources{});
  if (has_errors(draft.diags)) {
    say("plan: " +
        tr(g.lang, "import-plan-failed", {std::to_string(count(draft.diags, Severity::error))}));
    return kDataError;
  }

  // The header comment names the file alone: the draft is committed, the path is local.
  PlanDraftFiles files =
      draft_plan_files(draft, fs::path(o.file).filename().string(), units_text, g.lang);
  Sources sources;
  Diagnostics checks = check_plan_draft(files, tasks_file, units_file, sources);

  fs::create_directories(dir, ec);
  for (const auto& [path, text] : {std::pair{units_file, files.units}, {tasks_file, files.tasks}}) {
    if (auto failure = write_file_atomic(path, text)) {
      say("plan: " + tr(g.lang, "write-failed", {path, *failure}));
      return kDataError;
    }
  }
  print_diagnostics(g, checks, sources);
  say_out(tr(g.lang, "import-plan-written", {tasks_file, units_file, summary(g, draft.plan)}));
  if (std::size_t errors = count(checks, Severity::error)) {
    say("plan: " + tr(g.lang, "import-plan-draft-errors", {std::to_string(errors)}));
    return kDataError;
  }
  if (std::size_t warnings =
          count(draft.diags, Severity::warning) + count(checks, Severity::warning))
    say(tr(g.lang, "import-plan-needs-human", {std::to_string(warnings)}));
  return kOk;
}

}  // namespace

Command setup_import_plan(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ImportPlanOptions>();
  CLI::App* sub = app.add_subcommand("import-plan", tr(g.lang, "help-import-plan"));
  sub->add_option("FILE", o->file, tr(g.lang, "help-opt-import-plan-file"))
      ->required()
      ->type_name("");
  sub->add_option("--sheet", o->sheet, tr(g.lang, "help-opt-import-plan-sheet"))->type_name("NAME");
  sub->add_option("--units", o->units, tr(g.lang, "help-opt-import-plan-units"))->type_name("FILE");
  sub->add_flag("--force", o->force, tr(g.lang, "help-opt-import-plan-force"));
  sub->footer(tr(g.lang, "help-import-plan-examples"));
  return {sub, [&g, o] { return run_import_plan(g, *o); }};
}

}  // namespace plan::cli
