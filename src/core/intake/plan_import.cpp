#include "core/intake/plan_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "core/common/date.h"
#include "core/common/text.h"
#include "core/common/yaml_doc.h"
#include "core/intake/form.h"
#include "core/plan/checks.h"
#include "core/plan/emit.h"
#include "core/plan/load.h"
#include "core/plan/names.h"
#include "core/plan/plan_index.h"

namespace plan {

namespace {

using U32 = std::u32string;
using U32View = std::u32string_view;

// ---------------------------------------------------------------- text

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00a0' || c == U'\r';
}
// Chinese characters, full-width forms and CJK punctuation (and anything else that high).
bool is_wide(char32_t c) {
  return c >= 0x2E80;
}
int digit_of(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}
bool is_numeral(char32_t c) {
  return U32View(U"一二三四五六七八九十〇零两").find(c) != U32View::npos;
}
bool starts_with(U32View s, U32View p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}
bool ends_with(U32View s, U32View p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(U32View s, U32View p) {
  return s.find(p) != U32View::npos;
}

U32 trim32(U32View s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (is_space(s[b]) || s[b] == U'\n')) ++b;
  while (e > b && (is_space(s[e - 1]) || s[e - 1] == U'\n')) --e;
  return U32(s.substr(b, e - b));
}

// A cell's text: CR LF and CR as LF, other control characters dropped, trimmed.
std::string clean_text(std::string_view s) {
  U32 out;
  U32 in = to_u32(s);
  for (std::size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    if (c == U'\r') {
      out += U'\n';
      if (i + 1 < in.size() && in[i + 1] == U'\n') ++i;
    } else if (c == U'\t') {
      out += U' ';
    } else if (c == U'\n' || !(c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))) {
      out += c;
    }
  }
  return to_utf8(trim32(out));
}

// The lines of a text as one: nothing between two wide (Chinese) characters, a space otherwise.
U32 join_lines(U32View s) {
  U32 out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != U'\n') {
      out += s[i];
      continue;
    }
    while (!out.empty() && is_space(out.back())) out.pop_back();
    std::size_t j = i + 1;
    while (j < s.size() && (is_space(s[j]) || s[j] == U'\n')) ++j;
    if (!out.empty() && j < s.size() && !(is_wide(out.back()) && is_wide(s[j]))) out += U' ';
    i = j - 1;
  }
  return trim32(out);
}

// Drops spaces that touch a wide character: "各行政执 法单位" → "各行政执法单位", but
// "IT Center" keeps its space.
U32 drop_wide_spaces(U32View s) {
  U32 out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_space(s[i])) {
      std::size_t j = i;
      while (j < s.size() && is_space(s[j])) ++j;
      bool before = !out.empty() && is_wide(out.back());
      bool after = j < s.size() && is_wide(s[j]);
      if (!before && !after && !out.empty() && j < s.size()) out += U' ';
      i = j - 1;
      continue;
    }
    out += s[i];
  }
  return out;
}

std::string number_text(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

// A header as a key: no spaces or line breaks at all, no trailing colon, ASCII lowercased.
std::string header_norm(std::string_view text) {
  U32 out;
  for (char32_t c : to_u32(text)) {
    if (is_space(c) || c == U'\n') continue;
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    out += c;
  }
  while (!out.empty() && (out.back() == U':' || out.back() == U'：')) out.pop_back();
  return to_utf8(out);
}

// ---------------------------------------------------------------- units cells

struct RoleWord {
  U32View word;
  Role role;
};

// A word that is the end of another comes after it.
constexpr RoleWord kRoleSuffixes[] = {
    {U"按照职责分工负责", Role::responsible},
    {U"按照职责分工落实", Role::responsible},
    {U"根据职责分工负责", Role::responsible},
    {U"按职责分工负责", Role::responsible},
    {U"按职责分工落实", Role::responsible},
    {U"按照职责负责", Role::responsible},
    {U"按职责负责", Role::responsible},
    {U"牵头负责", Role::lead},
    {U"牵头落实", Role::lead},
    {U"牵头", Role::lead},
    {U"负责落实", Role::responsible},
    {U"分别负责", Role::responsible},
    {U"共同负责", Role::responsible},
    {U"负责", Role::responsible},
    {U"配合落实", Role::implement},
    {U"具体落实", Role::implement},
    {U"抓好落实", Role::implement},
    {U"组织落实", Role::implement},
    {U"落实", Role::implement},
    {U"配合", Role::implement},
    {U"协助", Role::implement},
    {U"协同", Role::implement},
    {U"协办", Role::implement},
    {U"参与", Role::implement},
};

// The role a label before a colon gives ("牵头单位：", "配合部门："), if it is one.
std::optional<Role> label_role(U32View label) {
  if (label.size() > 8) return std::nullopt;
  if (contains(label, U"牵头")) return Role::lead;
  for (U32View w : {U"配合", U"协办", U"协助", U"参与"})
    if (contains(label, w)) return Role::implement;
  for (U32View w : {U"责任", U"负责", U"主办", U"承办", U"实施"})
    if (contains(label, w)) return Role::responsible;
  return std::nullopt;
}

// The role in brackets at the end of a name, as the export writes it: 司法局（牵头）, X (lead).
std::optional<Role> bracket_role(U32& name) {
  if (name.empty() || (name.back() != U'）' && name.back() != U')')) return std::nullopt;
  auto open = name.find_last_of(U"（(");
  if (open == U32::npos) return std::nullopt;
  U32 inside = trim32(U32View(name).substr(open + 1, name.size() - open - 2));
  static const std::pair<U32View, Role> kWords[] = {
      {U"牵头", Role::lead},        {U"lead", Role::lead},
      {U"负责", Role::responsible}, {U"responsible", Role::responsible},
      {U"落实", Role::implement},   {U"implement", Role::implement},
      {U"配合", Role::implement},   {U"协助", Role::implement},
      {U"参与", Role::implement}};
  for (const auto& [w, role] : kWords) {
    if (inside == w) {
      name = trim32(U32View(name).substr(0, open));
      return role;
    }
  }
  return std::nullopt;
}

int role_strength(Role r) {
  return r == Role::lead ? 3 : r == Role::responsible ? 2 : 1;
}

// ---------------------------------------------------------------- deadlines

bool is_no_deadline(std::string_view text) {
  const std::string n = header_norm(text);
  static const std::set<std::string> kNone = {"无时限", "无", "—", "-", "/", "／", "nodeadline"};
  return n.empty() || kNone.count(n) || n == header_norm(tr(Lang::zh, "no-deadline")) ||
         n == header_norm(tr(Lang::en, "no-deadline"));
}

// ---------------------------------------------------------------- headers

enum class Col { none, seq, section, task, measure, units, lead, support, deadline, note, ignored };

std::set<std::string> norms(std::initializer_list<const char*> words,
                            std::initializer_list<const char*> catalog_keys = {}) {
  std::set<std::string> out;
  for (const char* w : words) out.insert(header_norm(w));
  for (const char* k : catalog_keys) {
    out.insert(header_norm(tr(Lang::zh, k)));
    out.insert(header_norm(tr(Lang::en, k)));
  }
  return out;
}

Col header_col(std::string_view text) {
  static const std::set<std::string> kSeq = norms({"序号", "编号", "序", "no", "no.", "#"});
  static const std::set<std::string> kSection =
      norms({"部分", "板块", "重点领域", "section"}, {"xlsx-col-section"});
  static const std::set<std::string> kTask =
      norms({"重点任务", "主要任务", "工作任务", "任务", "任务名称", "重点工作", "工作项目", "task",
             "tasks"},
            {"xlsx-col-task"});
  static const std::set<std::string> kMeasure =
      norms({"具体措施", "工作措施", "主要措施", "措施", "具体内容", "工作内容", "任务内容",
             "具体任务", "工作举措", "举措", "具体工作", "measure", "measures"},
            {"xlsx-col-measure"});
  static const std::set<std::string> kUnits =
      norms({"责任分工", "责任单位", "责任部门", "负责单位", "责任主体", "承办单位", "实施单位",
             "责任单位及分工", "units", "unit", "responsible"},
            {"xlsx-col-units"});
  static const std::set<std::string> kDeadline =
      norms({"完成时限", "时间节点", "完成时间", "时限", "时限要求", "完成期限", "截止时间",
             "时间要求", "时间安排", "进度安排", "deadline", "deadlines"},
            {"col-deadline"});
  static const std::set<std::string> kNote = norms({"备注", "说明", "note", "notes"});
  // The export's own report columns, and progress columns: not part of a plan.
  static const std::set<std::string> kIgnored = norms(
      {"完成情况", "进展情况", "推进情况", "工作进展", "进展", "完成进度", "落实情况", "duedate"},
      {"col-due", "col-total", "col-done", "col-overdue", "col-completion"});
  const std::string n = header_norm(text);
  if (n.empty()) return Col::none;
  if (kSeq.count(n)) return Col::seq;
  if (kSection.count(n)) return Col::section;
  if (kTask.count(n)) return Col::task;
  if (kMeasure.count(n)) return Col::measure;
  if (kUnits.count(n)) return Col::units;
  if (kDeadline.count(n)) return Col::deadline;
  if (kNote.count(n)) return Col::note;
  if (kIgnored.count(n)) return Col::ignored;
  U32 u = to_u32(n);
  if (u.size() <= 12) {
    // 牵头单位, 配合部门, 责任单位（部门）, 牵头单位及责任单位 …
    bool lead = contains(u, U"牵头"), other = contains(u, U"责任") || contains(u, U"配合");
    if ((contains(u, U"单位") || contains(u, U"部门")) && (lead || other)) {
      if (lead && !other) return Col::lead;
      if (!lead && (contains(u, U"配合") || contains(u, U"协办")) && !contains(u, U"责任"))
        return Col::support;
      return Col::units;
    }
    if (contains(u, U"配合单位") || contains(u, U"协办单位")) return Col::support;
    if (contains(u, U"时限") || contains(u, U"时间节点")) return Col::deadline;
  }
  return Col::none;
}

bool is_table_col(Col c) {
  return c != Col::none && c != Col::ignored;
}

}  // namespace

