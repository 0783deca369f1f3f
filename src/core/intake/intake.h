// The one validation every new entry passes, however it comes in: plan record, plan amend,
// plan retract and plan import all build an EntryDraft and ask validate_draft() for an entry.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan_index.h"
#include "core/progress/progress.h"

namespace plan {

// An entry as someone typed it. Empty item, unit or status means "not given".
struct EntryDraft {
  std::string item;
  std::string unit;
  std::string status;
  std::string date;  // as typed (any form parse_user_date accepts); empty: today
  std::optional<std::string> note;
  std::vector<std::string> evidence;
  std::optional<std::string> by;
};

// One thing wrong with a draft: which field, and a catalog message.
struct DraftProblem {
  std::string field;  // item, unit, status, date, note, evidence, by, reason
  std::string code;
  std::vector<std::string> args;
  std::optional<std::string> suggestion;
};

struct DraftResult {
  std::optional<ProgressEntry> entry;  // set when there are no problems
  std::vector<DraftProblem> problems;  // every problem, not just the first
};

// Checks a draft against the plan and `today`: the item exists (else the nearest id), the unit
// exists and is not a group (else the nearest name, or the group's units), the unit is
// responsible for the item, the status is one of the four (else the nearest: 完成 → 已完成),
// the date is a real date not after today, and the free texts are non-empty, without control
// characters and within their lengths (note 2000, by 100, evidence 500 characters each).
DraftResult validate_draft(const PlanIndex& index, const Date& today, const EntryDraft& draft);

// Checks one free-text value (note, by, evidence, reason), adding problems for `field`. Only a
// note may hold line breaks.
void check_free_text(const std::string& field, const std::string& value, std::size_t max_chars,
                     std::vector<DraftProblem>& problems);

// The status a person most likely meant by an unknown word (完成 → 已完成, 在办 → 进行中), if any.
std::optional<std::string> nearest_state(std::string_view word);

// True when two entries report the same thing (date, item, status, note, evidence, by):
// importing a form a second time adds nothing.
bool same_report(const ProgressEntry& a, const ProgressEntry& b);

// Stamps a new entry with when it was recorded (RFC 3339 local time, from the command layer)
// and gives it its id.
void stamp_entry(ProgressEntry& e, const std::string& recorded);

}  // namespace plan
