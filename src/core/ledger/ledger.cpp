#include "core/ledger/ledger.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <map>
#include <unordered_map>

#include "core/common/bytes.h"
#include "core/progress/corrections.h"

namespace plan {

LedgerBuilder::LedgerBuilder(const PlanIndex& index, const Date& as_of, int soon_days)
    : index_(index),
      as_of_(as_of),
      soon_days_(soon_days),
      track_(index.assignments().size()),
      last_entry_(index.plan().units.size()),
      months_(index.plan().units.size()) {}

void LedgerBuilder::targets(const PlanIndex& index, std::size_t item, const std::string& unit,
                            std::vector<std::pair<std::size_t, bool>>& out) {
  out.clear();
  for (std::size_t leaf : index.leaves_under(item))
    if (auto a = index.assignment_of(leaf, unit)) out.emplace_back(*a, leaf == item);
}

bool LedgerBuilder::apply(Tracker& t, bool own, const LedgerEntry& e, bool note_outlives) {
  if (own) t.own_done = e.status == State::done;
  // A task- or part-level report covers the measures under it, but does not reopen one that
  // its own entries say is done.
  if (!own && e.status != State::done && t.own_done) return false;
  if (e.status == State::done) {
    if (t.state != State::done) t.done_on = e.date;
  } else {
    t.done_on.reset();
  }
  t.state = e.status;
  t.last = e.date;
  if (note_outlives) {
    t.note_is_view = true;
    t.note_view = e.note;
  } else {
    keep_note(t, e.note);
  }
  return true;
}

void LedgerBuilder::keep_note(Tracker& t, std::string_view note) {
  t.note_is_view = false;
  if (t.note.capacity() > 2 * note.size() + 32) {
    // Only the latest note, at about its own size: copied into a string that once held a
    // longer note, it would keep that capacity for every assignment.
    t.note = std::string(note);
  } else {
    t.note.assign(note);
  }
}

void LedgerBuilder::add(const ProgressEntry& e) {
  const LedgerEntry le = ledger_entry(e, index_);
  add(e.unit, &le, 1, false);
}

namespace {

// What one add() or fold() call looked up, kept per thread (calls for other units run at the same
// time): each item's targets, found once per call.
struct TargetMemo {
  struct Slot {
    std::uint32_t call = 0;              // the call that looked the item up
    std::uint32_t first = 0, count = 0;  // its targets in `targets`
  };
  std::vector<Slot> slots;                                     // per item
  std::vector<std::pair<std::size_t, bool>> targets, scratch;  // of the items looked up
  std::uint32_t call = 0;

  // A new call over `n_items` items.
  void begin(std::size_t n_items) {
    if (slots.size() < n_items) slots.resize(n_items);
    if (++call == 0) {  // the counter came round: no slot may look current
      for (Slot& s : slots) s.call = 0;
      call = 1;
    }
    targets.clear();
  }
  // Where `item`'s targets are in `targets` ([first, first + count)), found by `find(out)` the
  // first time in the call.
  template <typename Find>
  const Slot& of(std::size_t item, const Find& find) {
    Slot& slot = slots[item];
    if (slot.call != call) {
      find(scratch);
      slot = {call, static_cast<std::uint32_t>(targets.size()),
              static_cast<std::uint32_t>(scratch.size())};
      targets.insert(targets.end(), scratch.begin(), scratch.end());
    }
    return slot;
  }
};

}  // namespace

void LedgerBuilder::add(const std::string& unit, const LedgerEntry* entries, std::size_t n,
                        bool notes_outlive) {
  const std::size_t u = index_.unit_order(unit);
  thread_local TargetMemo memo;
  memo.begin(index_.items().size());
  int last_month = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const LedgerEntry& e = entries[i];
    if (e.retraction) continue;
    const Date reported = e.reported_on;
    if (u < last_entry_.size() && reported <= as_of_ &&
        (!last_entry_[u] || *last_entry_[u] < reported))
      last_entry_[u] = reported;
    if (u < months_.size() && reported <= as_of_) {
      const int month = month_number(reported);
      if (month != last_month) months_[u].insert(month);
      last_month = month;
    }
    if (e.date > as_of_ || e.orphaned || e.item < 0) continue;
    const auto item = static_cast<std::size_t>(e.item);
    const TargetMemo::Slot& slot =
        memo.of(item, [&](auto& out) { targets(index_, item, unit, out); });
    // The entries' notes last the call: each tracker keeps a view of its latest until the end.
    for (std::uint32_t k = slot.first; k < slot.first + slot.count; ++k)
      apply(track_[memo.targets[k].first], memo.targets[k].second, e, true);
  }
  if (notes_outlive) return;
  // Then the notes the trackers hold are copied once each: a file's at once into a block, one
  // entry's (add(const ProgressEntry&), called entry by entry) into each tracker's own string,
  // which keeps its capacity for the next, so that memory does not grow with the entries.
  if (n > 1) {
    keep_notes(memo.targets);
    return;
  }
  for (const auto& target : memo.targets) {
    Tracker& t = track_[target.first];
    if (t.note_is_view) keep_note(t, t.note_view);
  }
}

