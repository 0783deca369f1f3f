// The fast path for canonical progress lines (core/progress/entry_line.h) against libyaml: on
// lines plan record writes, and on those lines mutated, the entries and every diagnostic must be
// the same whichever way the file is read.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/common/files.h"
#include "core/ledger/ledger.h"
#include "core/plan/load.h"
#include "core/progress/corrections.h"
#include "core/progress/entry_line.h"
#include "core/progress/lean.h"
#include "core/progress/progress.h"
#include "helpers.h"

using namespace plan;
using plan::test::Fixture;
using plan::test::kUnits;

namespace {

const char* kTasks = R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务一
        units: [各乡镇]
        deadline: 2024年6月底前
        measures:
          - id: (1)
            text: 措施一
          - id: (2)
            text: 措施二
            units: [司法局]
            deadline: 2024年3月底前
      - id: 2
        title: 任务二
        units: [全部]
        parts:
          - id: 2a
            title: 甲
            deadline: 2024年底前
)";

std::string describe(const ProgressEntry& e) {
  std::string s =
      iso(e.date) + "|" + e.item + "|" + e.unit + "|" + state_key(e.status) + "|" + e.note + "|";
  for (const auto& ev : e.evidence) s += "[" + ev + "]";
  s += "|" + e.by + "|" + e.recorded + "|" + (e.recorded_on ? iso(*e.recorded_on) : "-") + "|" +
       e.id + "|" + e.amends + "|" + e.retracts + "|" + e.reason + "|" +
       (e.orphaned ? "orphaned" : "") + "|" + e.where.file + ":" + std::to_string(e.where.line) +
       ":" + std::to_string(e.where.col) + "|" + std::to_string(e.seq);
  return s;
}

std::string describe(const Diagnostic& d) {
  std::string s = d.where.file + ":" + std::to_string(d.where.line) + ":" +
                  std::to_string(d.where.col) + ":" +
                  (d.severity == Severity::error ? "error" : "warning") + ":" + d.code;
  for (const auto& a : d.args) s += "|" + a;
  if (d.suggestion) s += "?" + *d.suggestion;
  return s;
}

// How the text is checked: not at all, by check_text first, or as it is decoded (reports).
enum class Check { none, first, while_decoding };

// One file read one way: whether it was kept, then its entries and diagnostics, as text.
std::string read(const std::string& text, const PlanIndex& index, bool fast, bool resolve,
                 bool skip_broken, Check check = Check::none) {
  StreamOptions o;
  o.fast_lines = fast;
  o.resolve = resolve;
  o.skip_broken_files = skip_broken;
  Diagnostics diags;
  std::string out;
  bool kept = !skip_broken;
  if (check != Check::first || check_text(text, "甲镇.yaml", diags))
    kept = stream_progress_text(
        text, "甲镇.yaml", "甲镇", index, *parse_iso_date("2025-06-30"), diags,
        [&](ProgressEntry&& e) { out += describe(e) + "\n"; }, 3, o, nullptr,
        check != Check::while_decoding);
  out = std::string(kept ? "kept\n" : "skipped\n") + out;
  for (const auto& d : diags) out += describe(d) + "\n";
  return out;
}

struct Both {
  std::string slow, fast;
};
Both read_both(const std::string& text, const PlanIndex& index, bool resolve = false,
               bool skip_broken = false) {
  return {read(text, index, false, resolve, skip_broken),
          read(text, index, true, resolve, skip_broken)};
}

// Random entries as plan record, amend and retract write them, with awkward text.
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}
  std::size_t canonical = 0;  // lines written as format_entry_line writes them, unchanged

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::string text(std::size_t max_len) {
    // Text people write, and now and then what they should not (which libyaml refuses or
    // reads as a line break, and the fast path leaves to it).
    static const std::vector<std::string> kPieces = {"a",
                                                     "Z",
                                                     "7",
                                                     " ",
                                                     "  ",
                                                     "第",
                                                     "报送",
                                                     "\"",
                                                     "\\",
                                                     "#",
                                                     " #",
                                                     ": ",
                                                     ",",
                                                     "{",
                                                     "}",
                                                     "[",
                                                     "]",
                                                     "'",
                                                     "\t",
                                                     "\n",
                                                     "é",
                                                     "～",
                                                     "，",
                                                     "：",
                                                     "-",
                                                     "---",
                                                     "...",
                                                     "&a",
                                                     "*a",
                                                     "!",
                                                     "%",
                                                     "|",
                                                     ">",
                                                     "@",
                                                     "`",
                                                     "?",
                                                     "\xf0\x9f\x98\x80",
                                                     "\xc2\xa0",
                                                     "\r"};
    static const std::vector<std::string> kRare = {"\x01",         "\x7f",         "\xc2\x85",
                                                   "\xe2\x80\xa8", "\xef\xbb\xbf", "\xc2\x9f"};
    std::string s;
    std::size_t n = pick(max_len + 1);
    for (std::size_t i = 0; i < n; ++i)
      s += chance(0.02) ? kRare[pick(kRare.size())] : kPieces[pick(kPieces.size())];
    return s;
  }

  ProgressEntry entry() {
    ProgressEntry e;
    e.unit = "甲镇";
    static const char* kDates[] = {"2024-01-15", "2025-06-30", "2025-07-01", "2025-07-02",
                                   "2024-02-29", "2023-12-31", "2000-01-01"};
    e.date = *parse_iso_date(kDates[pick(std::size(kDates))]);
    if (chance(0.1)) {
      e.retracts = chance(0.8) ? hex(10) : text(4);
      e.reason = chance(0.9) ? text(12) : "";
    } else {
      static const char* kItems[] = {"(1)", "(2)", "2a", "1", "2", "（1）", "9", "", "(1"};
      e.item = kItems[pick(std::size(kItems))];
      if (chance(0.1)) e.item = text(4);
      e.status = static_cast<State>(pick(4));
      if (chance(0.7)) e.note = text(chance(0.2) ? 200 : 12);
      if (chance(0.2)) {
        std::size_t n = 1 + pick(3);
        for (std::size_t i = 0; i < n; ++i)
          e.evidence.push_back(chance(0.5) ? "docs/" + text(4) + ".pdf" : text(6));
      }
      if (chance(0.1)) {
        e.amends = chance(0.8) ? hex(10) : text(3);
        e.reason = text(8);
      }
    }
    if (chance(0.5)) e.by = text(6);
    if (chance(0.6)) {
      static const char* kStamps[] = {"2025-01-05T10:23:11+08:00", "2025-06-30T23:59:59Z",
                                      "2025-02-30T10:00:00+08:00", "2025-01-05T10:23:11-05:30"};
      e.recorded = kStamps[pick(std::size(kStamps))];
    }
    if (chance(0.7)) e.id = chance(0.9) ? hex(10) : text(3);
    return e;
  }

  std::string hex(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "0123456789abcdef"[pick(16)];
    return s;
  }

  // A line changed a little: a byte dropped, doubled, replaced or a piece put in.
  std::string mutate(std::string line) {
    std::size_t edits = 1 + pick(3);
    for (std::size_t k = 0; k < edits && !line.empty(); ++k) {
      std::size_t at = pick(line.size());
      switch (pick(5)) {
        case 0:
          line.erase(at, 1);
          break;
        case 1:
          line.insert(at, 1, line[at]);
          break;
        case 2:
          line[at] = "\" ,:{}[]#\\'\tx-\r"[pick(15)];
          break;
        case 3:
          line.insert(at, text(2));
          break;
        default: {
          // Keys swapped, doubled or unknown.
          static const char* kKeys[] = {"date: ", "item: ",     "status: ", "note: ",    "by: ",
                                        "id: ",   "recorded: ", "reason: ", "evidence: "};
          line.insert(at, std::string(kKeys[pick(std::size(kKeys))]) + "\"x\", ");
        }
      }
    }
    return line;
  }

  // A file: canonical lines, some mutated, with comments, blank lines, hand-written entries,
  // CRLF endings, a byte order mark, trailing spaces, document markers.
  std::string file(std::size_t lines) {
    std::string out;
    if (chance(0.1)) out += "\xEF\xBB\xBF";
    const bool crlf = chance(0.1);
    for (std::size_t i = 0; i < lines; ++i) {
      std::string line;
      switch (pick(20)) {
        case 0:
          line = "# " + text(8);
          break;
        case 1:
          line = chance(0.5) ? "" : "   ";
          break;
        case 2:
          line = "- date: 2025-01-0" + std::to_string(1 + pick(9)) +
                 "\n  item: \"(1)\"\n  status: " + (chance(0.5) ? "进行中" : "done") +
                 "\n  note: |\n    " + text(10) + "\n    " + text(10);
          break;
        case 3:
          line = chance(0.5) ? "---" : (chance(0.5) ? "..." : "  - " + text(3));
          break;
        case 4:
        case 5:
        case 6: {
          std::string l = format_entry_line(entry());
          l.pop_back();
          line = mutate(l);
          break;
        }
        default:
          line = format_entry_line(entry());
          line.pop_back();
          ++canonical;
      }
      if (chance(0.05)) line += "  ";
      out += line;
      if (i + 1 < lines || chance(0.7)) out += crlf ? "\r\n" : "\n";
    }
    return out;
  }

 private:
  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("fast path: a line plan record writes is read without libyaml, the same") {
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  ProgressEntry e;
  e.unit = "甲镇";
  e.date = *parse_iso_date("2025-01-02");
  e.item = "(1)";
  e.status = State::in_progress;
  e.note = "说明 \"引号\" \\ # 井号: 冒号\t制表\n换行 \xc2\xa0 😀";
  e.evidence = {"docs/a.pdf", "会议纪要"};
  e.by = "张三";
  e.recorded = "2025-01-05T10:23:11+08:00";
  e.id = "0123456789";
  const std::string line = format_entry_line(e);
  entry_line::Line decoded;
  CHECK(entry_line::decode(line.substr(0, line.size() - 1), decoded));
  CHECK(decoded[entry_line::Key::note].value() == e.note);
  Both b = read_both("# 注释\n\n" + line, index);
  CHECK(b.slow == b.fast);
  CHECK(b.fast.find("甲镇.yaml:3:3") != std::string::npos);
  // A correction and a retraction.
  ProgressEntry r;
  r.unit = "甲镇";
  r.date = *parse_iso_date("2025-01-03");
  r.retracts = "0123456789";
  r.reason = "写错了";
  r.id = "abcdef0123";
  const std::string rline = format_entry_line(r);
  CHECK(entry_line::decode(rline.substr(0, rline.size() - 1), decoded));
  b = read_both(line + rline, index, true);
  CHECK(b.slow == b.fast);
}

