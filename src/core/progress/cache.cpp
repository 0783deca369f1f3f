#include "core/progress/cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "core/common/bytes.h"
#include "core/common/files.h"
#include "core/progress/corrections.h"

namespace plan {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'p', 'l', 'a', 'n', 'c', 'a', 'c', 'h'};
// Raise whenever the record's layout or what the reader decodes changes.
constexpr std::uint32_t kFormatVersion = 2;
constexpr std::int64_t kRacyNs = 2'000'000'000;  // git's racy-clean margin, and then some

using bytes::put;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_text(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

// Reads what put() wrote, never past the end: a short or malformed record fails, never crashes.
struct Cursor {
  std::string_view in;
  bool ok = true;
  template <typename T>
  T get() {
    T v{};
    if (!ok || in.size() < sizeof(T)) {
      ok = false;
      return v;
    }
    std::memcpy(&v, in.data(), sizeof(T));
    in.remove_prefix(sizeof(T));
    return v;
  }
  std::string_view bytes(std::size_t n) {
    if (!ok || in.size() < n) {
      ok = false;
      return {};
    }
    std::string_view v = in.substr(0, n);
    in.remove_prefix(n);
    return v;
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; ok && shift < 64; shift += 7) {
      const auto b = get<std::uint8_t>();
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    ok = false;
    return 0;
  }
  std::string text() { return std::string(bytes(varint())); }
};

// A date as year << 9 | month << 5 | day: cheap both ways (a record holds hundreds of
// thousands of them, and a warm report reads them all).
std::uint32_t packed(const Date& d) {
  return static_cast<std::uint32_t>(static_cast<int>(d.year())) << 9 |
         static_cast<unsigned>(d.month()) << 5 | static_cast<unsigned>(d.day());
}

std::optional<Date> unpacked(std::uint32_t v) {
  const unsigned y = v >> 9, m = (v >> 5) & 15, d = v & 31;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  return Date{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m}, std::chrono::day{d}};
}

std::uint64_t hash64(std::string_view s) {
  return XXH3_64bits(s.data(), s.size());
}

std::int64_t ns(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

std::int64_t now_ns() {
  struct timespec t {};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return ns(t);
}

bool same_file(const CacheRecordHeader& h, const struct stat& st) {
  return h.dev == static_cast<std::uint64_t>(st.st_dev) &&
         h.ino == static_cast<std::uint64_t>(st.st_ino) &&
         h.size == static_cast<std::uint64_t>(st.st_size) && h.mtime_ns == ns(st.st_mtim) &&
         h.ctime_ns == ns(st.st_ctim);
}

bool same_stat(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         ns(a.st_mtim) == ns(b.st_mtim) && ns(a.st_ctim) == ns(b.st_ctim);
}

// The file changed too close to when the record was begun for its times to tell a later change
// apart (a coarse clock, or a write in the same tick): only its bytes can say.
bool racy(const CacheRecordHeader& h) {
  return h.mtime_ns >= h.written_ns - kRacyNs;
}

// A real directory at `path` (not a link to one), making it when it is missing.
bool real_dir(const std::string& path, bool make) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  if (errno != ENOENT || !make) return false;
  if (::mkdir(path.c_str(), 0777) != 0 && errno != EEXIST) return false;
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Only complete lines, each starting "- {": what plan record, amend, retract and import append.
bool appended_lines(std::string_view tail) {
  while (!tail.empty()) {
    if (tail.substr(0, 3) != "- {") return false;
    const std::size_t end = tail.find('\n');
    if (end == std::string_view::npos) return false;
    tail.remove_prefix(end + 1);
  }
  return true;
}

// Line feeds in `text`, or kNoLines when it has other line breaks YAML counts (CR, NEL, LS, PS):
// then the line numbers of appended lines could not be placed by counting line feeds.
std::uint64_t line_feeds(std::string_view text) {
  if (text.find('\r') != std::string_view::npos ||
      text.find("\xC2\x85") != std::string_view::npos ||
      text.find("\xE2\x80\xA8") != std::string_view::npos ||
      text.find("\xE2\x80\xA9") != std::string_view::npos)
    return CacheRecordHeader::kNoLines;
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

// A record opened for reading: its header checked and its context matched.
struct OpenRecord {
  int fd = -1;
  CacheRecordHeader h;
  OpenRecord() = default;
  OpenRecord(const OpenRecord&) = delete;
  OpenRecord& operator=(const OpenRecord&) = delete;
  ~OpenRecord() {
    if (fd >= 0) ::close(fd);
  }
  // Reads [offset, offset + n) whole into `buffer` (grown when needed, never shrunk, so that a
  // thread reading record after record does not zero and fault in fresh pages for each), or
  // returns nullopt.
  std::optional<std::string_view> read_into(std::uint64_t offset, std::uint64_t n,
                                            std::string& buffer) const {
    if (buffer.size() < n) buffer.resize(n);
    std::size_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd, buffer.data() + done, n - done, static_cast<off_t>(offset + done));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return std::nullopt;
      done += static_cast<std::size_t>(r);
    }
    return std::string_view(buffer.data(), n);
  }
  // The same into a string of its own.
  std::optional<std::string> read(std::uint64_t offset, std::uint64_t n) const {
    std::string out;
    if (!read_into(offset, n, out)) return std::nullopt;
    return out;
  }
};

