#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/cli.h"
#include "core/common/escape.h"
#include "core/common/files.h"
#include "core/common/text.h"
#include "core/plan/names.h"
#include "core/plan/plan_cache.h"
#include "core/progress/cache.h"

namespace plan::cli {

namespace fs = std::filesystem;

void out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

void say(const std::string& line) {
  std::string text = escape_message(line, kMessageChars) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

void say_out(const std::string& line) {
  out(escape_message(line, std::string::npos) + "\n");
}

int usage_error(const Globals& g, const std::string& message) {
  // The message quotes what the user typed: keep control characters and floods off the screen.
  say("plan: " + tr(g.lang, "usage-error", {message}));
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

namespace {

// The program itself is part of every cache record's key: a rebuilt binary may decode
// differently. Its version and executable (device, inode, size, modification time).
std::string program_identity() {
  std::string program = version_line();
  struct stat st {};
  if (::stat("/proc/self/exe", &st) == 0)
    program += fmt::format(" {} {} {} {}.{}", st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec,
                           st.st_mtim.tv_nsec);
  return program;
}

// The cache of the plan in `dir` whose files have these bytes, or nullptr when it is off.
std::unique_ptr<ProgressCache> open_cache(const Globals& g, const std::string& dir,
                                          const std::string& tasks, const std::string& units,
                                          const std::string& program) {
  auto cache = std::make_unique<ProgressCache>(dir, tasks, units, program, g.cache_dir);
  if (!cache->enabled()) cache.reset();
  return cache;
}

// The plan from its record in the cache (core/plan/plan_cache.h), when its files read cleanly
// and are the bytes the record was made from: what load_plan and check_plan would give.
bool open_cached_plan(const Globals& g, const std::string& dir, const std::string& program,
                      Session& s) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return false;
  // As load_plan names and reads them.
  auto loaded = std::make_unique<LoadResult>();
  Plan& plan = loaded->plan;
  plan.dir = dir;
  plan.tasks_file = (std::filesystem::path(dir) / "tasks.yaml").string();
  plan.units_file = (std::filesystem::path(dir) / "units.yaml").string();
  auto units = read_text_file(plan.units_file, loaded->diags, loaded->sources);
  auto tasks = read_text_file(plan.tasks_file, loaded->diags, loaded->sources);
  if (!units || !tasks || !loaded->diags.empty()) return false;
  auto cache = open_cache(g, dir, *tasks, *units, program);
  if (!cache) return false;
  auto bytes = cache->read_plan_record();
  if (!bytes) return false;
  auto rec = decode_plan_record(
      *bytes, plan_record_key(dir, plan.tasks_file, *tasks, plan.units_file, *units, program));
  if (!rec) return false;
  loaded->plan = std::move(rec->plan);
  loaded->diags = std::move(rec->load_diags);
  loaded->parsed = true;
  s.loaded = std::move(loaded);
  s.index = std::make_unique<PlanIndex>(s.loaded->plan);
  s.check_diags = std::move(rec->check_diags);
  s.cache = std::move(cache);
  return true;
}

// Opens the cache of a plan read without it, and keeps the plan (without errors) there for the
// next command.
void record_plan(const Globals& g, const std::string& program, Session& s) {
  const Plan& plan = s.loaded->plan;
  const std::string* tasks = s.loaded->sources.text(plan.tasks_file);
  const std::string* units = s.loaded->sources.text(plan.units_file);
  if (g.no_cache || !s.loaded->parsed || !tasks || !units) return;
  s.cache = open_cache(g, plan.dir, *tasks, *units, program);
  if (!s.cache) return;
  s.cache->write_plan_record(encode_plan_record(
      plan_record_key(plan.dir, plan.tasks_file, *tasks, plan.units_file, *units, program), plan,
      s.loaded->diags, s.check_diags));
}

}  // namespace

std::optional<Session> open_plan(const Globals& g) {
  Session s;
  s.loaded = std::make_unique<LoadResult>();
  auto dir = resolve_plan_dir(g, s.loaded->diags);
  const std::string program = g.no_cache ? std::string() : program_identity();
  if (dir && s.loaded->diags.empty() && !g.no_cache && open_cached_plan(g, *dir, program, s))
    return s;
  if (dir) *s.loaded = load_plan(*dir);
  if (s.loaded->parsed) {
    s.index = std::make_unique<PlanIndex>(s.loaded->plan);
    s.check_diags = check_plan(s.loaded->plan, *s.index);
    check_progress_file_names(s.loaded->plan, s.check_diags);
  }
  Diagnostics all = s.loaded->diags;
  all.insert(all.end(), s.check_diags.begin(), s.check_diags.end());
  if (!has_errors(all)) {
    record_plan(g, program, s);
    return s;
  }
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
  say(tr(g.lang, "errors-stop", {std::to_string(errors.size())}));
}

int emit(const Globals& g, const std::string& text) {
  if (g.output.empty()) {
    out(text);
    return kOk;
  }
  return report_written(g, write_output_file(g.output, text));
}

int report_written(const Globals& g, const std::optional<std::string>& failure) {
  say(failure
          ? "plan: " + tr(g.lang, "write-failed", {g.output, write_failure_text(*failure, g.lang)})
          : tr(g.lang, "written", {g.output}));
  return failure ? kDataError : kOk;
}

bool check_by(const Globals& g, const std::string& by, const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), by) != allowed.end()) return true;
  std::string msg = tr(g.lang, "usage-bad-by", {by, join(allowed, ", ")});
  if (auto near = nearest(by, allowed)) msg += tr(g.lang, "did-you-mean", {*near});
  usage_error(g, msg);
  return false;
}