TEST_CASE("fast path: what it leaves to libyaml") {
  entry_line::Line l;
  for (const char* line : {
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中, item: \"(2)\"}",  // duplicate key
           "- {date: 2025-01-02, item: (1), status: 进行中}",                     // plain item
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中, x: \"y\"}",       // unknown key
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中} # c",             // comment after
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中,}",
           "- {date: 2025-01-02, item: \"(1)\", status: \"进行中\", note: \"a\\'b\"}",
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中, note: \"a\tb\"}",
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中, note: \"a\x7f\"}",
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中, note: \"a\xe2\x80\xa8\"}",
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中, evidence: []}",
           "- {date: 2025-1-02, item: \"(1)\", status: 进行中}",
           " - {date: 2025-01-02, item: \"(1)\", status: 进行中}",
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中}\r\r",
           "-  {date: 2025-01-02, item: \"(1)\", status: 进行中}",
           "- {date:  2025-01-02, item: \"(1)\", status: 进行中}",
           "- {date: 2025-01-02, item: \"(1)\", status: 进行中, note: \"\\ud800\"}",
       }) {
    INFO(line);
    CHECK_FALSE(entry_line::decode(line, l));
  }
  CHECK(entry_line::decode("- {date: 2025-01-02, item: \"(1)\", status: 进行中}\r", l));
  CHECK(entry_line::decode("- {status: done, date: 2025-13-45, item: \"\"}  ", l));
  CHECK(entry_line::is_blank_or_comment("  # 注释：{x}\r"));
  CHECK_FALSE(entry_line::is_blank_or_comment("\t# x"));
  CHECK_FALSE(entry_line::is_blank_or_comment("# a\rb"));
  CHECK(entry_line::count_breaks("a\r\nb\rc\nd\xc2\x85"
                                 "e\xe2\x80\xa8"
                                 "f\xe2\x80\xa9") == 6);
}

TEST_CASE("fast path: any byte of a plain date, stamp or state changed reads as libyaml reads it") {
  // The fast path takes a plain value only of a known shape; every byte of each, and the one
  // after it, replaced by what could change how libyaml reads the line.
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  const std::string line =
      "- {date: 2025-01-02, item: \"(1)\", status: 进行中, recorded: 2025-01-05T10:23:11+08:00}";
  const std::string other =
      "- {date: 2025-01-03, item: \"(1)\", status: blocked, recorded: 2025-01-05T10:23:11Z}";
  std::size_t changed = 0;
  for (const std::string& base : {line, other}) {
    for (const char* key : {"date: ", "status: ", "recorded: "}) {
      const std::size_t from = base.find(key) + std::strlen(key);
      const std::size_t to = base.find_first_of(",}", from) + 1;
      for (std::size_t at = from; at < to; ++at) {
        for (const char* with : {"0", "9", "/", "-", ":", "T", "Z", "+", " ", "#", ",", "}", "x",
                                 "\"", "[", "{", "\xe4\xb8\xad", ""}) {
          std::string text = base;
          text.replace(at, 1, with);
          INFO(text);
          Both b = read_both(text + "\n", index);
          REQUIRE(b.slow == b.fast);
          ++changed;
        }
      }
    }
  }
  CHECK(changed > 1000);
}

TEST_CASE("fast path: a quoted value read in blocks, any character anywhere in it") {
  // Quoted values are taken whole blocks of plain characters at a time where the machine can
  // (entry_line's plain_block): every sequence that block must stop at, or may take, put at
  // every byte of values long enough to fill blocks, with a value after them whose column
  // shows any miscount (its error names the column).
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  const std::vector<std::string> notes = {
      "第12次报送：已完成“双随机、一公开”抽查，覆盖率100%。",
      "Q3 review done; all 12 towns checked, 3 left.",
      "，，，。。。“”：；abc中文EF混排",
  };
  const std::vector<std::string> with = {"\"",
                                         "\\",
                                         "\\n",
                                         "\\u4e2d",
                                         "a",
                                         "中",
                                         "\xe2\x80\x9c",
                                         "\xef\xbc\x9a",
                                         "\xe2\x80\xa8",
                                         "\xe2\x80\xa9",
                                         "\xe2\x80\xa7",
                                         "\xe2\x81\xa8",
                                         "\xef\xbb\xbf",
                                         "\xef\xbf\xbe",
                                         "\xef\xbf\xbf",
                                         "\xef\xbf\xbd",
                                         "\xef\xbb\xbe",
                                         "\xed\x9f\xbf",
                                         "\xed\xa0\x80",
                                         "\xe0\xa0\x80",
                                         "\xe0\x80\x80",
                                         "\xc2\x85",
                                         "\xc2\xa0",
                                         "\xf0\x9f\x98\x80",
                                         "\x80",
                                         "\xbf",
                                         "\xe4",
                                         "\xe4\xb8",
                                         "\xff",
                                         "\x7f",
                                         "\x1f",
                                         "\t",
                                         " ",
                                         ""};
  std::size_t compared = 0;
  for (const std::string& note : notes) {
    for (std::size_t at = 0; at <= note.size(); ++at) {
      for (const std::string& w : with) {
        for (bool replace : {false, true}) {
          if (replace && at == note.size()) continue;
          std::string changed = note;
          changed.replace(at, replace ? 1 : 0, w);
          for (const char* after : {"", ", recorded: \"x\""}) {
            const std::string line =
                "- {date: 2025-01-02, item: \"(1)\", status: 进行中, note: \"" + changed + "\"" +
                after + "}";
            INFO(line);
            Both b = read_both(line + "\n", index);
            REQUIRE(b.slow == b.fast);
            ++compared;
          }
        }
      }
    }
  }
  CHECK(compared > 10000);
}