// Each thread's buffer for the sections the ledger reads. One that grew past this for a large
// record is given back after it.
constexpr std::size_t kKeptRecordBuffer = std::size_t{16} << 20;
thread_local std::string record_buffer;

void trim_record_buffer() {
  if (record_buffer.capacity() > kKeptRecordBuffer) std::string().swap(record_buffer);
}

std::uint64_t entry_count(std::string_view entries_section) {
  Cursor c{entries_section};
  return c.get<std::uint64_t>();
}

// The entries in force `v` of `unit` folded by options.fold.
std::string fold_of(const StreamOptions& options, const std::string& unit,
                    const std::vector<ProgressEntry>& v, const PlanIndex& index) {
  std::vector<LedgerEntry> compact;
  compact.reserve(v.size());
  for (const auto& e : v) compact.push_back(ledger_entry(e, index));
  return options.fold(unit, compact.data(), compact.size());
}

}  // namespace

std::string encode_in_force_section(const std::vector<ProgressEntry>& in_force,
                                    const PlanIndex& index) {
  // The entries in force: fixed 24-byte rows, then their notes.
  std::string a;
  put<std::uint64_t>(a, in_force.size());
  std::string notes;
  for (const auto& e : in_force) {
    const std::int32_t item = e.is_retraction() ? -1 : item_position(e, index);
    put<std::uint32_t>(a, packed(e.date));
    put<std::uint32_t>(a, packed(e.reported_on()));
    put<std::int32_t>(a, item);
    put<std::uint32_t>(a, static_cast<std::uint32_t>(notes.size()));
    put<std::uint32_t>(a, static_cast<std::uint32_t>(e.note.size()));
    put<std::uint8_t>(a, static_cast<std::uint8_t>(e.status));
    put<std::uint8_t>(
        a, static_cast<std::uint8_t>((e.orphaned ? 1 : 0) | (e.is_retraction() ? 2 : 0)));
    put<std::uint16_t>(a, 0);
    notes += e.note;
  }
  put<std::uint64_t>(a, notes.size());
  a += notes;
  return a;
}

std::string encode_entries_section(const std::vector<ProgressEntry>& entries) {
  std::string b;
  put<std::uint64_t>(b, entries.size());
  for (const auto& e : entries) {
    // seq is not kept: an entry's position is its index among the file's entries.
    put<std::uint32_t>(b, packed(e.date));
    put<std::uint32_t>(b, e.recorded_on ? packed(*e.recorded_on) : 0);
    put<std::uint8_t>(
        b, static_cast<std::uint8_t>(static_cast<unsigned>(e.status) | (e.orphaned ? 4u : 0u)));
    put_varint(b, static_cast<std::uint32_t>(e.where.line));
    put_varint(b, static_cast<std::uint32_t>(e.where.col));
    for (const std::string* s :
         {&e.item, &e.note, &e.by, &e.recorded, &e.id, &e.amends, &e.retracts, &e.reason})
      put_text(b, *s);
    put_varint(b, e.evidence.size());
    for (const auto& ev : e.evidence) put_text(b, ev);
  }
  return b;
}

