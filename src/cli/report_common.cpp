// Helpers shared by the report commands.

#include <algorithm>
#include <filesystem>
#include <thread>

#include "cli/cli.h"
#include "core/common/text.h"
#include "core/plan/names.h"
#include "core/progress/cache.h"

namespace plan::cli {

void add_report_options(CLI::App* app, const Globals& g, ReportOptions& o, bool unit,
                        bool section_task) {
  app->add_option("--as-of", o.as_of, tr(g.lang, "help-opt-as-of"))->type_name("DATE");
  if (unit) add_units_option(app, g, o.units);
  if (section_task) {
    app->add_option("--section", o.section, tr(g.lang, "help-opt-section"))->type_name("SECTION");
    app->add_option("--task", o.task, tr(g.lang, "help-opt-task"))->type_name("TASK");
  }
}

void add_plan_at_option(CLI::App* app, const Globals& g, ReportOptions& o) {
  app->add_option("--plan-at", o.plan_at, tr(g.lang, "help-opt-plan-at"))->type_name("REV|DATE");
}

std::string scope_text(const Globals& g, const LedgerFilter& f) {
  std::string who;
  if (!f.units.empty())
    who = f.units.size() <= 3 ? tr(g.lang, "who-unit-list", {join(f.units, tr(g.lang, "list-sep"))})
                              : tr(g.lang, "who-units", {std::to_string(f.units.size())});
  if (f.task) {
    who += tr(g.lang, "who-task", {*f.task});
  } else if (f.section) {
    who += tr(g.lang, "who-section", {*f.section});
  }
  return who;
}

Table framed(const Globals& g, Table t, const Date& as_of, const ReportOptions& o,
             const LedgerFilter& f, const char* empty_key) {
  t.preface.push_back(o.plan_at.empty()
                          ? tr(g.lang, "preface-as-of", {iso(as_of)})
                          : tr(g.lang, "preface-as-of-plan-at", {iso(as_of), o.plan_at}));
  t.empty_text = tr(g.lang, empty_key, {iso(as_of), scope_text(g, f)});
  return t;
}

std::optional<Date> user_date(const Globals& g, const std::string& option,
                              const std::string& text) {
  DateError error = DateError::none;
  if (auto d = parse_user_date(text, &error)) return d;
  usage_error(g, option + ": " + tr(g.lang, date_error_key(error, "bad-user-date"), {text}));
  return std::nullopt;
}

std::optional<int> days_option(const Globals& g, const std::string& option,
                               const std::string& text) {
  // Read by hand rather than by CLI11, which takes 0x0a, 0o12 and 1e2 and reads 010 as eight.
  constexpr int kMaxDays = 3650;
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    const std::string significant = text.substr(std::min(text.find_first_not_of('0'), text.size()));
    const int days = significant.empty()      ? 0
                     : significant.size() > 4 ? kMaxDays + 1
                                              : std::stoi(significant);
    if (days <= kMaxDays) return days;
  }
  usage_error(g, tr(g.lang, "usage-bad-days", {option, text}));
  return std::nullopt;
}

std::optional<Date> as_of_date(const Globals& g, const std::string& text) {
  if (text.empty()) return g.today;
  return user_date(g, "--as-of", text);
}

namespace {

// The plan as it stood at a revision, or on a date (the last commit on or before it), with the
// working tree's plan directory for the progress files. Problems are printed (exit 2).
std::optional<Session> plan_at_session(const Globals& g, const std::string& plan_at,
                                       std::string& progress_dir) {
  auto ctx = open_git(g);
  if (!ctx) return std::nullopt;
  std::string rev = plan_at;
  DateError date_error = DateError::none;
  if (auto date = parse_user_date(plan_at, &date_error)) {
    GitLookup problem;
    auto commit = git_commit_on_or_before(ctx->place, iso(*date), problem);
    if (!commit) {
      print_git_problem(g, problem, ctx->plan_dir);
      return std::nullopt;
    }
    rev = *commit;
  } else if (date_error != DateError::malformed) {
    usage_error(g, "--plan-at: " + tr(g.lang, date_error_key(date_error, ""), {plan_at}));
    return std::nullopt;
  }
  auto snap = snapshot_at(g, *ctx, rev, false);
  if (!snap) return std::nullopt;
  GitResult when = run_git(ctx->place.root, {"log", "-1", "--format=%cs", rev, "--"});
  say(tr(g.lang, "plan-at-note",
         {plan_at == rev ? snap->label : plan_at + " → " + snap->label, when.out.substr(0, 10)}));
  progress_dir = (std::filesystem::path(ctx->plan_dir) / "progress").string();
  Session s;
  s.loaded = std::move(snap->loaded);
  s.index = std::move(snap->index);
  return s;
}

}  // namespace