TEST_CASE("fast path: the same entries and diagnostics as libyaml, on generated files") {
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  Generator g(20250630);
  std::size_t fast_lines = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = g.file(1 + g.pick(12));
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t nl = text.find('\n', pos);
      std::size_t end = nl == std::string::npos ? text.size() : nl;
      entry_line::Line l;
      fast_lines += entry_line::decode(std::string_view(text).substr(pos, end - pos), l);
      pos = end + 1;
    }
    const bool resolve = round % 3 == 0;
    Both b = read_both(text, index, resolve, round % 5 == 0);
    INFO("file: ", text);
    REQUIRE(b.slow == b.fast);
  }
  // The comparison means something only if the fast path read most lines (all but those with
  // the rare characters it leaves to libyaml).
  CHECK(fast_lines * 10 > g.canonical * 9);
}

namespace {

// A decoded line as text: each key's presence, value and column, and the evidence.
std::string describe(const entry_line::Line& l) {
  std::string out;
  const auto field = [&out](const entry_line::Field& f) {
    out += f.present ? std::string(f.value()) + "@" + std::to_string(f.col) : "-";
    out += f.decoded ? "d|" : "|";
  };
  for (const auto& f : l.fields) field(f);
  for (const auto& f : l.evidence) field(f);
  return out;
}

}  // namespace

TEST_CASE("fast path: a line read within its file reads as the line alone") {
  // The lean reading decodes a line where it begins in the file and finds its end as it goes
  // (decode_at): it must take the lines decode() takes, read them the same, and end them where
  // the line ends, whatever follows.
  Generator g(20261130);
  std::size_t taken = 0;
  for (int round = 0; round < 3000; ++round) {
    // What may follow a mapping's brace: spaces, carriage returns, anything.
    static const char* kTails[] = {"",     " ",  "\r", " \r",      "\r ", "\r\r", "\rx",
                                   " \rx", "\t", " #", "\xc2\x85", "}",   "\r\n"};
    std::string text;
    const std::string made = g.file(1 + g.pick(12));
    for (std::size_t pos = 0; pos < made.size();) {
      const std::size_t end = std::min(made.find('\n', pos), made.size());
      text += made.substr(pos, end - pos);
      if (g.chance(0.3)) text += kTails[g.pick(std::size(kTails))];
      if (end < made.size()) text += '\n';
      pos = end + 1;
    }
    if (g.chance(0.3)) text += g.text(3);  // no line break at the end, then something
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t end = std::min(text.find('\n', pos), text.size());
      const std::string_view line = std::string_view(text).substr(pos, end - pos);
      entry_line::Line alone, within;
      const bool read = entry_line::decode(line, alone);
      const std::size_t at = entry_line::decode_at(text, pos, within);
      INFO("line: ", line);
      REQUIRE((at != std::string_view::npos) == read);
      if (read) {
        REQUIRE(at == end);
        REQUIRE(describe(within) == describe(alone));
        ++taken;
      }
      pos = end + 1;
    }
  }
  CHECK(taken * 10 > g.canonical * 6);  // all but lines spoilt or with rare characters
}

TEST_CASE("fast path: text checked as it is decoded gives check_text's error, and only that") {
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  const std::string line = "- {date: 2024-05-02, item: \"(1)\", status: 进行中, note: \"甲\"}\n";
  // Bytes that are not UTF-8 (GBK, a stray continuation byte, a cut sequence) or a zero byte,
  // put in a comment, a hand-written entry, a quoted note, after a byte order mark or a
  // document marker, before or after lines the fast path reads.
  const std::vector<std::string> bad = {"\xc4\xea", "\x80", "\xe4\xb8", std::string(1, '\0'),
                                        "\xff"};
  const std::vector<std::string> shapes = {
      "# @\n",
      "- date: 2024-05-03\n  item: \"(1)\"\n  status: done\n  note: @\n",
      "- {date: 2024-05-03, item: \"(1)\", status: done, note: \"@\"}\n",
      "- {date: 2024-05-03, item: \"(1)\", status: done} # @\n",
      "---\n# @\n",
      "@",
  };
  int cases = 0;
  for (const auto& b : bad) {
    for (const auto& shape : shapes) {
      std::string piece = shape;
      piece.replace(piece.find('@'), 1, b);
      for (const std::string& text :
           {piece, line + piece, piece + line, line + piece + line, "\xef\xbb\xbf" + piece + line,
            line + line + piece + "# \xc4\xea\n" + line + std::string(1, '\0')}) {
        for (int options = 0; options < 4; ++options) {
          const bool resolve = options & 1, skip = options & 2;
          INFO("file: ", text);
          CHECK(read(text, index, false, resolve, skip, Check::first) ==
                read(text, index, true, resolve, skip, Check::while_decoding));
          ++cases;
        }
      }
    }
  }
  CHECK(cases == 5 * 6 * 6 * 4);
  // A valid file is read the same checked either way.
  const std::string good = line + "# 注释\n" + line;
  CHECK(read(good, index, true, true, true, Check::while_decoding) ==
        read(good, index, true, true, true, Check::none));
  CHECK(read(good, index, true, true, true, Check::none)
            .starts_with("kept\n2024-05-02|(1)|甲镇|in_progress"));
}

TEST_CASE("fast path: every escape libyaml knows that the fast path decodes") {
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  for (const char* esc : {"\\0", "\\a",   "\\b",   "\\t",     "\\n",         "\\v",   "\\f",
                          "\\r", "\\e",   "\\\"",  "\\\\",    "\\N",         "\\_",   "\\L",
                          "\\P", "\\x41", "\\xe9", "\\u4e2d", "\\U0001F600", "\\x00", "\\U00110000",
                          "\\q", "\\/",   "\\ ",   "\\'",     "\\uD800",     "\\x4",  "\\u00A0"}) {
    const std::string text =
        std::string("- {date: 2025-01-02, item: \"(1)\", status: 进行中, note: \"x") + esc +
        "y\"}\n";
    INFO(text);
    Both b = read_both(text, index);
    CHECK(b.slow == b.fast);
  }
}

TEST_CASE("fast path: whether a file can take an appended line, the same as libyaml's outline") {
  Generator g(20250701);
  std::size_t fast = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = g.file(1 + g.pick(12));
    // Now and then what only the outline can judge: markers, indentation, a flow list.
    switch (g.pick(8)) {
      case 0:
        text += "...\n";
        break;
      case 1:
        text = "---\n" + text;
        break;
      case 2:
        text = "  " + text;
        break;
      case 3:
        text = "[" + text + "]\n";
        break;
      case 4:
        text = "\xEF\xBB\xBF" + text;
        break;
      default:
        break;
    }
    Diagnostics slow_diags, fast_diags;
    const bool slow = check_appendable(text, "u.yaml", slow_diags, false);
    const bool quick = check_appendable(text, "u.yaml", fast_diags, true);
    INFO("file: ", text);
    REQUIRE(slow == quick);
    if (!quick) {
      REQUIRE(fast_diags.size() == slow_diags.size());
      for (std::size_t i = 0; i < fast_diags.size(); ++i)
        CHECK(describe(fast_diags[i]) == describe(slow_diags[i]));
    }
    bool all_entry_lines = !text.starts_with("\xEF\xBB\xBF");
    for (std::size_t pos = 0; all_entry_lines && pos < text.size();) {
      std::size_t nl = text.find('\n', pos);
      std::size_t end = nl == std::string::npos ? text.size() : nl;
      const std::string_view line = std::string_view(text).substr(pos, end - pos);
      entry_line::Line l;
      all_entry_lines = entry_line::decode(line, l) || entry_line::is_blank_or_comment(line);
      pos = end + 1;
    }
    fast += quick && all_entry_lines;
  }
  CHECK(fast > 100);  // the fast check decided a fair share of the files by itself
}

