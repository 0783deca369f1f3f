// plan history ITEM: how an item's deadline and units changed over the git log.
#include <set>

#include "cli/cli.h"
#include "core/common/text.h"

namespace plan::cli {

namespace {

struct State {
  bool exists = false;
  std::string title, deadline, due, units;
  std::set<std::string> assignees;
};

struct Row {
  GitCommit commit;
  std::vector<std::string> changes;  // catalog keys
  State state;
  std::string reason;
};

State state_of(const PlanIndex& index, const std::string& id) {
  State s;
  auto i = index.find_item(id);
  if (!i) return s;
  const Item& it = index.items()[*i];
  s.exists = true;
  s.title = it.title;
  if (it.deadline) {
    s.deadline = it.deadline_text.empty() ? it.deadline->text : it.deadline_text;
    if (it.deadline->due) s.due = iso(*it.deadline->due);
  } else if (!it.deadline_text.empty()) {
    s.deadline = it.deadline_text;
  }
  s.units = units_as_written(it.units, Lang::zh);
  for (const auto& u : index.responsible_units(*i)) s.assignees.insert(u);
  return s;
}

int run_history(const Globals& g, const std::string& raw_id) {
  auto ctx = open_git(g);
  if (!ctx) return kUsage;
  GitLookup problem;
  auto commits = git_log_plan(ctx->place, problem);
  if (problem.error != GitError::none) {
    print_git_problem(g, problem, ctx->plan_dir);
    return kUsage;
  }
  const std::string id = normalize_item_id(raw_id);
  std::vector<Row> rows;
  bool ever = false;  // the item exists in some revision
  State prev;
  std::optional<Date> prev_due;
  for (const auto& c : commits) {
    auto files = git_read_tree(ctx->place, c.id, problem, false);
    if (!files) continue;  // a commit without the plan (before it was added, or after a move)
    Snapshot s = snapshot_from_files(*files, ctx->plan_dir, c.id);
    if (!s.loaded->parsed) continue;
    State now = state_of(*s.index, id);
    ever = ever || now.exists;
    Row r{c, {}, now, ""};
    if (now.exists && !prev.exists) r.changes.push_back("history-created");
    if (!now.exists && prev.exists) r.changes.push_back("history-removed");
    if (now.exists && prev.exists) {
      if (now.deadline != prev.deadline || now.due != prev.due)
        r.changes.push_back("history-deadline");
      if (now.units != prev.units) r.changes.push_back("history-units");
      if (now.assignees != prev.assignees) r.changes.push_back("history-assignees");
      if (now.title != prev.title) r.changes.push_back("history-title");
    }
    if (now.exists) {
      auto i = s.index->find_item(id);
      for (const auto& d : s.index->items()[*i].delays)
        if (prev_due && d.from_due && *d.from_due == *prev_due && now.due != prev.due)
          r.reason = d.reason;
      prev_due = parse_iso_date(now.due);
    }
    if (!r.changes.empty()) rows.push_back(std::move(r));
    prev = now;
  }
  if (!ever) {
    // Not a plan's item at any revision: most likely a typo, so name the ids there are.
    std::string msg = tr(g.lang, "history-unknown-item", {raw_id});
    if (auto s = open_plan(g)) {
      if (auto near = nearest(id, s->index->item_ids())) msg += tr(g.lang, "did-you-mean", {*near});
    }
    return usage_error(g, msg);
  }
  if (rows.empty()) {
    say("plan: " + tr(g.lang, "history-none", {id}));
    return kDataError;
  }

  Table t;
  t.columns = {{tr(g.lang, "col-commit")},
               {tr(g.lang, "col-date")},
               {tr(g.lang, "col-author")},
               {tr(g.lang, "col-message"), Align::left, 24},
               {tr(g.lang, "col-change")},
               {tr(g.lang, "col-deadline"), Align::left, 24},
               {tr(g.lang, "col-due")},
               {tr(g.lang, "col-units"), Align::left, 30},
               {tr(g.lang, "col-reason"), Align::left, 30}};
  Json arr = Json::array();
  for (const auto& r : rows) {
    std::vector<std::string> labels, keys;
    for (const auto& c : r.changes) {
      labels.push_back(tr(g.lang, c));
      keys.push_back(c.substr(8));  // "history-deadline" → "deadline"
    }
    t.rows.push_back(
        {{r.commit.id.substr(0, 7)},
         {r.commit.date},
         {r.commit.author},
         {r.commit.subject},
         {join(labels, g.lang == Lang::zh ? "、" : ", "),
          r.reason.empty() && std::count(keys.begin(), keys.end(), "deadline") ? Style::late
                                                                               : Style::plain},
         {r.state.deadline},
         {r.state.due},
         {r.state.units},
         {r.reason}});
    arr.push_back({{"commit", r.commit.id},
                   {"date", r.commit.date},
                   {"author", r.commit.author},
                   {"message", r.commit.subject},
                   {"changes", keys},
                   {"exists", r.state.exists},
                   {"deadline", r.state.deadline},
                   {"due", r.state.due.empty() ? Json(nullptr) : Json(r.state.due)},
                   {"units", r.state.units},
                   {"assignees",
                    std::vector<std::string>(r.state.assignees.begin(), r.state.assignees.end())},
                   {"reason", r.reason}});
  }
  Json j;
  j["item"] = id;
  j["rows"] = std::move(arr);
  return print_result(g, std::move(t), std::move(j));
}

}  // namespace

Command setup_history(CLI::App& app, Globals& g) {
  auto id = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("history", tr(g.lang, "help-history"));
  sub->add_option("ITEM", *id, tr(g.lang, "help-opt-item"))->required()->type_name("");
  sub->footer(tr(g.lang, "help-history-examples"));
  return {sub, [&g, id] { return run_history(g, *id); }};
}

}  // namespace plan::cli
