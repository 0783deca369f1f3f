#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/common/text.h"

namespace plan::cli {

namespace fs = std::filesystem;

void out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

int usage_error(const Globals& g, const std::string& message) {
  // The message quotes what the user typed: keep control characters and floods off the screen.
  std::string text = "plan: " + printable(tr(g.lang, "usage-error", {message}), 1000) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
  return kUsage;
}

void print_diagnostics(const Globals& g, const Diagnostics& diags, const Sources& sources) {
  for (const auto& d : diags) {
    std::string text = format_diagnostic(d, g.lang, sources);
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
}

std::optional<std::string> resolve_plan_dir(const Globals& g, Diagnostics& diags) {
  if (!g.plan_dir.empty()) return g.plan_dir;
  if (const char* env = std::getenv("PLAN_DIR"); env && *env) return std::string(env);
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (auto found = find_plan_dir(cwd.string())) {
    // Shown relative to where the user stands, as compilers do.
    fs::path rel = fs::proximate(*found, cwd, ec);
    return ec ? *found : rel.string();
  }
  diags.push_back(error({}, "plan-not-found", {cwd.string()}));
  return std::nullopt;
}

std::optional<Session> open_plan(const Globals& g) {
  Session s;
  s.loaded = std::make_unique<LoadResult>();
  auto dir = resolve_plan_dir(g, s.loaded->diags);
  if (dir) *s.loaded = load_plan(*dir);
  if (s.loaded->parsed) {
    s.index = std::make_unique<PlanIndex>(s.loaded->plan);
    s.check_diags = check_plan(s.loaded->plan, *s.index);
    check_progress_file_names(s.loaded->plan, s.check_diags);
  }
  Diagnostics all = s.loaded->diags;
  all.insert(all.end(), s.check_diags.begin(), s.check_diags.end());
  if (!has_errors(all)) return s;
  report_errors(g, all, s.loaded->sources);
  return std::nullopt;
}

void report_errors(const Globals& g, const Diagnostics& diags, const Sources& sources) {
  // Commands other than check stop on errors and say what they are; warnings stay quiet.
  Diagnostics errors;
  for (const auto& d : diags)
    if (d.severity == Severity::error) errors.push_back(d);
  sort_by_place(errors);
  print_diagnostics(g, errors, sources);
  std::string hint =
      tr(g.lang, "errors-stop", {std::to_string(count(errors, Severity::error))}) + "\n";
  std::fwrite(hint.data(), 1, hint.size(), stderr);
}

int emit(const Globals& g, const std::string& text) {
  if (g.output.empty()) {
    out(text);
    return kOk;
  }
  return report_written(g, write_output_file(g.output, text));
}

int report_written(const Globals& g, const std::optional<std::string>& failure) {
  std::string msg =
      failure
          ? "plan: " +
                tr(g.lang, "write-failed", {g.output, write_failure_text(*failure, g.lang)}) + "\n"
          : tr(g.lang, "written", {g.output}) + "\n";
  std::fwrite(msg.data(), 1, msg.size(), stderr);
  return failure ? kDataError : kOk;
}

std::string incomplete_line(const Globals& g, const std::vector<std::string>& skipped) {
  return tr(g.lang, "report-incomplete-line", {join(skipped, ", ")});
}

int print_result(const Globals& g, const Table& table, const Json& json,
                 const std::vector<std::string>& skipped) {
  int rc = kOk;
  if (g.format == "json") {
    if (skipped.empty() || !json.is_object()) {
      rc = emit(g, json.dump(2) + "\n");
    } else {
      Json marked = json;
      marked["incomplete"] = true;
      marked["skipped_files"] = skipped;
      rc = emit(g, marked.dump(2) + "\n");
    }
  } else if (g.format == "csv") {
    rc = emit(g, render_csv(table));  // data only: stderr and the exit code say it is incomplete
  } else {
    // Colour codes belong on a terminal, not in a file. The mark follows the table (after a
    // blank line in Markdown, where a line right under a table would become one of its rows).
    std::string text = g.format == "md" ? render_markdown(table)
                                        : render_text(table, g.color_on && g.output.empty());
    if (!skipped.empty())
      text += (g.format == "md" ? "\n" : "") + incomplete_line(g, skipped) + "\n";
    rc = emit(g, text);
  }
  return rc == kOk && !skipped.empty() ? kDataError : rc;
}

std::optional<std::vector<std::string>> resolve_unit_filter(const Globals& g,
                                                            const PlanIndex& index,
                                                            const std::string& name) {
  auto canonical = index.canonical(name);
  if (!canonical) {
    std::string msg = tr(g.lang, "usage-no-unit", {name});
    if (auto near = nearest(name, index.all_names())) msg += tr(g.lang, "did-you-mean", {*near});
    usage_error(g, msg);
    return std::nullopt;
  }
  return index.expand(*canonical);
}

}  // namespace plan::cli
