#include "core/progress/corrections.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/common/text.h"

namespace plan {

namespace {

// Later in a chain: recorded later (a stamp beats none), then the greater id.
bool recorded_before(const ProgressEntry& a, const ProgressEntry& b) {
  if (a.recorded != b.recorded) return a.recorded < b.recorded;
  return a.id < b.id;
}

bool same_content(const ProgressEntry& a, const ProgressEntry& b) {
  return a.date == b.date && a.item == b.item && a.status == b.status && a.note == b.note &&
         a.evidence == b.evidence && a.by == b.by && a.recorded == b.recorded &&
         a.amends == b.amends && a.retracts == b.retracts && a.reason == b.reason;
}

// Up to eight bytes of `s` from `from` as a big-endian number, zero-padded: numbers compare as
// the bytes do (no field holds a zero byte).
std::uint64_t big_endian_prefix(std::string_view s, std::size_t from) {
  unsigned char b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  if (from < s.size()) std::memcpy(b, s.data() + from, std::min<std::size_t>(8, s.size() - from));
  std::uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;  // compiled to a load and a byte swap
  return v;
}

// A hash of a short text (ids are 6–16 hex digits): its first and last eight bytes and its
// length, mixed. Only for spreading ids over a table; equal ids are still compared whole.
std::uint64_t short_hash(std::string_view s) {
  std::uint64_t h = big_endian_prefix(s, 0) * 0x9E3779B97F4A7C15ULL;
  if (s.size() > 8) h ^= big_endian_prefix(s, s.size() - 8) * 0xC2B2AE3D27D4EB4FULL;
  h ^= s.size();
  return h ^ (h >> 29) ^ (h >> 47);
}

// The first entry with each id, by open addressing in one array (no allocation per id: every
// file's entries go through it).
class FirstById {
 public:
  explicit FirstById(const std::vector<ProgressEntry>& entries) : entries_(entries) {
    std::size_t size = 16;
    while (size < 2 * entries.size()) size *= 2;
    slots_.assign(size, kEmpty);
    mask_ = size - 1;
  }
  // The first entry with entries[i]'s id: i itself when it is the first.
  std::size_t add(std::size_t i) {
    for (std::size_t s = slot(entries_[i].id);; s = (s + 1) & mask_) {
      if (slots_[s] == kEmpty) {
        slots_[s] = i;
        return i;
      }
      if (entries_[slots_[s]].id == entries_[i].id) return slots_[s];
    }
  }
  std::optional<std::size_t> find(std::string_view id) const {
    for (std::size_t s = slot(id);; s = (s + 1) & mask_) {
      if (slots_[s] == kEmpty) return std::nullopt;
      if (entries_[slots_[s]].id == id) return slots_[s];
    }
  }

