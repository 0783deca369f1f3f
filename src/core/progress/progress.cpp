#include "core/progress/progress.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
// XXH3 inlined: it hashes a few dozen bytes for most entries read, where the call into the
// library costs about as much as the hash (the same function, the same values).
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <tuple>
#include <utility>

#include "core/common/escape.h"
#include "core/common/files.h"
#include "core/common/text.h"
#include "core/common/yaml_doc.h"
#include "core/plan/load.h"
#include "core/plan/schema.h"
#include "core/progress/cache.h"
#include "core/progress/corrections.h"
#include "core/progress/decode.h"
#include "core/progress/entry_line.h"
#include "core/progress/lean.h"

namespace plan {

namespace fs = std::filesystem;

const char* state_key(State s) {
  switch (s) {
    case State::not_started:
      return "not_started";
    case State::in_progress:
      return "in_progress";
    case State::blocked:
      return "blocked";
    case State::done:
      return "done";
  }
  return "not_started";
}

std::optional<State> parse_state(std::string_view s) {
  if (is_literal(s, "未开始") || is_literal(s, "not_started")) return State::not_started;
  if (is_literal(s, "进行中") || is_literal(s, "in_progress")) return State::in_progress;
  if (is_literal(s, "已完成") || is_literal(s, "done")) return State::done;
  if (is_literal(s, "受阻") || is_literal(s, "blocked")) return State::blocked;
  return std::nullopt;
}

namespace {

const char* state_word(State s) {
  switch (s) {
    case State::not_started:
      return "未开始";
    case State::in_progress:
      return "进行中";
    case State::blocked:
      return "受阻";
    case State::done:
      return "已完成";
  }
  return "未开始";
}

bool unsafe_in_file_name(unsigned char c) {
  return c < 0x20 || c == 0x7F || std::strchr("/\\:*?\"<>|%", c) != nullptr;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Evidence that names a file: a path separator or a file extension, and no URL scheme.
bool looks_like_path(const std::string& e) {
  if (e.find("://") != std::string::npos) return false;
  if (e.find('/') != std::string::npos || e.find('\\') != std::string::npos) return true;
  auto dot = e.rfind('.');
  if (dot == std::string::npos || dot == 0 || e.size() - dot > 6) return false;
  for (std::size_t i = dot + 1; i < e.size(); ++i) {
    if (!std::isalnum(static_cast<unsigned char>(e[i]))) return false;
  }
  return e.size() - dot > 1;
}

}  // namespace

std::string progress_file_name(std::string_view unit) {
  std::string out;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    auto c = static_cast<unsigned char>(unit[i]);
    bool edge =
        (i == 0 && (c == '.' || c == ' ')) || (i + 1 == unit.size() && (c == '.' || c == ' '));
    if (unsafe_in_file_name(c) || edge) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + ".yaml";
}

std::optional<std::string> unit_of_progress_file(std::string_view name) {
  if (name.size() <= 5 || name.substr(name.size() - 5) != ".yaml") return std::nullopt;
  name.remove_suffix(5);
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%') {
      if (i + 2 >= name.size()) return std::nullopt;
      int hi = hex_value(name[i + 1]), lo = hex_value(name[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += name[i];
    }
  }
  if (progress_file_name(out) != std::string(name) + ".yaml") return std::nullopt;  // not canonical
  return out;
}

void check_progress_file_names(const Plan& plan, Diagnostics& diags) {
  for (const auto& u : plan.units) {
    const std::string file = progress_file_name(u.name);
    if (file.size() > kMaxFileNameBytes)
      diags.push_back(error(u.name_where, "unit-name-too-long",
                            {escape_message(u.name, 40), escape_message(file, 40),
                             std::to_string(file.size()), std::to_string(kMaxFileNameBytes)}));
  }
}

ReadLimits progress_read_limits() {
  ReadLimits limits;
  limits.max_bytes = kMaxProgressFileBytes;  // progress grows with time; 1 GiB per unit file
  limits.follow_symlinks = false;            // as plan record refuses to write through one
  return limits;
}

bool is_hex_id(std::string_view s) {
  return s.size() >= 6 && s.size() <= 16 &&
         s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::optional<Date> parse_recorded_stamp(std::string_view s) {
  // YYYY-MM-DDThh:mm:ss followed by Z or ±hh:mm; '9' stands for any digit.
  auto shaped = [](std::string_view text, std::string_view shape) {
    if (text.size() != shape.size()) return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
      bool ok = shape[i] == '9'   ? std::isdigit(static_cast<unsigned char>(text[i])) != 0
                : shape[i] == '+' ? text[i] == '+' || text[i] == '-'
                                  : text[i] == shape[i];
      if (!ok) return false;
    }
    return true;
  };
  if (s.size() < 20 || !shaped(s.substr(10, 9), "T99:99:99")) return std::nullopt;
  std::string_view zone = s.substr(19);
  if (zone != "Z" && !shaped(zone, "+99:99")) return std::nullopt;
  return parse_iso_date(s.substr(0, 10));
}

namespace {

using entry_line::Key;

// An entry's fields as libyaml read them: a mapping node and its fields.
class NodeFields {
 public:
  NodeFields(Reader& r, const FieldMap& f, const Node& n) : r_(r), f_(f), n_(n) {}
  Where entry_at() const { return r_.at(n_); }
  std::pair<int, int> entry_line_col() const {
    const Where w = r_.at(n_);
    return {w.line, w.col};
  }
  bool has(Key k) const { return f_.count(entry_line::key_name(k)) > 0; }
  Where at(Key k) const { return r_.at(*f_.at(entry_line::key_name(k))); }
  std::string text(Key k, bool required = false) {
    return r_.text(f_, entry_line::key_name(k), n_, required);
  }
  // The same, kept here until the next call for the same key (for values that are only parsed).
  std::string_view view(Key k, bool required = false) {
    return kept_[static_cast<std::size_t>(k)] = text(k, required);
  }
  template <typename F>
  void evidence(F each) {
    for (auto& [ev, w] : r_.names(f_.at("evidence"), "evidence")) each(std::move(ev), std::move(w));
  }