std::string encode_cache_record(CacheRecordHeader h, std::string_view a, std::string_view b,
                                std::string_view fold) {
  h.entry_count = entry_count(b);
  h.in_force_bytes = a.size();
  h.in_force_hash = hash64(a);
  h.entries_bytes = b.size();
  h.entries_hash = hash64(b);
  h.fold_bytes = fold.size();
  h.fold_hash = hash64(fold);
  h.in_force_count = entry_count(a);
  std::string out(kMagic, sizeof kMagic);
  put<std::uint32_t>(out, kFormatVersion);
  put<std::uint32_t>(out, 0);
  for (std::uint64_t v : {h.context[0], h.context[1], h.dev, h.ino, h.size})
    put<std::uint64_t>(out, v);
  for (std::int64_t v : {h.mtime_ns, h.ctime_ns, h.written_ns}) put<std::int64_t>(out, v);
  for (std::uint64_t v : {h.hash[0], h.hash[1], h.lines}) put<std::uint64_t>(out, v);
  put<std::int64_t>(out, h.latest);
  for (std::uint64_t v :
       {h.ignored, h.entry_count, h.in_force_bytes, h.in_force_hash, h.entries_bytes,
        h.entries_hash, h.fold_bytes, h.fold_hash, h.in_force_count, h.folded})
    put<std::uint64_t>(out, v);
  put<std::uint64_t>(out, hash64(out));
  out.reserve(out.size() + a.size() + b.size() + fold.size());
  out += a;
  out += b;
  out += fold;
  return out;
}