// ---------------------------------------------------------------- public pieces

std::vector<UnitMention> parse_units_cell(std::string_view text) {
  struct Token {
    U32 text;
    bool clause_end;
  };
  std::vector<Token> tokens;
  U32 cur;
  for (char32_t c : to_u32(clean_text(text))) {
    if (c == U'、') {
      tokens.push_back({cur, false});
      cur.clear();
    } else if (c == U'，' || c == U',' || c == U'；' || c == U';' || c == U'\n' || c == U'。') {
      tokens.push_back({cur, true});
      cur.clear();
    } else {
      cur += c;
    }
  }
  tokens.push_back({cur, true});

  std::vector<UnitMention> out;
  std::vector<std::size_t> pending;  // names whose role the words after them give
  // The role a label gave the clause ("牵头单位：…"); responsible-by-default names wait in
  // `pending` only when there is none.
  bool labelled = false;
  Role clause_role = Role::responsible;
  auto settle = [&](Role role) {
    for (std::size_t i : pending) out[i].role = role;
    pending.clear();
  };
  for (auto& tok : tokens) {
    U32 t = trim32(drop_wide_spaces(tok.text));
    if (auto colon = t.find_first_of(U"：:"); colon != U32::npos) {
      if (auto role = label_role(trim32(U32View(t).substr(0, colon)))) {
        settle(Role::responsible);
        labelled = true;
        clause_role = *role;
        t = trim32(U32View(t).substr(colon + 1));
      }
    }
    std::erase_if(t, [](char32_t c) {
      return c == U'“' || c == U'”' || c == U'"' || c == U'‘' || c == U'’';
    });
    t = trim32(t);
    if (!t.empty()) {
      if (auto role = bracket_role(t)) {
        if (!t.empty()) out.push_back({to_utf8(t), *role});
      } else {
        std::optional<Role> said;
        for (const auto& rw : kRoleSuffixes) {
          if (ends_with(t, rw.word)) {
            said = rw.role;
            t = trim32(U32View(t).substr(0, t.size() - rw.word.size()));
            break;
          }
        }
        if (t.size() > 2 && t.back() == U'等') t.pop_back();
        if (!t.empty()) {
          out.push_back({to_utf8(t), labelled ? clause_role : Role::responsible});
          if (!labelled) pending.push_back(out.size() - 1);
        }
        if (said) settle(*said);
      }
    }
    if (tok.clause_end) {
      settle(Role::responsible);
      labelled = false;
    }
  }
  settle(Role::responsible);

  // A name given twice keeps its first place and its strongest role.
  std::vector<UnitMention> unique;
  std::map<std::string, std::size_t> at;
  for (const auto& m : out) {
    auto [it, fresh] = at.emplace(m.name, unique.size());
    if (fresh) {
      unique.push_back(m);
    } else if (role_strength(m.role) > role_strength(unique[it->second].role)) {
      unique[it->second].role = m.role;
    }
  }
  return unique;
}

std::vector<MeasurePiece> split_measures(std::string_view text) {
  U32 s = to_u32(clean_text(text));
  struct Mark {
    std::size_t at, end;
    int n;
  };
  std::vector<Mark> marks;
  int last = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != U'(' && s[i] != U'（') continue;
    if (i > 0 && !(is_space(s[i - 1]) || s[i - 1] == U'\n' ||
                   U32View(U"。；;").find(s[i - 1]) != U32View::npos))
      continue;
    std::size_t j = i + 1;
    while (j < s.size() && is_space(s[j])) ++j;
    int n = 0, digits = 0;
    for (; j < s.size() && digit_of(s[j]) >= 0 && digits < 5; ++j, ++digits)
      n = n * 10 + digit_of(s[j]);
    while (j < s.size() && is_space(s[j])) ++j;
    if (digits == 0 || digits > 4 || j >= s.size() || (s[j] != U')' && s[j] != U'）')) continue;
    if (n <= last) continue;
    marks.push_back({i, j + 1, n});
    last = n;
  }
  std::vector<MeasurePiece> out;
  auto piece = [&](std::size_t from, std::size_t to) {
    return to_utf8(join_lines(U32View(s).substr(from, to - from)));
  };
  std::size_t first = marks.empty() ? s.size() : marks.front().at;
  if (std::string lead = piece(0, first); !lead.empty()) out.push_back({"", lead});
  for (std::size_t k = 0; k < marks.size(); ++k) {
    std::size_t to = k + 1 < marks.size() ? marks[k + 1].at : s.size();
    out.push_back({"(" + std::to_string(marks[k].n) + ")", piece(marks[k].end, to)});
  }
  return out;
}

Heading parse_heading(std::string_view text) {
  const U32 s = join_lines(to_u32(clean_text(text)));
  Heading h{HeadingKind::none, "", to_utf8(s)};
  auto skip_spaces = [&](std::size_t i) {
    while (i < s.size() && is_space(s[i])) ++i;
    return i;
  };
  // The title after the number and its punctuation.
  auto rest = [&](std::size_t i) {
    i = skip_spaces(i);
    if (i < s.size() && U32View(U"、.．:：").find(s[i]) != U32View::npos) ++i;
    return to_utf8(trim32(U32View(s).substr(std::min(i, s.size()))));
  };
  auto numerals = [&](std::size_t i, std::size_t& end) -> std::optional<int> {
    end = i;
    while (end < s.size() && is_numeral(s[end]) && end - i < 3) ++end;
    if (end == i) return std::nullopt;
    return chinese_number(to_utf8(U32View(s).substr(i, end - i)));
  };
  auto arabic = [&](std::size_t i, std::size_t& end) -> std::optional<int> {
    end = i;
    int n = 0;
    while (end < s.size() && digit_of(s[end]) >= 0 && end - i < 4) n = n * 10 + digit_of(s[end++]);
    if (end == i || n == 0) return std::nullopt;
    return n;
  };
  auto section = [&](int n, std::size_t after) {
    return Heading{HeadingKind::section, chinese_numeral(n), rest(after)};
  };
  if (s.empty()) return h;
  std::size_t e = 0;
  // （一） (一)
  if (s[0] == U'（' || s[0] == U'(') {
    std::size_t i = skip_spaces(1);
    if (auto n = numerals(i, e)) {
      e = skip_spaces(e);
      if (e < s.size() && (s[e] == U'）' || s[e] == U')')) return section(*n, e + 1);
    }
    return h;
  }
  // 第一部分, 第1部分, 第16条
  if (s[0] == U'第') {
    auto n = numerals(1, e);
    if (!n) n = arabic(1, e);
    if (n && starts_with(U32View(s).substr(e), U"部分")) return section(*n, e + 2);
    if (n && e < s.size() && s[e] == U'条')
      return Heading{HeadingKind::task, std::to_string(*n), rest(e + 1)};
    return h;
  }
  // 一、 and 七(一)
  if (auto n = numerals(0, e)) {
    std::size_t k = skip_spaces(e);
    if (k < s.size() && U32View(U"、.．").find(s[k]) != U32View::npos) return section(*n, k + 1);
    if (k < s.size() && (s[k] == U'（' || s[k] == U'(')) {
      std::size_t m = 0;
      if (auto sub = numerals(skip_spaces(k + 1), m)) {
        m = skip_spaces(m);
        if (m < s.size() && (s[m] == U'）' || s[m] == U')'))
          return Heading{HeadingKind::requirement,
                         chinese_numeral(*n) + "(" + chinese_numeral(*sub) + ")", rest(m + 1)};
      }
    }
    return h;
  }
  // 1. 1、 and 5a
  if (auto n = arabic(0, e)) {
    if (e < s.size() && ((s[e] >= U'a' && s[e] <= U'z') || (s[e] >= U'A' && s[e] <= U'Z')) &&
        (e + 1 == s.size() || is_space(s[e + 1]))) {
      char letter = static_cast<char>(std::tolower(static_cast<int>(s[e])));
      return Heading{HeadingKind::part, std::to_string(*n) + letter, rest(e + 1)};
    }
    std::size_t k = skip_spaces(e);
    if (k < s.size() && U32View(U"、.．").find(s[k]) != U32View::npos &&
        !(k + 1 < s.size() && digit_of(s[k + 1]) >= 0))
      return Heading{HeadingKind::task, std::to_string(*n), rest(k + 1)};
  }
  return h;
}