std::optional<LedgerFilter> make_filter(const Globals& g, const PlanIndex& index,
                                        const ReportOptions& o) {
  LedgerFilter f;
  if (!o.units.empty()) {
    auto units = resolve_units(g, index, o.units);
    if (!units) return std::nullopt;
    f.units = *units;
    // As chosen, for titles: 各乡镇 rather than its six townships.
    for (const auto& value : o.units)
      for (const auto& name : split_name_list(value))
        if (auto canonical = index.canonical(name);
            canonical && std::find(f.chosen.begin(), f.chosen.end(), *canonical) == f.chosen.end())
          f.chosen.push_back(*canonical);
  }
  if (!o.section.empty()) {
    auto section = resolve_section(g, index.plan(), o.section);
    if (!section) return std::nullopt;
    f.section = *section;
  }
  if (!o.task.empty()) {
    auto task = resolve_task(g, index, o.task);
    if (!task) return std::nullopt;
    f.task = *task;
  }
  // Filters that exclude each other: say so rather than print an empty table.
  if (f.section && f.task) {
    const Item& task = index.items()[*index.find_item(*f.task)];
    if (task.section != *f.section) {
      usage_error(g, tr(g.lang, "usage-filters-exclude", {*f.task, task.section, *f.section}));
      return std::nullopt;
    }
  }
  return f;
}

std::optional<Session> open_ledger(const Globals& g) {
  auto s = open_plan(g);
  if (!s) return std::nullopt;
  std::string dir = (std::filesystem::path(s->loaded->plan.dir) / "progress").string();
  // One unit's broken file does not stop the others' corrections: it is left out and named.
  ProgressLoad p = load_progress(dir, *s->index, g.today, true);
  say_skipped(g, p.diags, p.sources, p.skipped_files, "ledger-files-skipped");
  s->entries = std::move(p.entries);
  s->skipped_files = std::move(p.skipped_files);
  return s;
}

std::optional<ReportInput> open_report(const Globals& g, const ReportOptions& o, int& exit_code,
                                       int soon_days, const std::string* since) {
  exit_code = kDataError;
  std::string dir;
  std::optional<Session> s;
  if (o.plan_at.empty()) {
    s = open_plan(g);
    if (s) dir = (std::filesystem::path(s->loaded->plan.dir) / "progress").string();
  } else {
    exit_code = kUsage;
    s = plan_at_session(g, o.plan_at, dir);
  }
  if (!s) return std::nullopt;
  exit_code = kUsage;
  auto as_of = as_of_date(g, o.as_of);
  if (!as_of) return std::nullopt;
  auto filter = make_filter(g, *s->index, o);
  if (!filter) return std::nullopt;
  std::optional<Date> since_day;
  if (since) {
    since_day = since->empty() ? add_days(*as_of, -30) : user_date(g, "--since", *since);
    if (!since_day) return std::nullopt;
    if (*since_day > *as_of) {
      usage_error(g, tr(g.lang, "usage-since-after-as-of", {iso(*since_day), iso(*as_of)}));
      return std::nullopt;
    }
  }
  LedgerBuilder builder(*s->index, *as_of, soon_days);
  std::optional<LedgerBuilder> earlier;
  if (since_day) earlier.emplace(*s->index, *since_day, soon_days);
  // Files are read in parallel: each belongs to one unit, whose assignments no other file
  // touches, so the builder needs no lock.
  StreamOptions options;
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  // Against an older plan, entries made for what it did not have yet are left out, not errors.
  options.lenient = !o.plan_at.empty();
  // One unit's broken file must not hide every other unit: it is left out and said so.
  options.skip_broken_files = true;
  // The working tree's plan only (a --plan-at session has none): against an older plan every
  // record would be replaced.
  options.cache = s->cache.get();
  // Each file's entries in force, compact, in one call per file.
  options.ledger_sink = [&](const std::string& unit, const LedgerEntry* entries, std::size_t n) {
    builder.add(unit, entries, n, false);
    if (earlier) earlier->add(unit, entries, n, false);
  };
  // A file the cache serves unread: its entries folded once, for any as-of date.
  options.fold = [&](const std::string& unit, const LedgerEntry* entries, std::size_t n) {
    return LedgerBuilder::fold(*s->index, unit, entries, n);
  };
  options.fold_sink = [&](const std::string& unit, std::string_view fold) {
    // A fold one builder takes, every builder takes (LedgerBuilder::add_fold).
    if (!builder.add_fold(unit, fold)) return false;
    if (earlier) earlier->add_fold(unit, fold);
    return true;
  };
  ProgressStream p = stream_progress(
      dir, *s->index, g.today,
      [&](ProgressEntry&& e) {
        builder.add(e);
        if (earlier) earlier->add(e);
      },
      options);
  say_skipped(g, p);
  if (p.ignored > 0) {
    say(tr(g.lang, "plan-at-ignored", {std::to_string(p.ignored)}));
  }
  exit_code = p.skipped_files.empty() ? kOk : kDataError;
  Ledger ledger = builder.finish();
  ledger.skipped_files = std::move(p.skipped_files);
  ReportInput in{std::move(*s), *as_of, std::move(*filter), std::move(ledger), std::nullopt};
  if (earlier) {
    in.earlier = earlier->finish();
    in.earlier->skipped_files = in.ledger.skipped_files;
  }
  return in;
}

void say_skipped(const Globals& g, const Diagnostics& diags, const Sources& sources,
                 const std::vector<std::string>& skipped, const char* key) {
  if (skipped.empty()) return;
  Diagnostics errors;
  for (const auto& d : diags)
    if (d.severity == Severity::error) errors.push_back(d);
  sort_by_place(errors);
  print_diagnostics(g, errors, sources);
  say("plan: " + tr(g.lang, key, {std::to_string(skipped.size()), join(skipped, ", ")}));
}

void say_skipped(const Globals& g, const ProgressStream& p) {
  say_skipped(g, p.diags, p.sources, p.skipped_files, "report-incomplete");
}

}  // namespace plan::cli