std::optional<CacheRecordHeader> decode_cache_header(std::string_view bytes) {
  if (bytes.size() < kCacheRecordHeaderBytes) return std::nullopt;
  const std::string_view fixed = bytes.substr(0, kCacheRecordHeaderBytes - 8);
  Cursor c{bytes};
  if (c.bytes(sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) return std::nullopt;
  if (c.get<std::uint32_t>() != kFormatVersion) return std::nullopt;
  c.get<std::uint32_t>();
  CacheRecordHeader h;
  for (std::uint64_t* v : {&h.context[0], &h.context[1], &h.dev, &h.ino, &h.size})
    *v = c.get<std::uint64_t>();
  for (std::int64_t* v : {&h.mtime_ns, &h.ctime_ns, &h.written_ns}) *v = c.get<std::int64_t>();
  for (std::uint64_t* v : {&h.hash[0], &h.hash[1], &h.lines}) *v = c.get<std::uint64_t>();
  h.latest = c.get<std::int64_t>();
  for (std::uint64_t* v :
       {&h.ignored, &h.entry_count, &h.in_force_bytes, &h.in_force_hash, &h.entries_bytes,
        &h.entries_hash, &h.fold_bytes, &h.fold_hash, &h.in_force_count, &h.folded})
    *v = c.get<std::uint64_t>();
  const std::uint64_t check = c.get<std::uint64_t>();
  if (!c.ok || check != hash64(fixed)) return std::nullopt;
  return h;
}

bool decode_cache_in_force(std::string_view section, const CacheRecordHeader& h,
                           std::vector<LedgerEntry>& out) {
  out.clear();
  if (section.size() != h.in_force_bytes || hash64(section) != h.in_force_hash) return false;
  Cursor c{section};
  const std::uint64_t n = c.get<std::uint64_t>();
  if (!c.ok || n > section.size() / 24) return false;
  std::string_view rows = c.bytes(n * 24);
  const std::uint64_t notes_size = c.get<std::uint64_t>();
  std::string_view notes = c.bytes(notes_size);
  if (!c.ok || !c.in.empty()) return false;
  out.resize(n);
  Cursor r{rows};
  for (auto& e : out) {
    auto date = unpacked(r.get<std::uint32_t>());
    auto reported = unpacked(r.get<std::uint32_t>());
    e.item = r.get<std::int32_t>();
    const std::uint32_t at = r.get<std::uint32_t>(), len = r.get<std::uint32_t>();
    const std::uint8_t status = r.get<std::uint8_t>(), flags = r.get<std::uint8_t>();
    r.get<std::uint16_t>();
    if (!date || !reported || status > 3 || at > notes.size() || len > notes.size() - at)
      return false;
    e.date = *date;
    e.reported_on = *reported;
    e.status = static_cast<State>(status);
    e.orphaned = flags & 1;
    e.retraction = flags & 2;
    e.note = notes.substr(at, len);
  }
  return r.ok;
}

bool cache_fold_intact(std::string_view section, const CacheRecordHeader& h) {
  return section.size() == h.fold_bytes && hash64(section) == h.fold_hash;
}

bool decode_cache_entries(std::string_view section, const CacheRecordHeader& h,
                          const std::string& file, const std::string& unit, std::size_t file_number,
                          std::vector<ProgressEntry>& out) {
  out.clear();
  if (section.size() != h.entries_bytes || hash64(section) != h.entries_hash) return false;
  Cursor c{section};
  const std::uint64_t n = c.get<std::uint64_t>();
  if (!c.ok || n != h.entry_count || n > section.size() / 19) return false;
  out.resize(n);
  std::uint64_t position = 0;
  for (auto& e : out) {
    auto date = unpacked(c.get<std::uint32_t>());
    const std::uint32_t recorded_on = c.get<std::uint32_t>();
    const std::uint8_t flags = c.get<std::uint8_t>();
    const std::uint64_t line = c.varint(), col = c.varint();
    for (std::string* s :
         {&e.item, &e.note, &e.by, &e.recorded, &e.id, &e.amends, &e.retracts, &e.reason})
      *s = c.text();
    const std::uint64_t evidence = c.varint();
    if (!c.ok || !date || flags > 7 || line > INT_MAX || col > INT_MAX || evidence > c.in.size())
      return false;
    e.evidence.resize(evidence);
    for (auto& ev : e.evidence) ev = c.text();
    if (recorded_on != 0) {
      e.recorded_on = unpacked(recorded_on);
      if (!e.recorded_on) return false;
    }
    e.date = *date;
    e.status = static_cast<State>(flags & 3);
    e.orphaned = flags & 4;
    e.unit = unit;
    e.where = {file, static_cast<int>(line), static_cast<int>(col)};
    e.seq = (file_number << 32) | position++;
  }
  return c.ok && c.in.empty();
}

ProgressCache::ProgressCache(const std::string& plan_dir, std::string_view tasks_text,
                             std::string_view units_text, std::string_view program,
                             const std::string& cache_dir) {
  XXH3_state_t* st = XXH3_createState();
  if (!st) return;
  XXH3_128bits_reset(st);
  for (std::string_view part : {tasks_text, units_text, program}) {
    const std::uint64_t size = part.size();  // lengths too, so that no two splits hash alike
    XXH3_128bits_update(st, &size, sizeof size);
    XXH3_128bits_update(st, part.data(), part.size());
  }
  const XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  context_[0] = h.low64;
  context_[1] = h.high64;

  if (cache_dir.empty()) {
    root_ = (fs::path(plan_dir) / ".cache").string();
  } else {
    std::error_code ec;
    const std::string real = fs::canonical(plan_dir, ec).string();
    if (ec) return;
    char name[17];
    std::snprintf(name, sizeof name, "%016llx",
                  static_cast<unsigned long long>(XXH3_64bits(real.data(), real.size())));
    root_ = (fs::path(cache_dir) / name).string();
    in_plan_ = false;
  }
  records_ = (fs::path(root_) / "progress").string();
  // Something there that is not a real directory (a link to elsewhere, a file): stay off.
  struct stat sb {};
  for (const std::string* d : {&root_, &records_})
    if (::lstat(d->c_str(), &sb) == 0 ? !S_ISDIR(sb.st_mode) : errno != ENOENT) return;
  enabled_ = true;
}

void ProgressCache::file_context(const std::string& unit, bool lenient,
                                 std::uint64_t out[2]) const {
  std::string key(reinterpret_cast<const char*>(context_), sizeof context_);
  key += lenient ? 'L' : 'S';
  key += unit;
  const XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
  out[0] = h.low64;
  out[1] = h.high64;
}

bool ProgressCache::ensure_dirs() {
  std::lock_guard<std::mutex> lock(dirs_mutex_);
  if (dirs_state_ == 0) {
    dirs_state_ = -1;
    if (!in_plan_) {
      std::error_code ec;
      fs::create_directories(fs::path(root_).parent_path(), ec);
    }
    if (real_dir(root_, true)) {
      // Git ignores the cache by itself, wherever the plan is.
      if (in_plan_) write_new_file((fs::path(root_) / ".gitignore").string(), "*\n");
      if (real_dir(records_, true)) dirs_state_ = 1;
    }
    // Before the first record this process writes: the temporary files of writers that were
    // killed (their process gone, 10 minutes old), which no one else would remove.
    if (dirs_state_ == 1) {
      std::error_code ec;
      for (const std::string* d : {&root_, &records_})
        for (const auto& de : fs::directory_iterator(*d, ec))
          if (stale_temp_file(de.path().string(), std::chrono::minutes(10)))
            fs::remove(de.path(), ec);
    }
  }
  return dirs_state_ == 1;
}

void ProgressCache::write_record(const std::string& name, const std::string& bytes) {
  // Failing to write (read-only, full disk) only means the next run reads the file again.
  if (!ensure_dirs()) return;
  write_file((fs::path(records_) / name).string(), bytes);
}

std::optional<std::string> ProgressCache::read_plan_record() const {
  if (!enabled_) return std::nullopt;
  RegularRead r =
      read_regular_file((fs::path(root_) / "plan.bin").string(), std::size_t{256} << 20, false);
  if (r.problem != ReadProblem::none) return std::nullopt;
  return std::move(r.text);
}

void ProgressCache::write_plan_record(const std::string& bytes) {
  if (!enabled_ || !ensure_dirs()) return;
  write_file((fs::path(root_) / "plan.bin").string(), bytes);
}

void ProgressCache::write_file(const std::string& target, const std::string& bytes) {
  std::string tmp;
  int fd = create_temp_beside(target, 0666, tmp);
  if (fd < 0) return;
  bool ok = true;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0 && errno == EINTR) continue;
    ok = w > 0;
    if (ok) done += static_cast<std::size_t>(w);
  }
  ok = ::close(fd) == 0 && ok;
  // No fsync: a record torn by a crash fails its hash and is not used.
  if (!ok || ::rename(tmp.c_str(), target.c_str()) != 0) ::unlink(tmp.c_str());
}