std::size_t LedgerBuilder::note_block_bytes() const {
  const std::lock_guard<std::mutex> lock(note_blocks_mutex_);
  return note_block_bytes_;
}

void LedgerBuilder::keep_notes(const std::vector<std::pair<std::size_t, bool>>& targets) {
  // One block for all of them: a string of its own per tracker was a malloc per assignment,
  // about a tenth of a report's time when notes are long. A tracker may be among the targets
  // more than once (through an item and a task over it): it is taken once.
  thread_local std::vector<Tracker*> taken;
  taken.clear();
  std::size_t bytes = 0;
  for (const auto& target : targets) {
    Tracker& t = track_[target.first];
    if (!t.note_is_view) continue;
    t.note_is_view = false;  // taken (for now: a view again below)
    taken.push_back(&t);
    bytes += t.note_view.size();
  }
  if (taken.empty()) return;
  auto block = std::make_unique_for_overwrite<char[]>(std::max<std::size_t>(bytes, 1));
  char* p = block.get();
  for (Tracker* t : taken) {
    const std::string_view note = t->note_view;
    if (!note.empty()) std::memcpy(p, note.data(), note.size());
    std::string().swap(t->note);  // only the latest note is kept
    t->note_view = std::string_view(p, note.size());
    t->note_is_view = true;
    p += note.size();
  }
  const std::lock_guard<std::mutex> lock(note_blocks_mutex_);
  note_blocks_.push_back(std::move(block));
  note_block_bytes_ += bytes;
}

namespace {

// A fold (LedgerBuilder::fold), all numbers in the machine's byte order:
//   u32 days, u32 months, u32 tracks, u32 steps: the counts of what follows
//   i32 day[days]                       the days the unit reported, ascending, distinct
//   (i32 month, i32 first day)[months]  the months it reported, ascending, with their first day
//   (u32 assignment, u32 first step, u32 steps)[tracks]   ascending by assignment
//   (i32 day, i32 done_on or kNoDay, u32 note at, u32 note length, u8 state, u8 own_done,
//    u16 0)[steps]                      each track's steps, ascending by day, one per day
//   the notes' bytes
// Days are days since 1970-01-01.
constexpr std::size_t kFoldHead = 16, kTrackBytes = 12, kStepBytes = 20;
constexpr std::int32_t kNoDay = INT32_MIN;

using bytes::at;
using bytes::put;

// The last of `n` ascending i32 values at `base` + k * `stride` that is <= `day`, or n for none.
std::size_t last_on_or_before(std::string_view bytes, std::size_t base, std::size_t stride,
                              std::size_t n, std::int32_t day) {
  std::size_t lo = 0, hi = n;  // the first value after `day` is in [lo, hi]
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (at<std::int32_t>(bytes, base + mid * stride) <= day) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo == 0 ? n : lo - 1;
}

}  // namespace

