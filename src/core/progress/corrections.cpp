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
#include "core/progress/day_order.h"

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
  return effective_order(
      entries.size(),
      [&](std::size_t i) {
        const ProgressEntry& e = entries[i];
        return EffectiveKey{day_number(e.date), e.recorded, e.id};
      },
      [&](std::size_t i) { return fates[i].kind == EntryFate::Kind::in_force; });
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