 private:
  static constexpr std::size_t kEmpty = ~std::size_t{0};
  std::size_t slot(std::string_view id) const {
    return static_cast<std::size_t>(short_hash(id)) & mask_;
  }
  const std::vector<ProgressEntry>& entries_;
  std::vector<std::size_t> slots_;
  std::size_t mask_ = 0;
};

void resolve_corrections(const std::vector<ProgressEntry>& entries, const FirstById& by_id,
                         std::vector<EntryFate>& fate, Diagnostics& diags) {
  const std::size_t n = entries.size();

  // Each correction's target, when it names one that exists and may be corrected.
  std::vector<std::optional<std::size_t>> target(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ProgressEntry& e = entries[i];
    const std::string& ref = e.is_retraction() ? e.retracts : e.amends;
    if (ref.empty()) continue;
    const std::optional<std::size_t> it = by_id.find(ref);
    if (!it) {
      diags.push_back(error(e.where, "correction-unknown-id", {ref}));
      continue;
    }
    // Only a hand-written line can name its own id: plan amend and plan retract derive the id
    // from the line, target included.
    if (*it == i) {
      diags.push_back(error(e.where, "correction-of-itself", {ref}));
      continue;
    }
    if (entries[*it].is_retraction()) {
      diags.push_back(error(e.where, "correction-of-retraction", {ref}));
      continue;
    }
    target[i] = *it;
  }

  // The first entry of each entry's chain (amendments followed back; a cycle, which only a
  // hand edit can make, is cut and reported).
  std::vector<std::size_t> root(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t r = i, steps = 0;
    while (!entries[r].is_retraction() && target[r] && steps <= n) {
      r = *target[r];
      ++steps;
    }
    if (steps > n) {
      diags.push_back(error(entries[i].where, "correction-cycle", {entries[i].id}));
      r = i;
    }
    root[i] = r;
  }

  std::vector<char> withdrawn(n, 0);  // entries named by a retraction
  for (std::size_t i = 0; i < n; ++i) {
    if (!entries[i].is_retraction()) continue;
    fate[i] = {EntryFate::Kind::retraction, entries[i].retracts};
    if (target[i]) {
      withdrawn[*target[i]] = 1;
      fate[*target[i]] = {EntryFate::Kind::retracted, entries[i].id};
    }
  }

  // Chains: a root and the amendments that lead back to it, by root, members in file order.
  // Most entries correct nothing and are not corrected: a chain of one, in force unless
  // withdrawn, with nothing to report.
  std::vector<std::size_t> chained(n, 0);  // members per root
  for (std::size_t i = 0; i < n; ++i)
    if (!entries[i].is_retraction()) ++chained[root[i]];
  std::vector<std::pair<std::size_t, std::size_t>> longer;  // (root, member)
  for (std::size_t i = 0; i < n; ++i) {
    if (entries[i].is_retraction()) continue;
    if (chained[root[i]] > 1) longer.emplace_back(root[i], i);
  }
  std::sort(longer.begin(), longer.end());
  for (std::size_t k = 0; k < longer.size();) {
    const std::size_t r = longer[k].first;
    std::vector<std::size_t> members;
    for (; k < longer.size() && longer[k].first == r; ++k) members.push_back(longer[k].second);
    if (withdrawn[r]) {
      for (std::size_t m : members)
        if (m != r && fate[m].kind != EntryFate::Kind::retracted) fate[m] = fate[r];
      continue;
    }
    std::optional<std::size_t> best;
    std::map<std::size_t, std::vector<std::size_t>> standing_corrections;  // by target
    for (std::size_t m : members) {
      if (withdrawn[m]) continue;
      if (m != r && target[m]) standing_corrections[*target[m]].push_back(m);
      if (!best || *best == r || (m != r && recorded_before(entries[*best], entries[m]))) best = m;
    }
    for (const auto& [t, cs] : standing_corrections) {
      if (cs.size() < 2) continue;
      diags.push_back(warning(entries[cs.back()].where, "correction-conflict",
                              {entries[t].id, entries[*best].id}));
    }
    for (std::size_t m : members) {
      if (withdrawn[m]) continue;
      fate[m] =
          m == *best ? EntryFate{} : EntryFate{EntryFate::Kind::superseded, entries[*best].id};
    }
  }
}

// Same item, same day, different states, all in force: say which one wins and why, unless one
// person recorded them in a known order.
void same_day_conflicts(const std::vector<ProgressEntry>& entries,
                        const std::vector<EntryFate>& fate, Diagnostics& diags) {
  const std::size_t n = entries.size();
  // Grouped by (item, day) in that order, members in file order.
  struct Day {
    std::string_view item;
    int day;
    std::size_t i;
    bool operator<(const Day& o) const {
      if (item != o.item) return item < o.item;
      return day != o.day ? day < o.day : i < o.i;
    }
  };
  std::vector<Day> days;
  days.reserve(n);
  // Most files have no two entries on one item and day: a set of integer keys (a hash of the
  // item, the day) finds that sooner than sorting by the item's text; a key seen twice, which a
  // hash collision may also give, sends the file the whole way.
  std::size_t size = 16;
  while (size < 2 * n) size *= 2;
  constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  std::vector<std::uint64_t> seen(size, kEmpty);
  bool twice = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (fate[i].kind != EntryFate::Kind::in_force || entries[i].orphaned) continue;
    const int day = day_number(entries[i].date);
    days.push_back({entries[i].item, day, i});
    if (twice) continue;
    std::uint64_t key = short_hash(entries[i].item) ^ static_cast<std::uint32_t>(day);
    if (key == kEmpty) key = 0;
    std::size_t s = static_cast<std::size_t>(key ^ (key >> 32)) & (size - 1);
    for (; seen[s] != kEmpty && seen[s] != key; s = (s + 1) & (size - 1)) {
    }
    twice = seen[s] == key;
    seen[s] = key;
  }
  if (!twice) days.clear();
  std::sort(days.begin(), days.end());
  for (std::size_t k = 0; k < days.size();) {
    std::size_t end = k + 1;
    while (end < days.size() && days[end].item == days[k].item && days[end].day == days[k].day)
      ++end;
    if (end - k < 2) {
      k = end;
      continue;
    }
    std::vector<std::size_t> idx;
    for (; k < end; ++k) idx.push_back(days[k].i);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      return effective_before(entries[a], entries[b]);
    });
    bool differ = false, ordered = true;
    for (std::size_t k = 1; k < idx.size(); ++k) {
      const ProgressEntry& a = entries[idx[k - 1]];
      const ProgressEntry& b = entries[idx[k]];
      differ |= a.status != b.status;
      ordered &= !a.recorded.empty() && !b.recorded.empty() && a.recorded != b.recorded &&
                 !a.by.empty() && a.by == b.by;
    }
    if (!differ || ordered) continue;
    const ProgressEntry& last = entries[idx.back()];
    std::vector<std::string> ids;
    for (std::size_t k : idx) ids.push_back(entries[k].id);
    diags.push_back(warning(last.where, "same-day-conflict",
                            {last.item, iso(last.date), join(ids, ", "), last.id}));
  }
}