std::string json_text(const Json& j) {
  // A git subject or a path need not be UTF-8: its bad bytes become U+FFFD rather than an
  // exception.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string incomplete_line(const Globals& g, const std::vector<std::string>& skipped) {
  return tr(g.lang, "report-incomplete-line", {join(skipped, ", ")});
}

int print_result(const Globals& g, Table table, Json json,
                 const std::vector<std::string>& skipped) {
  return print_result(
      g, [&] { return std::move(table); }, [&] { return std::move(json); }, skipped);
}

int print_result(const Globals& g, const std::function<Table()>& make_table,
                 const std::function<Json()>& make_json, const std::vector<std::string>& skipped) {
  int rc = kOk;
  if (g.format == "json") {
    Json json = make_json();
    if (!skipped.empty() && json.is_object()) {
      json["incomplete"] = true;
      json["skipped_files"] = skipped;
    }
    rc = emit(g, json_text(json));
  } else if (g.format == "csv") {
    // Data only: stderr and the exit code say it is incomplete.
    rc = emit(g, render_csv(make_table()));
  } else {
    const Table table = make_table();
    // Colour codes belong on a terminal, not in a file. The mark follows the table (after a
    // blank line in Markdown, where a line right under a table would become one of its rows).
    std::string text = g.format == "md" ? render_markdown(table)
                                        : render_text(table, g.color_on && g.output.empty(),
                                                      g.output.empty() ? g.fit : 0);
    if (!skipped.empty())
      text += (g.format == "md" ? "\n" : "") + incomplete_line(g, skipped) + "\n";
    rc = emit(g, text);
  }
  return rc == kOk && !skipped.empty() ? kDataError : rc;
}

CLI::Option* add_units_option(CLI::App* app, const Globals& g, std::vector<std::string>& units) {
  // One value per occurrence, so that `--unit 司法局 ITEM` leaves ITEM to the positional.
  return app->add_option("--unit", units, tr(g.lang, "help-opt-unit"))
      ->type_name("UNIT")
      ->allow_extra_args(false);
}

std::optional<std::vector<std::string>> resolve_units(const Globals& g, const PlanIndex& index,
                                                      const std::vector<std::string>& typed) {
  std::vector<std::string> out;
  for (const auto& value : typed) {
    const auto names = split_name_list(value);
    if (names.empty()) {
      usage_error(g, tr(g.lang, "usage-empty-value", {"--unit"}));
      return std::nullopt;
    }
    for (const auto& name : names) {
      auto canonical = index.canonical(name);
      if (!canonical) {
        std::string msg = tr(g.lang, "usage-no-unit", {name});
        if (auto near = suggest_unit_name(index, name)) msg += tr(g.lang, "did-you-mean", {*near});
        usage_error(g, msg);
        return std::nullopt;
      }
      auto units = index.expand(*canonical);
      out.insert(out.end(), units.begin(), units.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::string> resolve_section(const Globals& g, const Plan& plan,
                                           const std::string& typed) {
  if (auto id = section_id_for(plan, typed)) return id;
  std::vector<std::string> ids;
  for (const auto& s : plan.sections) ids.push_back(s.id);
  usage_error(g, tr(g.lang, "usage-no-section", {typed, join(ids, " ")}));
  return std::nullopt;
}

std::optional<std::string> resolve_task(const Globals& g, const PlanIndex& index,
                                        const std::string& typed) {
  auto item = index.find_item(typed);
  if (!item || index.items()[*item].type != ItemType::task) {
    if (auto task = index.find_item(task_id_for(typed));
        task && index.items()[*task].type == ItemType::task)
      item = task;
  }
  if (item && index.items()[*item].type == ItemType::task) return index.items()[*item].id;
  if (item) {
    // A measure or part: say which task holds it.
    const Item& it = index.items()[*item];
    if (!it.task.empty()) {
      usage_error(g, tr(g.lang, "usage-task-is-item", {typed, it.task}));
    } else {
      usage_error(g, tr(g.lang, "usage-task-is-requirement", {typed, it.section}));
    }
    return std::nullopt;
  }
  std::vector<std::string> tasks;
  for (const auto& it : index.items())
    if (it.type == ItemType::task) tasks.push_back(it.id);
  std::string msg = tr(g.lang, "usage-no-task", {typed});
  if (auto near = nearest(typed, tasks)) msg += tr(g.lang, "did-you-mean", {*near});
  usage_error(g, msg);
  return std::nullopt;
}

}  // namespace plan::cli
