// plan __complete KIND...: the names shell completion offers (scripts/completion/plan.bash), one
// per line. Hidden from --help; silent when there is no readable plan.
#include "cli/cli.h"
#include "core/common/text.h"

namespace plan::cli {

namespace {

const std::vector<std::string> kKinds = {"units", "groups", "items", "tasks", "sections"};

// A measure's id as it can be typed without quoting: (25) → m25 (record and history take both).
std::string typeable_id(const Item& it) {
  const std::string& id = it.id;
  if (it.type == ItemType::measure && id.size() > 2 && id.front() == '(' && id.back() == ')')
    return "m" + id.substr(1, id.size() - 2);
  return id;
}

void print_kind(const PlanIndex& index, const std::string& kind) {
  std::string text;
  const Plan& plan = index.plan();
  if (kind == "units") {
    for (const auto& u : plan.units) text += u.name + "\n";
  } else if (kind == "groups") {
    for (const auto& gr : plan.groups) text += gr.name + "\n";
  } else if (kind == "sections") {
    for (const auto& s : plan.sections) text += s.id + "\n";
  } else {
    for (const auto& it : index.items())
      if (kind == "items" || it.type == ItemType::task) text += typeable_id(it) + "\n";
  }
  out(text);
}

int run_complete(const Globals& g, const std::vector<std::string>& kinds) {
  for (const auto& k : kinds) {
    if (std::find(kKinds.begin(), kKinds.end(), k) == kKinds.end()) {
      std::string msg = tr(g.lang, "usage-bad-value", {"__complete", k, join(kKinds, ", ")});
      if (auto near = nearest(k, kKinds)) msg += tr(g.lang, "did-you-mean", {*near});
      return usage_error(g, msg);
    }
  }
  // The plan is looked up as every command does, but nothing is said when there is none or it
  // cannot be read: a message would land in the middle of the user's command line.
  Diagnostics ignored;
  auto dir = resolve_plan_dir(g, ignored);
  if (!dir) return kDataError;
  LoadResult loaded = load_plan(*dir);
  if (!loaded.parsed) return kDataError;
  PlanIndex index(loaded.plan);
  for (const auto& k : kinds) print_kind(index, k);
  return kOk;
}

}  // namespace

Command setup_complete(CLI::App& app, Globals& g) {
  auto kinds = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand("__complete", tr(g.lang, "help-complete"));
  sub->add_option("KIND", *kinds, tr(g.lang, "help-opt-complete-kind"))->required()->type_name("");
  return {sub, [&g, kinds] { return run_complete(g, *kinds); }};
}

}  // namespace plan::cli