// Positions with a `day` put in `before` order, stably, when there are not many more days than
// positions: each in its day's bucket in one pass (which keeps their order within a day), then
// each day's few sorted. False, leaving `order` as it is, when the days span too far.
template <typename P, typename Before>
bool sort_by_day(std::vector<P>& order, const Before& before) {
  std::int64_t lo = order.front().day, hi = lo;
  for (const P& p : order) {
    lo = std::min(lo, p.day);
    hi = std::max(hi, p.day);
  }
  if (hi - lo >= 4 * static_cast<std::int64_t>(order.size()) + 64) return false;
  const auto span = static_cast<std::size_t>(hi - lo + 1);
  std::vector<std::size_t> end(span + 1, 0);  // bucket d is [end[d], end[d + 1]) once filled
  for (const P& p : order) ++end[static_cast<std::size_t>(p.day - lo) + 1];
  for (std::size_t d = 1; d <= span; ++d) end[d] += end[d - 1];
  std::vector<P> bucketed(order.size());
  std::vector<std::size_t> next(end.begin(), end.end() - 1);
  for (const P& p : order) bucketed[next[static_cast<std::size_t>(p.day - lo)]++] = p;
  for (std::size_t d = 0; d < span; ++d) {
    const auto first = bucketed.begin() + static_cast<std::ptrdiff_t>(end[d]);
    const auto last = bucketed.begin() + static_cast<std::ptrdiff_t>(end[d + 1]);
    if (last - first > 1 && !std::is_sorted(first, last, before))
      std::stable_sort(first, last, before);
  }
  order.swap(bucketed);
  return true;
}

// `order`, made of the sorted runs that begin at `runs` (then its end), merged pairwise, stably:
// std::stable_sort's order in fewer passes.
template <typename P, typename Before>
void merge_runs(std::vector<P>& order, std::vector<std::size_t> runs, const Before& before) {
  std::vector<P> merged(order.size());
  std::vector<std::size_t> next;
  const auto at = [](std::vector<P>& v, std::size_t k) {
    return v.begin() + static_cast<std::ptrdiff_t>(k);
  };
  while (runs.size() > 2) {
    next.assign(1, 0);
    for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
      const std::size_t hi = r + 2 < runs.size() ? runs[r + 2] : runs[r + 1];
      std::merge(at(order, runs[r]), at(order, runs[r + 1]), at(order, runs[r + 1]), at(order, hi),
                 at(merged, runs[r]), before);
      next.push_back(hi);
    }
    order.swap(merged);
    runs.swap(next);
  }
}

}  // namespace