 private:
  Reader& r_;
  const FieldMap& f_;
  const Node& n_;
  std::array<std::string, entry_line::kKeys> kept_;
};

// An entry's fields as the fast path read them from one line. Every value is a non-null scalar
// (or, for evidence, a list of them), so the only problems Reader would report are a missing
// required key and an empty required value: the same are reported here, at the same places.
class LineFields {
 public:
  LineFields(entry_line::Line& l, const std::string& file, int line, Diagnostics& diags)
      : l_(l), file_(file), line_(line), diags_(diags) {}
  Where entry_at() const { return {file_, line_, entry_line::kEntryCol}; }
  // The entry's place without the file name (a copy of it per entry read is too dear).
  std::pair<int, int> entry_line_col() const { return {line_, entry_line::kEntryCol}; }
  bool has(Key k) const { return l_[k].present; }
  Where at(Key k) const { return {file_, line_, l_[k].col}; }
  // The value, left in the line (for values that are only parsed: no copy).
  std::string_view view(Key k, bool required = false) {
    entry_line::Field& f = l_[k];
    if (!f.present) {
      if (required) diags_.push_back(error(entry_at(), "missing-key", {entry_line::key_name(k)}));
      return {};
    }
    if (required && f.value().empty()) {
      diags_.push_back(error(at(k), "empty-value", {entry_line::key_name(k)}));
      return {};
    }
    return f.value();
  }
  // The value as a string of its own.
  std::string text(Key k, bool required = false) {
    return view(k, required).empty() ? std::string() : l_[k].take();
  }
  template <typename F>
  void evidence(F each) {
    for (auto& item : l_.evidence) {
      Where w{file_, line_, item.col};
      if (item.value().empty()) {
        diags_.push_back(error(w, "empty-value", {"evidence"}));
        continue;
      }
      each(item.take(), std::move(w));
    }
  }

 private:
  entry_line::Line& l_;
  const std::string& file_;
  int line_;
  Diagnostics& diags_;
};

// Reads one file's entries: the per-entry checks, shared by both ways of reading a line, and
// the per-file limit on diagnostics.
class FileReader {
 public:
  FileReader(const std::string& unit, const PlanIndex& index, const Date& today, Diagnostics& diags,
             std::size_t file_number, const StreamOptions& options, FileTally& tally)
      : unit_(unit),
        index_(index),
        today_(today),
        latest_(add_days(today, 1)),  // the reader's clock may be in another time zone
        diags_(diags),
        first_diag_(diags.size()),
        file_number_(file_number),
        options_(options),
        base_(fs::path(index.plan().dir).parent_path()),
        tally_(tally) {}

  // Problems are collected per entry in `local`, then kept up to the per-file limit and only
  // counted beyond it: a file of 100,000 bad lines gives 50 errors and one line saying so.
  Diagnostics local;
  std::vector<ProgressEntry> entries;

  void keep_local() { tally_.keep(local, diags_); }

  // Forgets everything read so far (to read the file again another way).
  void restart() {
    diags_.resize(first_diag_);
    local.clear();
    entries.clear();
    tally_ = FileTally{};
    position_ = 0;
  }

  template <typename Fields>
  void entry(Fields& f);

