#include "core/intake/intake.h"

#include "core/common/text.h"
#include "core/plan/load.h"
#include "core/plan/names.h"

namespace plan {

namespace {

// A note may run over several lines (Alt+Enter in a spreadsheet cell); nothing else may.
std::string strip_newlines(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != '\n') out += c;
  return out;
}

}  // namespace

void check_free_text(const std::string& field, const std::string& value, std::size_t max_chars,
                     std::vector<DraftProblem>& problems) {
  if (value.empty()) {
    problems.push_back({field, "text-empty", {}, std::nullopt});
  } else if (find_invalid_utf8(value)) {
    problems.push_back({field, "text-not-utf8", {}, std::nullopt});
  } else if (to_u32(value).size() > max_chars) {
    problems.push_back({field, "text-too-long", {std::to_string(max_chars)}, std::nullopt});
  } else if (has_control_chars(field == "note" ? std::string_view(strip_newlines(value))
                                               : std::string_view(value))) {
    problems.push_back({field, "text-control", {}, std::nullopt});
  }
}

std::optional<std::string> nearest_state(std::string_view word) {
  // Words people write for each state, beyond the four names themselves.
  static const std::pair<const char*, const char*> kSynonyms[] = {
      {"完成", "已完成"},        {"已办结", "已完成"}, {"办结", "已完成"},
      {"完毕", "已完成"},        {"已落实", "已完成"}, {"正在进行", "进行中"},
      {"推进中", "进行中"},      {"在办", "进行中"},   {"开展中", "进行中"},
      {"实施中", "进行中"},      {"未完成", "进行中"}, {"没开始", "未开始"},
      {"尚未开始", "未开始"},    {"未启动", "未开始"}, {"阻塞", "受阻"},
      {"暂停", "受阻"},          {"done", "已完成"},   {"finished", "已完成"},
      {"in progress", "进行中"}, {"blocked", "受阻"}};
  std::string w(word);
  for (auto& [from, to] : kSynonyms)
    if (w == from) return std::string(to);
  return nearest(
      w, {"未开始", "进行中", "已完成", "受阻", "not_started", "in_progress", "done", "blocked"});
}

DraftResult validate_draft(const PlanIndex& index, const Date& today, const EntryDraft& d) {
  DraftResult r;
  auto& problems = r.problems;
  ProgressEntry e;

  std::optional<std::size_t> item;
  if (d.item.empty()) {
    problems.push_back({"item", "text-empty", {}, std::nullopt});
  } else if (!(item = index.find_item(d.item)) && !(item = index.find_item(task_id_for(d.item)))) {
    problems.push_back(
        {"item", "unknown-item", {d.item}, nearest(normalize_item_id(d.item), index.item_ids())});
  } else {
    e.item = index.items()[*item].id;
  }

  const Unit* unit = nullptr;
  const std::string unit_name = trim_spaces(d.unit);
  if (unit_name.empty()) {
    problems.push_back({"unit", "text-empty", {}, std::nullopt});
  } else if (!(unit = index.find_unit(unit_name))) {
    if (const Group* grp = index.find_group(unit_name)) {
      problems.push_back({"unit",
                          "record-group",
                          {grp->name, join(index.expand_in_order(grp->name), "、")},
                          std::nullopt});
    } else {
      problems.push_back(
          {"unit", "record-unknown-unit", {d.unit}, suggest_unit_name(index, unit_name)});
    }
  } else {
    e.unit = unit->name;
  }
  if (item && unit && !index.is_responsible(*item, e.unit))
    problems.push_back({"item",
                        "not-responsible",
                        {e.unit, e.item, join(index.responsible_units(*item), "、")},
                        std::nullopt});

  if (auto s = parse_state(d.status)) {
    e.status = *s;
  } else {
    problems.push_back({"status", "bad-status", {d.status}, nearest_state(d.status)});
  }

  e.date = today;
  if (!d.date.empty()) {
    DateError date_error = DateError::none;
    if (auto date = parse_user_date(d.date, &date_error)) {
      if (*date > today) {
        problems.push_back({"date", "entry-future", {d.date, iso(today)}, std::nullopt});
      } else {
        e.date = *date;
      }
    } else {
      problems.push_back(
          {"date", date_error_key(date_error, "bad-user-date"), {d.date}, std::nullopt});
    }
  }

  if (d.note) check_free_text("note", *d.note, 2000, problems);
  if (d.by) check_free_text("by", *d.by, 100, problems);
  for (const auto& ev : d.evidence) check_free_text("evidence", ev, 500, problems);
  e.note = d.note.value_or("");
  e.by = d.by.value_or("");
  e.evidence = d.evidence;
  if (problems.empty()) r.entry = std::move(e);
  return r;
}

bool same_report(const ProgressEntry& a, const ProgressEntry& b) {
  return a.date == b.date && a.item == b.item && a.status == b.status && a.note == b.note &&
         a.evidence == b.evidence && a.by == b.by;
}

void stamp_entry(ProgressEntry& e, const std::string& recorded) {
  e.recorded = recorded;
  e.recorded_on = parse_iso_date(std::string_view(recorded).substr(0, 10));
  e.id.clear();
  e.id = new_entry_id(e);
}

}  // namespace plan