namespace {

std::string fmt_id(int round, std::size_t i) {
  char buf[32];  // 10 digits for the round and position the tests use
  std::snprintf(buf, sizeof buf, "%04x%06zx", static_cast<unsigned>(round), i);
  return buf;
}

// The ledger as text: every assignment's state and the units' reports.
std::string describe(const Ledger& l) {
  std::string s;
  for (const auto& r : l.rows) {
    s += std::to_string(r.assignment) + ":" + state_key(r.state) + "|" +
         (r.done_on ? iso(*r.done_on) : "-") + "|" + (r.last_date ? iso(*r.last_date) : "-") + "|" +
         r.note + "|" + (r.overdue ? "overdue" : "") + (r.late ? "late" : "") +
         (r.due_soon ? "soon" : "") + "\n";
  }
  for (const auto& [unit, day] : l.last_entry) s += unit + " last " + iso(day) + "\n";
  for (const auto& [unit, months] : l.report_months)
    for (int m : months) s += unit + " month " + std::to_string(m) + "\n";
  return s;
}

// A unit file of up to 40 entries dated from 2024-01-01 over `days` days, with corrections,
// retractions, task- and part-level entries, entries on an item that is not the unit's, notes
// of every length and stamps or none.
std::string generated_file(std::mt19937& rng, int round, int days) {
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  std::string text;
  std::vector<std::string> ids;
  const std::size_t n = 1 + pick(40);
  for (std::size_t i = 0; i < n; ++i) {
    ProgressEntry e;
    e.unit = "甲镇";
    e.date = add_days(*parse_iso_date("2024-01-01"), static_cast<int>(pick(days)));
    e.id = fmt_id(round, i);
    if (!ids.empty() && pick(10) == 0) {
      e.retracts = ids[pick(ids.size())];
      e.reason = "撤回";
    } else {
      static const char* kItems[] = {"(1)", "(1)", "2a", "1", "2", "(2)"};  // (2): 司法局's
      e.item = kItems[pick(std::size(kItems))];
      e.status = static_cast<State>(pick(4));
      e.note = std::string(pick(3) * 40, 'x') + std::to_string(i);
      if (!ids.empty() && pick(6) == 0) {
        e.amends = ids[pick(ids.size())];
        e.reason = "更正";
      }
    }
    if (pick(2)) e.recorded = "2025-01-0" + std::to_string(1 + pick(9)) + "T10:00:00+08:00";
    ids.push_back(e.id);
    text += format_entry_line(e);
  }
  return text;
}

}  // namespace

TEST_CASE("the ledger from each file's entries handed out compact equals the one from entries") {
  // Reports hand each file's entries in force to the ledger in one compact call
  // (StreamOptions::ledger_sink), straight from where they were decoded; plan log, check and
  // the tests take them one by one. Files in any order, with corrections, retractions, entries
  // the plan moved away from the unit and notes of every length must give the same ledger.
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  std::mt19937 rng(20251128);
  const Date today = *parse_iso_date("2025-06-30");
  std::size_t compared = 0;
  for (int round = 0; round < 500; ++round) {
    const std::string text = generated_file(rng, round, 500);
    StreamOptions o;
    o.skip_broken_files = true;
    Diagnostics d1, d2;
    LedgerBuilder one(index, today), compact(index, today);
    bool kept1 = stream_progress_text(
        text, "甲镇.yaml", "甲镇", index, today, d1, [&](ProgressEntry&& e) { one.add(e); }, 0, o);
    o.ledger_sink = [&](const std::string& unit, const LedgerEntry* es, std::size_t k) {
      compact.add(unit, es, k, false);
    };
    bool kept2 = stream_progress_text(
        text, "甲镇.yaml", "甲镇", index, today, d2,
        [&](ProgressEntry&&) { FAIL("an entry went to the sink with a ledger_sink set"); }, 0, o);
    INFO("file: ", text);
    REQUIRE(kept1 == kept2);
    REQUIRE(d1.size() == d2.size());
    REQUIRE(describe(one.finish()) == describe(compact.finish()));
    compared += kept1;
  }
  CHECK(compared > 250);  // most files have no error and are counted
}

TEST_CASE("the ledger keeps one note per assignment, however many entries it is handed") {
  // Entries handed one by one (plan log, check) keep their latest note in the assignment's own
  // string; a file's entries handed at once copy the latest notes of the assignments they touch
  // into one block. Either way the notes kept do not grow with the entries.
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  const Date today = *parse_iso_date("2025-06-30");
  std::vector<std::string> notes;
  notes.reserve(2000);  // the entries point into them
  std::vector<LedgerEntry> file;
  const std::int32_t item = static_cast<std::int32_t>(*index.find_item("(1)"));
  for (int i = 0; i < 2000; ++i) {
    notes.push_back("第" + std::to_string(i) + "次报送：" + std::string(200, 'x'));
    LedgerEntry e;
    e.date = e.reported_on = add_days(*parse_iso_date("2020-01-01"), i / 4);
    e.item = item;
    e.status = State::in_progress;
    e.note = notes.back();
    file.push_back(e);
  }
  LedgerBuilder one_by_one(index, today), at_once(index, today);
  for (const LedgerEntry& e : file) one_by_one.add("甲镇", &e, 1, false);
  CHECK(one_by_one.note_block_bytes() == 0);
  at_once.add("甲镇", file.data(), file.size(), false);
  CHECK(at_once.note_block_bytes() == notes.back().size());  // the one assignment's latest
  // The buffer the entries pointed into is reused for the next file.
  for (auto& n : notes) std::fill(n.begin(), n.end(), '?');
  const std::string want = "第1999次报送：" + std::string(200, 'x');
  const auto a = index.assignment_of(static_cast<std::size_t>(item), "甲镇");
  REQUIRE(a);
  for (const Ledger& l : {one_by_one.finish(), at_once.finish()}) {
    const auto row = std::find_if(l.rows.begin(), l.rows.end(),
                                  [&](const AssignmentStatus& r) { return r.assignment == *a; });
    REQUIRE(row != l.rows.end());
    CHECK(row->note == want);
  }
}