std::string LedgerBuilder::fold(const PlanIndex& index, const std::string& unit,
                                const LedgerEntry* entries, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i)
    if (entries[i].date < entries[i - 1].date) return {};
  struct Step {
    std::int32_t day, done_on;
    std::uint32_t note_at, note_len;
    State state;
    bool own_done;
  };
  struct Track {
    Tracker t;
    std::vector<Step> steps;
  };
  std::vector<std::int32_t> days;
  std::map<int, std::int32_t> months;  // month -> its first day reported
  std::map<std::size_t, Track> tracks;
  thread_local TargetMemo memo;
  memo.begin(index.items().size());
  std::string notes;
  for (std::size_t i = 0; i < n; ++i) {
    const LedgerEntry& e = entries[i];
    if (e.retraction) continue;
    const std::int32_t reported = day_number(e.reported_on);
    days.push_back(reported);
    auto [m, first] = months.try_emplace(month_number(e.reported_on), reported);
    if (!first) m->second = std::min(m->second, reported);
    if (e.orphaned || e.item < 0) continue;
    const auto item = static_cast<std::size_t>(e.item);
    const TargetMemo::Slot& slot =
        memo.of(item, [&](auto& out) { targets(index, item, unit, out); });
    if (slot.count == 0) continue;
    const auto note_at = static_cast<std::uint32_t>(notes.size());
    notes += e.note;
    for (std::uint32_t k = slot.first; k < slot.first + slot.count; ++k) {
      const auto [a, own] = memo.targets[k];
      Track& track = tracks[a];
      if (!apply(track.t, own, e, true)) continue;
      const Step s{day_number(e.date),
                   track.t.done_on ? day_number(*track.t.done_on) : kNoDay,
                   note_at,
                   static_cast<std::uint32_t>(e.note.size()),
                   track.t.state,
                   track.t.own_done};
      // Reports ask for the state at the end of a day: the day's last step is all it needs.
      if (!track.steps.empty() && track.steps.back().day == s.day) {
        track.steps.back() = s;
      } else {
        track.steps.push_back(s);
      }
    }
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  std::size_t steps = 0;
  for (const auto& [a, track] : tracks) steps += track.steps.size();
  std::string out;
  out.reserve(kFoldHead + days.size() * 4 + months.size() * 8 + tracks.size() * kTrackBytes +
              steps * kStepBytes + notes.size());
  for (std::size_t count : {days.size(), months.size(), tracks.size(), steps})
    put<std::uint32_t>(out, static_cast<std::uint32_t>(count));
  for (std::int32_t d : days) put<std::int32_t>(out, d);
  for (const auto& [month, first] : months) {
    put<std::int32_t>(out, month);
    put<std::int32_t>(out, first);
  }
  std::uint32_t first = 0;
  for (const auto& [a, track] : tracks) {
    put<std::uint32_t>(out, static_cast<std::uint32_t>(a));
    put<std::uint32_t>(out, first);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(track.steps.size()));
    first += static_cast<std::uint32_t>(track.steps.size());
  }
  for (const auto& [a, track] : tracks)
    for (const Step& s : track.steps) {
      put<std::int32_t>(out, s.day);
      put<std::int32_t>(out, s.done_on);
      put<std::uint32_t>(out, s.note_at);
      put<std::uint32_t>(out, s.note_len);
      put<std::uint8_t>(out, static_cast<std::uint8_t>(s.state));
      put<std::uint8_t>(out, s.own_done ? 1 : 0);
      put<std::uint16_t>(out, 0);
    }
  out += notes;
  return out;
}

