// Putting a unit's entries in effective order (effective_before: work day, then the recorded
// stamp as written, then the id), shared by the full reading (in_force_order,
// core/progress/corrections.cpp) and the lean one (core/progress/lean.cpp).
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>
#include <vector>

namespace plan {

// A day's bucket of at most this many positions is sorted by insertion (sort_by_day).
inline constexpr std::ptrdiff_t kInsertionSortMax = 32;

// One day's positions [first, last), in the order the file holds them (`index`, increasing),
// put in `before` order, stably. A day's few (the usual) take an insertion sort, which is stable
// and one pass when they are in order already; more (one day's import, say) are sorted by
// `before`, then `index`: the stable order, without std::stable_sort's buffer.
template <typename It, typename Before, typename Index>
void sort_one_day(It first, It last, const Before& before, const Index& index) {
  if (last - first <= kInsertionSortMax) {
    for (auto it = first + 1; it < last; ++it) {
      if (!before(*it, *(it - 1))) continue;
      auto moving = *it;
      auto hole = it;
      do {
        *hole = *(hole - 1);
        --hole;
      } while (hole > first && before(moving, *(hole - 1)));
      *hole = moving;
    }
  } else if (!std::is_sorted(first, last, before)) {
    using P = typename std::iterator_traits<It>::value_type;
    std::sort(first, last, [&](const P& a, const P& b) {
      return before(a, b) || (!before(b, a) && index(a) < index(b));
    });
  }
}

// The first step of putting `n` > 0 things in buckets by day (a counting sort, which keeps their
// order within a day), `day(k)` being thing k's: `lo`, the first day, and `end`, where each
// day's bucket begins (day lo + d at end[d], then n). Each thing k then goes to
// end[day(k) - lo]++, in order, which leaves end[d] where day lo + d's bucket ends. False when
// the days span too far for a bucket each (more than 4n + 64 days).
template <typename Count, typename Day>
bool count_days(std::size_t n, const Day& day, std::int64_t& lo, std::vector<Count>& end) {
  lo = day(0);
  std::int64_t hi = lo;
  for (std::size_t k = 0; k < n; ++k) {
    lo = std::min<std::int64_t>(lo, day(k));
    hi = std::max<std::int64_t>(hi, day(k));
  }
  if (hi - lo >= 4 * static_cast<std::int64_t>(n) + 64) return false;
  const auto span = static_cast<std::size_t>(hi - lo + 1);
  end.assign(span + 1, 0);  // counted at d + 1, then summed
  for (std::size_t k = 0; k < n; ++k) ++end[static_cast<std::size_t>(day(k) - lo) + 1];
  for (std::size_t d = 1; d <= span; ++d) end[d] += end[d - 1];
  return true;
}

// Positions with a `day` and an increasing `i` put in `before` order, stably, when there are not
// many more days than positions: each in its day's bucket in one pass (which keeps their order
// within a day), then each day's few sorted. False, leaving `order` as it is, when the days span
// too far.
template <typename P, typename Before>
bool sort_by_day(std::vector<P>& order, const Before& before) {
  const auto day = [&order](std::size_t k) { return order[k].day; };
  std::int64_t lo = 0;
  std::vector<std::size_t> end;
  if (!count_days(order.size(), day, lo, end)) return false;
  std::vector<P> bucketed(order.size());
  for (const P& p : order) bucketed[end[static_cast<std::size_t>(p.day - lo)]++] = p;
  std::size_t first = 0;
  for (std::size_t d = 0; d + 1 < end.size(); first = end[d], ++d)
    sort_one_day(bucketed.begin() + static_cast<std::ptrdiff_t>(first),
                 bucketed.begin() + static_cast<std::ptrdiff_t>(end[d]), before,
                 [](const P& p) { return p.i; });
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

// What effective_before() compares of an entry.
struct EffectiveKey {
  std::int64_t day;  // day_number() of the work date
  std::string_view recorded;
  std::string_view id;
};

// Up to eight bytes of `s` from `from` as a big-endian number, zero-padded: numbers compare as
// the bytes do (no field holds a zero byte).
inline std::uint64_t big_endian_prefix(std::string_view s, std::size_t from) {
  unsigned char b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  if (from < s.size()) std::memcpy(b, s.data() + from, std::min<std::size_t>(8, s.size() - from));
  std::uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;  // compiled to a load and a byte swap
  return v;
}

// The positions i < n with keep(i), in the stable order of their key(i) (an EffectiveKey).
template <typename Key, typename Keep>
std::vector<std::size_t> effective_order(std::size_t n, const Key& key, const Keep& keep) {
  // The day and the first bytes of the other two are kept beside each position, so most
  // comparisons do not look further: bytes in big-endian order, zero-padded, order as the
  // strings do.
  // 40 bytes: a day is a day_number() (an int), and a file has far fewer than 2^32 entries
  // (progress_read_limits).
  struct Pos {
    std::int32_t day;
    std::uint32_t i;
    std::uint64_t recorded[2];  // its first 16 bytes
    std::uint64_t id;           // its first 8 bytes
    bool short_recorded;        // recorded is at most 16 bytes: `recorded` is all of it
  };
  std::vector<Pos> order;
  order.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!keep(i)) continue;
    const EffectiveKey k = key(i);
    order.push_back({static_cast<std::int32_t>(k.day),
                     static_cast<std::uint32_t>(i),
                     {big_endian_prefix(k.recorded, 0), big_endian_prefix(k.recorded, 8)},
                     big_endian_prefix(k.id, 0),
                     k.recorded.size() <= 16});
  }
  auto before = [&](const Pos& a, const Pos& b) {
    if (a.day != b.day) return a.day < b.day;
    if (a.recorded[0] != b.recorded[0]) return a.recorded[0] < b.recorded[0];
    if (a.recorded[1] != b.recorded[1]) return a.recorded[1] < b.recorded[1];
    // The same recorded stamp when both are short; then the id decides.
    if (a.short_recorded && b.short_recorded && a.id != b.id) return a.id < b.id;
    const EffectiveKey x = key(a.i), y = key(b.i);
    if (x.recorded != y.recorded) return x.recorded < y.recorded;
    return x.id < y.id;
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

}  // namespace plan