DeadlineKind classify_deadline(std::string_view text) {
  const std::string t = to_utf8(join_lines(to_u32(clean_text(text))));
  if (is_no_deadline(t)) return DeadlineKind::none;
  if (parse_deadline(t).error == DeadlineError::none) return DeadlineKind::date;
  const U32 u = to_u32(t);
  for (U32View w : {U"长期", U"持续", U"常态", U"经常", U"每年", U"每季", U"每月", U"每半年",
                    U"定期", U"适时", U"逐年", U"动态", U"ongoing", U"continuous"})
    if (contains(u, w)) return DeadlineKind::open;
  return DeadlineKind::unreadable;
}

namespace {

// ---------------------------------------------------------------- the import

struct UnitsValue {
  std::vector<UnitRef> refs;
  CellPlace place;
  bool present = false;
};

struct DeadlineValue {
  std::string text;
  DeadlineKind kind = DeadlineKind::none;
  CellPlace place;
  bool present() const { return kind != DeadlineKind::none; }
};

struct DItem {
  enum class Kind { measure, part, loose } kind = Kind::loose;
  std::string id;  // "(3)" or "5a"; "" for loose text
  std::string text;
  CellPlace place;
  UnitsValue units;
  DeadlineValue deadline;
  std::string note;
};

struct DTask {
  bool requirement = false;
  int number = 0;      // 0: to be numbered after the last numbered task
  std::string req_id;  // 七(一)
  std::string title, text;
  CellPlace place;
  UnitsValue units;  // from the row that names the task, without a measure
  DeadlineValue deadline;
  std::string note;
  std::vector<DItem> items;
};

struct DSection {
  int number = 0;  // 0: to be numbered after the last numbered section
  std::string title;
  CellPlace place;
  std::vector<DTask> tasks;
};

// A cell's content as a row sees it: its own, or that of the merged range it lies in.
struct Value {
  std::string text;
  CellPlace place;     // the cell that holds the text (a merged range's top-left cell)
  bool fresh = false;  // the text starts in this row (not a merged range's later rows)
};

// Where a diagnostic was found, for ordering them by row, then column.
struct Said {
  std::uint32_t row, col;
  Diagnostic d;
};

void append_note(std::string& note, const std::string& more) {
  if (more.empty()) return;
  note += (note.empty() ? "" : "；") + more;
}

std::vector<std::pair<std::string, Role>> keyed(const std::vector<UnitRef>& refs) {
  std::vector<std::pair<std::string, Role>> k;
  for (const auto& r : refs) k.emplace_back(r.name, r.role);
  std::sort(k.begin(), k.end());
  return k;
}
bool same_units(const std::vector<UnitRef>& a, const std::vector<UnitRef>& b) {
  return keyed(a) == keyed(b);
}

// The units and groups of the draft: the known ones (--units) and the ones the table adds.
class UnitBook {
 public:
  UnitBook(const Plan* known, Lang lang, std::vector<Said>& said)
      : lang_(lang), said_(said), known_list_(known != nullptr) {
    if (known) {
      known_.units = known->units;
      known_.groups = known->groups;
    }
    index_ = std::make_unique<PlanIndex>(known_);
  }

  // The name to write for a name as the table has it; the first time an unknown one is met it
  // is added (a unit, or a group for 各… names) and said.
  std::string resolve(const std::string& typed, const CellPlace& place, std::uint32_t row,
                      std::uint32_t col) {
    if (auto it = seen_.find(typed); it != seen_.end()) return it->second;
    std::string name = typed;
    if (index_->canonical(typed)) {
      // A known name or alias stays as the table writes it, as tasks.yaml does.
    } else if (auto c = derived(typed)) {
      name = *c;
      say(row, col, warning(place.where(), "import-plan-unit-read-as", {typed, name}));
    } else if (looks_like_group(typed)) {
      Group g;
      g.name = typed;
      g.note = tr(lang_, "import-note-group-empty");
      new_groups_.push_back(g);
      say(row, col,
          warning(place.where(),
                  known_list_ ? "import-plan-group-unknown" : "import-plan-group-new", {typed}));
    } else {
      Unit u;
      u.name = typed;
      std::optional<UnitKind> kind = guess_kind(typed);
      if (known_list_ || !kind) {
        u.kind = UnitKind::other;
        // The note goes into the file: the table's name without the local path.
        CellPlace shown = place;
        shown.file = std::filesystem::path(place.file).filename().string();
        u.note = tr(lang_, "import-note-unit-unknown", {shown.text()});
        std::optional<std::string> near;
        if (known_list_) near = suggest_unit_name(*index_, typed);
        say(row, col,
            warning(place.where(),
                    known_list_ ? "import-plan-unit-unknown" : "import-plan-unit-shape", {typed},
                    near));
      } else {
        u.kind = *kind;
      }
      new_units_.push_back(u);
      first_seen_[typed] = {place, row, col};
    }
    seen_[typed] = name;
    return name;
  }

  // Without a units list, two new names that differ only by the county's name or 人民政府
  // (县司法局, 司法局) are likely one unit: said, for a human to merge.
  void say_similar() {
    if (known_list_) return;
    std::set<std::string> names;
    for (const auto& u : new_units_) names.insert(u.name);
    for (const auto& a : new_units_) {
      std::string b = short_form(a.name);
      if (b == a.name || !names.count(b)) continue;
      const auto& [place, row, col] = first_seen_[a.name];
      say(row, col, warning(place.where(), "import-plan-unit-maybe-same", {a.name, b}));
    }
  }

  std::vector<UnitRef> resolve_all(const std::vector<UnitMention>& mentions, const CellPlace& place,
                                   std::uint32_t row, std::uint32_t col) {
    std::vector<UnitRef> out;
    std::map<std::string, std::size_t> at;
    for (const auto& m : mentions) {
      std::string name = resolve(m.name, place, row, col);
      auto [it, fresh] = at.emplace(name, out.size());
      if (fresh) {
        out.push_back({name, m.role, place.where()});
      } else if (role_strength(m.role) > role_strength(out[it->second].role)) {
        out[it->second].role = m.role;
      }
    }
    return out;
  }

  const Plan& known() const { return known_; }
  const std::vector<Unit>& new_units() const { return new_units_; }
  const std::vector<Group>& new_groups() const { return new_groups_; }

 private:
  void say(std::uint32_t row, std::uint32_t col, Diagnostic d) {
    said_.push_back({row, col, std::move(d)});
  }

  // The known name a longer spelling stands for: 北平镇人民政府 → 北平镇, 古县司法局 → 司法局.
  std::optional<std::string> derived(const std::string& typed) const {
    if (!known_list_) return std::nullopt;
    U32 s = to_u32(typed);
    std::vector<U32> forms;
    for (U32View tail : {U"人民政府", U"政府"}) {
      if (ends_with(s, tail) && s.size() > tail.size()) {
        forms.push_back(s.substr(0, s.size() - tail.size()));
        break;
      }
    }
    for (std::size_t k = 0, n = forms.size() + 1; k < n; ++k) {
      const U32 f = k == 0 ? s : forms[k - 1];
      for (std::size_t i = 1; i + 1 < f.size() && i <= 8; ++i)
        if (f[i - 1] == U'县' || f[i - 1] == U'区' || f[i - 1] == U'市')
          forms.push_back(f.substr(i));
    }
    for (const auto& f : forms)
      if (auto c = index_->canonical(to_utf8(f))) return c;
    return std::nullopt;
  }

  // The name without a 人民政府/政府 ending and a county prefix (…县, …区, …市).
  static std::string short_form(const std::string& name) {
    U32 s = to_u32(name);
    for (U32View tail : {U"人民政府", U"政府"}) {
      if (ends_with(s, tail) && s.size() > tail.size()) {
        s.erase(s.size() - tail.size());
        break;
      }
    }
    for (std::size_t i = 1; i + 1 < s.size() && i <= 8; ++i) {
      if (s[i - 1] == U'县' || s[i - 1] == U'区' || s[i - 1] == U'市') {
        s.erase(0, i);
        break;
      }
    }
    return to_utf8(s);
  }

  static bool looks_like_group(const std::string& name) {
    U32 s = to_u32(name);
    return (starts_with(s, U"各") && s.size() > 1) || ends_with(s, U"有关单位") ||
           ends_with(s, U"相关单位") || ends_with(s, U"成员单位") || ends_with(s, U"有关部门") ||
           ends_with(s, U"相关部门");
  }