TEST_CASE("a unit's entries folded give the ledger its entries give, on every as-of date") {
  // The progress cache keeps each file's entries in force folded (LedgerBuilder::fold), and a
  // warm report takes the fold for its as-of date (add_fold) instead of the entries: on any
  // date, before, between and after the entries, on days with several entries, the ledger must
  // be the one add() of the same entries gives.
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  std::mt19937 rng(20261128);
  const Date today = *parse_iso_date("2025-06-30");
  std::size_t compared = 0;
  for (int round = 0; round < 300; ++round) {
    // Half the files crowd their entries into 20 days: many days with several entries.
    const std::string text = generated_file(rng, round, round % 2 ? 500 : 20);
    std::vector<LedgerEntry> entries;
    std::vector<std::string> notes;
    // No entry in force: no call, and the fold of nothing.
    std::string fold = LedgerBuilder::fold(index, "甲镇", nullptr, 0);
    StreamOptions o;
    o.skip_broken_files = true;
    o.ledger_sink = [&](const std::string& unit, const LedgerEntry* es, std::size_t k) {
      fold = LedgerBuilder::fold(index, unit, es, k);
      entries.assign(es, es + k);
      notes.clear();
      for (const auto& e : entries) notes.emplace_back(e.note);  // they outlive the call
      for (std::size_t i = 0; i < entries.size(); ++i) entries[i].note = notes[i];
    };
    Diagnostics d;
    if (!stream_progress_text(
            text, "甲镇.yaml", "甲镇", index, today, d, [](ProgressEntry&&) {}, 0, o))
      continue;
    INFO("file: ", text);
    REQUIRE_FALSE(fold.empty());
    for (int day = -3; day <= 505; day += (round % 2 ? 7 : 1)) {
      const Date as_of = add_days(*parse_iso_date("2024-01-01"), day);
      LedgerBuilder by_entries(index, as_of), by_fold(index, as_of);
      by_entries.add("甲镇", entries.data(), entries.size(), false);
      REQUIRE(by_fold.add_fold("甲镇", fold));
      INFO("as of ", iso(as_of));
      REQUIRE(describe(by_entries.finish()) == describe(by_fold.finish()));
      ++compared;
    }
  }
  CHECK(compared > 10000);
}

TEST_CASE("a fold that is cut or points outside itself is refused, and nothing is added") {
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  const Date as_of = *parse_iso_date("2025-06-30");
  std::mt19937 rng(5);
  std::string fold;
  StreamOptions o;
  o.ledger_sink = [&](const std::string& unit, const LedgerEntry* es, std::size_t k) {
    fold = LedgerBuilder::fold(index, unit, es, k);
  };
  Diagnostics d;
  std::string text;
  while (fold.size() < 200) {
    text = generated_file(rng, 1, 500);
    stream_progress_text(
        text, "甲镇.yaml", "甲镇", index, as_of, d, [](ProgressEntry&&) {}, 0, o);
  }
  const std::string untouched = describe(LedgerBuilder(index, as_of).finish());
  for (std::size_t cut = 0; cut < 16; ++cut) {
    LedgerBuilder b(index, as_of);
    CHECK_FALSE(b.add_fold("甲镇", std::string_view(fold).substr(0, cut)));
  }
  // The counts say there are more steps than there are bytes; a step's note outside the notes;
  // a track past the assignments.
  auto refused = [&](std::string bad) {
    LedgerBuilder b(index, as_of);
    const bool taken = b.add_fold("甲镇", bad);
    return !taken && describe(b.finish()) == untouched;
  };
  std::string more_steps = fold;
  more_steps[12] = '\xff';
  CHECK(refused(more_steps));
  auto u32 = [&](std::size_t at) {
    std::uint32_t v;
    std::memcpy(&v, fold.data() + at, 4);
    return v;
  };
  const std::size_t tracks_at = 16 + 4 * u32(0) + 8 * u32(4), steps_at = tracks_at + 12 * u32(8);
  REQUIRE(u32(12) > 0);
  std::string long_note = fold;
  long_note[steps_at + 12 + 3] = '\x7f';  // the first step's note length
  CHECK(refused(long_note));
  std::string far_track = fold;
  far_track[tracks_at + 3] = '\x7f';  // the first track's assignment
  CHECK(refused(far_track));
}

TEST_CASE(
    "in_force_order is effective_before's stable order, whatever the keys it compares first") {
  // It compares the day and the first bytes of `recorded` and `id` before the entries
  // themselves: stamps that share their first 16 bytes, empty stamps, ids that share a prefix.
  std::mt19937 rng(7);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  static const char* kStamps[] = {"",
                                  "",
                                  "2025-01-05T10:23:11+08:00",
                                  "2025-01-05T10:23:59+08:00",
                                  "2025-01-05T10:2",
                                  "2025-01-05T10:23:11Z",
                                  "2025-01-06T00:00:00Z"};
  static const char* kIds[] = {"0123456789", "0123456780",  "01234567",
                               "ffffffffff", "0123456789a", "a"};
  // Files of random entries over a few days, over many days (more than the entries: the runs
  // are merged) and kept item by item (runs of dates in order, one per item: sorted by day
  // buckets), each with ties on every key.
  for (int round = 0; round < 900; ++round) {
    const int shape = round % 3;
    std::vector<ProgressEntry> entries(1 + pick(shape == 2 ? 400 : 60));
    std::vector<EntryFate> fates(entries.size());
    const std::size_t per_item = 1 + pick(40);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::size_t day = shape == 0   ? pick(3)
                              : shape == 1 ? pick(5000)
                                           : (i % per_item) * 30 + pick(3);
      entries[i].date = add_days(*parse_iso_date("2025-01-01"), static_cast<int>(day));
      entries[i].recorded = kStamps[pick(std::size(kStamps))];
      entries[i].id = kIds[pick(std::size(kIds))];
      if (pick(8) == 0) fates[i].kind = EntryFate::Kind::superseded;
    }
    std::vector<std::size_t> want;
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (fates[i].kind == EntryFate::Kind::in_force) want.push_back(i);
    std::stable_sort(want.begin(), want.end(), [&](std::size_t a, std::size_t b) {
      return effective_before(entries[a], entries[b]);
    });
    REQUIRE(in_force_order(entries, fates) == want);
  }
}

