#include "core/progress/lean.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <vector>

#include "core/progress/day_order.h"
#include "core/progress/decode.h"
#include "core/progress/entry_line.h"

namespace plan {

namespace {

using entry_line::Key;

// A thread keeps its buffers for the next file up to this many entries.
constexpr std::size_t kKeptEntries = std::size_t{1} << 16;

// One entry as the ledger and the effective order need it. Its texts point into the file's
// text, or (a note with escapes) into `Reading::notes`.
struct Lean {
  LedgerEntry le;    // what the ledger takes
  std::int64_t day;  // day_number(date), the first key of the effective order
  std::string_view recorded;
  std::array<char, 16> id;  // ids are at most 16 hex digits (is_hex_id)
  std::uint8_t id_size;

  std::string_view id_view() const { return {id.data(), id_size}; }
};

// A set of 64-bit keys by open addressing, reused from file to file (no allocation per key).
class KeySet {
 public:
  // Empty, with room for about `n` keys before it grows.
  void reset(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    slots_.assign(size, kEmpty);
    room_ = size / 2;
  }
  // False when `key` was already in the set (or, for the one key that marks an empty slot, may
  // have been: a false alarm only sends the file the full way).
  bool insert(std::uint64_t key) {
    if (key == kEmpty) return false;
    if (room_ == 0) grow();
    if (!place(slots_, key)) return false;
    --room_;
    return true;
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  static bool place(std::vector<std::uint64_t>& slots, std::uint64_t key) {
    const std::size_t mask = slots.size() - 1;
    const std::uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    for (std::size_t s = static_cast<std::size_t>(h ^ (h >> 32)) & mask;; s = (s + 1) & mask) {
      if (slots[s] == kEmpty) {
        slots[s] = key;
        return true;
      }
      if (slots[s] == key) return false;
    }
  }
  void grow() {
    std::vector<std::uint64_t> bigger(2 * slots_.size(), kEmpty);
    for (std::uint64_t k : slots_)
      if (k != kEmpty) place(bigger, k);
    room_ = bigger.size() / 2 - (slots_.size() / 2);
    slots_.swap(bigger);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t room_ = 0;  // keys it takes before it is half full
};

// The first eight and the last eight bytes of an id (6 to 16 hex digits), and its length,
// mixed: two ids with the same key are the same id (a key seen twice sends the file the full
// way, where the ids are compared whole).
std::uint64_t id_key(std::string_view id) {
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, id.data(), std::min<std::size_t>(8, id.size()));
  if (id.size() > 8) std::memcpy(&b, id.data() + id.size() - 8, 8);
  std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ b * 0xC2B2AE3D27D4EB4FULL ^ id.size();
  return h ^ (h >> 31);
}

// What one thread keeps from file to file.
struct Reading {
  entry_line::Line line;
  std::vector<Lean> entries;
  std::deque<std::string> notes;     // notes that had escapes, decoded
  std::deque<ProgressEntry> others;  // entries of lines the fast path does not read
  std::vector<ProgressEntry> run;    // a run of those lines' entries, as read
  std::vector<std::string_view> evidence;
  std::vector<LedgerEntry> compact;
  KeySet ids, item_days;
  std::vector<std::uint32_t> order, day_end;
};

// Keeps `e` for the file, unless its id or its item and day were seen before in the file: the
// full reading compares such ids, and two entries of an item on one day may disagree, which it
// says.
bool keep(const Lean& e, Reading& r) {
  if (!r.ids.insert(id_key(e.id_view()))) return false;
  if (!r.item_days.insert((static_cast<std::uint64_t>(e.le.item) << 32) |
                          static_cast<std::uint32_t>(e.day)))
    return false;
  r.entries.push_back(e);
  return true;
}

// A day's entries of at most this many are put in order by counting (rank_by_id).
constexpr std::size_t kRanked = 32;

// Puts `r.order[first, last)`, a day's entries, in order by id, when they all have the same
// recorded stamp (most often none) and their ids differ in their first eight bytes: each goes
// where the number of smaller ones says, with no branch on the ids (an insertion sort of a day's
// entries in the order a file happens to hold them guesses wrong half the time). False, with
// nothing changed, otherwise.
bool rank_by_id(Reading& r, std::size_t first, std::size_t last) {
  const std::size_t k = last - first;
  const std::string_view recorded = r.entries[r.order[first]].recorded;
  std::uint64_t key[kRanked];
  std::uint32_t at[kRanked];
  for (std::size_t j = 0; j < k; ++j) {
    at[j] = r.order[first + j];
    const Lean& e = r.entries[at[j]];
    if (e.recorded != recorded) return false;
    // Ids are hex digits (no zero byte): two whose first eight bytes differ are in the order
    // of these numbers.
    key[j] = big_endian_prefix(e.id_view(), 0);
  }
  std::uint32_t rank[kRanked];
  for (std::size_t i = 0; i < k; ++i) {
    std::uint32_t below = 0, equal = 0;
    for (std::size_t j = 0; j < k; ++j) {
      below += key[j] < key[i];
      equal += key[j] == key[i];
    }
    if (equal != 1) return false;  // two ids alike in their first eight bytes
    rank[i] = below;
  }
  for (std::size_t i = 0; i < k; ++i) r.order[first + rank[i]] = at[i];
  return true;
}

// Puts the file's entries in effective order (effective_before: the day, then the recorded
// stamp as written, then the id), stably, as positions in `r.order`: a bucket per day in one
// pass (which keeps the file's order within a day), then each day's few put in order. False,
// with `r.order` unspecified, when the days span too far for a bucket each.
bool order_by_day(Reading& r) {
  const std::vector<Lean>& es = r.entries;
  const std::size_t n = es.size();
  std::int64_t lo = 0;
  std::vector<std::uint32_t>& end = r.day_end;
  const auto day = [&es](std::size_t k) { return es[k].day; };
  if (!count_days(n, day, lo, end)) return false;
  r.order.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    r.order[end[static_cast<std::size_t>(es[i].day - lo)]++] = static_cast<std::uint32_t>(i);

  // Within a day: by the recorded stamp, then the id.
  const auto before = [&es](std::uint32_t a, std::uint32_t b) {
    const Lean& x = es[a];
    const Lean& y = es[b];
    if (x.recorded != y.recorded) return x.recorded < y.recorded;
    return x.id_view() < y.id_view();
  };
  std::size_t first = 0;
  for (std::size_t d = 0; d + 1 < end.size(); first = end[d], ++d) {
    const std::size_t last = end[d];
    if (last - first < 2 || (last - first <= kRanked && rank_by_id(r, first, last))) continue;
    // Recorded stamps (plan record writes them in order: one pass), ids alike, or many.
    sort_one_day(r.order.begin() + static_cast<std::ptrdiff_t>(first),
                 r.order.begin() + static_cast<std::ptrdiff_t>(last), before,
                 [](std::uint32_t i) { return i; });
  }
  return true;
}

// One decoded line as the full reading would take it (FileReader::entry), or false when that
// reading would say anything about it or it is a correction or a retraction.
bool take_line(entry_line::Line& l, const std::string& unit, const PlanIndex& index,
               const Date& latest, Reading& r, std::string_view& last_item,
               std::int32_t& last_index) {
  for (Key k : {Key::retracts, Key::amends})
    if (l[k].present) return false;
  if (!l[Key::date].present || !l[Key::item].present || !l[Key::status].present) return false;
  // A key's value, empty when the line does not have the key.
  const auto value = [&](Key k) { return l[k].present ? l[k].value() : std::string_view(); };
  Lean e;
  const std::string_view date_text = l[Key::date].value();
  const auto date = parse_iso_date(date_text);
  if (!date || *date > latest) return false;
  e.le.date = *date;
  e.day = day_number(*date);

  // The item, looked up once for a run of entries naming it.
  const std::string_view item = l[Key::item].value();
  if (item.empty()) return false;
  if (item != last_item || last_item.empty()) {
    const auto idx = index.find_item(item);
    // An unknown item is an error, an item moved away from the unit a warning.
    if (!idx || !index.is_responsible(*idx, unit)) return false;
    last_index = static_cast<std::int32_t>(*idx);
    // A value with escapes is in the line's storage, which the next line reuses.
    last_item = l[Key::item].decoded ? std::string_view() : item;
  }
  e.le.item = last_index;

  const auto status = parse_state(l[Key::status].value());
  if (!status) return false;
  e.le.status = *status;

  r.evidence.clear();
  for (const auto& ev : l.evidence) {
    if (ev.value().empty()) return false;
    r.evidence.push_back(ev.value());
  }

  e.le.reported_on = e.le.date;
  e.recorded = value(Key::recorded);
  if (l[Key::recorded].present) {
    if (l[Key::recorded].decoded) return false;  // kept for the order: must point into the text
    const auto on = parse_recorded_stamp(e.recorded);
    if (!on) return false;
    e.le.reported_on = *on;
  }

  const std::string_view note = value(Key::note);
  if (l[Key::id].present) {
    const std::string_view id = l[Key::id].value();
    if (!is_hex_id(id)) return false;
    std::memcpy(e.id.data(), id.data(), id.size());
    e.id_size = static_cast<std::uint8_t>(id.size());
  } else {
    IdContent c{};
    c.date = date_text;  // a date parse_iso_date takes is written as iso() writes it
    c.item = index.items()[static_cast<std::size_t>(e.le.item)].id;  // the plan's form
    c.note = note;
    c.by = value(Key::by);
    c.recorded = e.recorded;
    c.reason = value(Key::reason);
    c.status = e.le.status;
    write_hex_id(derived_id_hash(c, r.evidence.data(), r.evidence.size()), e.id.data());
    e.id_size = kDerivedIdDigits;
  }
  // A note with escapes lives in the line's storage until the next line: kept for the file.
  if (l[Key::note].present && l[Key::note].decoded) {
    e.le.note = r.notes.emplace_back(std::move(l[Key::note].storage));
  } else {
    e.le.note = note;
  }
  return keep(e, r);
}

// One entry of a run of other lines, read cleanly (read_clean_run), as take_line takes a line:
// false for what the full reading would say anything about, or a correction or a retraction.
// `pe` stays where it is for the file (the entry's texts point into it).
bool take_entry(const ProgressEntry& pe, const std::string& unit, const PlanIndex& index,
                const Date& latest, Reading& r) {
  if (!pe.amends.empty() || pe.is_retraction() || pe.orphaned || pe.date > latest) return false;
  Lean e;
  e.le = ledger_entry(pe, index);
  if (e.le.item < 0 || !index.is_responsible(static_cast<std::size_t>(e.le.item), unit))
    return false;
  e.day = day_number(pe.date);
  e.recorded = pe.recorded;
  if (pe.id.empty() || pe.id.size() > e.id.size()) return false;
  std::memcpy(e.id.data(), pe.id.data(), pe.id.size());
  e.id_size = static_cast<std::uint8_t>(pe.id.size());
  return keep(e, r);
}

}  // namespace

bool lean_applies(const StreamOptions& options) {
  return options.lean && options.resolve && options.ledger_sink && options.fast_lines &&
         !options.lenient && !options.check_evidence;
}

namespace {

bool read_lean(std::string_view text, const std::string& unit, const PlanIndex& index,
               const Date& today, const StreamOptions& options, Reading& r) {
  // A UTF-8 byte order mark is not content (as decode_progress_text drops it).
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  // About one entry per line, of at least this many bytes: room for them all (up to a usual
  // file's worth; a larger file grows them), without counting the lines first.
  const std::size_t lines = std::min(text.size() / 40 + 16, kKeptEntries);
  r.entries.clear();
  r.entries.reserve(lines);
  r.notes.clear();
  r.others.clear();
  r.ids.reset(lines);
  r.item_days.reset(lines);
  const Date latest = add_days(today, 1);  // the reader's clock may be in another time zone
  std::string_view last_item;
  std::int32_t last_index = -1;
  // Lines the fast path does not read are read a run at a time, as the full reading reads them
  // (decode_progress_text).
  std::size_t run = std::string_view::npos;  // where the run of other lines begins
  const auto take_run = [&](std::size_t end) {
    if (run == std::string_view::npos) return true;
    r.run.clear();
    if (!read_clean_run(text.substr(run, end - run), unit, index, today, options, r.run))
      return false;
    run = std::string_view::npos;
    for (ProgressEntry& pe : r.run)
      if (!take_entry(r.others.emplace_back(std::move(pe)), unit, index, latest, r)) return false;
    return true;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    // A line the fast path reads, or an entry over several lines written by hand that it
    // reads, is found as it is read; any other line is looked for.
    std::size_t end = entry_line::decode_at(text, pos, r.line);
    if (end == std::string_view::npos) end = entry_line::decode_block_at(text, pos, r.line);
    if (end != std::string_view::npos) {
      if (!take_run(pos) || !take_line(r.line, unit, index, latest, r, last_item, last_index))
        return false;
    } else {
      end = std::min(text.find('\n', pos), text.size());
      if (run == std::string_view::npos &&
          !entry_line::is_blank_or_comment(text.substr(pos, end - pos)))
        run = pos;
    }
    pos = end + 1;
  }
  if (!take_run(text.size())) return false;
  if (r.entries.empty()) return true;

  r.compact.clear();
  r.compact.reserve(r.entries.size());
  if (order_by_day(r)) {
    for (std::uint32_t i : r.order) r.compact.push_back(r.entries[i].le);
  } else {
    const std::vector<std::size_t> order = effective_order(
        r.entries.size(),
        [&](std::size_t i) {
          const Lean& e = r.entries[i];
          return EffectiveKey{e.day, e.recorded, e.id_view()};
        },
        [](std::size_t) { return true; });
    for (std::size_t i : order) r.compact.push_back(r.entries[i].le);
  }
  options.ledger_sink(unit, r.compact.data(), r.compact.size());
  return true;
}

}  // namespace

bool lean_hand_out(std::string_view text, const std::string& unit, const PlanIndex& index,
                   const Date& today, const StreamOptions& options) {
  thread_local Reading r;
  const bool took = read_lean(text, unit, index, today, options, r);
  // Keep no more than a usual file's worth between files.
  if (r.entries.capacity() > kKeptEntries) r = Reading{};
  return took;
}

}  // namespace plan