 private:
  const std::string& unit_;
  const PlanIndex& index_;
  const Date& today_;
  const Date latest_;
  Diagnostics& diags_;
  const std::size_t first_diag_;
  const std::size_t file_number_;
  const StreamOptions& options_;
  const fs::path base_;
  std::vector<std::string> ids_;  // for suggestions, made only when needed
  // The item of the entry before, as written, and what the plan says of it: a unit's entries
  // often name the same item one after another.
  std::string last_item_;
  std::optional<std::size_t> last_index_;
  bool last_responsible_ = false;
  std::size_t position_ = 0;
  FileTally& tally_;
};

template <typename Fields>
void FileReader::entry(Fields& f) {
  // Made in place, and taken back if it has errors. Its place is the line and column: the file
  // is the same for every entry and is filled in when the entries are handed out.
  ProgressEntry& e = entries.emplace_back();
  std::tie(e.where.line, e.where.col) = f.entry_line_col();
  bool ok = true;

  const std::string_view date = f.view(Key::date, true);
  DateError date_error = DateError::none;
  if (auto d = parse_iso_date(date, &date_error)) {
    e.date = *d;
    if (*d > latest_) {
      local.push_back(
          error(f.at(Key::date), "entry-future-skew", {std::string(date), iso(today_)}));
      ok = false;
    }
  } else {
    if (!date.empty())
      local.push_back(error(f.has(Key::date) ? f.at(Key::date) : f.entry_at(),
                            date_error_key(date_error, "bad-iso-date"), {std::string(date)}));
    ok = false;
  }

  e.retracts = f.text(Key::retracts);
  e.amends = f.text(Key::amends);
  e.reason = f.text(Key::reason);
  for (auto [key, v] :
       {std::pair<Key, const std::string*>{Key::retracts, &e.retracts}, {Key::amends, &e.amends}}) {
    if (f.has(key) && !is_hex_id(*v)) {
      local.push_back(error(f.at(key), "bad-entry-id", {*v}));
      ok = false;
    }
  }
  if (!e.retracts.empty() || !e.amends.empty()) {
    if (!e.retracts.empty() && !e.amends.empty()) {
      local.push_back(error(f.at(Key::amends), "correction-both"));
      ok = false;
    }
    if (e.reason.empty()) {
      local.push_back(error(f.entry_at(), "correction-no-reason"));
      ok = false;
    }
  }

  if (e.is_retraction()) {
    for (Key key : {Key::item, Key::status, Key::note, Key::evidence})
      if (f.has(key)) {
        local.push_back(error(f.at(key), "retraction-extra-key", {entry_line::key_name(key)}));
        ok = false;
      }
  } else {
    std::string item = f.text(Key::item, true);
    if (!item.empty()) {
      if (item != last_item_ || last_item_.empty()) {
        last_index_ = index_.find_item(item);
        last_responsible_ = last_index_ && index_.is_responsible(*last_index_, unit_);
        last_item_ = item;
      }
      const std::optional<std::size_t> idx = last_index_;
      if (!idx) {
        if (options_.lenient) {
          e.item = std::move(item);
          e.orphaned = true;
        } else {
          // The suggestion costs a search of every id: not for errors that will not be shown.
          std::optional<std::string> near;
          if (tally_.shown[0] < kMaxDiagnosticsPerFile) {
            if (ids_.empty()) ids_ = index_.item_ids();
            near = nearest(normalize_item_id(item), ids_);
          }
          local.push_back(error(f.at(Key::item), "unknown-item", {item}, near));
          ok = false;
        }
      } else {
        e.item = index_.items()[*idx].id;
        e.item_index = static_cast<std::int32_t>(*idx);
        if (!last_responsible_) {
          // The plan moved the item away from this unit after the entry was made: the entry
          // stays in the file, reports leave it out.
          e.orphaned = true;
          if (!options_.lenient)
            local.push_back(warning(f.at(Key::item), "entry-orphaned",
                                    {unit_, e.item, join(index_.responsible_units(*idx), "、")}));
        }
      }
    } else {
      ok = false;
    }

    const std::string_view status = f.view(Key::status, true);
    if (auto s = parse_state(status)) {
      e.status = *s;
    } else {
      if (!status.empty())
        local.push_back(error(f.at(Key::status), "bad-status", {std::string(status)}));
      ok = false;
    }
    e.note = f.text(Key::note);
    if (f.has(Key::evidence)) {
      f.evidence([&](std::string&& ev, Where&& w) {
        // A file on disk is looked for only by plan check: a stat() per entry is too dear for
        // every report, which does not show the warning anyway.
        if (options_.check_evidence && looks_like_path(ev) && fs::path(ev).is_relative()) {
          std::error_code ec;
          if (!fs::exists(base_ / ev, ec)) local.push_back(warning(w, "evidence-missing", {ev}));
        }
        e.evidence.push_back(std::move(ev));
      });
    }
  }
  e.by = f.text(Key::by);

  e.recorded = f.text(Key::recorded);
  if (f.has(Key::recorded)) {
    e.recorded_on = parse_recorded_stamp(e.recorded);
    if (!e.recorded_on) {
      DateError day = DateError::none;
      parse_iso_date(std::string_view(e.recorded).substr(0, 10), &day);
      local.push_back(error(f.at(Key::recorded),
                            day == DateError::out_of_range ? "date-out-of-range" : "bad-recorded",
                            {e.recorded}));
      ok = false;
    }
  }
  if (f.has(Key::id)) {
    e.id = f.text(Key::id);
    if (!is_hex_id(e.id)) {
      local.push_back(error(f.at(Key::id), "bad-entry-id", {e.id}));
      ok = false;
    }
  } else {
    e.id = derived_entry_id(e);
  }
  if (ok) {
    e.seq = (file_number_ << 32) | position_++;
  } else {
    entries.pop_back();
  }
  keep_local();
}

const std::vector<std::string> kEntryKeys = {"date",     "item",     "status", "note",
                                             "evidence", "by",       "amends", "retracts",
                                             "reason",   "recorded", "id"};

// The whole text through libyaml, as it always was read. True when complete "- {…}" lines
// appended to it would continue its list: the top level is a block list in column 1, or nothing,
// and there is no end marker (...).
bool read_with_libyaml(std::string_view text, const std::string& file, FileReader& fr) {
  yaml::Limits limits;  // the node limit applies to one entry at a time
  Reader r(file, fr.local);
  auto on_entry = [&](const Node& n) {
    auto f = r.fields(n, "entries", kEntryKeys);
    if (!f) return;
    NodeFields fields(r, *f, n);
    fr.entry(fields);
  };
  yaml::Document doc = yaml::parse_list_stream(text, file, fr.local, limits, on_entry);
  if (doc.ok && !doc.root.is_null() && !doc.root.is_sequence())
    fr.local.push_back(
        error(r.at(doc.root), "expected-list", {"“entries”", Reader::kind_name(doc.root)}));
  return doc.ok && doc.end_marker_line == 0 &&
         (doc.root.is_null() || (doc.root.is_sequence() && !doc.root.flow && doc.root.col == 1));
}

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A line that starts a document, ends one or is a directive: such a file is left to libyaml
// whole.
bool document_line(std::string_view line) {
  return line.starts_with("---") || line.starts_with("...") || line.starts_with("%");
}

// Only blank lines and comments, as libyaml reads them.
bool only_blank_or_comments(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (!entry_line::is_blank_or_comment(text.substr(pos, end - pos))) return false;
    pos = end + 1;
  }
  return true;
}

// A run of lines the fast path does not read (`part`, beginning at line `run_line` of the file),
// read through libyaml on its own into `fr`. False when libyaml might read it differently on its
// own than within the file (a syntax error, a root that is not a block list in column 1,
// document markers), and (text_checked false) when it is not valid text.
bool read_other_run(std::string_view part, int run_line, const std::string& file, FileReader& fr,
                    bool text_checked) {
  // Not valid text: the caller checks the whole text (libyaml would refuse these bytes too,
  // but the error must be check_text's, and must not depend on how strict libyaml is).
  if (!text_checked && (part.find('\0') != std::string_view::npos || find_invalid_utf8(part)))
    return false;
  // yaml::parse would drop it, where within the file libyaml reads it.
  if (part.starts_with(kByteOrderMark)) return false;
  for (std::size_t pos = 0; pos < part.size();) {
    std::size_t nl = part.find('\n', pos);
    if (document_line(part.substr(pos))) return false;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  yaml::Limits limits;
  Reader r(file, fr.local);
  Diagnostics syntax;
  auto on_entry = [&](const Node& n) {
    auto f = r.fields(n, "entries", kEntryKeys);
    if (!f) return;
    NodeFields fields(r, *f, n);
    fr.entry(fields);
  };
  yaml::Document doc = yaml::parse_list_stream(part, file, syntax, limits, on_entry, run_line - 1);
  return doc.ok && syntax.empty() &&
         (doc.root.is_null() ? only_blank_or_comments(part)
                             : doc.root.is_sequence() && !doc.root.flow && doc.root.col == 1);
}

// Canonical lines through the fast path, the rest (runs of other lines) through libyaml, each
// run on its own with its lines numbered as in the file. False when a run is one that libyaml
// might read differently on its own than within the file (read_other_run): the caller then reads
// the whole file with libyaml.
// Why a run read on its own means what it means in the file: every canonical line is a whole
// item of the top-level block list, starting in column 1; a run that libyaml reads to its end
// without error has closed every quote, bracket and block scalar it opened, so the line after
// it starts a new item of the same list, as it does within the file.
// False when the text must be read whole with libyaml, and (text_checked false) when a line the
// fast path does not read is not valid text: the caller checks the whole text then.
bool read_mixed(std::string_view text, const std::string& file, FileReader& fr, bool text_checked) {
  entry_line::Line decoded;
  int line = 1;
  std::size_t run = std::string_view::npos;  // start of the run of other lines
  int run_line = 0;
  auto read_run = [&](std::size_t end) {
    if (run == std::string_view::npos) return true;
    std::string_view part = text.substr(run, end - run);
    run = std::string_view::npos;
    const bool ok = read_other_run(part, run_line, file, fr, text_checked);
    line = run_line + entry_line::count_breaks(part);
    return ok;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view l = text.substr(pos, end - pos);
    if (entry_line::decode(l, decoded)) {
      if (!read_run(pos)) return false;
      LineFields fields(decoded, file, line, fr.local);
      fr.entry(fields);
      ++line;
    } else if (run == std::string_view::npos && entry_line::is_blank_or_comment(l)) {
      ++line;
    } else if (run == std::string_view::npos) {
      run = pos;
      run_line = line;
    }
    pos = end + 1;
  }
  return read_run(text.size());
}

}  // namespace

void FileTally::keep(Diagnostics& local, Diagnostics& diags) {
  for (auto& d : local) {
    const int k = d.severity == Severity::error ? 0 : 1;
    errors += k == 0;
    if (shown[k] < kMaxDiagnosticsPerFile) {
      ++shown[k];
      diags.push_back(std::move(d));
    } else {
      ++hidden[k];
    }
  }
  local.clear();
}

DecodedText decode_progress_text(std::string_view text, const std::string& file,
                                 const std::string& unit, const PlanIndex& index, const Date& today,
                                 std::size_t file_number, const StreamOptions& options,
                                 Diagnostics& diags, FileTally& tally, bool text_checked) {
  FileReader fr(unit, index, today, diags, file_number, options, tally);
  // About one entry per line: one allocation, not a copy of every entry at each doubling. The
  // line breaks are found with memchr (string_view::find): counting byte by byte costs about as
  // much as decoding a line.
  std::size_t lines = 1;
  for (std::size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', nl + 1))
    ++lines;
  fr.entries.reserve(lines);
  // A UTF-8 byte order mark (Notepad, WPS) is not content: yaml::parse drops it, and columns
  // count from after it.
  std::string_view body = text;
  if (body.starts_with(kByteOrderMark)) body.remove_prefix(3);
  // The mixed reading succeeds only on a block list in column 1 without document markers.
  bool appendable = true;
  DecodedText out;
  if (!options.fast_lines || !read_mixed(body, file, fr, text_checked)) {
    fr.restart();
    if (!text_checked && !check_text(text, file, diags)) {
      out.text_ok = false;
      return out;
    }
    appendable = read_with_libyaml(text, file, fr);
  }
  fr.keep_local();
  out.entries = std::move(fr.entries);
  out.appendable = appendable;
  return out;
}

bool read_clean_run(std::string_view part, const std::string& unit, const PlanIndex& index,
                    const Date& today, const StreamOptions& options,
                    std::vector<ProgressEntry>& out) {
  Diagnostics diags;
  FileTally tally;
  FileReader fr(unit, index, today, diags, 0, options, tally);
  const bool ok = read_other_run(part, 1, "", fr, false);
  fr.keep_local();
  if (!ok || tally.any()) return false;
  for (auto& e : fr.entries) out.push_back(std::move(e));
  return true;
}

LedgerEntry ledger_entry(const ProgressEntry& e, const PlanIndex& index) {
  LedgerEntry le;
  le.date = e.date;
  le.reported_on = e.reported_on();
  le.status = e.status;
  le.orphaned = e.orphaned;
  le.retraction = e.is_retraction();
  le.note = e.note;
  if (!le.retraction) le.item = item_position(e, index);
  return le;
}

void to_ledger_entries(const std::vector<ProgressEntry>& entries,
                       const std::vector<std::size_t>& order, const PlanIndex& index,
                       std::vector<LedgerEntry>& out) {
  out.clear();
  out.reserve(order.size());
  for (std::size_t k : order) out.push_back(ledger_entry(entries[k], index));
}

std::int32_t item_position(const ProgressEntry& e, const PlanIndex& index) {
  if (e.item_index >= 0 && static_cast<std::size_t>(e.item_index) < index.items().size() &&
      index.items()[static_cast<std::size_t>(e.item_index)].id == e.item)
    return e.item_index;
  if (auto i = index.find_item(e.item)) return static_cast<std::int32_t>(*i);
  return -1;
}

StreamOptions counting_ledger_sink(const StreamOptions& options, std::size_t& count) {
  StreamOptions out = options;
  if (options.ledger_sink)
    out.ledger_sink = [&options, &count](const std::string& unit, const LedgerEntry* entries,
                                         std::size_t n) {
      count += n;
      options.ledger_sink(unit, entries, n);
    };
  return out;
}

bool hand_out_progress(std::vector<ProgressEntry> entries, const std::string& file,
                       const std::string& unit, const PlanIndex& index, Diagnostics& diags,
                       FileTally& tally, const EntrySink& sink, const StreamOptions& options,
                       std::size_t* ignored,
                       const std::function<void(const std::vector<ProgressEntry>&)>& on_in_force) {
  Diagnostics local;
  std::vector<EntryFate> fates = resolve_unit_entries(entries, local);
  // Decoding leaves the file out of each entry's place, and the unit out of the entry (they
  // are `file` and `unit` for all of them).
  for (auto& d : local)
    if (d.where.file.empty()) d.where.file = file;
  auto placed = [&file, &unit](ProgressEntry& e) -> ProgressEntry&& {
    if (e.where.file.empty()) e.where.file = file;
    if (e.unit.empty()) e.unit = unit;
    return std::move(e);
  };
  tally.keep(local, diags);
  const auto& hidden = tally.hidden;
  const std::size_t errors = tally.errors;
  if (hidden[0] + hidden[1] > 0) {
    Diagnostic more = error({file, 0, 0}, kDiagnosticsNotShown,
                            {std::to_string(hidden[0]), std::to_string(hidden[1]),
                             std::to_string(kMaxDiagnosticsPerFile)});
    if (hidden[0] == 0) more.severity = Severity::warning;
    diags.push_back(std::move(more));
  }
  if (errors > 0 && options.skip_broken_files) return false;
  if (!options.resolve) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (options.fated_sink) {
        options.fated_sink(placed(entries[i]), std::move(fates[i]));
      } else {
        sink(placed(entries[i]));
      }
    }
    return true;
  }
  if (ignored && options.lenient) {
    for (std::size_t i = 0; i < entries.size(); ++i)
      *ignored += fates[i].kind == EntryFate::Kind::in_force && entries[i].orphaned;
  }
  std::vector<std::size_t> order = in_force_order(entries, fates);
  if (options.ledger_sink) {
    // Straight from where the entries are: none is moved for the ledger.
    if (!order.empty()) {
      thread_local std::vector<LedgerEntry> compact;
      to_ledger_entries(entries, order, index, compact);
      options.ledger_sink(unit, compact.data(), compact.size());
    }
    if (on_in_force) on_in_force(take_in_order(std::move(entries), order));
    return true;
  }
  std::vector<ProgressEntry> in_force = take_in_order(std::move(entries), order);
  if (on_in_force) on_in_force(in_force);
  for (auto& e : in_force) sink(placed(e));
  return true;
}

bool stream_progress_text(std::string_view text, const std::string& file, const std::string& unit,
                          const PlanIndex& index, const Date& today, Diagnostics& diags,
                          const EntrySink& sink, std::size_t file_number,
                          const StreamOptions& options, std::size_t* ignored, bool text_checked) {
  if (lean_applies(options) && lean_hand_out(text, unit, index, today, options)) return true;
  FileTally tally;
  DecodedText decoded = decode_progress_text(text, file, unit, index, today, file_number, options,
                                             diags, tally, text_checked);
  if (!decoded.text_ok) return !options.skip_broken_files;
  return hand_out_progress(std::move(decoded.entries), file, unit, index, diags, tally, sink,
                           options, ignored);
}

void load_progress_text(std::string_view text, const std::string& file, const std::string& unit,
                        const PlanIndex& index, const Date& today, ProgressLoad& out) {
  std::size_t file_number = out.entries.empty() ? 0 : (out.entries.back().seq >> 32) + 1;
  StreamOptions raw;
  raw.resolve = false;
  stream_progress_text(
      text, file, unit, index, today, out.diags,
      [&](ProgressEntry&& e) { out.entries.push_back(std::move(e)); }, file_number, raw);
}

namespace {

// The unit a progress file belongs to, or nullptr (with its error in `res`, or counted as
// ignored when reading leniently).
const Unit* file_unit(const std::string& file, const std::string& file_name, const PlanIndex& index,
                      const StreamOptions& options, FileResult& res) {
  auto unit = unit_of_progress_file(file_name);
  const Unit* u = unit ? index.find_unit(*unit) : nullptr;
  if (u && options.lenient && u->name != *unit) u = nullptr;
  if (!u && options.lenient) {
    res.ignored += 1;  // a unit the plan of that revision does not have: not counted
    return nullptr;
  }
  if (!u || u->name != *unit) {
    std::string shown = unit.value_or(file_name);
    std::optional<std::string> hint;
    if (u) {
      hint = progress_file_name(u->name);
    } else {
      std::vector<std::string> unit_names;
      for (const auto& known : index.plan().units) unit_names.push_back(known.name);
      if (auto near = nearest(shown, unit_names)) hint = progress_file_name(*near);
    }
    res.diags.push_back(error({file, 0, 0}, "progress-unknown-unit", {shown}, hint));
    res.skipped = options.skip_broken_files;
    return nullptr;
  }
  return u;
}

// Streams one file's text into `sink`, keeping the text where a problem needs its lines quoted
// (not a text that is not UTF-8: its error has a place, but its lines are not shown).
void stream_one(std::string_view text, const std::string& file, const Unit& u,
                const PlanIndex& index, const Date& today, const EntrySink& sink, std::size_t k,
                const StreamOptions& options, FileResult& res, bool text_checked = true) {
  const StreamOptions counted = counting_ledger_sink(options, res.entries);
  if (lean_applies(counted) && lean_hand_out(text, u.name, index, today, counted)) return;
  FileTally tally;
  DecodedText decoded = decode_progress_text(text, file, u.name, index, today, k, counted,
                                             res.diags, tally, text_checked);
  if (!decoded.text_ok) {
    res.skipped = options.skip_broken_files;
    return;
  }
  res.skipped = !hand_out_progress(
      std::move(decoded.entries), file, u.name, index, res.diags, tally,
      [&](ProgressEntry&& e) {
        ++res.entries;
        sink(std::move(e));
      },
      counted, &res.ignored);
  if (!res.diags.empty()) res.sources.add(file, std::string(text));
}

// A buffer that grew past this for one large file is given back after it.
constexpr std::size_t kKeptBuffer = std::size_t{16} << 20;

// Runs read_one(k) for every k < n on up to `threads` threads, then joins the results in order.
template <typename F>
ProgressStream run_files(std::size_t n, unsigned threads_wanted, F read_one,
                         std::vector<FileResult>& results,
                         const std::function<std::string(std::size_t)>& name) {
  ProgressStream out;
  unsigned threads = std::max(1u, std::min<unsigned>(threads_wanted, static_cast<unsigned>(n)));
  if (threads == 1) {
    std::string buffer;  // each thread reads its files in turn into one buffer
    for (std::size_t k = 0; k < n; ++k) read_one(k, buffer);
  } else {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        std::string buffer;
        for (std::size_t k; (k = next.fetch_add(1)) < n;) read_one(k, buffer);
      });
    }
    for (auto& th : pool) th.join();
  }
  for (auto& r : results) {
    out.diags.insert(out.diags.end(), r.diags.begin(), r.diags.end());
    out.sources.merge(std::move(r.sources));
    out.entries += r.entries;
    out.ignored += r.ignored;
  }
  for (std::size_t k = 0; k < n; ++k)
    if (results[k].skipped) out.skipped_files.push_back(name(k));
  return out;
}

}  // namespace