namespace {

// What a reading hands the ledger, as text: each call's unit and entries, every field.
std::string describe_ledger_calls(const std::string& text, const PlanIndex& index, bool lean,
                                  bool skip_broken, Check check) {
  StreamOptions o;
  o.lean = lean;
  o.skip_broken_files = skip_broken;
  std::string out;
  o.ledger_sink = [&](const std::string& unit, const LedgerEntry* es, std::size_t n) {
    out += "call " + unit + " " + std::to_string(n) + "\n";
    for (std::size_t i = 0; i < n; ++i) {
      const LedgerEntry& e = es[i];
      out += iso(e.date) + "|" + iso(e.reported_on) + "|" + std::to_string(e.item) + "|" +
             state_key(e.status) + "|" + (e.orphaned ? "o" : "") + (e.retraction ? "r" : "") + "|" +
             std::string(e.note) + "\n";
    }
  };
  Diagnostics diags;
  bool kept = !skip_broken;
  if (check != Check::first || check_text(text, "甲镇.yaml", diags))
    kept = stream_progress_text(
        text, "甲镇.yaml", "甲镇", index, *parse_iso_date("2025-06-30"), diags,
        [&](ProgressEntry&&) { out += "an entry went to the sink\n"; }, 3, o, nullptr,
        check != Check::while_decoding);
  out = std::string(kept ? "kept\n" : "skipped\n") + out;
  for (const auto& d : diags) out += describe(d) + "\n";
  return out;
}

// A value double-quoted, as people write one by hand.
std::string quoted_value(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// An entry as people write it by hand: a block mapping over several lines, its keys in any
// order, the note (when there is one) most often a literal block, its lines indented alike.
std::string block_form(const ProgressEntry& e, Generator& g) {
  static const char* kWords[] = {"未开始", "进行中", "受阻", "已完成"};  // State's order
  std::vector<std::string> keys;
  keys.push_back("date: " + iso(e.date));
  if (!e.item.empty()) keys.push_back("item: " + quoted_value(e.item));
  keys.push_back("status: " + std::string(g.chance(0.5) ? kWords[static_cast<int>(e.status)]
                                                        : state_key(e.status)));
  if (!e.note.empty()) {
    if (g.chance(0.8)) {
      const std::string indent(3 + g.pick(4), ' ');
      std::string block = "note: |";
      std::size_t from = 0;
      for (std::size_t nl; from <= e.note.size(); from = nl + 1) {
        nl = std::min(e.note.find('\n', from), e.note.size());
        // A line after the first may be indented more: the spaces are the line's.
        block +=
            "\n" + indent + (from > 0 && g.chance(0.1) ? " " : "") + e.note.substr(from, nl - from);
      }
      keys.push_back(block);
    } else {
      keys.push_back("note: " + quoted_value(e.note));
    }
  }
  if (!e.evidence.empty()) {
    std::string list = "evidence: [";
    for (std::size_t i = 0; i < e.evidence.size(); ++i)
      list += (i ? ", " : "") + quoted_value(e.evidence[i]);
    keys.push_back(list + "]");
  }
  if (!e.by.empty()) keys.push_back("by: " + quoted_value(e.by));
  if (!e.reason.empty()) keys.push_back("reason: " + quoted_value(e.reason));
  if (!e.recorded.empty()) keys.push_back("recorded: " + e.recorded);
  if (!e.id.empty()) keys.push_back("id: " + quoted_value(e.id));
  for (std::size_t i = keys.size(); i > 1; --i) std::swap(keys[i - 1], keys[g.pick(i)]);
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) out += (i ? "  " : "- ") + keys[i] + "\n";
  return out;
}

// A hand-written entry changed a little, at the edges of what decode_block_at takes: another
// block indicator, an empty or blank line, other indentation, a tab, a '\r', trailing spaces,
// a comment, a continuation line, an unquoted item, a key twice, a character changed.
std::string bend(std::string block, Generator& g) {
  // The start of a line of the entry, after the first.
  const auto line_start = [&] {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i + 1 < block.size(); ++i)
      if (block[i] == '\n') at.push_back(i + 1);
    return at.empty() ? block.size() : at[g.pick(at.size())];
  };
  const auto line_end = [&] {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < block.size(); ++i)
      if (block[i] == '\n') at.push_back(i);
    return at[g.pick(at.size())];
  };
  switch (g.pick(15)) {
    case 0: {
      static const char* kHeads[] = {"|-", "|+", "|2", ">", "| ", "|  # 注", ">-", "|4", "|\t"};
      const std::size_t at = block.find("note: |\n");
      if (at != std::string::npos) block.replace(at + 6, 1, kHeads[g.pick(std::size(kHeads))]);
      break;
    }
    case 1:
      block.insert(line_start(), "\n");
      break;
    case 2: {
      static const char* kBlank[] = {" ", "  ", "    ", "       "};
      block.insert(line_start(), std::string(kBlank[g.pick(std::size(kBlank))]) + "\n");
      break;
    }
    case 3: {  // a line indented otherwise
      const std::size_t at = line_start();
      const std::size_t spaces = block.find_first_not_of(' ', at) - at;
      block.replace(at, spaces, std::string(g.pick(8), ' '));
      break;
    }
    case 4:
      block.insert(g.pick(block.size()), "\t");
      break;
    case 5:
      block.insert(line_end(), "\r");
      break;
    case 6:
      block.insert(line_end(), g.chance(0.5) ? " " : "  ");
      break;
    case 7:
      block.insert(line_end(), g.chance(0.5) ? " # 注" : " #");
      break;
    case 8:  // a more indented line after a key's line: a plain value's continuation
      block.insert(block.find('\n') + 1, std::string(3 + g.pick(3), ' ') + "更多\n");
      break;
    case 9: {
      const std::size_t at = block.find("item: \"");
      if (at != std::string::npos) {
        block.erase(at + 6, 1);
        block.erase(block.find('"', at), 1);
      }
      break;
    }
    case 10: {  // a key's line twice
      const std::size_t at = line_start();
      const std::size_t end = block.find('\n', at);
      if (end != std::string::npos) block.insert(at, block.substr(at, end + 1 - at));
      break;
    }
    case 11:
      block.replace(0, 2, g.chance(0.5) ? "-  " : "-\t");
      break;
    case 12:  // more lines after the entry, and an indented one after empty lines
      block += g.chance(0.5) ? "\n   x\n" : "\n\n  by: \"张\"\n";
      break;
    default: {
      const std::size_t at = g.pick(block.size());
      static const char kChars[] = " :#|>-\"\\\tx\n'{[";
      if (g.chance(0.5)) {
        block[at] = kChars[g.pick(sizeof kChars - 1)];
      } else {
        block.insert(at, 1, kChars[g.pick(sizeof kChars - 1)]);
      }
    }
  }
  return block;
}

// Files of lines as plan record writes them, all the lean reading takes (甲镇's items, no date
// after tomorrow, ids that differ, one entry per item and day), with comments, blank lines,
// CRLF, a byte order mark; and now and then one thing that sends the file the full way.
class CleanFiles {
 public:
  explicit CleanFiles(unsigned seed) : g_(seed) {}
  double blocks = 0.04;           // the share of entries written by hand as block mappings
  bool bent = false;              // and those changed a little (bend)
  std::size_t block_entries = 0;  // block mappings decode_block_at takes, in every file so far