  static std::optional<UnitKind> guess_kind(const std::string& name) {
    U32 s = to_u32(name);
    for (U32View t : {U"镇", U"乡", U"街道", U"街道办事处", U"办事处"})
      if (ends_with(s, t)) return UnitKind::township;
    for (U32View t : {U"法院", U"检察院"})
      if (ends_with(s, t)) return UnitKind::judicial;
    if (contains(s, U"纪委") || contains(s, U"监委")) return UnitKind::supervisory;
    for (U32View t : {U"局",   U"委",   U"办",   U"院",   U"中心", U"队",     U"站",  U"所", U"处",
                      U"科",   U"股",   U"部",   U"会",   U"厅",   U"室",     U"署",  U"馆", U"社",
                      U"公司", U"集团", U"银行", U"学校", U"医院", U"办公室", U"总站"})
      if (ends_with(s, t)) return UnitKind::department;
    return std::nullopt;
  }

  Lang lang_;
  std::vector<Said>& said_;
  bool known_list_;
  Plan known_;
  std::unique_ptr<PlanIndex> index_;
  std::map<std::string, std::string> seen_;
  std::map<std::string, std::tuple<CellPlace, std::uint32_t, std::uint32_t>> first_seen_;
  std::vector<Unit> new_units_;
  std::vector<Group> new_groups_;
};

class TableImport {
 public:
  TableImport(const XlsxRead& book, const std::string& file, const PlanImportOptions& options,
              PlanImport& out)
      : book_(book),
        file_(file),
        options_(options),
        out_(out),
        units_(options.units, options.lang, said_) {}

  void run() {
    if (!choose_sheet()) return finish();
    index_merges();
    read_title();
    read_rows();
    if (over_budget()) return finish();
    if (sections_.empty() || std::all_of(sections_.begin(), sections_.end(),
                                         [](const DSection& s) { return s.tasks.empty(); })) {
      error_at(header_row_, 1, CellPlace{file_, sheet_name(), ""}, "import-plan-no-tasks", {});
      return finish();
    }
    number_everything();
    build_plan();
    finish();
  }

 private:
  // ------------------------------------------------ places and diagnostics

  std::string sheet_name() const { return book_.csv || !sheet_ ? "" : sheet_->name; }
  CellPlace place(std::uint32_t row, std::uint32_t col) const {
    return {file_, sheet_name(), cell_ref(row, col)};
  }
  void warn_at(std::uint32_t row, std::uint32_t col, const CellPlace& p, std::string code,
               std::vector<std::string> args, std::optional<std::string> near = std::nullopt) {
    said_.push_back({row, col, warning(p.where(), std::move(code), std::move(args), near)});
  }
  void error_at(std::uint32_t row, std::uint32_t col, const CellPlace& p, std::string code,
                std::vector<std::string> args) {
    said_.push_back({row, col, error(p.where(), std::move(code), std::move(args))});
  }
  static std::pair<std::uint32_t, std::uint32_t> rc(const CellPlace& p) {
    if (auto pos = parse_cell_ref(p.ref)) return {pos->row, pos->col};
    return {0, 0};
  }
  void warn(const CellPlace& p, std::string code, std::vector<std::string> args) {
    auto [r, c] = rc(p);
    warn_at(r, c, p, std::move(code), std::move(args));
  }

  void finish() {
    std::stable_sort(said_.begin(), said_.end(), [](const Said& a, const Said& b) {
      return a.row < b.row || (a.row == b.row && a.col < b.col);
    });
    for (auto& s : said_) out_.diags.push_back(std::move(s.d));
  }

  // ------------------------------------------------ cells

  std::string cell_text(std::uint32_t row, std::uint32_t col) {
    const XlsxCell* c = sheet_->at(row, col);
    if (!c) return "";
    switch (c->kind) {
      case CellKind::empty:
        return "";
      case CellKind::string:
      case CellKind::boolean:
        return clean_text(c->text);
      case CellKind::number:
        if (c->is_date) {
          if (auto d = excel_serial_to_date(c->number, book_.date1904)) return iso(*d);
        }
        return number_text(c->number);
      case CellKind::error:
        if (error_cells_.insert({row, col}).second)
          warn_at(row, col, place(row, col), "import-plan-cell-error", {c->text});
        return "";
    }
    return "";
  }

  // The merged range that covers (row, col) of a table column, if any.
  const XlsxMerge* merge_at(std::uint32_t row, std::uint32_t col) const {
    auto it = spans_.find(col);
    if (it == spans_.end()) return nullptr;
    const auto& v = it->second;
    auto at = std::upper_bound(v.begin(), v.end(), row, [](std::uint32_t r, const XlsxMerge* m) {
      return r < m->first_row;
    });
    if (at == v.begin()) return nullptr;
    const XlsxMerge* m = *(at - 1);
    return m->contains(row, col) ? m : nullptr;
  }

  Value value(std::uint32_t row, std::uint32_t col) {
    if (col == 0) return {};
    if (const XlsxMerge* m = merge_at(row, col)) {
      // A range belongs to its first column; the other columns it covers are empty.
      if (col != m->first_col) return {"", place(row, col), false};
      return {cell_text(m->first_row, m->first_col), place(m->first_row, m->first_col),
              row == m->first_row};
    }
    return {cell_text(row, col), place(row, col), true};
  }

  // ------------------------------------------------ the sheet and its header

  // The columns of a header row: each column's meaning, with merged header cells spread over
  // the columns they cover.
  std::map<std::uint32_t, Col> header_cols(const XlsxSheet& sheet, std::uint32_t row,
                                           std::map<std::uint32_t, CellPlace>& places,
                                           std::map<std::uint32_t, std::string>& texts,
                                           std::set<std::uint32_t>& spread) const {
    std::map<std::uint32_t, Col> cols;
    auto it = std::lower_bound(sheet.cells.begin(), sheet.cells.end(), row,
                               [](const XlsxCell& c, std::uint32_t r) { return c.row < r; });
    for (; it != sheet.cells.end() && it->row == row; ++it) {
      if (it->kind != CellKind::string) continue;
      Col k = header_col(it->text);
      texts[it->col] = clean_text(it->text);
      places[it->col] = {file_, book_.csv ? "" : sheet.name, it->ref};
      if (k != Col::none) cols[it->col] = k;
    }
    for (const XlsxMerge& m : sheet.merged) {
      if (m.first_row != row || m.last_col == m.first_col) continue;
      auto k = cols.find(m.first_col);
      if (k == cols.end()) continue;
      for (std::uint32_t c = m.first_col + 1; c <= m.last_col && c <= m.first_col + 8; ++c) {
        if (!cols.count(c)) {
          cols[c] = k->second;
          spread.insert(c);
        }
      }
    }
    return cols;
  }

  static bool is_header(const std::map<std::uint32_t, Col>& cols) {
    bool task = false, measure = false, units = false, deadline = false;
    for (const auto& [c, k] : cols) {
      task = task || k == Col::task;
      measure = measure || k == Col::measure;
      units = units || k == Col::units || k == Col::lead;
      deadline = deadline || k == Col::deadline;
    }
    return (task || measure) && (units || deadline);
  }

  bool find_header(const XlsxSheet& sheet) {
    const std::uint32_t last =
        std::min<std::uint32_t>(30, sheet.cells.empty() ? 0 : sheet.cells.back().row);
    for (std::uint32_t r = 1; r <= last; ++r) {
      std::map<std::uint32_t, CellPlace> places;
      std::map<std::uint32_t, std::string> texts;
      std::set<std::uint32_t> spread;
      auto cols = header_cols(sheet, r, places, texts, spread);
      if (!is_header(cols)) continue;
      sheet_ = &sheet;
      header_row_ = r;
      data_row_ = r + 1;
      // A second header row under merged titles: 责任单位 over 牵头单位 | 配合单位.
      std::map<std::uint32_t, CellPlace> sub_places;
      std::map<std::uint32_t, std::string> sub_texts;
      std::set<std::uint32_t> sub_spread;
      auto sub = header_cols(sheet, r + 1, sub_places, sub_texts, sub_spread);
      if (!sub.empty() && sub.size() == sub_texts.size()) {
        for (const auto& [c, k] : sub) {
          cols[c] = k;
          spread.erase(c);
        }
        data_row_ = r + 2;
      }
      settle_columns(cols, spread, texts);
      for (const auto& [c, text] : texts) {
        if (cols.count(c) || text.empty()) continue;
        warn_at(r, c, places[c], "import-plan-column-unread", {text});
        ignored_cols_.insert(c);
      }
      return true;
    }
    return false;
  }