ProgressStream stream_progress(const std::string& dir, const PlanIndex& index, const Date& today,
                               const EntrySink& sink, const StreamOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  std::vector<fs::path> files;
  for (const auto& de : fs::directory_iterator(dir, ec)) {
    const std::string name = de.path().filename().string();
    if (name.empty() || name[0] == '.' || de.path().extension() != ".yaml") continue;
    files.push_back(de.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<FileResult> results(files.size());
  auto read_one = [&](std::size_t k, std::string& buffer) {
    FileResult& res = results[k];
    const std::string file = files[k].string();
    const Unit* u = file_unit(file, files[k].filename().string(), index, options, res);
    if (!u) return;
    if (options.cache && options.cache->enabled()) {
      options.cache->stream_file(file, u->name, k, index, today, sink, options, res);
      return;
    }
    // The text is checked as it is decoded (lines the fast path reads need no check).
    if (read_text_file_into(file, buffer, res.diags, progress_read_limits(), false)) {
      stream_one(buffer, file, *u, index, today, sink, k, options, res, false);
    } else {
      res.skipped = options.skip_broken_files;
    }
    // Keep no more than a usual file's worth between files.
    if (buffer.capacity() > kKeptBuffer) std::string().swap(buffer);
  };
  return run_files(files.size(), options.threads, read_one, results,
                   [&](std::size_t k) { return files[k].string(); });
}

ProgressStream stream_progress_files(const std::vector<std::pair<std::string, std::string>>& files,
                                     const PlanIndex& index, const Date& today,
                                     const EntrySink& sink, const StreamOptions& options) {
  std::vector<std::size_t> order(files.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return files[a].first < files[b].first; });
  std::vector<FileResult> results(files.size());
  auto read_one = [&](std::size_t k, std::string&) {
    FileResult& res = results[k];
    const auto& [file, text] = files[order[k]];
    const Unit* u = file_unit(file, fs::path(file).filename().string(), index, options, res);
    if (!u) return;
    if (!check_text(text, file, res.diags)) {
      res.skipped = options.skip_broken_files;
      return;
    }
    stream_one(text, file, *u, index, today, sink, k, options, res);
  };
  return run_files(files.size(), options.threads, read_one, results,
                   [&](std::size_t k) { return files[order[k]].first; });
}

ProgressLoad load_progress(const std::string& dir, const PlanIndex& index, const Date& today,
                           bool skip_broken_files) {
  ProgressLoad out;
  StreamOptions raw;
  raw.resolve = false;
  raw.skip_broken_files = skip_broken_files;
  ProgressStream s = stream_progress(
      dir, index, today, [&](ProgressEntry&& e) { out.entries.push_back(std::move(e)); }, raw);
  out.diags = std::move(s.diags);
  out.sources = std::move(s.sources);
  out.skipped_files = std::move(s.skipped_files);
  return out;
}

namespace {

void emit_entry(YAML::Emitter& em, const ProgressEntry& e, bool with_id) {
  em << YAML::Flow << YAML::BeginMap;
  em << YAML::Key << "date" << YAML::Value << iso(e.date);
  if (e.is_retraction()) {
    em << YAML::Key << "retracts" << YAML::Value << YAML::DoubleQuoted << e.retracts;
  } else {
    em << YAML::Key << "item" << YAML::Value << YAML::DoubleQuoted << e.item;
    em << YAML::Key << "status" << YAML::Value << state_word(e.status);
    if (!e.note.empty()) em << YAML::Key << "note" << YAML::Value << YAML::DoubleQuoted << e.note;
    if (!e.evidence.empty()) {
      em << YAML::Key << "evidence" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& ev : e.evidence) em << YAML::DoubleQuoted << ev;
      em << YAML::EndSeq;
    }
  }
  if (!e.by.empty()) em << YAML::Key << "by" << YAML::Value << YAML::DoubleQuoted << e.by;
  if (!e.amends.empty())
    em << YAML::Key << "amends" << YAML::Value << YAML::DoubleQuoted << e.amends;
  if (!e.reason.empty() || e.is_retraction() || !e.amends.empty())
    em << YAML::Key << "reason" << YAML::Value << YAML::DoubleQuoted << e.reason;
  if (!e.recorded.empty()) em << YAML::Key << "recorded" << YAML::Value << e.recorded;
  if (with_id && !e.id.empty())
    em << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << e.id;
  em << YAML::EndMap;
}

std::string hex_id(std::uint64_t h) {
  std::string out(kDerivedIdDigits, '0');
  write_hex_id(h, out.data());
  return out;
}

}  // namespace