  std::string file(std::size_t n, bool spoil) {
    std::string out;
    if (g_.chance(0.1)) out += "\xEF\xBB\xBF";
    const bool crlf = g_.chance(0.1);
    std::vector<std::string> lines;
    std::vector<ProgressEntry> made;
    const int span = g_.chance(0.5) ? 20 : 900;  // crowded days or few
    std::vector<std::pair<std::string, int>> item_days;
    for (std::size_t i = 0; i < n; ++i) {
      ProgressEntry e = clean_entry(span);
      const std::pair<std::string, int> key{normalize_item_id(e.item), day_number(e.date)};
      if (std::find(item_days.begin(), item_days.end(), key) != item_days.end()) continue;
      item_days.push_back(key);
      made.push_back(e);
      // Now and then written by hand as a block mapping (read by decode_block_at, or when it
      // leaves it to libyaml, through libyaml: still taken, unless bent).
      if (g_.chance(blocks)) {
        lines.push_back(block_form(e, g_));
        if (bent && g_.chance(0.5)) lines.back() = bend(lines.back(), g_);
        entry_line::Line l;
        block_entries += entry_line::decode_block_at(lines.back(), 0, l) != std::string::npos;
        continue;
      }
      lines.push_back(format_entry_line(e));
      // Now and then written by hand: over two lines, or with a comment after it (read
      // through libyaml, a run of such lines at a time, and still taken).
      if (g_.chance(0.08)) {
        std::string& l = lines.back();
        if (g_.chance(0.5)) {
          l.replace(l.find(", item: "), 8, ",\n  item: ");
        } else {
          l.insert(l.size() - 1, g_.chance(0.5) ? "  # 手写" : " #");
        }
        if (g_.chance(0.2)) lines.push_back("# 手写的一行之后\n");
      }
      if (g_.chance(0.05)) lines.push_back("# " + std::string(g_.chance(0.5) ? "注释" : "") + "\n");
      if (g_.chance(0.05)) lines.push_back("\n");
    }
    if (spoil && !made.empty()) spoil_one(lines, made);
    for (auto& l : lines) {
      if (crlf && !l.empty() && l.back() == '\n') l.insert(l.size() - 1, "\r");
      out += l;
    }
    // Now and then no line break at the end.
    if (g_.chance(0.05) && !out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

 private:
  ProgressEntry clean_entry(int span) {
    ProgressEntry e;
    e.unit = "甲镇";
    // Up to the day after today (2025-06-30): the clock of the one who wrote it may be ahead.
    e.date = add_days(*parse_iso_date("2025-07-01"), -static_cast<int>(g_.pick(span)));
    // 甲镇's, at every level, and as people write them (the id is made from the plan's form).
    static const char* kItems[] = {"(1)", "2a", "1", "2", "（1）", " 2A"};
    e.item = kItems[g_.pick(std::size(kItems))];
    e.status = static_cast<State>(g_.pick(4));
    static const char* kNotes[] = {"",      "第1次报送",        "说明\n第二行", "引号\"与\\反斜杠",
                                   "é～，", "\xf0\x9f\x98\x80", "tab\tx",       "#不是注释"};
    e.note = kNotes[g_.pick(std::size(kNotes))];
    if (g_.chance(0.3)) e.note += std::to_string(g_.pick(1000));
    if (g_.chance(0.1)) e.evidence = {"docs/a.pdf", "会议纪要"};
    if (g_.chance(0.3)) e.by = g_.chance(0.5) ? "张三" : "李\"四";
    if (g_.chance(0.5)) {
      static const char* kStamps[] = {"2025-01-05T10:23:11+08:00", "2025-06-30T23:59:59Z",
                                      "2025-01-05T10:23:11-05:30", "2025-01-05T10:23:12+08:00"};
      e.recorded = kStamps[g_.pick(std::size(kStamps))];
    }
    if (g_.chance(0.5)) e.id = g_.hex(10);  // else derived from the content
    if (g_.chance(0.05)) e.reason = "补报";
    return e;
  }

  // One line that the full reading must see: each kind at least now and then.
  void spoil_one(std::vector<std::string>& lines, const std::vector<ProgressEntry>& made) {
    const ProgressEntry& some = made[g_.pick(made.size())];
    ProgressEntry e = some;
    std::string line;
    switch (g_.pick(13)) {
      case 0:  // the same line twice: the same id
        line = format_entry_line(some);
        break;
      case 12:  // another entry with an id the file has
        e.id = some.id.empty() ? derived_entry_id(some) : some.id;
        e.date = add_days(e.date, -1000);
        line = format_entry_line(e);
        break;
      case 1:  // the same item and day, another id
        e.id = g_.hex(12);
        e.status = static_cast<State>((static_cast<int>(e.status) + 1) % 4);
        line = format_entry_line(e);
        break;
      case 2:  // dated after tomorrow
        e.date = *parse_iso_date("2025-07-02");
        e.id = g_.hex(11);
        line = format_entry_line(e);
        break;
      case 3:  // an item the unit is not responsible for, or no item the plan has
        e.item = g_.chance(0.5) ? "(2)" : "9";
        e.id = g_.hex(11);
        line = format_entry_line(e);
        break;
      case 4: {  // a correction or a retraction of an entry of the file
        ProgressEntry c;
        c.unit = "甲镇";
        c.date = *parse_iso_date("2025-06-30");
        c.reason = "更正";
        const std::string target = some.id.empty() ? derived_entry_id(some) : some.id;
        if (g_.chance(0.5)) {
          c.retracts = target;
        } else {
          c = e;
          c.id.clear();
          c.date = *parse_iso_date("2025-05-05");
          c.amends = target;
          c.reason = "更正";
        }
        line = format_entry_line(c);
        break;
      }
      case 5:  // written by hand over several lines
        line = "- date: 2025-01-03\n  item: \"(1)\"\n  status: done\n";
        break;
      case 6:  // not UTF-8
        line = "# \xb9\xa4\xd7\xf7\n";
        break;
      case 7:  // a stamp that is no time
        line = "- {date: 2025-01-04, item: \"1\", status: done, recorded: 2025-02-30T10:00:00Z}\n";
        break;
      case 8:  // a malformed id
        line = "- {date: 2025-01-04, item: \"1\", status: done, id: \"xyz\"}\n";
        break;
      case 9:  // a quoted date and status: still read, the full way or not
        line = "- {date: \"2025-01-04\", item: \"2a\", status: \"已完成\", id: \"abcdef1234\"}\n";
        break;
      case 10:  // an empty evidence item
        line = "- {date: 2025-01-04, item: \"1\", status: done, evidence: [\"\"]}\n";
        break;
      default:  // a document marker
        line = "---\n";
    }
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(g_.pick(lines.size() + 1)), line);
  }

  Generator g_;
};

}  // namespace

TEST_CASE("the lean reading hands the ledger exactly what the full reading hands it") {
  // Reports read a file of nothing but clean canonical lines straight into the ledger's compact
  // entries (core/progress/lean.h), and any other file the full way. Whichever way a file is
  // read, the ledger must be handed the same entries in the same order, with the same
  // diagnostics: on clean files, and on files with one line of every kind the lean reading
  // leaves to the full one.
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  CleanFiles files(20261129);
  const Date today = *parse_iso_date("2025-06-30");
  std::size_t lean = 0, full = 0;
  StreamOptions taken;
  taken.ledger_sink = [](const std::string&, const LedgerEntry*, std::size_t) {};
  for (int round = 0; round < 4000; ++round) {
    const bool spoil = round % 2 == 1;
    const std::string text = files.file(round % 10 == 0 ? 300 : 1 + round % 40, spoil);
    const bool skip = round % 3 == 0;
    const Check check = round % 4 == 0 ? Check::first : Check::while_decoding;
    INFO("file: ", text);
    const std::string want = describe_ledger_calls(text, index, false, skip, check);
    REQUIRE(describe_ledger_calls(text, index, true, skip, check) == want);
    const bool took = lean_hand_out(text, "甲镇", index, today, taken);
    (took ? lean : full) += 1;
    // A clean file is always taken; one it takes has nothing to say.
    if (!spoil) REQUIRE(took);
    if (took) REQUIRE(want.find(":warning:") == std::string::npos);
    if (took) REQUIRE(want.find(":error:") == std::string::npos);
  }
  CHECK(lean > 2000);  // every clean file and the spoilt ones that are still clean
  CHECK(full > 1500);  // most spoilt files
}

TEST_CASE("the lean reading of entries written by hand over several lines is libyaml's") {
  // Hand-written entries are block mappings, the note often a literal block ("note: |"). The
  // lean reading reads those of the shape decode_block_at knows and leaves any other to
  // libyaml; either way the ledger must be handed what the full reading (libyaml) hands it.
  // Here four in ten entries are written by hand and half of those changed a little (bend).
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  CleanFiles files(20261130);
  files.blocks = 0.4;
  files.bent = true;
  const Date today = *parse_iso_date("2025-06-30");
  std::size_t lean = 0;
  StreamOptions taken;
  taken.ledger_sink = [](const std::string&, const LedgerEntry*, std::size_t) {};
  for (int round = 0; round < 3000; ++round) {
    const std::string text = files.file(1 + round % 30, round % 5 == 4);
    const bool skip = round % 3 == 0;
    const Check check = round % 4 == 0 ? Check::first : Check::while_decoding;
    INFO("file: ", text);
    REQUIRE(describe_ledger_calls(text, index, true, skip, check) ==
            describe_ledger_calls(text, index, false, skip, check));
    lean += lean_hand_out(text, "甲镇", index, today, taken);
  }
  // Not a test of nothing: most hand-written entries are read without libyaml, and most files
  // are taken the lean way.
  CHECK(files.block_entries > 4000);
  CHECK(lean > 600);
}