  // Turns the header's keys into the columns read: one column per meaning (the first), a task
  // title spread over two columns (or followed by an untitled one) as section and task.
  void settle_columns(std::map<std::uint32_t, Col>& cols, const std::set<std::uint32_t>& spread,
                      const std::map<std::uint32_t, std::string>& texts) {
    bool has_section = std::any_of(cols.begin(), cols.end(),
                                   [](const auto& p) { return p.second == Col::section; });
    if (!has_section) {
      for (auto& [c, k] : cols) {
        if (k != Col::task || spread.count(c)) continue;
        auto next = cols.find(c + 1);
        bool spread_next = next != cols.end() && next->second == Col::task && spread.count(c + 1);
        auto text = texts.find(c + 1);
        const std::uint32_t right = c + 1;
        bool untitled_next = next == cols.end() && (text == texts.end() || text->second.empty()) &&
                             std::any_of(cols.begin(), cols.end(), [&](const auto& p) {
                               return p.first > right && p.second == Col::measure;
                             });
        if (spread_next || untitled_next) {
          k = Col::section;
          cols[c + 1] = Col::task;
        }
        break;
      }
    }
    for (auto& [c, k] : cols) {
      if (spread.count(c) && k != Col::task) k = Col::ignored;  // a title spread over columns
      if (!is_table_col(k)) continue;
      bool multi = k == Col::units || k == Col::lead || k == Col::support;
      if (!multi && col_of_.count(k)) {
        k = Col::ignored;
        continue;
      }
      if (multi && unit_cols_.size() >= kMaxUnitColumns) {
        k = Col::ignored;
        continue;
      }
      if (multi) {
        unit_cols_.push_back({c, k});
      } else {
        col_of_[k] = c;
      }
      table_cols_.insert(c);
    }
    for (auto& [c, k] : cols)
      if (k == Col::ignored) ignored_cols_.insert(c);
    first_col_ = table_cols_.empty() ? 1 : *table_cols_.begin();
  }

  bool choose_sheet() {
    if (!options_.sheet.empty() && book_.csv) {
      error_at(0, 0, CellPlace{file_, "", ""}, "import-plan-csv-sheet", {options_.sheet});
      return false;
    }
    if (!options_.sheet.empty()) {
      std::vector<std::string> names;
      for (const auto& s : book_.sheets) {
        names.push_back(s.name);
        if (s.name != options_.sheet) continue;
        if (!find_header(s)) {
          sheet_ = &s;
          error_at(0, 0, CellPlace{file_, s.name, ""}, "import-plan-no-header", {});
          return false;
        }
        return true;
      }
      said_.push_back({0, 0,
                       error({file_, 0, 0}, "import-plan-no-sheet",
                             {options_.sheet, join(names, "、")}, nearest(options_.sheet, names))});
      return false;
    }
    for (const auto& s : book_.sheets) {
      if (s.hidden) continue;
      if (find_header(s)) return true;
    }
    error_at(0, 0, CellPlace{file_, "", ""}, "import-plan-no-header", {});
    return false;
  }

  void index_merges() {
    for (const XlsxMerge& m : sheet_->merged) {
      for (std::uint32_t c : table_cols_)
        if (c >= m.first_col && c <= m.last_col) spans_[c].push_back(&m);
    }
    for (auto& [c, v] : spans_)
      std::stable_sort(v.begin(), v.end(), [](const XlsxMerge* a, const XlsxMerge* b) {
        return a->first_row < b->first_row;
      });
  }

  // The plan's title: the first text above the header that is not "附件2".
  void read_title() {
    for (const XlsxCell& c : sheet_->cells) {
      if (c.row >= header_row_) break;
      if (c.kind != CellKind::string) continue;
      U32 t = join_lines(to_u32(clean_text(c.text)));
      if (t.empty()) continue;
      U32 bare = drop_wide_spaces(t);
      if (starts_with(bare, U"附件") && bare.size() <= 5) continue;
      title_ = to_utf8(strip_title(t));
      return;
    }
  }

  // Drops what the export adds to the title (" 重点任务分解表（截至 2025-01-01）", " — breakdown
  // as of 2025-01-01") and a trailing 重点任务分解表 of a county's own table.
  static U32 strip_title(U32 t) {
    for (Lang lang : {Lang::zh, Lang::en}) {
      U32 suffix = to_u32(tr(lang, "xlsx-title-suffix", {"\x01"}));
      auto mark = suffix.find(U'\x01');
      U32 head = suffix.substr(0, mark), tail = suffix.substr(mark + 1);
      auto at = t.rfind(head);
      if (at != U32::npos && at > 0 && ends_with(t, tail) &&
          t.size() - tail.size() >= at + head.size() + 10) {
        t = trim32(U32View(t).substr(0, at));
        return t;
      }
    }
    for (U32View tail : {U"重点任务分解表", U"任务分解表", U"分解表"}) {
      if (!ends_with(t, tail)) continue;
      if (t.size() >= tail.size() + 2) return trim32(U32View(t).substr(0, t.size() - tail.size()));
      break;
    }
    return t;
  }

  // ------------------------------------------------ rows

  Value col_value(Col k, std::uint32_t row) {
    auto it = col_of_.find(k);
    return it == col_of_.end() ? Value{} : value(row, it->second);
  }

  DSection& section() { return sections_[cur_section_]; }
  DTask* task() {
    if (!cur_task_) return nullptr;
    return &sections_[cur_task_->first].tasks[cur_task_->second];
  }

  // A section met again (a table that repeats its headings across pages) is continued.
  void open_section(int number, const std::string& title, const CellPlace& at) {
    const std::string key = number ? std::to_string(number) : "\x01" + title;
    if (auto it = section_by_key_.find(key); it != section_by_key_.end()) {
      const DSection& s = sections_[it->second];
      if (!title.empty() && s.title != title)
        warn(at, "import-plan-section-again", {chinese_numeral(number), s.title, title});
      cur_section_ = it->second;
      cur_task_.reset();
      return;
    }
    charge(title.size());
    sections_.push_back({number, title, at, {}});
    cur_section_ = sections_.size() - 1;
    section_by_key_[key] = cur_section_;
    cur_task_.reset();
  }

  void ensure_section(const CellPlace& at) {
    if (!sections_.empty()) return;
    sections_.push_back({0, "", at, {}});
    cur_section_ = 0;
    no_sections_ = true;
  }

  void open_task(bool requirement, int number, const std::string& req_id, const std::string& title,
                 const CellPlace& at) {
    ensure_section(at);
    // A task met again (repeated across pages) is continued, wherever it was.
    const std::string key = requirement ? "r" + req_id
                            : number    ? "n" + std::to_string(number)
                                        : "t" + title;
    if (auto it = task_by_key_.find(key); it != task_by_key_.end()) {
      const DTask& t = sections_[it->second.first].tasks[it->second.second];
      if (!title.empty() && t.title != title)
        warn(at, "import-plan-task-again",
             {requirement ? req_id : std::to_string(number), t.title, title});
      cur_task_ = it->second;
      return;
    }
    charge(title.size());
    DTask t;
    t.requirement = requirement;
    t.number = number;
    t.req_id = req_id;
    t.title = title;
    t.place = at;
    section().tasks.push_back(std::move(t));
    cur_task_ = {cur_section_, section().tasks.size() - 1};
    task_by_key_[key] = *cur_task_;
  }

  // Counts text going into the draft: a workbook of a few MB can repeat one long shared string
  // or one merged units cell over a million rows, and the draft must stay a plan's size.
  void charge(std::size_t bytes) { budget_used_ += bytes; }
  bool over_budget() const { return budget_used_ > kDraftBudget; }

  UnitsValue units_in_row(std::uint32_t row, std::vector<Value>& cells) {
    UnitsValue u;
    std::set<std::string> names;  // a name in two columns counts once (the first)
    for (const auto& [c, k] : unit_cols_) {
      Value v = value(row, c);
      if (v.text.empty()) continue;
      cells.push_back(v);
      auto key = v.place.text();
      auto cached = units_cache_.find(key);
      if (cached == units_cache_.end()) {
        auto [r, col] = rc(v.place);
        std::vector<UnitMention> mentions = parse_units_cell(v.text);
        if (k != Col::units)  // a 牵头单位 or 配合单位 column says the role itself
          for (auto& m : mentions) m.role = k == Col::lead ? Role::lead : Role::implement;
        cached = units_cache_.emplace(key, units_.resolve_all(mentions, v.place, r, col)).first;
        if (cached->second.empty()) warn(v.place, "import-plan-units-unread", {v.text});
      }
      for (const auto& ref : cached->second) {
        charge(ref.name.size() + 8);
        if (names.insert(ref.name).second) u.refs.push_back(ref);
      }
      if (!u.present) u.place = v.place;
      u.present = true;
    }
    return u;
  }

  DeadlineValue deadline_in_row(std::uint32_t row, std::vector<Value>& cells) {
    DeadlineValue d;
    Value v = col_value(Col::deadline, row);
    if (v.text.empty()) return d;
    cells.push_back(v);
    d.text = to_utf8(join_lines(to_u32(v.text)));
    d.kind = classify_deadline(d.text);
    d.place = v.place;
    if (d.kind == DeadlineKind::none) d.text.clear();
    return d;
  }

  void unplaced(const Value& v, const char* code = "import-plan-cell-unplaced") {
    if (!v.fresh || v.text.empty()) return;
    if (!unplaced_.insert(v.place.text()).second) return;
    warn(v.place, code, {truncate_to_width(v.text, 60)});
  }

