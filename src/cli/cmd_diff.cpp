// plan diff [REV_A [REV_B]] | --dirs OLD NEW: what changed in the plan, in the plan's terms.
#include "cli/cli.h"
#include "core/common/escape.h"
#include "core/review/plan_diff.h"

namespace plan::cli {

namespace {

struct DiffOptions {
  std::string rev_a, rev_b;
  std::vector<std::string> dirs;
};

std::optional<Snapshot> from_dir(const Globals& g, const std::string& dir,
                                 const std::string& label) {
  return usable(g, snapshot_from_dir(dir, label));
}

int run_diff(const Globals& g, const DiffOptions& o) {
  std::vector<std::string> revs;
  for (const auto* r : {&o.rev_a, &o.rev_b})
    if (!r->empty()) revs.push_back(*r);
  std::optional<Snapshot> a, b;
  if (!o.dirs.empty()) {
    if (!revs.empty()) return usage_error(g, tr(g.lang, "usage-diff-dirs-and-revs"));
    a = from_dir(g, o.dirs[0], o.dirs[0]);
    if (!a) return kUsage;
    b = from_dir(g, o.dirs[1], o.dirs[1]);
    if (!b) return kUsage;
  } else {
    auto ctx = open_git(g);
    if (!ctx) return kUsage;
    a = snapshot_at(g, *ctx, revs.empty() ? "HEAD" : revs[0]);
    if (!a) return kUsage;
    b = revs.size() == 2 ? snapshot_at(g, *ctx, revs[1])
                         : from_dir(g, ctx->plan_dir, tr(g.lang, "working-tree"));
    if (!b) return kUsage;
  }
  PlanDiff d = diff_plans(*a, *b);
  std::string text;
  if (g.format == "json") {
    text = json_text(diff_json(d));
  } else if (d.changes.empty()) {
    text = escape_terminal(tr(g.lang, "diff-none", {d.from, d.to})) + "\n";
  } else {
    Table t = diff_table(d, g.lang);
    text = g.format == "md" ? render_markdown(t)
           : g.format == "csv"
               ? render_csv(t)
               : render_text(t, g.color_on && g.output.empty(), g.output.empty() ? g.fit : 0) +
                     escape_terminal(tr(g.lang, "diff-summary",
                                        {d.from, d.to, std::to_string(d.changes.size()),
                                         std::to_string(d.flags())})) +
                     "\n";
  }
  if (int rc = emit(g, text); rc != kOk) return rc;
  return d.changes.empty() ? kOk : kDataError;
}

}  // namespace

Command setup_diff(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* sub = app.add_subcommand("diff", tr(g.lang, "help-diff"));
  sub->add_option("REV_A", o->rev_a, tr(g.lang, "help-opt-rev-a"))->type_name("");
  sub->add_option("REV_B", o->rev_b, tr(g.lang, "help-opt-rev-b"))->type_name("");
  sub->add_option("--dirs", o->dirs, tr(g.lang, "help-opt-dirs"))->expected(2)->type_name("DIR");
  sub->footer(tr(g.lang, "help-diff-examples"));
  return {sub, [&g, o] { return run_diff(g, *o); }};
}

}  // namespace plan::cli
