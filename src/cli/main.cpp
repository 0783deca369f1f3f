// plan: the ledger of an action plan kept as text in git.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>

#include "cli/cli.h"
#include "core/common/heap.h"
#include "core/common/text.h"

using namespace plan;
using namespace plan::cli;

namespace {

// The language is needed before parsing (help texts), so it is read from argv and the
// environment first; parsing then checks the value.
Lang early_lang(int argc, char** argv) {
  std::optional<Lang> lang;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--lang" && i + 1 < argc) lang = parse_lang(argv[i + 1]);
    if (a.rfind("--lang=", 0) == 0) lang = parse_lang(a.substr(7));
  }
  if (!lang) {
    if (const char* env = std::getenv("PLAN_LANG"); env && *env) lang = parse_lang(env);
  }
  return lang.value_or(Lang::zh);
}

void localize_help(CLI::App& app, Lang lang) {
  auto f = app.get_formatter();
  // Type names stay ASCII: CLI11 pads by bytes, so Chinese ones would misalign the columns.
  for (const char* key : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "Positionals"}) {
    f->label(key, tr(lang, std::string("cli-") + key));
  }
  // "REQUIRED" is said in the option's own description, which is not padded.
  f->label("REQUIRED", "");
  f->column_width(28);
}

// Checks a value against its allowed set; a wrong one gets the nearest spelling.
bool check_choice(const Globals& g, const std::string& option, const std::string& value,
                  const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return true;
  std::string msg = tr(g.lang, "usage-bad-value", {option, value, join(allowed, ", ")});
  if (auto near = nearest(value, allowed)) msg += tr(g.lang, "did-you-mean", {*near});
  usage_error(g, msg);
  return false;
}

std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (const CLI::Option* o : app->get_options()) {
    for (const auto& n : o->get_lnames()) out.push_back("--" + n);
  }
  return out;
}

// Explains the first argument nobody claimed: unknown subcommand, option or extra value.
int report_extras(const Globals& g, CLI::App& app, CLI::App* chosen,
                  const std::vector<std::string>& extras) {
  const std::string& first = extras.front();
  std::string msg;
  std::optional<std::string> near;
  if (first.rfind("-", 0) == 0) {
    std::vector<std::string> names = option_names(&app);
    if (chosen) {
      auto more = option_names(chosen);
      names.insert(names.end(), more.begin(), more.end());
    }
    std::string bare = first.substr(0, first.find('='));
    msg = tr(g.lang, "usage-unknown-option", {bare});
    near = nearest(bare, names);
  } else if (!chosen) {
    std::vector<std::string> subs;
    for (const CLI::App* s : app.get_subcommands({}))
      if (!s->get_group().empty()) subs.push_back(s->get_name());  // hidden ones are not offered
    msg = tr(g.lang, "usage-unknown-subcommand", {first});
    near = nearest(first, subs);
  } else {
    msg = tr(g.lang, "usage-unexpected", {first});
  }
  if (near) msg += tr(g.lang, "did-you-mean", {*near});
  msg += "；" + tr(g.lang, "usage-see-help");
  if (g.lang == Lang::en) msg.replace(msg.rfind("；"), std::strlen("；"), "; ");
  return usage_error(g, msg);
}

// The formats each command writes; the first is its default. Commands not listed write no
// result (they confirm on stderr), so -o means nothing to them.
const std::map<std::string, std::vector<std::string>> kCommandFormats = {
    {"check", {"table", "json"}},
    {"tasks", {"table", "md", "csv", "json"}},
    {"units", {"table", "md", "csv", "json"}},
    {"status", {"table", "md", "csv", "json"}},
    {"overdue", {"table", "md", "csv", "json"}},
    {"due", {"table", "md", "csv", "json"}},
    {"report", {"table", "md", "csv", "json", "html"}},
    {"log", {"table", "md", "csv", "json"}},
    {"stale", {"table", "md", "csv", "json"}},
    {"diff", {"table", "md", "csv", "json"}},
    {"history", {"table", "md", "csv", "json"}},
    {"export", {"xlsx"}},
    {"form", {"xlsx"}},
    {"brief", {"md", "html", "docx", "json"}},
    {"score", {"table", "md", "csv", "json"}},
    {"remind", {"table"}},
    {"rollup", {"table", "md", "csv", "json", "html", "xlsx"}},
};

// The format an -o file's extension asks for ("" when the extension says nothing).
std::string format_of_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::map<std::string, std::string> kByExt = {
      {".csv", "csv"},   {".md", "md"},     {".markdown", "md"},
      {".json", "json"}, {".html", "html"}, {".htm", "html"},
      {".xlsx", "xlsx"}, {".txt", "table"}, {".docx", "docx"}};
  auto it = kByExt.find(ext);
  return it == kByExt.end() ? "" : it->second;
}