  // True when the row repeats the header (a table pasted from pages with repeated titles).
  bool repeats_header(std::uint32_t row) {
    int same = 0;
    for (std::uint32_t c : table_cols_) {
      Value v = value(row, c);
      if (!v.fresh || v.text.empty()) continue;
      if (!is_table_col(header_col(v.text))) return false;
      ++same;
    }
    return same >= 2;
  }

  void read_rows() {
    // Only rows with a cell can hold anything new (a merged range's later rows have their own
    // cells when they hold a measure).
    std::uint32_t last = 0;
    for (const XlsxCell& c : sheet_->cells) {
      if (c.row < data_row_ || c.row == last) continue;
      last = c.row;
      read_row(c.row);
      if (over_budget()) {
        error_at(c.row, 0, place(c.row, 1), "import-plan-too-large",
                 {std::to_string(kDraftBudget >> 20)});
        return;
      }
    }
    // Cells outside the table's columns: a remark beside the table, a footnote under it.
    for (const XlsxCell& c : sheet_->cells) {
      if (c.row < data_row_ || table_cols_.count(c.col) || ignored_cols_.count(c.col)) continue;
      std::string t = c.kind == CellKind::string ? clean_text(c.text) : "";
      if (c.kind == CellKind::number) t = number_text(c.number);
      if (t.empty()) continue;
      bool covered = false;
      for (const auto& [col, v] : spans_) {
        (void)v;
        if (const XlsxMerge* m = merge_at(c.row, col); m && m->contains(c.row, c.col)) {
          covered = true;
          break;
        }
      }
      if (!covered) unplaced(Value{t, place(c.row, c.col), true});
    }
  }

  void read_row(std::uint32_t row) {
    Value sec = col_value(Col::section, row);
    Value tsk = col_value(Col::task, row);
    Value mea = col_value(Col::measure, row);
    Value seq = col_value(Col::seq, row);
    Value note = col_value(Col::note, row);
    std::vector<Value> unit_cells, deadline_cells;
    UnitsValue units = units_in_row(row, unit_cells);
    DeadlineValue deadline = deadline_in_row(row, deadline_cells);

    // The fresh texts of the row: a row whose only one is a section heading (in the first
    // column, or spread over several) is that heading.
    std::vector<Value> fresh;
    for (std::uint32_t c : table_cols_) {
      Value v = value(row, c);
      if (v.fresh && !v.text.empty()) fresh.push_back(v);
    }
    if (fresh.empty()) return;
    if (repeats_header(row)) return;
    if (fresh.size() == 1) {
      Heading h = parse_heading(fresh[0].text);
      auto [r, c] = rc(fresh[0].place);
      (void)r;
      bool spread = false;
      for (const auto& [col, v] : spans_) {
        (void)v;
        if (const XlsxMerge* m = merge_at(row, col);
            m && m->first_col == c && m->last_col > m->first_col)
          spread = true;
      }
      if (h.kind == HeadingKind::section && (c == first_col_ || spread)) {
        open_section(chinese_number(h.id).value_or(0), h.title, fresh[0].place);
        return;
      }
    }

    bool opened = false;
    const bool has_task = tsk.fresh && !tsk.text.empty() && !is_footnote(tsk.text);
    const bool has_measure = mea.fresh && !mea.text.empty();
    if (sec.fresh && !sec.text.empty()) {
      Heading h = parse_heading(sec.text);
      if (h.kind == HeadingKind::section) {
        open_section(chinese_number(h.id).value_or(0), h.title, sec.place);
      } else if (h.kind == HeadingKind::task) {  // 1、… in a section column
        open_section(std::stoi(h.id), h.title, sec.place);
      } else if ((has_task || has_measure) && !is_footnote(sec.text)) {
        open_section(0, h.title, sec.place);
      } else {
        unplaced(sec);  // a footnote under the table, a remark
      }
    }
    if (tsk.fresh && !tsk.text.empty() && !has_task) unplaced(tsk);
    if (has_task) {
      Heading h = parse_heading(tsk.text);
      switch (h.kind) {
        case HeadingKind::section:
          open_section(chinese_number(h.id).value_or(0), h.title, tsk.place);
          break;
        case HeadingKind::requirement:
          open_task(true, 0, h.id, h.title, tsk.place);
          opened = true;
          break;
        case HeadingKind::task:
          open_task(false, std::stoi(h.id), "", h.title, tsk.place);
          opened = true;
          break;
        default: {
          int number = 0;
          if (seq.fresh && !seq.text.empty() &&
              seq.text.find_first_not_of("0123456789") == std::string::npos && seq.text.size() < 5)
            number = std::stoi(seq.text);
          open_task(false, number, "", h.title, tsk.place);
          opened = true;
        }
      }
    }

    // 序号 holds numbers; anything else there (a footnote in the first column) is unplaced.
    if (seq.fresh && !seq.text.empty() &&
        !(seq.text.find_first_not_of("0123456789.、") == std::string::npos))
      unplaced(seq);

    DTask* t = task();
    if (!t) {
      // Nothing above to hang these on.
      for (const Value& v : {mea, note}) unplaced(v, "import-plan-no-task-above");
      for (const Value& v : unit_cells) unplaced(v, "import-plan-no-task-above");
      for (const Value& v : deadline_cells) unplaced(v, "import-plan-no-task-above");
      return;
    }
    if (has_measure) {
      if (t->requirement) {
        append_text(t->text, to_utf8(join_lines(to_u32(mea.text))));
        charge(mea.text.size());
        take_row_values(*t, units, deadline, note);
        return;
      }
      for (const MeasurePiece& p : split_measures(mea.text)) {
        DItem item;
        item.place = mea.place;
        item.units = units;
        item.deadline = deadline;
        if (note.text.size() && note.fresh) item.note = note.text;
        if (!p.id.empty()) {
          item.kind = DItem::Kind::measure;
          item.id = p.id;
          item.text = p.text;
        } else if (Heading h = parse_heading(p.text);
                   h.kind == HeadingKind::part && !t->requirement && t->number > 0 &&
                   h.id.rfind(std::to_string(t->number), 0) == 0 &&
                   h.id.size() == std::to_string(t->number).size() + 1) {
          item.kind = DItem::Kind::part;
          item.id = h.id;
          item.text = h.title;
        } else {
          item.text = p.text;
        }
        charge(item.text.size() + item.note.size() + 64);
        t->items.push_back(std::move(item));
      }
      return;
    }
    if (opened) {
      take_row_values(*t, units, deadline, note);
      return;
    }
    // Units, a deadline or a note with no measure and no new task beside them.
    for (const Value& v : unit_cells) unplaced(v);
    for (const Value& v : deadline_cells) unplaced(v);
    unplaced(note);
  }

  // A note under or beside the table: 注：…, 备注：…, 说明：…, 填表说明 …
  static bool is_footnote(const std::string& text) {
    U32 t = drop_wide_spaces(to_u32(text));
    for (U32View w : {U"注：", U"注:", U"备注", U"说明", U"填表说明", U"附注", U"注1", U"注 "})
      if (starts_with(t, w)) return true;
    return false;
  }

  static void append_text(std::string& text, const std::string& more) {
    if (more.empty()) return;
    text += text.empty() ? more : "\n" + more;
  }

  void take_row_values(DTask& t, const UnitsValue& units, const DeadlineValue& deadline,
                       const Value& note) {
    if (units.present && !t.units.present) t.units = units;
    if (deadline.present() && !t.deadline.present()) t.deadline = deadline;
    if (note.fresh && !note.text.empty()) append_note(t.note, note.text);
  }

  // ------------------------------------------------ numbering

  void number_everything() {
    int max_section = 0, max_task = 0, max_measure = 0;
    for (const auto& s : sections_) {
      max_section = std::max(max_section, s.number);
      for (const auto& t : s.tasks) {
        if (!t.requirement) max_task = std::max(max_task, t.number);
        for (const auto& i : t.items) {
          if (i.kind != DItem::Kind::measure) continue;
          max_measure = std::max(max_measure, std::stoi(i.id.substr(1, i.id.size() - 2)));
        }
      }
    }
    for (auto& s : sections_) {
      if (s.number) continue;
      s.number = ++max_section;
      if (no_sections_ && s.title.empty()) {
        s.title = tr(options_.lang, "import-note-no-section-title");
        warn(s.place, "import-plan-no-sections", {chinese_numeral(s.number)});
      } else {
        warn(s.place, "import-plan-section-unnumbered", {s.title, chinese_numeral(s.number)});
      }
    }
    for (auto& s : sections_) {
      for (auto& t : s.tasks) {
        if (!t.requirement && t.number == 0) {
          t.number = ++max_task;
          warn(t.place, "import-plan-task-unnumbered", {t.title, std::to_string(t.number)});
        }
        if (t.requirement) continue;
        // Loose text is the task's own text when it is all the task has; otherwise each piece
        // is a measure of its own, numbered after the last number in the table.
        std::size_t loose = 0, other = 0;
        for (const auto& i : t.items) (i.kind == DItem::Kind::loose ? loose : other) += 1;
        if (loose == 1 && other == 0) {
          DItem& i = t.items.front();
          t.text = i.text;
          if (i.units.present && !t.units.present) t.units = i.units;
          if (i.deadline.present() && !t.deadline.present()) t.deadline = i.deadline;
          append_note(t.note, i.note);
          t.items.clear();
          continue;
        }
        for (auto& i : t.items) {
          if (i.kind != DItem::Kind::loose) continue;
          i.kind = DItem::Kind::measure;
          i.id = "(" + std::to_string(++max_measure) + ")";
          warn(i.place, "import-plan-measure-unnumbered", {i.id, truncate_to_width(i.text, 40)});
        }
      }
    }
  }

