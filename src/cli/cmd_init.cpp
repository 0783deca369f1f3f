// plan init DIR: a new, minimal, commented plan directory DIR/plan that passes `plan check`.
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/plan/init.h"

namespace plan::cli {

namespace fs = std::filesystem;

namespace {

int run_init(const Globals& g, const std::string& dir) {
  fs::path plan_dir = fs::path(dir) / "plan";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(plan_dir, ec))) {
    std::string msg = "plan: " + tr(g.lang, "init-exists", {plan_dir.string()}) + "\n";
    std::fwrite(msg.data(), 1, msg.size(), stderr);
    return kDataError;
  }
  for (const auto& f : init_template()) {
    fs::path p = fs::path(dir) / f.path;
    std::optional<std::string> failure;
    if (f.path == ".gitattributes" && fs::exists(fs::symlink_status(p, ec))) {
      // An existing project keeps its attributes; ours are added at the end.
      RegularRead old = read_regular_file(p.string(), ReadLimits{}.max_bytes, true);
      if (auto problem = read_problem(old, p.string(), ReadLimits{}.max_bytes)) {
        failure = message_text(*problem, g.lang);
      } else if (old.text.find("plan/progress/*.yaml merge=union") != std::string::npos) {
        continue;
      } else {
        failure = write_file_atomic(
            p.string(),
            old.text + (old.text.empty() || old.text.back() == '\n' ? "" : "\n") + f.text);
      }
    } else {
      fs::create_directories(p.parent_path(), ec);
      // Created, never opened: a file or link already there is an error, not overwritten.
      failure = ec ? std::optional<std::string>(ec.message()) : write_new_file(p.string(), f.text);
    }
    if (failure) {
      std::string msg =
          "plan: " + tr(g.lang, "init-failed", {p.string(), write_failure_text(*failure, g.lang)}) +
          "\n";
      std::fwrite(msg.data(), 1, msg.size(), stderr);
      return kDataError;
    }
  }
  out(tr(g.lang, "init-done", {plan_dir.string(), dir}) + "\n");
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