// Settles g.format for `command`: --format if given, else what -o's extension says, else the
// command's default. A format the command cannot write, or an extension that contradicts
// --format, is a usage error (never a terminal table in a file named .csv).
bool choose_format(Globals& g, const std::string& command, bool format_given) {
  auto it = kCommandFormats.find(command);
  if (it == kCommandFormats.end()) {
    // plan import-plan writes a plan directory: -o names it.
    if (!g.output.empty() && command != "import-plan") {
      usage_error(g, tr(g.lang, "usage-no-output-file", {command}));
      return false;
    }
    if (format_given && g.format != "table") {
      usage_error(g, tr(g.lang, "usage-no-format", {command, g.format}));
      return false;
    }
    return true;
  }
  const std::vector<std::string>& can = it->second;
  const std::string by_ext = g.output.empty() ? "" : format_of_extension(g.output);
  if (!format_given) g.format = by_ext.empty() ? can.front() : by_ext;
  if (std::find(can.begin(), can.end(), g.format) == can.end()) {
    usage_error(g, tr(g.lang,
                      by_ext == g.format && !format_given ? "usage-ext-format-cannot"
                                                          : "usage-format-cannot",
                      {command, g.format, join(can, ", "), g.output}));
    return false;
  }
  // A .txt file may hold any text format; other known extensions must match.
  bool text_ok =
      by_ext == "table" && g.format != "html" && g.format != "xlsx" && g.format != "docx";
  if (format_given && !by_ext.empty() && by_ext != g.format && !text_ok) {
    usage_error(g, tr(g.lang, "usage-ext-contradicts", {g.output, by_ext, g.format}));
    return false;
  }
  return true;
}

