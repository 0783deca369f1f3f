#include "core/plan/plan_cache.h"

#include <xxhash.h>

#include <cstring>
#include <type_traits>

namespace plan {

namespace {

constexpr char kMagic[8] = {'p', 'l', 'a', 'n', 'p', 'l', 'a', 'n'};
constexpr std::uint32_t kVersion = 1;

// One function per type serves both ways, so that no field can be written and not read, or the
// other way round: with Out it appends the value's bytes (and changes nothing), with In it reads
// them back into the value.
struct Out {
  static constexpr bool reading = false;
  std::string b;
  void raw(const void* p, std::size_t n) { b.append(static_cast<const char*>(p), n); }
  void num(std::uint64_t& v) { raw(&v, sizeof v); }
  void text(std::string& s) {
    std::uint64_t n = s.size();
    num(n);
    b += s;
  }
};

struct In {
  static constexpr bool reading = true;
  std::string_view b;
  bool ok = true;
  bool raw(void* p, std::size_t n) {
    if (!ok || b.size() < n) return ok = false;
    std::memcpy(p, b.data(), n);
    b.remove_prefix(n);
    return true;
  }
  void num(std::uint64_t& v) {
    v = 0;
    raw(&v, sizeof v);
  }
  std::uint64_t u64() {
    std::uint64_t v;
    num(v);
    return v;
  }
  void text(std::string& s) {
    const std::uint64_t n = u64();
    if (!ok || b.size() < n) {
      ok = false;
      return;
    }
    s.assign(b.data(), n);
    b.remove_prefix(n);
  }
};

template <typename A>
void io(A& a, std::string& s) {
  a.text(s);
}

template <typename A, typename T>
requires(std::is_integral_v<T> || std::is_enum_v<T>) void io(A& a, T& v) {
  auto u = static_cast<std::uint64_t>(v);
  a.num(u);
  if constexpr (A::reading) v = static_cast<T>(u);
}

template <typename A>
void io(A& a, Date& d) {
  auto u = static_cast<std::uint64_t>(static_cast<std::int64_t>(day_number(d)));
  a.num(u);
  if constexpr (A::reading) d = from_day_number(static_cast<int>(static_cast<std::int64_t>(u)));
}

template <typename A, typename T>
void io(A& a, std::optional<T>& o) {
  bool has = o.has_value();
  io(a, has);
  if constexpr (A::reading) {
    if (has) {
      o.emplace();
    } else {
      o.reset();
    }
  }
  if (has) io(a, *o);
}

template <typename A, typename T>
void io(A& a, std::vector<T>& v) {
  std::uint64_t n = v.size();
  a.num(n);
  if constexpr (A::reading) {
    // Every element takes at least a byte: a count beyond what is left is a broken record.
    if (!a.ok || n > a.b.size()) {
      a.ok = false;
      return;
    }
    v.clear();
    v.resize(n);
  }
  for (auto& x : v) io(a, x);
}

// A model type: its fields, in one list (`fields` below, found when used).
template <typename A, typename T>
requires std::is_class_v<T>
void io(A& a, T& x) {
  fields(a, x);
}

template <typename A, typename... F>
void all(A& a, F&... f) {
  (io(a, f), ...);
}

template <typename A>
void fields(A& a, Where& x) {
  all(a, x.file, x.line, x.col);
}
template <typename A>
void fields(A& a, Diagnostic& x) {
  all(a, x.where, x.severity, x.code, x.args, x.suggestion, x.acknowledged);
}
template <typename A>
void fields(A& a, Unit& x) {
  all(a, x.name, x.kind, x.aliases, x.coordination, x.note, x.where, x.name_where);
}
template <typename A>
void fields(A& a, UnitRef& x) {
  all(a, x.name, x.role, x.where);
}
template <typename A>
void fields(A& a, Group& x) {
  all(a, x.name, x.aliases, x.members, x.note, x.where);
}
template <typename A>
void fields(A& a, Deadline& x) {
  all(a, x.text, x.due, x.where);
}
template <typename A>
void fields(A& a, Delay& x) {
  all(a, x.from, x.from_due, x.date, x.reason, x.document, x.where);
}
template <typename A>
void fields(A& a, ParentLink& x) {
  all(a, x.id, x.where);
}
template <typename A>
void fields(A& a, Measure& x) {
  all(a, x.id, x.text, x.units, x.deadline, x.delays, x.implements, x.note, x.where);
}
template <typename A>
void fields(A& a, Part& x) {
  all(a, x.id, x.title, x.units, x.deadline, x.delays, x.measures, x.implements, x.note, x.where);
}
template <typename A>
void fields(A& a, Task& x) {
  all(a, x.id, x.title, x.table_title, x.text, x.units, x.deadline, x.deadline_text, x.delays,
      x.parts, x.measures, x.implements, x.note, x.where);
}
template <typename A>
void fields(A& a, Requirement& x) {
  all(a, x.id, x.title, x.text, x.units, x.note, x.where);
}
template <typename A>
void fields(A& a, Section& x) {
  all(a, x.id, x.title, x.table_title, x.tasks, x.requirements, x.note, x.where);
}
template <typename A>
void fields(A& a, Acknowledgement& x) {
  all(a, x.code, x.match, x.reason, x.where);
}
template <typename A>
void fields(A& a, PlanInfo& x) {
  all(a, x.title, x.document, x.issued, x.note, x.acknowledged);
}
template <typename A>
void fields(A& a, Plan& x) {
  all(a, x.dir, x.tasks_file, x.units_file, x.info, x.sections, x.units, x.groups);
}

}  // namespace

PlanRecordKey plan_record_key(const std::string& dir, const std::string& tasks_file,
                              std::string_view tasks_text, const std::string& units_file,
                              std::string_view units_text, std::string_view program) {
  XXH3_state_t* st = XXH3_createState();
  PlanRecordKey key;
  if (!st) return key;
  XXH3_128bits_reset(st);
  for (std::string_view part : {std::string_view(dir), std::string_view(tasks_file), tasks_text,
                                std::string_view(units_file), units_text, program}) {
    const std::uint64_t size = part.size();  // lengths too, so that no two splits hash alike
    XXH3_128bits_update(st, &size, sizeof size);
    XXH3_128bits_update(st, part.data(), part.size());
  }
  const XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  key.hash[0] = h.low64;
  key.hash[1] = h.high64;
  return key;
}

std::string encode_plan_record(const PlanRecordKey& key, const Plan& plan,
                               const Diagnostics& load_diags, const Diagnostics& check_diags) {
  // Out only reads the values it is given.
  Out body;
  io(body, const_cast<Plan&>(plan));
  io(body, const_cast<Diagnostics&>(load_diags));
  io(body, const_cast<Diagnostics&>(check_diags));
  Out rec;
  rec.raw(kMagic, sizeof kMagic);
  for (std::uint64_t v : {std::uint64_t{kVersion}, key.hash[0], key.hash[1],
                          std::uint64_t{body.b.size()}, XXH3_64bits(body.b.data(), body.b.size())})
    rec.num(v);
  rec.b += body.b;
  return std::move(rec.b);
}

std::optional<PlanRecord> decode_plan_record(std::string_view bytes, const PlanRecordKey& key) {
  In in{bytes};
  char magic[sizeof kMagic];
  if (!in.raw(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return std::nullopt;
  if (in.u64() != kVersion || in.u64() != key.hash[0] || in.u64() != key.hash[1])
    return std::nullopt;
  const std::uint64_t size = in.u64();
  const std::uint64_t hash = in.u64();
  if (!in.ok || in.b.size() != size || XXH3_64bits(in.b.data(), in.b.size()) != hash)
    return std::nullopt;
  PlanRecord r;
  io(in, r.plan);
  io(in, r.load_diags);
  io(in, r.check_diags);
  if (!in.ok || !in.b.empty()) return std::nullopt;
  return r;
}

}  // namespace plan