  // ------------------------------------------------ the plan

  // The note for a deadline that gives no date, and the warning about it (once per cell).
  std::string deadline_note(const DeadlineValue& d) {
    if (d.kind != DeadlineKind::open && d.kind != DeadlineKind::unreadable) return "";
    if (deadline_warned_.insert(d.place.text()).second) {
      if (d.kind == DeadlineKind::open) {
        warn(d.place, "import-plan-deadline-open", {d.text});
      } else {
        warn(d.place, "import-plan-deadline-unreadable", {d.text});
      }
    }
    return tr(options_.lang,
              d.kind == DeadlineKind::open ? "import-note-open-deadline"
                                           : "import-note-unreadable-deadline",
              {d.text});
  }

  std::optional<Deadline> deadline_of(const DeadlineValue& d) {
    if (d.kind != DeadlineKind::date) return std::nullopt;
    return Deadline{d.text, parse_deadline(d.text).due, d.place.where()};
  }

  // Units and deadlines common to all of a task's items go to the task, as tasks.yaml writes
  // them; the rest stay on the items.
  template <class Item>
  void hoist(DTask& t, std::vector<Item*>& items, const std::vector<DItem*>& from,
             std::vector<UnitRef>& task_units, std::optional<Deadline>& task_deadline) {
    // Units.
    if (t.units.present) {
      task_units = t.units.refs;
      for (std::size_t k = 0; k < items.size(); ++k)
        if (from[k]->units.present && !same_units(from[k]->units.refs, task_units))
          items[k]->units = from[k]->units.refs;
    } else if (!items.empty()) {
      const std::vector<UnitRef>* common = nullptr;
      bool all_same = true;
      for (const DItem* d : from) {
        if (!d->units.present) continue;
        if (!common) common = &d->units.refs;
        all_same = all_same && same_units(*common, d->units.refs);
      }
      if (common && all_same) {
        task_units = *common;
        for (std::size_t k = 0; k < items.size(); ++k)
          if (!from[k]->units.present)
            warn(from[k]->place, "import-plan-units-inherited", {items[k]->id});
      } else {
        for (std::size_t k = 0; k < items.size(); ++k) {
          if (from[k]->units.present) {
            items[k]->units = from[k]->units.refs;
          } else {
            warn(from[k]->place, "import-plan-units-missing", {items[k]->id});
          }
        }
      }
    }

    // Deadlines.
    std::vector<std::string> notes(items.size());
    if (t.deadline.present()) {
      task_deadline = deadline_of(t.deadline);
      append_note(t.note, deadline_note(t.deadline));
      for (std::size_t k = 0; k < items.size(); ++k) {
        const DeadlineValue& d = from[k]->deadline;
        if (!d.present() || d.text == t.deadline.text) continue;
        items[k]->deadline = deadline_of(d);
        notes[k] = deadline_note(d);
      }
    } else if (!items.empty()) {
      std::vector<std::size_t> dated, open;
      for (std::size_t k = 0; k < items.size(); ++k) {
        const DeadlineValue& d = from[k]->deadline;
        if (d.kind == DeadlineKind::date) dated.push_back(k);
        if (d.kind == DeadlineKind::open || d.kind == DeadlineKind::unreadable) open.push_back(k);
      }
      if (!dated.empty() && open.empty()) {
        // The task takes the latest (the first of equals); the others keep their own.
        std::size_t best = dated.front();
        for (std::size_t k : dated)
          if (*parse_deadline(from[k]->deadline.text).due >
              *parse_deadline(from[best]->deadline.text).due)
            best = k;
        const std::string chosen = from[best]->deadline.text;
        task_deadline = deadline_of(from[best]->deadline);
        for (std::size_t k : dated)
          if (from[k]->deadline.text != chosen) items[k]->deadline = deadline_of(from[k]->deadline);
      } else if (dated.empty() && !open.empty() && open.size() == items.size() &&
                 std::all_of(open.begin(), open.end(), [&](std::size_t k) {
                   return from[k]->deadline.text == from[open.front()]->deadline.text;
                 })) {
        for (std::size_t k : open) (void)deadline_note(from[k]->deadline);
        append_note(t.note, deadline_note(from[open.front()]->deadline));
      } else {
        for (std::size_t k : dated) items[k]->deadline = deadline_of(from[k]->deadline);
        for (std::size_t k : open) notes[k] = deadline_note(from[k]->deadline);
      }
    }
    for (std::size_t k = 0; k < items.size(); ++k) {
      std::string note = notes[k];
      append_note(note, from[k]->note);
      items[k]->note = note;
    }
  }

  void build_plan() {
    Plan& plan = out_.plan;
    plan.info.title = title_;
    if (title_.empty()) {
      plan.info.title = tr(options_.lang, "import-note-no-title");
      warn_at(0, 0, CellPlace{file_, sheet_name(), ""}, "import-plan-no-title", {});
    }
    for (auto& ds : sections_) {
      Section s;
      s.id = chinese_numeral(ds.number);
      s.title = ds.title;
      s.where = ds.place.where();
      if (s.title.empty()) {
        s.title = tr(options_.lang, "import-note-no-section-title");
        warn(ds.place, "import-plan-section-untitled", {s.id});
      }
      for (auto& dt : ds.tasks) {
        if (dt.requirement) {
          Requirement q;
          q.id = dt.req_id;
          q.title = dt.title;
          if (q.title.empty()) {
            q.title = tr(options_.lang, "import-note-no-task-title");
            warn(dt.place, "import-plan-requirement-untitled", {q.id});
          }
          q.text = dt.text;
          q.where = dt.place.where();
          std::vector<UnitRef> units = dt.units.refs;
          for (const auto& i : dt.items)
            if (units.empty() && i.units.present) units = i.units.refs;
          q.units = units;
          if (dt.deadline.present())
            warn(dt.deadline.place, "import-plan-requirement-deadline", {q.id, dt.deadline.text});
          q.note = dt.note;
          if (q.units.empty()) warn(dt.place, "import-plan-units-missing", {q.id});
          s.requirements.push_back(std::move(q));
          continue;
        }
        Task t;
        t.id = std::to_string(dt.number);
        t.title = dt.title;
        t.text = dt.text;
        t.where = dt.place.where();
        if (t.title.empty()) {
          t.title = tr(options_.lang, "import-note-no-task-title");
          warn(dt.place, "import-plan-task-untitled", {t.id});
        }
        std::vector<DItem*> parts_from, measures_from;
        for (auto& i : dt.items) {
          if (i.text.empty()) {  // "（3）" alone, "5a" alone: the loader needs a text
            i.text = tr(options_.lang, "import-note-no-measure-text");
            warn(i.place, "import-plan-measure-empty", {i.id});
          }
          if (i.kind == DItem::Kind::part) {
            Part p;
            p.id = i.id;
            p.title = i.text;
            p.where = i.place.where();
            t.parts.push_back(std::move(p));
            parts_from.push_back(&i);
          } else {
            Measure m;
            m.id = i.id;
            m.text = i.text;
            m.where = i.place.where();
            t.measures.push_back(std::move(m));
            measures_from.push_back(&i);
          }
        }
        std::vector<Part*> parts;
        for (auto& p : t.parts) parts.push_back(&p);
        std::vector<Measure*> measures;
        for (auto& m : t.measures) measures.push_back(&m);
        if (!parts.empty()) {
          hoist(dt, parts, parts_from, t.units, t.deadline);
          // Parts exist because their deadlines differ: the task's deadline is theirs.
          if (t.deadline && !dt.deadline.present() && parts.size() > 1) {
            for (Part* p : parts)
              if (!p->deadline) p->deadline = t.deadline;
            t.deadline.reset();
          }
          if (!measures.empty()) {
            // Measures beside parts stay on the task as they are; which part each belongs to
            // is for a human to say.
            warn(dt.place, "import-plan-parts-and-measures", {t.id});
            for (std::size_t k = 0; k < measures.size(); ++k) {
              measures[k]->units = measures_from[k]->units.refs;
              measures[k]->deadline = deadline_of(measures_from[k]->deadline);
              measures[k]->note = deadline_note(measures_from[k]->deadline);
              append_note(measures[k]->note, measures_from[k]->note);
            }
          }
        } else {
          hoist(dt, measures, measures_from, t.units, t.deadline);
        }
        if (parts.empty() && measures.empty() && t.units.empty())
          warn(dt.place, "import-plan-units-missing", {t.id});
        t.note = dt.note;
        s.tasks.push_back(std::move(t));
      }
      plan.sections.push_back(std::move(s));
    }
    // Units: the known ones, then those the table added.
    plan.units = units_.known().units;
    plan.groups = units_.known().groups;
    for (const auto& u : units_.new_units()) {
      plan.units.push_back(u);
      out_.new_units.push_back(u.name);
    }
    for (const auto& g : units_.new_groups()) {
      plan.groups.push_back(g);
      out_.new_groups.push_back(g.name);
    }
    units_.say_similar();
    if (!options_.units) {
      warn_at(
          0, 0, CellPlace{file_, sheet_name(), ""}, "import-plan-units-built",
          {std::to_string(units_.new_units().size()), std::to_string(units_.new_groups().size())});
    }
  }