bool LedgerBuilder::add_fold(const std::string& unit, std::string_view bytes) {
  if (bytes.size() < kFoldHead) return false;
  const std::uint64_t n_days = at<std::uint32_t>(bytes, 0), n_months = at<std::uint32_t>(bytes, 4),
                      n_tracks = at<std::uint32_t>(bytes, 8),
                      n_steps = at<std::uint32_t>(bytes, 12);
  const std::uint64_t days_at = kFoldHead, months_at = days_at + n_days * 4,
                      tracks_at = months_at + n_months * 8,
                      steps_at = tracks_at + n_tracks * kTrackBytes,
                      notes_at = steps_at + n_steps * kStepBytes;
  if (notes_at > bytes.size()) return false;
  const std::string_view notes = bytes.substr(notes_at);
  const std::int32_t as_of = day_number(as_of_);
  const std::size_t u = index_.unit_order(unit);

  // Everything is checked before anything is changed, and whatever the as-of date: a fold one
  // builder takes, every builder takes.
  for (std::uint64_t k = 0; k < n_tracks; ++k) {
    const std::size_t t = tracks_at + k * kTrackBytes;
    if (at<std::uint32_t>(bytes, t) >= track_.size() ||
        std::uint64_t{at<std::uint32_t>(bytes, t + 4)} + at<std::uint32_t>(bytes, t + 8) > n_steps)
      return false;
  }
  for (std::uint64_t k = 0; k < n_steps; ++k) {
    const std::size_t step = steps_at + k * kStepBytes;
    if (at<std::uint8_t>(bytes, step + 16) > 3 ||
        std::uint64_t{at<std::uint32_t>(bytes, step + 8)} + at<std::uint32_t>(bytes, step + 12) >
            notes.size())
      return false;
  }

  std::optional<std::int32_t> last_day;
  if (const std::size_t d = last_on_or_before(bytes, days_at, 4, n_days, as_of); d < n_days)
    last_day = at<std::int32_t>(bytes, days_at + d * 4);

  if (u < last_entry_.size()) {
    if (last_day && (!last_entry_[u] || day_number(*last_entry_[u]) < *last_day))
      last_entry_[u] = from_day_number(*last_day);
    for (std::uint64_t k = 0; k < n_months; ++k)
      if (at<std::int32_t>(bytes, months_at + k * 8 + 4) <= as_of)
        months_[u].insert(at<std::int32_t>(bytes, months_at + k * 8));
  }
  for (std::uint64_t k = 0; k < n_tracks; ++k) {
    const std::size_t track = tracks_at + k * kTrackBytes;
    const std::size_t count = at<std::uint32_t>(bytes, track + 8);
    const std::size_t base =
        steps_at + std::size_t{at<std::uint32_t>(bytes, track + 4)} * kStepBytes;
    const std::size_t s = last_on_or_before(bytes, base, kStepBytes, count, as_of);
    if (s == count) continue;  // nothing on or before as_of
    const std::size_t step = base + s * kStepBytes;
    Tracker& t = track_[at<std::uint32_t>(bytes, track)];
    const std::int32_t done_on = at<std::int32_t>(bytes, step + 4);
    t.state = static_cast<State>(at<std::uint8_t>(bytes, step + 16));
    t.own_done = at<std::uint8_t>(bytes, step + 17) != 0;
    t.done_on = done_on == kNoDay ? std::nullopt : std::optional<Date>(from_day_number(done_on));
    t.last = from_day_number(at<std::int32_t>(bytes, step));
    t.note_is_view = false;
    t.note.assign(
        notes.substr(at<std::uint32_t>(bytes, step + 8), at<std::uint32_t>(bytes, step + 12)));
  }
  return true;
}