std::vector<EntryFate> resolve_unit_entries(const std::vector<ProgressEntry>& entries,
                                            Diagnostics& diags) {
  const std::size_t n = entries.size();
  std::vector<EntryFate> fate(n);
  FirstById by_id(entries);
  bool corrections = false;  // an entry amends or retracts another
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t first = by_id.add(i);
    if (first != i && !same_content(entries[first], entries[i]))
      diags.push_back(warning(entries[i].where, "entry-duplicate-id",
                              {entries[i].id, std::to_string(entries[first].where.line)}));
    corrections |= !entries[i].amends.empty() || entries[i].is_retraction();
  }
  // Most files correct nothing: every entry is in force, a chain of its own.
  if (corrections) resolve_corrections(entries, by_id, fate, diags);
  same_day_conflicts(entries, fate, diags);
  return fate;
}

std::vector<std::size_t> in_force_order(const std::vector<ProgressEntry>& entries,
                                        const std::vector<EntryFate>& fates) {
  // effective_before() is (work day, recorded, id). The day and the first bytes of the other
  // two are kept beside each position, so most comparisons do not touch the entries: bytes in
  // big-endian order, zero-padded (no field holds a zero byte), order as the strings do.
  struct Pos {
    std::int64_t day;
    std::uint64_t recorded[2];  // its first 16 bytes
    std::uint64_t id;           // its first 8 bytes
    bool short_recorded;        // recorded is at most 16 bytes: `recorded` is all of it
    std::size_t i;
  };
  const auto prefix = big_endian_prefix;
  std::vector<Pos> order;
  order.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (fates[i].kind != EntryFate::Kind::in_force) continue;
    const ProgressEntry& e = entries[i];
    order.push_back({day_number(e.date),
                     {prefix(e.recorded, 0), prefix(e.recorded, 8)},
                     prefix(e.id, 0),
                     e.recorded.size() <= 16,
                     i});
  }
  auto before = [&](const Pos& a, const Pos& b) {
    if (a.day != b.day) return a.day < b.day;
    if (a.recorded[0] != b.recorded[0]) return a.recorded[0] < b.recorded[0];
    if (a.recorded[1] != b.recorded[1]) return a.recorded[1] < b.recorded[1];
    // The same recorded stamp when both are short; then the id decides.
    if (a.short_recorded && b.short_recorded && a.id != b.id) return a.id < b.id;
    return effective_before(entries[a.i], entries[b.i]);
  };
  // Files are mostly written in the order the entries take effect: nothing to sort then.
  // Otherwise they are mostly runs already in order (a file kept item by item, a day's entries
  // added out of turn).
  std::vector<std::size_t> runs{0};  // where each run begins, then the end
  for (std::size_t k = 1; k < order.size(); ++k)
    if (before(order[k], order[k - 1])) runs.push_back(k);
  runs.push_back(order.size());
  if (runs.size() > 2 && !(runs.size() > 5 && sort_by_day(order, before)))
    merge_runs(order, std::move(runs), before);
  std::vector<std::size_t> out;
  out.reserve(order.size());
  for (const Pos& p : order) out.push_back(p.i);
  return out;
}

std::vector<ProgressEntry> entries_in_force(std::vector<ProgressEntry> entries,
                                            const std::vector<EntryFate>& fates) {
  std::vector<std::size_t> order = in_force_order(entries, fates);
  return take_in_order(std::move(entries), order);
}

std::vector<ProgressEntry> take_in_order(std::vector<ProgressEntry> entries,
                                         const std::vector<std::size_t>& order) {
  // In file order already (the common case): the entries stay where they are and the others
  // are moved out of their way, without a second vector.
  if (std::is_sorted(order.begin(), order.end())) {
    std::size_t kept = 0;
    for (std::size_t i : order) {
      if (i != kept) entries[kept] = std::move(entries[i]);
      ++kept;
    }
    entries.resize(kept);
    return entries;
  }
  std::vector<ProgressEntry> out;
  out.reserve(order.size());
  for (std::size_t i : order) out.push_back(std::move(entries[i]));
  return out;
}

}  // namespace plan