TEST_CASE("fast path: an entry written by hand, its note a literal block, and what is left") {
  using entry_line::Key;
  entry_line::Line l;
  const std::string entry =
      "- date: 2024-03-29\n"
      "  item: \"(38)\"\n"
      "  status: 进行中\n"
      "  note: |\n"
      "     第一行 # 不是注释: 也不是键\n"
      "       \"更多缩进\" \\ - [x]\n"
      "     ---\n"
      "  by: \"张三\"\n";
  const std::string text = entry + "\n\n- {date: 2024-03-30, item: \"(38)\", status: done}\n";
  REQUIRE(entry_line::decode_block_at(text, 0, l) == entry.size() - 1);
  CHECK(l[Key::date].value() == "2024-03-29");
  CHECK(l[Key::item].value() == "(38)");
  CHECK(l[Key::status].value() == "进行中");
  CHECK(l[Key::note].value() == "第一行 # 不是注释: 也不是键\n  \"更多缩进\" \\ - [x]\n---\n");
  CHECK(l[Key::by].value() == "张三");
  CHECK_FALSE(l[Key::id].present);
  // At the end of the text, with or without the last line break.
  CHECK(entry_line::decode_block_at(entry, 0, l) == entry.size() - 1);
  const std::string short_entry = "- date: 2024-03-29\n  item: \"1\"\n  status: done";
  CHECK(entry_line::decode_block_at(short_entry, 0, l) == short_entry.size());
  CHECK(l[Key::status].value() == "done");
  // Everything else is left to libyaml.
  const std::string left[] = {
      "- date: 2024-03-29\n  note: |-\n    x\n",          // chomping indicator
      "- date: 2024-03-29\n  note: |2\n    x\n",          // indentation indicator
      "- date: 2024-03-29\n  note: >\n    x\n",           // folded
      "- date: 2024-03-29\n  note: | # c\n    x\n",       // a comment after '|'
      "- date: 2024-03-29\n  note: |\n    x\n\n    y\n",  // an empty line within
      "- date: 2024-03-29\n  note: |\n    x\n    \n",     // a line of spaces
      "- date: 2024-03-29\n  note: |\n    x\n   y\n",     // less indented
      "- date: 2024-03-29\n  note: |\n  x\n",             // not beyond the mapping
      "- date: 2024-03-29\n  note: |\n    x\ty\n",        // a tab
      "- date: 2024-03-29\n  note: |\n    x",             // no last line break
      "- date: 2024-03-29\r\n  status: done\r\n",         // CRLF
      "- date: 2024-03-29 \n  status: done\n",            // trailing space
      "- date: 2024-03-29 # c\n  status: done\n",         // a comment
      "- date: 2024-03-29\n   more\n  status: done\n",    // a plain value's continuation
      "- date: 2024-03-29\n\n  status: done\n",           // an empty line, then more keys
      "- date: 2024-03-29\n  item: (38)\n",               // a plain item
      "- date: 2024-03-29\n  date: 2024-03-29\n",         // a key twice
      "- date: 2024-03-29\n   status: done\n",            // a key indented otherwise
      "- date: 2024-03-29\n  other: x\n",                 // an unknown key
      "-  date: 2024-03-29\n",                            // two spaces after '-'
      "- date: 2024-03-29\n  note: |\n    x\xc2\x85y\n",  // a line break libyaml knows
  };
  for (const std::string& t : left) {
    INFO(t);
    CHECK(entry_line::decode_block_at(t, 0, l) == std::string::npos);
  }
}

TEST_CASE("the lean reading of a file larger than the buffers a thread keeps") {
  // Its sets of ids and of item-days grow past their first size, and what it keeps for the
  // next file is given back: the same ledger as the full reading, and the next file too.
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  const Date today = *parse_iso_date("2025-06-30");
  static const char* kItems[] = {"(1)", "2a", "1", "2"};
  std::string big;
  for (int i = 0; i < 70000; ++i) {
    ProgressEntry e;
    e.unit = "甲镇";
    e.date = add_days(today, -i / 4);
    e.item = kItems[i % 4];
    e.status = static_cast<State>(i % 4);
    e.note = "第" + std::to_string(i) + "次";
    if (i % 3 == 0) e.id = fmt_id(7, static_cast<std::size_t>(i));
    big += format_entry_line(e);
  }
  StreamOptions taken;
  taken.ledger_sink = [](const std::string&, const LedgerEntry*, std::size_t) {};
  CHECK(lean_hand_out(big, "甲镇", index, today, taken));
  CHECK(describe_ledger_calls(big, index, true, false, Check::while_decoding) ==
        describe_ledger_calls(big, index, false, false, Check::while_decoding));
  const std::string small = big.substr(0, big.find('\n', 4000) + 1);
  CHECK(describe_ledger_calls(small, index, true, false, Check::while_decoding) ==
        describe_ledger_calls(small, index, false, false, Check::while_decoding));
}

TEST_CASE("the lean reading puts a day's many entries in the full reading's order") {
  // Units report all their items on the same day, so a day holds many entries. The lean
  // reading orders a day's entries with one recorded stamp by counting how many ids are
  // smaller (their first eight bytes), and any other day the way the full reading does. Days
  // of 2 to 70 entries: ids derived or written, random, alike in their first eight digits,
  // shorter than eight or the beginning of another; recorded stamps none, one for all, or
  // several.
  std::string tasks = R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务一
        units: [全部]
        deadline: 2024年6月底前
        measures:
)";
  constexpr int kItems = 70;
  for (int m = 1; m <= kItems; ++m)
    tasks += "          - id: (" + std::to_string(m) + ")\n            text: 措施\n";
  Fixture f{tasks, kUnits};
  INFO(f.text());
  REQUIRE(f.diags.empty());
  PlanIndex index{f.plan};
  const Date today = *parse_iso_date("2025-06-30");
  StreamOptions taken;
  taken.ledger_sink = [](const std::string&, const LedgerEntry*, std::size_t) {};
  std::mt19937 rng(20261129);
  const auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const auto hex = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "0123456789abcdef"[pick(16)];
    return s;
  };
  static const char* kStamps[] = {"2025-01-05T10:23:11+08:00", "2025-01-05T10:23:11Z",
                                  "2025-01-05T10:23:12+08:00"};
  for (int round = 0; round < 600; ++round) {
    const int kind = round % 6;        // how ids are made
    const int stamps = round / 6 % 3;  // none, one for all, several
    const std::size_t days = 1 + pick(3);
    const std::size_t per_day = 2 + pick(kItems - 1);
    std::string text;
    std::vector<std::string> ids;
    for (std::size_t d = 0; d < days; ++d) {
      // Each item at most once a day, in no order.
      std::vector<int> items(kItems);
      for (int m = 0; m < kItems; ++m) items[static_cast<std::size_t>(m)] = m + 1;
      std::shuffle(items.begin(), items.end(), rng);
      for (std::size_t k = 0; k < per_day; ++k) {
        ProgressEntry e;
        e.unit = "甲镇";
        e.date = add_days(today, -static_cast<int>(d));
        e.item = "(" + std::to_string(items[k]) + ")";
        e.status = static_cast<State>(pick(4));
        e.note = std::to_string(round) + "-" + std::to_string(d) + "-" + std::to_string(k);
        if (stamps == 1) e.recorded = kStamps[0];
        if (stamps == 2) e.recorded = kStamps[pick(std::size(kStamps))];
        switch (kind) {
          case 0:  // derived from the content
            break;
          case 1:  // written, random
            e.id = hex(10);
            break;
          case 2:  // alike in their first eight digits, now and then
            e.id = (pick(2) ? "abcdef01" : hex(8)) + hex(2 + pick(7));
            break;
          case 3:  // six or seven digits, and some the beginning of others
            e.id = pick(2) ? hex(6 + pick(2)) : "abcdef" + hex(pick(3));
            break;
          case 4:  // some derived, some written
            if (pick(2)) e.id = hex(6 + pick(11));
            break;
          default:  // eight digits that are alike but for the last
            e.id = "0123456" + hex(1) + (pick(2) ? hex(pick(3)) : "");
        }
        if (!e.id.empty() && std::find(ids.begin(), ids.end(), e.id) != ids.end()) continue;
        ids.push_back(e.id);
        text += format_entry_line(e);
      }
    }
    INFO("file: ", text);
    REQUIRE(lean_hand_out(text, "甲镇", index, today, taken));
    REQUIRE(describe_ledger_calls(text, index, true, false, Check::while_decoding) ==
            describe_ledger_calls(text, index, false, false, Check::while_decoding));
  }
}