void ProgressCache::stream_file(const std::string& file, const std::string& unit, std::size_t k,
                                const PlanIndex& index, const Date& today, const EntrySink& sink,
                                const StreamOptions& options, FileResult& res) {
  const std::string name = fs::path(file).filename().string() + ".bin";
  std::uint64_t context[2];
  file_context(unit, options.lenient, context);
  const std::int64_t begun = now_ns();
  struct stat st {};
  const bool have_stat = ::lstat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode);

  // The record, when there is one for this file in this context.
  OpenRecord rec;
  bool have_record = false;
  if (enabled_) {
    const std::string path = (fs::path(records_) / name).string();
    rec.fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat rs {};
    if (rec.fd >= 0 && ::fstat(rec.fd, &rs) == 0 && S_ISREG(rs.st_mode)) {
      if (auto head = rec.read(0, kCacheRecordHeaderBytes))
        if (auto h = decode_cache_header(*head)) {
          rec.h = *h;
          // An entry after tomorrow would be an error now: the clock was moved back.
          // Each section no larger than the file, so that their sum cannot wrap around.
          const auto size = static_cast<std::uint64_t>(rs.st_size);
          have_record = h->context[0] == context[0] && h->context[1] == context[1] &&
                        h->latest <= day_number(add_days(today, 1)) && h->in_force_bytes <= size &&
                        h->entries_bytes <= size && h->fold_bytes <= size &&
                        size == kCacheRecordHeaderBytes + h->in_force_bytes + h->entries_bytes +
                                    h->fold_bytes;
        }
    }
  }
  auto cached_entries = [&](std::vector<ProgressEntry>& out) {
    auto b = rec.read(kCacheRecordHeaderBytes + rec.h.in_force_bytes, rec.h.entries_bytes);
    return b && decode_cache_entries(*b, rec.h, file, unit, k, out);
  };
  auto counted = [&](ProgressEntry&& e) {
    ++res.entries;
    sink(std::move(e));
  };

  // The ledger wants the entries in force folded, and records to keep them so.
  const bool want_fold =
      options.resolve && options.ledger_sink && options.fold && options.fold_sink;

  // (1) Unchanged since a record that was not racy: the file is not read (once more when the
  // record has no fold and one is wanted, so that the record is written with it).
  bool bad_fold = false;  // then the record is written again
  if (have_record && have_stat && same_file(rec.h, st) && !racy(rec.h) &&
      (!want_fold || rec.h.folded)) {
    if (want_fold) {
      auto f = rec.read_into(kCacheRecordHeaderBytes + rec.h.in_force_bytes + rec.h.entries_bytes,
                             rec.h.fold_bytes, record_buffer);
      const bool taken = f && cache_fold_intact(*f, rec.h) && options.fold_sink(unit, *f);
      trim_record_buffer();
      if (taken) {
        res.entries += rec.h.in_force_count;
        res.ignored += rec.h.ignored;
        return;
      }
      bad_fold = true;
    }
    if (bad_fold) {
      // Read below, as after a change.
    } else if (options.ledger_sink) {
      std::vector<LedgerEntry> in_force;
      auto a = rec.read_into(kCacheRecordHeaderBytes, rec.h.in_force_bytes, record_buffer);
      const bool taken = a && decode_cache_in_force(*a, rec.h, in_force);
      if (taken) options.ledger_sink(unit, in_force.data(), in_force.size());
      trim_record_buffer();
      if (taken) {
        res.entries += in_force.size();
        res.ignored += rec.h.ignored;
        return;
      }
    } else {
      std::vector<ProgressEntry> entries;
      if (cached_entries(entries)) {
        FileTally tally;
        res.skipped =
            !hand_out_progress(std::move(entries), file, unit, index, res.diags, tally, counted,
                               counting_ledger_sink(options, res.entries), &res.ignored);
        return;
      }
    }
  }

  auto text = read_text_file(file, res.diags, res.sources, progress_read_limits(), false);
  if (!text) {
    res.skipped = options.skip_broken_files;
    return;
  }
  struct stat after {};
  const bool stable = have_stat && ::lstat(file.c_str(), &after) == 0 && same_stat(st, after) &&
                      static_cast<std::uint64_t>(after.st_size) == text->size();

  // (2) The recorded bytes, then only appended entry lines: decode just those.
  std::vector<ProgressEntry> entries;
  bool decoded = false, appendable = false, unchanged = false;
  if (have_record && rec.h.lines != CacheRecordHeader::kNoLines && text->size() >= rec.h.size &&
      (rec.h.size == 0 || (*text)[rec.h.size - 1] == '\n')) {
    const std::string_view prefix = std::string_view(*text).substr(0, rec.h.size);
    const XXH128_hash_t h = XXH3_128bits(prefix.data(), prefix.size());
    const std::string_view tail = std::string_view(*text).substr(rec.h.size);
    if (h.low64 == rec.h.hash[0] && h.high64 == rec.h.hash[1] && appended_lines(tail) &&
        cached_entries(entries)) {
      if (tail.empty()) {
        decoded = appendable = unchanged = true;
      } else {
        Diagnostics tail_diags;
        FileTally tail_tally;
        DecodedText more = decode_progress_text(tail, file, unit, index, today, k, options,
                                                tail_diags, tail_tally);
        if (!tail_tally.any() && more.appendable) {
          const std::size_t before = entries.size();
          for (auto& e : more.entries) {
            e.where.line += static_cast<int>(rec.h.lines);
            e.seq += before;
            entries.push_back(std::move(e));
          }
          decoded = appendable = true;
        } else {
          entries.clear();
        }
      }
    }
  }

  // (3) Everything, as without the cache.
  FileTally tally;
  if (!decoded) {
    DecodedText all =
        decode_progress_text(*text, file, unit, index, today, k, options, res.diags, tally);
    entries = std::move(all.entries);
    appendable = all.appendable;
  }

  // A record is (re)written after a clean read of a file that held still while it was read,
  // unless the one there already serves it without reading it.
  const bool refresh = !unchanged || !same_file(rec.h, st) ||
                       (racy(rec.h) && ns(st.st_mtim) < begun - kRacyNs) ||
                       (want_fold && !rec.h.folded) || bad_fold;
  // Reading every entry as written (plan log) records the file too, except leniently (whose
  // count of entries left out only the reports make).
  const bool write =
      enabled_ && (options.resolve || !options.lenient) && stable && !tally.any() && refresh;
  CacheRecordHeader head;
  std::string entries_section, in_force_section, fold_section;
  if (write) {
    entries_section = encode_entries_section(entries);  // before hand_out_progress takes them
    for (const auto& e : entries)
      head.latest = std::max<std::int64_t>(head.latest, day_number(e.date));
    if (!options.resolve) {
      // hand_out_progress resolves nothing here: the entries in force for the record, from a
      // copy (a correction's problems make it give diagnostics, and then nothing is written).
      Diagnostics unused;
      const std::vector<EntryFate> fates = resolve_unit_entries(entries, unused);
      in_force_section = encode_in_force_section(entries_in_force(entries, fates), index);
    }
  }
  std::size_t ignored_before = res.ignored;
  res.skipped = !hand_out_progress(std::move(entries), file, unit, index, res.diags, tally, counted,
                                   counting_ledger_sink(options, res.entries), &res.ignored,
                                   write ? std::function<void(const std::vector<ProgressEntry>&)>(
                                               [&](const std::vector<ProgressEntry>& v) {
                                                 in_force_section =
                                                     encode_in_force_section(v, index);
                                                 if (want_fold)
                                                   fold_section = fold_of(options, unit, v, index);
                                               })
                                         : nullptr);
  if (!res.diags.empty()) res.sources.add(file, *text);
  if (!write || !res.diags.empty()) return;

  head.context[0] = context[0];
  head.context[1] = context[1];
  head.dev = static_cast<std::uint64_t>(st.st_dev);
  head.ino = static_cast<std::uint64_t>(st.st_ino);
  head.size = static_cast<std::uint64_t>(st.st_size);
  head.mtime_ns = ns(st.st_mtim);
  head.ctime_ns = ns(st.st_ctim);
  head.written_ns = begun;
  const XXH128_hash_t h = XXH3_128bits(text->data(), text->size());
  head.hash[0] = h.low64;
  head.hash[1] = h.high64;
  head.lines = appendable && (text->empty() || text->back() == '\n') ? line_feeds(*text)
                                                                     : CacheRecordHeader::kNoLines;
  head.ignored = res.ignored - ignored_before;
  head.folded = want_fold ? 1 : 0;
  write_record(name, encode_cache_record(head, in_force_section, entries_section, fold_section));
}

}  // namespace plan