Ledger LedgerBuilder::finish() const {
  const auto& items = index_.items();
  const auto& assignments = index_.assignments();
  Ledger ledger;
  ledger.as_of = as_of_;
  ledger.soon_days = soon_days_;
  for (std::size_t u = 0; u < last_entry_.size(); ++u)
    if (last_entry_[u]) ledger.last_entry.emplace(index_.plan().units[u].name, *last_entry_[u]);
  for (std::size_t u = 0; u < months_.size(); ++u)
    if (!months_[u].empty())
      ledger.report_months.emplace(index_.plan().units[u].name,
                                   std::vector<int>(months_[u].begin(), months_[u].end()));
  ledger.rows.reserve(assignments.size());
  for (std::size_t a = 0; a < assignments.size(); ++a) {
    const Item& item = items[assignments[a].item];
    const Tracker& t = track_[a];
    AssignmentStatus s;
    s.assignment = a;
    s.state = t.state;
    s.note = t.note_is_view ? std::string(t.note_view) : t.note;
    if (item.deadline && item.deadline->due) s.due = item.deadline->due;
    s.last_date = t.last;
    if (s.state == State::done) {
      s.done_on = t.done_on;
      s.late = s.due && s.done_on && *s.done_on > *s.due;
    } else if (s.due) {
      int days = days_between(*s.due, as_of_);
      s.overdue = days > 0;
      s.days_overdue = s.overdue ? days : 0;
      s.due_soon = days <= 0 && -days <= soon_days_;
    }
    ledger.rows.push_back(std::move(s));
  }
  return ledger;
}

Ledger compute_ledger(const PlanIndex& index, const std::vector<ProgressEntry>& entries,
                      const Date& as_of, int soon_days) {
  // Resolve corrections per unit, as stream_progress does for each file.
  std::map<std::string, std::vector<ProgressEntry>> by_unit;
  for (const auto& e : entries) by_unit[e.unit].push_back(e);
  LedgerBuilder b(index, as_of, soon_days);
  for (auto& [unit, list] : by_unit) {
    Diagnostics ignored;
    auto fates = resolve_unit_entries(list, ignored);
    for (const auto& e : entries_in_force(std::move(list), fates)) b.add(e);
  }
  return b.finish();
}

Counts& Counts::operator+=(const Counts& o) {
  total += o.total;
  done += o.done;
  done_late += o.done_late;
  in_progress += o.in_progress;
  not_started += o.not_started;
  blocked += o.blocked;
  overdue += o.overdue;
  undated += o.undated;
  undated_done += o.undated_done;
  return *this;
}

void Counts::add(const AssignmentStatus& s) {
  ++total;
  switch (s.state) {
    case State::done:
      ++done;
      break;
    case State::in_progress:
      ++in_progress;
      break;
    case State::not_started:
      ++not_started;
      break;
    case State::blocked:
      ++blocked;
      break;
  }
  done_late += s.late;
  overdue += s.overdue;
  if (!s.due) {
    ++undated;
    undated_done += s.state == State::done;
  }
}

Summary summarize(const PlanIndex& index, const Ledger& ledger, const std::string& by) {
  Summary sum;
  sum.by = by;
  std::unordered_map<std::string, std::size_t> row_of;
  if (by == "section") {
    for (const auto& s : index.plan().sections) {
      row_of.emplace(s.id, sum.rows.size());
      sum.rows.push_back({s.id, s.title, {}});
    }
  } else if (by == "task") {
    // Tasks, and the standing requirements, which belong to no task.
    for (const auto& it : index.items()) {
      if (it.type != ItemType::task && it.type != ItemType::requirement) continue;
      row_of.emplace(it.id, sum.rows.size());
      sum.rows.push_back({it.id, it.title, {}});
    }
  } else {
    for (const auto& u : index.plan().units) sum.rows.push_back({u.name, "", {}});
  }
  const bool by_unit = by != "section" && by != "task";
  for (const auto& s : ledger.rows) {
    const Assignment& a = index.assignments()[s.assignment];
    const Item& item = index.items()[a.item];
    std::size_t row;
    if (by_unit) {
      // Rows are the units in units.yaml order, so a unit's order is its row.
      row = index.assignment_unit_order(s.assignment);
      if (row >= sum.rows.size()) continue;
    } else {
      auto it =
          row_of.find(by == "section" ? item.section : (item.task.empty() ? item.id : item.task));
      if (it == row_of.end()) continue;
      row = it->second;
    }
    sum.rows[row].counts.add(s);
    sum.total.add(s);
  }
  // Units with nothing assigned have nothing to report.
  std::erase_if(sum.rows, [](const SummaryRow& r) { return r.counts.total == 0; });
  return sum;
}

}  // namespace plan