bool effective_before(const ProgressEntry& a, const ProgressEntry& b) {
  if (a.date != b.date) return a.date < b.date;
  if (a.recorded != b.recorded) return a.recorded < b.recorded;
  return a.id < b.id;
}

std::uint64_t derived_id_hash(const IdContent& c, const std::string_view* evidence,
                              std::size_t evidence_count) {
  // Fields joined with a separator no field can hold (control characters are refused), in a
  // buffer on the stack when they fit (most entries), else in one kept per thread.
  const std::string_view status = c.retraction ? "" : state_key(c.status);
  const std::string_view fields[] = {c.item,   c.note,     c.by,     c.recorded,
                                     c.amends, c.retracts, c.reason, status};
  std::size_t size = c.date.size() + std::size(fields);
  for (std::string_view f : fields) size += f.size();
  for (std::size_t k = 0; k < evidence_count; ++k) size += 1 + evidence[k].size();
  char small[512];
  char* key = small;
  if (size > sizeof small) {
    thread_local std::string large;
    large.resize(size);
    key = large.data();
  }
  char* p = key;
  const auto put = [&p](std::string_view f) {
    if (!f.empty()) std::memcpy(p, f.data(), f.size());
    p += f.size();
  };
  put(c.date);
  for (std::string_view f : fields) {
    *p++ = '\x1f';
    put(f);
  }
  for (std::size_t k = 0; k < evidence_count; ++k) {
    *p++ = '\x1e';
    put(evidence[k]);
  }
  return XXH3_64bits(key, size);
}