  const XlsxRead& book_;
  std::string file_;
  const PlanImportOptions& options_;
  PlanImport& out_;
  std::vector<Said> said_;
  UnitBook units_;

  const XlsxSheet* sheet_ = nullptr;
  std::uint32_t header_row_ = 0, data_row_ = 0, first_col_ = 1;
  std::map<Col, std::uint32_t> col_of_;
  std::vector<std::pair<std::uint32_t, Col>> unit_cols_;
  std::set<std::uint32_t> table_cols_, ignored_cols_;
  std::map<std::uint32_t, std::vector<const XlsxMerge*>> spans_;
  std::string title_;

  static constexpr std::size_t kDraftBudget = 32u << 20;
  static constexpr std::size_t kMaxUnitColumns = 4;  // 责任单位, 牵头单位, 配合单位 …
  std::size_t budget_used_ = 0;
  std::map<std::string, std::size_t> section_by_key_;
  std::map<std::string, std::pair<std::size_t, std::size_t>> task_by_key_;
  std::vector<DSection> sections_;
  std::size_t cur_section_ = 0;
  std::optional<std::pair<std::size_t, std::size_t>> cur_task_;
  bool no_sections_ = false;

  std::map<std::string, std::vector<UnitRef>> units_cache_;
  std::set<std::string> unplaced_, deadline_warned_;
  std::set<std::pair<std::uint32_t, std::uint32_t>> error_cells_;

 public:
  const XlsxSheet* sheet() const { return sheet_; }
  std::uint32_t header_row() const { return header_row_; }
};

}  // namespace

PlanImport import_plan_table(const XlsxRead& book, const std::string& file,
                             const PlanImportOptions& options) {
  PlanImport out;
  TableImport run(book, file, options, out);
  run.run();
  out.sheet = run.sheet() ? run.sheet()->name : "";
  out.header_row = run.header_row();
  return out;
}

// ---------------------------------------------------------------- the draft's files

namespace {

// The column (0-based) of the dash of a block list item on `line`, if it is one.
std::optional<std::size_t> dash_indent(const std::string& line) {
  std::size_t at = line.find_first_not_of(' ');
  if (at == std::string::npos || line[at] != '-') return std::nullopt;
  return at;
}

// The --units text with the new units added after the last unit and the new groups after the
// last group; nullopt when its shape is not one this can edit safely (flow lists, groups
// before units), so that the caller writes the file anew.
std::optional<std::string> add_to_units_text(const std::string& text, const PlanImport& draft,
                                             const std::vector<Unit>& units,
                                             const std::vector<Group>& groups,
                                             const std::string& comment) {
  Diagnostics diags;
  yaml::Document doc = yaml::parse(text, "units.yaml", diags);
  if (!doc.ok || !doc.root.is_mapping()) return std::nullopt;
  const yaml::Node *units_node = nullptr, *groups_node = nullptr;
  int units_key = 0, groups_key = 0;
  for (std::size_t i = 0; i < doc.root.keys.size(); ++i) {
    if (doc.root.keys[i].value == "units") {
      units_node = &doc.root.values[i];
      units_key = doc.root.keys[i].line;
    }
    if (doc.root.keys[i].value == "groups") {
      groups_node = &doc.root.values[i];
      groups_key = doc.root.keys[i].line;
    }
  }
  if (!units_node || !units_node->is_sequence() || units_node->items.empty()) return std::nullopt;
  if (groups_node &&
      (groups_key < units_key || !groups_node->is_sequence() || groups_node->items.empty()))
    return std::nullopt;
  for (std::size_t i = 0; i < doc.root.keys.size(); ++i)
    if (groups_node && doc.root.keys[i].line > groups_key) return std::nullopt;

  std::vector<std::string> lines = split_lines(text);
  auto indent_of = [&](const yaml::Node& first) -> std::optional<std::size_t> {
    if (first.line < 1 || static_cast<std::size_t>(first.line) > lines.size()) return std::nullopt;
    return dash_indent(lines[static_cast<std::size_t>(first.line - 1)]);
  };
  auto unit_indent = indent_of(units_node->items.front());
  if (!unit_indent) return std::nullopt;
  std::optional<std::size_t> group_indent;
  if (groups_node) {
    group_indent = indent_of(groups_node->items.front());
    if (!group_indent) return std::nullopt;
  }
  auto block = [&](const std::string& items, std::size_t indent) {
    std::vector<std::string> out = {std::string(indent, ' ') + "# " + comment};
    for (auto& l : split_lines(items)) out.push_back(l);
    return out;
  };

  // Groups first (at the end), so that the line numbers used for units still hold.
  if (!groups.empty()) {
    if (groups_node) {
      while (!lines.empty() && lines.back().find_first_not_of(' ') == std::string::npos)
        lines.pop_back();
      for (auto& l :
           block(group_items_yaml(groups, static_cast<int>(*group_indent)), *group_indent))
        lines.push_back(l);
    } else {
      lines.push_back("");
      lines.push_back("groups:");
      for (auto& l : block(group_items_yaml(groups, 2), 2)) lines.push_back(l);
    }
  }
  if (!units.empty()) {
    // After the last unit: before the groups key and the blank and comment lines above it, or
    // at the end.
    std::size_t at = groups_node ? static_cast<std::size_t>(groups_key - 1) : lines.size();
    if (!groups_node) {
      while (at > 0 && lines[at - 1].find_first_not_of(' ') == std::string::npos) --at;
    }
    while (groups_node && at > 0) {
      const std::string& l = lines[at - 1];
      std::size_t nb = l.find_first_not_of(' ');
      if (nb == std::string::npos || (l[nb] == '#' && nb <= *unit_indent)) {
        --at;
      } else {
        break;
      }
    }
    auto add = block(unit_items_yaml(units, static_cast<int>(*unit_indent)), *unit_indent);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), add.begin(), add.end());
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";

  // Only if it reads back as the same units and groups plus the new ones.
  Plan check;
  Diagnostics load_diags;
  if (!load_units_text(out, "units.yaml", check, load_diags) || has_errors(load_diags))
    return std::nullopt;
  if (check.units.size() != draft.plan.units.size() ||
      check.groups.size() != draft.plan.groups.size())
    return std::nullopt;
  for (std::size_t i = 0; i < check.units.size(); ++i)
    if (check.units[i].name != draft.plan.units[i].name) return std::nullopt;
  for (std::size_t i = 0; i < check.groups.size(); ++i)
    if (check.groups[i].name != draft.plan.groups[i].name) return std::nullopt;
  return out;
}

}  // namespace

PlanDraftFiles draft_plan_files(const PlanImport& draft, const std::string& source,
                                const std::string& units_text, Lang lang) {
  PlanDraftFiles files;
  const std::vector<std::string> header = {tr(lang, "import-draft-header", {source})};
  files.tasks = tasks_yaml_text(draft.plan, header);
  std::vector<Unit> new_units;
  std::vector<Group> new_groups;
  for (const auto& u : draft.plan.units)
    if (std::find(draft.new_units.begin(), draft.new_units.end(), u.name) != draft.new_units.end())
      new_units.push_back(u);
  for (const auto& g : draft.plan.groups)
    if (std::find(draft.new_groups.begin(), draft.new_groups.end(), g.name) !=
        draft.new_groups.end())
      new_groups.push_back(g);
  if (!units_text.empty()) {
    if (new_units.empty() && new_groups.empty()) {
      files.units = units_text;
      return files;
    }
    if (auto edited = add_to_units_text(units_text, draft, new_units, new_groups,
                                        tr(lang, "import-draft-added", {source}))) {
      files.units = *edited;
      return files;
    }
  }
  files.units = units_yaml_text(draft.plan, header);
  return files;
}

Diagnostics check_plan_draft(const PlanDraftFiles& files, const std::string& tasks_file,
                             const std::string& units_file, Sources& sources) {
  Diagnostics diags;
  Plan plan;
  sources.add(units_file, files.units);
  sources.add(tasks_file, files.tasks);
  bool ok = load_units_text(files.units, units_file, plan, diags);
  ok = load_tasks_text(files.tasks, tasks_file, plan, diags) && ok;
  if (ok) {
    PlanIndex index(plan);
    Diagnostics more = check_plan(plan, index);
    diags.insert(diags.end(), more.begin(), more.end());
  }
  return diags;
}

}  // namespace plan
