// plan check: load and validate everything, print every problem.
#include <filesystem>
#include <thread>

#include "cli/cli.h"
#include "core/common/text.h"
#include "core/review/plan_diff.h"

namespace plan::cli {

namespace {

Json diagnostics_json(const Diagnostics& diags, Lang lang) {
  Json arr = Json::array();
  for (const auto& d : diags) {
    arr.push_back({{"file", d.where.file},
                   {"line", d.where.line},
                   {"column", d.where.col},
                   {"severity", d.severity == Severity::error ? "error" : "warning"},
                   {"code", d.code},
                   {"acknowledged", d.acknowledged},
                   {"message", message_text(d, lang)}});
  }
  return arr;
}

// Each implements: link of the plan must name an item of the parent plan in `parent_dir`.
std::optional<Diagnostics> check_links(const Globals& g, const PlanIndex& index,
                                       const std::string& parent_dir) {
  LoadResult parent = load_plan(parent_dir);
  if (!parent.parsed || has_errors(parent.diags)) {
    report_errors(g, parent.diags, parent.sources);
    return std::nullopt;
  }
  PlanIndex parent_index(parent.plan);
  Diagnostics out;
  for (const auto& item : index.items())
    for (const auto& link : item.implements)
      if (!parent_index.find_item(link.id)) {
        std::vector<std::string> ids;
        for (const auto& p : parent_index.items()) ids.push_back(p.id);
        out.push_back(
            error(link.where, "implements-unknown", {link.id, parent_dir}, nearest(link.id, ids)));
      }
  return out;
}

int run_check(const Globals& g, const std::string& against, bool all_warnings,
              const std::string& parent) {
  LoadResult loaded;
  Diagnostics all;
  // Load without stopping at the first stage: every problem is reported.
  if (auto dir = resolve_plan_dir(g, all)) loaded = load_plan(*dir);
  all.insert(all.end(), loaded.diags.begin(), loaded.diags.end());
  std::size_t n_tasks = 0, n_measures = 0, n_entries = 0;
  if (loaded.parsed) {
    PlanIndex index(loaded.plan);
    Diagnostics more = check_plan(loaded.plan, index);
    check_progress_file_names(loaded.plan, more);
    all.insert(all.end(), more.begin(), more.end());
    if (!against.empty()) {
      // Deadlines extended since that revision must say why (a delays entry).
      auto ctx = open_git(g);
      if (!ctx) return kUsage;
      auto before = snapshot_at(g, *ctx, against, false);
      if (!before) return kUsage;
      Diagnostics ext = check_extensions(*before->index, index);
      all.insert(all.end(), ext.begin(), ext.end());
    }
    if (!parent.empty()) {
      auto links = check_links(g, index, parent);
      if (!links) return kDataError;
      all.insert(all.end(), links->begin(), links->end());
    }
    // Progress entries are checked against the plan only when the plan itself is sound.
    if (!has_errors(all)) {
      // Streamed and counted, not kept: a province's ledger holds millions of entries. Every
      // line counts, corrections and retractions included.
      StreamOptions options;
      options.threads = std::max(1u, std::thread::hardware_concurrency());
      options.resolve = false;
      options.check_evidence = true;
      ProgressStream p =
          stream_progress((std::filesystem::path(loaded.plan.dir) / "progress").string(), index,
                          g.today, [](ProgressEntry&&) {}, options);
      all.insert(all.end(), p.diags.begin(), p.diags.end());
      loaded.sources.merge(std::move(p.sources));
      n_entries = p.entries;
    }
    Diagnostics left =
        leftover_temp_files((std::filesystem::path(loaded.plan.dir) / "progress").string());
    all.insert(all.end(), left.begin(), left.end());
    for (const auto& it : index.items()) {
      n_tasks += it.type == ItemType::task;
      n_measures += it.type == ItemType::measure;
    }
  }
  sort_by_place(all);
  // Warnings the plan acknowledges stay out of the text (and so out of the pre-commit hook's
  // output) unless asked for; JSON keeps them, marked.
  std::size_t hidden = 0;
  if (!all_warnings && g.format != "json") {
    hidden = static_cast<std::size_t>(
        std::count_if(all.begin(), all.end(), [](const Diagnostic& d) { return d.acknowledged; }));
    std::erase_if(all, [](const Diagnostic& d) { return d.acknowledged; });
  }
  const std::size_t errors = count(all, Severity::error);
  const std::size_t warnings = count(all, Severity::warning);
  if (g.format == "json") {
    Json j;
    j["ok"] = errors == 0;
    j["errors"] = errors;
    j["warnings"] = warnings;
    j["entries"] = n_entries;
    j["diagnostics"] = diagnostics_json(all, g.lang);
    if (int rc = emit(g, json_text(j)); rc != kOk) return rc;
  } else {
    std::string text;
    for (const auto& d : all) text += format_diagnostic(d, g.lang, loaded.sources);
    text += errors == 0
                ? tr(g.lang, "check-ok",
                     {std::to_string(n_tasks), std::to_string(n_measures),
                      std::to_string(loaded.plan.units.size()),
                      std::to_string(loaded.plan.groups.size()), std::to_string(n_entries),
                      std::to_string(warnings)})
                : tr(g.lang, "check-failed", {std::to_string(errors), std::to_string(warnings)});
    text += "\n";
    if (hidden) text += tr(g.lang, "check-acknowledged-hidden", {std::to_string(hidden)}) + "\n";
    // The findings are diagnostics: on stderr, unless -o asks for them in a file.
    if (g.output.empty()) {
      std::fwrite(text.data(), 1, text.size(), stderr);
    } else if (int rc = emit(g, text); rc != kOk) {
      return rc;
    }
  }
  return errors == 0 ? kOk : kDataError;
}

}  // namespace

Command setup_check(CLI::App& app, Globals& g) {
  auto against = std::make_shared<std::string>();
  auto all_warnings = std::make_shared<bool>(false);
  auto parent = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("check", tr(g.lang, "help-check"));
  sub->add_option("--against", *against, tr(g.lang, "help-opt-against"))->type_name("REV");
  sub->add_flag("--all-warnings", *all_warnings, tr(g.lang, "help-opt-all-warnings"));
  sub->add_option("--parent", *parent, tr(g.lang, "help-opt-parent"))->type_name("DIR");
  sub->footer(tr(g.lang, "help-check-examples"));
  return {sub, [&g, against, all_warnings, parent] {
            return run_check(g, *against, *all_warnings, *parent);
          }};
}

}  // namespace plan::cli