void write_hex_id(std::uint64_t h, char* out) {
  // Two digits at a time (kDerivedIdDigits is even), from a table of every byte's two.
  static constexpr auto kPairs = [] {
    std::array<char, 512> pairs{};
    constexpr char kHex[] = "0123456789abcdef";
    for (int b = 0; b < 256; ++b) {
      pairs[static_cast<std::size_t>(2 * b)] = kHex[b >> 4];
      pairs[static_cast<std::size_t>(2 * b + 1)] = kHex[b & 15];
    }
    return pairs;
  }();
  static_assert(kDerivedIdDigits % 2 == 0);
  for (int i = kDerivedIdDigits - 2; i >= 0; i -= 2, h >>= 8)
    std::memcpy(out + i, &kPairs[static_cast<std::size_t>(2 * (h & 0xFF))], 2);
}

std::string derived_entry_id(const ProgressEntry& e) {
  const std::string date = iso(e.date);
  const IdContent c{date,     e.item,     e.note,   e.by,     e.recorded,
                    e.amends, e.retracts, e.reason, e.status, e.is_retraction()};
  std::uint64_t h;
  if (e.evidence.empty()) {
    h = derived_id_hash(c, nullptr, 0);
  } else {
    std::vector<std::string_view> evidence(e.evidence.begin(), e.evidence.end());
    h = derived_id_hash(c, evidence.data(), evidence.size());
  }
  return hex_id(h);
}

