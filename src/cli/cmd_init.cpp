// plan init DIR: a new, minimal, commented plan directory DIR/plan that passes `plan check`.
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cli/cli.h"
#include "core/plan/init.h"

namespace plan::cli {

namespace fs = std::filesystem;

namespace {

int run_init(const Globals& g, const std::string& dir) {
  fs::path plan_dir = fs::path(dir) / "plan";
  std::error_code ec;
  if (fs::exists(plan_dir, ec)) {
    say("plan: " + tr(g.lang, "init-exists", {plan_dir.string()}));
    return kDataError;
  }
  for (const auto& f : init_template()) {
    fs::path p = fs::path(dir) / f.path;
    if (f.path == ".gitattributes" && fs::exists(p, ec)) {
      // An existing project keeps its attributes; ours are added at the end.
      std::ifstream in(p);
      std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (old.find("plan/progress/*.yaml merge=union") != std::string::npos) continue;
      std::ofstream app(p, std::ios::app | std::ios::binary);
      app << (old.empty() || old.back() == '\n' ? "" : "\n") << f.text;
      continue;
    }
    fs::create_directories(p.parent_path(), ec);
    std::ofstream os(p, std::ios::binary);
    os << f.text;
    os.close();
    if (ec || !os) {
      say("plan: " + tr(g.lang, "init-failed",
                        {p.string(), ec ? ec.message() : std::string(std::strerror(errno))}));
      return kDataError;
    }
  }
  say_out(tr(g.lang, "init-done", {plan_dir.string(), dir}));
  return kOk;
}

}  // namespace

Command setup_init(CLI::App& app, Globals& g) {
  auto dir = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("init", tr(g.lang, "help-init"));
  sub->add_option("DIR", *dir, tr(g.lang, "help-opt-init-dir"))->required()->type_name("");
  sub->footer(tr(g.lang, "help-init-examples"));
  return {sub, [&g, dir] { return run_init(g, *dir); }};
}

}  // namespace plan::cli