// Today's local date; $PLAN_TODAY (YYYY-MM-DD) stands in for it in tests and reproductions.
std::optional<Date> local_today(DateError& error) {
  if (const char* env = std::getenv("PLAN_TODAY"); env && *env) return parse_iso_date(env, &error);
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return Date{std::chrono::year{tm.tm_year + 1900},
              std::chrono::month{static_cast<unsigned>(tm.tm_mon + 1)},
              std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
}

// The local time as RFC 3339 with the UTC offset. $PLAN_NOW stands in for it; with only
// $PLAN_TODAY set, that day at 09:00 China time, so that tests are reproducible.
std::optional<std::string> local_now(const Date& today) {
  if (const char* env = std::getenv("PLAN_NOW"); env && *env) {
    if (!parse_recorded_stamp(env)) return std::nullopt;
    return std::string(env);
  }
  if (const char* env = std::getenv("PLAN_TODAY"); env && *env)
    return iso(today) + "T09:00:00+08:00";
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
  std::string s(buf);  // …+0800 → …+08:00
  if (s.size() >= 5) s.insert(s.size() - 2, ":");
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  set_up_heap();
  Globals g;
  g.lang = early_lang(argc, argv);
  DateError today_error = DateError::none;
  if (auto today = local_today(today_error)) {
    g.today = *today;
  } else {
    return usage_error(g, "PLAN_TODAY: " + tr(g.lang, date_error_key(today_error, "bad-iso-date"),
                                              {std::getenv("PLAN_TODAY")}));
  }
  if (auto now = local_now(g.today)) {
    g.now = *now;
    if (!std::getenv("PLAN_TODAY")) {
      DateError error = DateError::none;
      auto today = parse_iso_date(g.now.substr(0, 10), &error);
      if (!today)  // a clock outside 1900–2999
        return usage_error(g, tr(g.lang, date_error_key(error, "bad-iso-date"), {g.now}));
      g.today = *today;
    }
  } else {
    return usage_error(g, "PLAN_NOW: " + tr(g.lang, "bad-recorded", {std::getenv("PLAN_NOW")}));
  }

  CLI::App app{tr(g.lang, "help-main"), "plan"};
  localize_help(app, g.lang);
  app.set_help_flag("-h,--help", tr(g.lang, "help-opt-help"));
  app.set_version_flag("--version", version_line(), tr(g.lang, "help-opt-version"));
  app.add_option("--plan-dir", g.plan_dir, tr(g.lang, "help-opt-plan-dir"))->type_name("DIR");
  app.add_option("--format", g.format, tr(g.lang, "help-opt-format"))->type_name("FORMAT");
  app.add_option("--lang", g.lang_name, tr(g.lang, "help-opt-lang"))->type_name("LANG");
  app.add_option("--color", g.color, tr(g.lang, "help-opt-color"))->type_name("WHEN");
  app.add_option("-o,--output", g.output, tr(g.lang, "help-opt-output"))->type_name("FILE");
  app.add_flag("--wide", g.wide, tr(g.lang, "help-opt-wide"));
  app.add_option("--width", g.width_text, tr(g.lang, "help-opt-width"))->type_name("COLS");
  app.add_flag("--no-cache", g.no_cache, tr(g.lang, "help-opt-no-cache"));
  if (const char* env = std::getenv("PLAN_NO_CACHE"); env && *env && std::string_view(env) != "0")
    g.no_cache = true;
  if (const char* env = std::getenv("PLAN_CACHE_DIR"); env && *env) g.cache_dir = env;
  app.footer(tr(g.lang, "help-main-examples"));
  app.allow_extras();
  app.fallthrough();
  app.require_subcommand(0, 1);

  std::vector<Command> commands = {
      setup_check(app, g),  setup_tasks(app, g),       setup_units(app, g),
      setup_record(app, g), setup_amend(app, g),       setup_retract(app, g),
      setup_status(app, g), setup_overdue(app, g),     setup_due(app, g),
      setup_report(app, g), setup_log(app, g),         setup_stale(app, g),
      setup_diff(app, g),   setup_history(app, g),     setup_export(app, g),
      setup_form(app, g),   setup_import(app, g),      setup_import_plan(app, g),
      setup_init(app, g),   setup_rename_unit(app, g), setup_brief(app, g),
      setup_remind(app, g), setup_score(app, g),       setup_rollup(app, g)};
  commands.push_back(setup_complete(app, g));
  const std::string options_group = tr(g.lang, "cli-Options");
  for (CLI::Option* o : app.get_options()) o->group(options_group);
  for (auto& c : commands) {
    c.app->set_help_flag("-h,--help", tr(g.lang, "help-opt-help"));
    // __complete serves the shell's completion script, not people: no group hides it from --help.
    c.app->group(c.app->get_name().starts_with("__") ? "" : tr(g.lang, "cli-Subcommands"));
    for (CLI::Option* o : c.app->get_options()) {
      if (o->get_group() == "Options") o->group(options_group);
    }
    c.app->allow_extras();
    localize_help(*c.app, g.lang);
  }

  // An empty value (say --unit "$UNIT" with UNIT unset) is a mistake, not "everything".
  const CLI::Validator non_empty(
      [](std::string& v) {
        return v.empty() ? std::string(
                               "\x1f"
                               "empty")
                         : std::string();
      },
      "", "non-empty");
  std::vector<CLI::App*> apps = {&app};
  for (auto& c : commands) apps.push_back(c.app);
  for (CLI::App* a : apps)
    for (CLI::Option* o : a->get_options())
      if (o->get_expected_min() > 0) o->check(non_empty);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ValidationError& e) {
    std::string what = e.what();
    std::string name = what.substr(0, what.find(':'));
    if (what.find("\x1f"
                  "empty") != std::string::npos)
      return usage_error(g, tr(g.lang, "usage-empty-value", {name}));
    return usage_error(g, what);
  } catch (const CLI::ArgumentMismatch& e) {
    // CLI11 words it "--section: 1 required SECTION missing"; the option name comes first.
    std::string what = e.what();
    return usage_error(g, tr(g.lang, "usage-missing-value", {what.substr(0, what.find(':'))}));
  } catch (const CLI::RequiredError& e) {
    std::string what = e.what();
    return usage_error(g, tr(g.lang, "usage-missing-required", {what.substr(0, what.find(' '))}));
  } catch (const CLI::ConversionError& e) {
    // CLI11 words it "Could not convert: --within = abc".
    std::string what = e.what();
    auto colon = what.find(": "), eq = what.find(" = ");
    if (colon != std::string::npos && eq != std::string::npos && eq > colon)
      return usage_error(g, tr(g.lang, "usage-not-a-number",
                               {what.substr(colon + 2, eq - colon - 2), what.substr(eq + 3)}));
    return usage_error(g, what);
  } catch (const CLI::ParseError& e) {
    return usage_error(g, e.what());
  }

  CLI::App* chosen = nullptr;
  for (auto& c : commands)
    if (c.app->parsed()) chosen = c.app;
  // "--" only ends the options (so that a revision may start with '-'); it is not an extra.
  auto extras = app.remaining(true);
  std::erase(extras, std::string("--"));
  if (!extras.empty()) return report_extras(g, app, chosen, extras);

  if (!g.lang_name.empty() && !parse_lang(g.lang_name) &&
      !check_choice(g, "--lang", g.lang_name, {"zh", "en"}))
    return kUsage;
  if (!check_choice(g, "--format", g.format,
                    {"table", "md", "csv", "json", "html", "xlsx", "docx"}))
    return kUsage;
  if (chosen && !choose_format(g, chosen->get_name(), app.get_option("--format")->count() > 0))
    return kUsage;
  if (!check_choice(g, "--color", g.color, {"auto", "always", "never"})) return kUsage;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  g.color_on = g.color == "always" ||
               (g.color == "auto" && isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
                !(term && std::strcmp(term, "dumb") == 0));

  // Tables fit the terminal (its width, else $COLUMNS, else 80); files, pipes and --wide get
  // the full width; --width COLS fits any output to COLS.
  if (!g.width_text.empty()) {
    if (g.width_text.find_first_not_of("0123456789") != std::string::npos ||
        g.width_text.size() > 4 || std::stoul(g.width_text) < 20)
      return usage_error(g, tr(g.lang, "usage-bad-width", {g.width_text}));
    g.fit = std::stoul(g.width_text);
  } else if (!g.wide && isatty(STDOUT_FILENO)) {
    winsize ws{};
    const char* columns = std::getenv("COLUMNS");
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
      g.fit = ws.ws_col;
    } else if (columns && *columns &&
               std::string(columns).find_first_not_of("0123456789") == std::string::npos &&
               std::strlen(columns) < 5) {
      g.fit = std::stoul(columns);
    } else {
      g.fit = 80;
    }
  }

  for (auto& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  out(app.help());
  return kUsage;
}