std::string new_entry_id(const ProgressEntry& e) {
  YAML::Emitter em;
  emit_entry(em, e, false);
  std::string key = e.unit + '\x1f' + em.c_str();
  return hex_id(XXH3_64bits(key.data(), key.size()));
}

std::string format_entry_line(const ProgressEntry& e) {
  YAML::Emitter em;
  emit_entry(em, e, true);
  return std::string("- ") + em.c_str() + "\n";
}

bool entry_round_trips(const ProgressEntry& e, const PlanIndex& index, const Date& today) {
  ProgressLoad back;
  load_progress_text(format_entry_line(e), "entry", e.unit, index, today, back);
  // A correction names an entry of the unit's file, which this one line does not hold; a line
  // that names itself is reported where the file is read and still reads back the same.
  std::erase_if(back.diags, [](const Diagnostic& d) {
    return d.code == "correction-unknown-id" || d.code == "correction-of-itself";
  });
  if (has_errors(back.diags) || back.entries.size() != 1) return false;
  const ProgressEntry& b = back.entries.front();
  return b.date == e.date && b.item == e.item && b.unit == e.unit && b.status == e.status &&
         b.note == e.note && b.evidence == e.evidence && b.by == e.by && b.recorded == e.recorded &&
         b.id == e.id && b.amends == e.amends && b.retracts == e.retracts && b.reason == e.reason;
}

namespace {

// Every line is one the fast path reads (an entry line as plan record writes it), blank or a
// comment: then the text is a block list in column 1, or nothing, without document markers, and
// a line can be appended without building even an outline with libyaml.
bool only_entry_lines(std::string_view text) {
  if (text.starts_with(kByteOrderMark)) return false;
  entry_line::Line scratch;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = text.substr(pos, end - pos);
    if (!entry_line::decode(line, scratch) && !entry_line::is_blank_or_comment(line)) return false;
    pos = end + 1;
  }
  return true;
}

}  // namespace

bool check_appendable(std::string_view text, const std::string& file, Diagnostics& diags,
                      bool fast_lines) {
  if (!check_text(text, file, diags)) return false;
  if (fast_lines && only_entry_lines(text)) return true;
  // Only the outline is built: memory stays small whatever the file's size.
  yaml::Document doc = yaml::parse_outline(text, file, diags);
  if (!doc.ok) return false;
  const yaml::Node& root = doc.root;
  Where at{file, root.line, root.col};
  if (!root.is_null()) {
    const char* kind = !root.is_sequence() ? (root.is_mapping() ? "@kind-map" : "@kind-scalar")
                       : root.flow         ? "@append-kind-flow"
                       : root.col != 1     ? "@append-kind-indented"
                                           : nullptr;
    if (kind) {
      diags.push_back(error(at, "append-shape", {kind}));
      return false;
    }
  }
  if (doc.end_marker_line > 0) {
    diags.push_back(error({file, doc.end_marker_line, doc.end_marker_col}, "append-end-marker"));
    return false;
  }
  return true;
}

Diagnostics leftover_temp_files(const std::string& dir) {
  Diagnostics out;
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& de : fs::directory_iterator(dir, ec)) {
    std::string f = de.path().filename().string();
    // Ours (.NAME.PID.RANDOM.tmp) once the writer is gone, and the older form .NAME.PID.tmp.
    if (f.size() > 5 && f[0] == '.' && f.substr(f.size() - 4) == ".tmp" &&
        (!temp_file_pid(f) || stale_temp_file(de.path().string(), std::chrono::minutes(0))))
      names.push_back(de.path().string());
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) out.push_back(warning({n, 0, 0}, "temp-leftover", {n}));
  return out;
}

std::optional<AppendFailure> append_entry(const std::string& dir, const ProgressEntry& entry,
                                          const AppendOptions& options) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return AppendFailure{ec.message(), {}, {}};
  const std::string name = progress_file_name(entry.unit);
  const std::string target = (fs::path(dir) / name).string();

  // Every writer of this directory takes the same lock, so appends are serialised.
  DirectoryLock lock;
  if (auto failure = lock.acquire(dir)) return AppendFailure{*failure, {}, {}};

  // Only the leftovers of writers that are gone; never another live writer's file.
  for (const auto& de : fs::directory_iterator(dir, ec))
    if (stale_temp_file(de.path().string(), std::chrono::minutes(10))) fs::remove(de.path(), ec);

  // Read as the reader reads: no link followed, no FIFO waited on, no more than the limit.
  AppendFailure refused{"@record-file-refused", {}, {}};
  const std::string line = format_entry_line(entry);
  RegularRead in = read_regular_file(target, kMaxProgressFileBytes, false, line.size() + 1);
  if (in.problem != ReadProblem::none && in.problem != ReadProblem::missing) {
    refused.diags.push_back(*read_problem(in, target, kMaxProgressFileBytes));
    return refused;
  }
  std::string content = std::move(in.text);
  if (!content.empty() && !check_appendable(content, target, refused.diags)) {
    refused.sources.add(target, std::move(content));
    return refused;
  }
  if (content.empty()) {
    content = "# " + entry.unit + " 的进度记录，由 plan record 追加；请勿修改或删除已有记录。\n" +
              "# Progress entries of " + entry.unit +
              ", appended by plan record; do not edit or delete existing entries.\n";
  } else if (content.back() != '\n') {
    content += '\n';
  }
  content += line;
  if (content.size() > kMaxProgressFileBytes) {
    refused.diags.push_back(
        error({target, 0, 0}, "file-too-large",
              {std::to_string(content.size()), std::to_string(kMaxProgressFileBytes)}));
    return refused;
  }

  if (auto failure = write_file_atomic(target, content, options.before_rename))
    return AppendFailure{*failure, {}, {}};
  return std::nullopt;
}

}  // namespace plan
