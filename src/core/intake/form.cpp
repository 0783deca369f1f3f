#include "core/intake/form.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>

#include "core/common/files.h"
#include "core/common/text.h"
#include "core/progress/progress.h"
#include "core/reports/reports.h"
#include "core/writers/xlsx_write.h"

namespace plan {

// ---------------------------------------------------------------- fingerprint and names

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string plan_fingerprint(std::string_view tasks_yaml, std::string_view units_yaml) {
  // Plan files never hold NUL bytes (the loader refuses them), so the NUL keeps the two apart.
  std::uint64_t h = fnv1a64(tasks_yaml);
  h = fnv1a64(std::string_view("\0", 1), h);
  h = fnv1a64(units_yaml, h);
  return fmt::format("{:016x}", h);
}

std::string form_file_name(std::string_view unit) {
  std::string name = progress_file_name(unit);
  name.erase(name.size() - std::string_view(".yaml").size());
  return name + "报送表.xlsx";
}

namespace {

// The column keys that import reads. They stay Chinese in every language.
constexpr const char* kItem = "事项";
constexpr const char* kStatus = "状态";
constexpr const char* kDate = "日期";
constexpr const char* kNote = "说明";
constexpr const char* kEvidence = "佐证";
constexpr const char* kBy = "填报人";

// ---------------------------------------------------------------- writing

struct FormFormats {
  lxw_format *title, *label, *value, *header_ro, *header_in, *ro, *ro_wrap, *ro_date, *in, *in_wrap,
      *in_date, *note, *meta;
};

FormFormats make_formats(lxw_workbook* wb) {
  auto base = [&] {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  };
  auto bordered = [&] {
    lxw_format* f = base();
    format_set_border(f, LXW_BORDER_THIN);
    return f;
  };
  // Read-only cells are grey and locked (the default); input cells are white and unlocked.
  const lxw_color_t grey = 0xF2F2F2, header_grey = 0xD9D9D9, input_header = 0xFFF2CC;
  FormFormats f{};
  f.title = base();
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  f.label = bordered();
  format_set_bold(f.label);
  format_set_bg_color(f.label, header_grey);
  f.value = bordered();
  format_set_bg_color(f.value, grey);
  f.header_ro = bordered();
  format_set_bold(f.header_ro);
  format_set_bg_color(f.header_ro, header_grey);
  format_set_align(f.header_ro, LXW_ALIGN_CENTER);
  format_set_text_wrap(f.header_ro);
  f.header_in = bordered();
  format_set_bold(f.header_in);
  format_set_bg_color(f.header_in, input_header);
  format_set_align(f.header_in, LXW_ALIGN_CENTER);
  f.ro = bordered();
  format_set_bg_color(f.ro, grey);
  f.ro_wrap = bordered();
  format_set_bg_color(f.ro_wrap, grey);
  format_set_text_wrap(f.ro_wrap);
  f.ro_date = bordered();
  format_set_bg_color(f.ro_date, grey);
  format_set_num_format(f.ro_date, "yyyy-mm-dd");
  f.in = bordered();
  format_set_unlocked(f.in);
  f.in_wrap = bordered();
  format_set_unlocked(f.in_wrap);
  format_set_text_wrap(f.in_wrap);
  f.in_date = bordered();
  format_set_unlocked(f.in_date);
  format_set_num_format(f.in_date, "yyyy-mm-dd");
  f.note = bordered();
  format_set_text_wrap(f.note);
  format_set_align(f.note, LXW_ALIGN_LEFT);
  format_set_bg_color(f.note, grey);
  f.meta = base();
  return f;
}

// The texts of one assignment's read-only columns.
struct ContextRow {
  std::string item, task, content, deadline;
  std::optional<Date> due, last;
  std::string state;
};

ContextRow context_of(const PlanIndex& index, const AssignmentStatus& s, Lang lang) {
  const Assignment& a = index.assignments()[s.assignment];
  const Item& it = index.items()[a.item];
  ContextRow r;
  r.item = it.id;
  if (it.type == ItemType::requirement) {
    r.task = it.id + " " + it.title;
    r.content = it.text.empty() ? it.title : it.text;
  } else {
    auto t = index.find_item(it.task);
    r.task = it.task + ". " + (t ? index.items()[*t].title : it.title);
    if (it.type == ItemType::measure) {
      r.content = it.text.empty() ? it.title : it.text;
    } else if (it.type == ItemType::part) {
      r.content = it.title + (it.text.empty() ? "" : "：" + it.text);
    } else {
      r.content = it.text.empty() ? it.title : it.text;
    }
  }
  r.deadline = it.deadline ? it.deadline->text : tr(lang, "no-deadline");
  r.due = s.due;
  r.last = s.last_date;
  r.state = state_label(s.state, lang);
  if (s.overdue) r.state += tr(lang, "form-overdue-days", {std::to_string(s.days_overdue)});
  if (s.late) r.state += tr(lang, "late-suffix");
  return r;
}

// Column widths from the widest text (CJK counts two), within [min, max].
struct Widths {
  std::vector<double> w;
  std::vector<double> max;
  void see(std::size_t c, std::string_view s) {
    w[c] = std::max(w[c], std::min(max[c], static_cast<double>(display_width(s)) + 2));
  }
};

enum Col : lxw_col_t {
  kColItem,
  kColTask,
  kColContent,
  kColDeadline,
  kColDue,
  kColState,
  kColLast,
  kColStatus,
  kColDate,
  kColNote,
  kColEvidence,
  kColCount
};

void write_date_or_blank(SheetWriter& sw, lxw_row_t r, lxw_col_t c, const std::optional<Date>& d,
                         lxw_format* date_fmt, lxw_format* blank) {
  if (d) {
    sw.date(r, c, *d, date_fmt);
  } else {
    sw.blank(r, c, blank);
  }
}

void form_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger,
                const std::string& unit, Lang lang, const FormFormats& f,
                const std::vector<ContextRow>& rows, XlsxLog& log) {
  // Every text goes in as a string cell (SheetWriter::text), so a unit name or a title that
  // starts with = stays text here and reads back unchanged: the reader has nothing to undo.
  SheetWriter sw(wb, tr(lang, "form-sheet"), log);
  if (!sw.ok()) return;
  lxw_worksheet* ws = sw.sheet();
  const std::string plan_title =
      index.plan().info.title.empty() ? tr(lang, "html-title") : index.plan().info.title;

  // Rows 1–4: title, unit, reporter and phone, instructions; the header on row 6.
  const lxw_row_t title_row = 0, unit_row = 1, by_row = 2, phone_row = 3, help_row = 4,
                  header_row = 5, first = 6;
  std::string title = tr(lang, "form-title", {plan_title, unit, iso(ledger.as_of)});
  sw.merged(title_row, 0, title_row, kColCount - 1, title, f.title);
  sw.check(worksheet_set_row(ws, title_row, 32, nullptr), "worksheet_set_row");
  sw.text(unit_row, 0, tr(lang, "form-label-unit"), f.label);
  sw.text(unit_row, 1, unit, f.value);
  sw.text(by_row, 0, tr(lang, "form-label-by"), f.label);
  sw.blank(by_row, 1, f.in);
  sw.text(phone_row, 0, tr(lang, "form-label-phone"), f.label);
  sw.blank(phone_row, 1, f.in);
  sw.text(help_row, 0, tr(lang, "form-label-help"), f.label);
  const std::string help = tr(lang, "form-help");
  sw.merged(help_row, 1, help_row, kColCount - 1, help, f.note);
  const auto help_lines = static_cast<double>(std::count(help.begin(), help.end(), '\n') + 1);
  sw.check(worksheet_set_row(ws, help_row, 15 * help_lines + 6, nullptr), "worksheet_set_row");

  const std::string headers[kColCount] = {kItem,
                                          tr(lang, "form-col-task"),
                                          tr(lang, "form-col-content"),
                                          tr(lang, "form-col-deadline"),
                                          tr(lang, "form-col-due"),
                                          tr(lang, "form-col-state"),
                                          tr(lang, "form-col-last"),
                                          kStatus,
                                          kDate,
                                          kNote,
                                          kEvidence};
  // Widths first (from every text), then heights: wrapped rows are given the height their
  // longest text needs, since a row height that is left to the reader is not always recomputed.
  Widths widths{{8, 16, 30, 10, 11, 10, 11, 8, 11, 30, 24},
                {12, 22, 42, 14, 11, 16, 11, 8, 11, 30, 24}};
  widths.see(0, tr(lang, "form-label-unit"));
  widths.see(0, tr(lang, "form-label-phone"));
  for (int c = 0; c < kColCount; ++c) widths.see(static_cast<std::size_t>(c), headers[c]);
  for (const ContextRow& row : rows) {
    widths.see(kColItem, row.item);
    widths.see(kColTask, row.task);
    widths.see(kColContent, row.content);
    widths.see(kColDeadline, row.deadline);
    widths.see(kColState, row.state);
  }
  for (std::size_t c = 0; c < widths.w.size(); ++c)
    sw.check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                  widths.w[c], nullptr),
             "worksheet_set_column");
  auto lines = [&](std::size_t c, const std::string& text) {
    const double room = std::max(1.0, widths.w[c] - 1);
    return static_cast<int>(std::ceil(static_cast<double>(display_width(text)) / room));
  };
  for (int c = 0; c < kColCount; ++c)
    sw.text(header_row, static_cast<lxw_col_t>(c), headers[c],
            c >= kColStatus ? f.header_in : f.header_ro);
  sw.check(worksheet_set_row(ws, header_row, 20, nullptr), "worksheet_set_row");

  lxw_row_t r = first;
  for (const ContextRow& row : rows) {
    sw.text(r, kColItem, row.item, f.ro);
    sw.text(r, kColTask, row.task, f.ro_wrap);
    sw.text(r, kColContent, row.content, f.ro_wrap);
    sw.text(r, kColDeadline, row.deadline, f.ro_wrap);
    write_date_or_blank(sw, r, kColDue, row.due, f.ro_date, f.ro);
    sw.text(r, kColState, row.state, f.ro_wrap);
    write_date_or_blank(sw, r, kColLast, row.last, f.ro_date, f.ro);
    sw.blank(r, kColStatus, f.in);
    sw.blank(r, kColDate, f.in_date);
    sw.blank(r, kColNote, f.in_wrap);
    sw.blank(r, kColEvidence, f.in_wrap);
    if (!sw.ok()) return;
    // Excel's tallest row is 409 points.
    const int n = std::max({2, lines(kColTask, row.task), lines(kColContent, row.content),
                            lines(kColDeadline, row.deadline), lines(kColState, row.state)});
    sw.check(worksheet_set_row(ws, r, std::min(409.0, 14.5 * n + 3), nullptr), "worksheet_set_row");
    ++r;
  }

  if (r > first) {
    const std::string status_title = tr(lang, "form-status-title");
    const std::string status_prompt = tr(lang, "form-status-prompt");
    const std::string status_error = tr(lang, "form-status-error");
    const char* states[] = {"未开始", "进行中", "已完成", "受阻", nullptr};
    lxw_data_validation status{};
    status.validate = LXW_VALIDATION_TYPE_LIST;
    status.value_list = const_cast<char**>(states);
    status.input_title = const_cast<char*>(status_title.c_str());
    status.input_message = const_cast<char*>(status_prompt.c_str());
    status.error_title = const_cast<char*>(status_title.c_str());
    status.error_message = const_cast<char*>(status_error.c_str());
    sw.check(worksheet_data_validation_range(ws, first, kColStatus, r - 1, kColStatus, &status),
             "worksheet_data_validation_range");

    const std::string date_title = tr(lang, "form-date-title");
    const std::string date_prompt = tr(lang, "form-date-prompt");
    const std::string date_error = tr(lang, "form-date-error");
    lxw_data_validation date{};
    date.validate = LXW_VALIDATION_TYPE_DATE;
    date.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    date.minimum_datetime = {2000, 1, 1, 0, 0, 0};
    date.maximum_datetime = {2099, 12, 31, 0, 0, 0};
    date.input_title = const_cast<char*>(date_title.c_str());
    date.input_message = const_cast<char*>(date_prompt.c_str());
    date.error_title = const_cast<char*>(date_title.c_str());
    date.error_message = const_cast<char*>(date_error.c_str());
    sw.check(worksheet_data_validation_range(ws, first, kColDate, r - 1, kColDate, &date),
             "worksheet_data_validation_range");
  }

  worksheet_freeze_panes(ws, first, 1);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  sw.check(worksheet_repeat_rows(ws, header_row, header_row), "worksheet_repeat_rows");
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  // No password: the lock keeps the context and the 事项 column from being changed by
  // accident, not from someone who means to.
  lxw_protection protection{};
  protection.format_columns = LXW_TRUE;
  protection.format_rows = LXW_TRUE;
  worksheet_protect(ws, nullptr, &protection);
}

void meta_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger,
                const std::string& unit, const std::string& fingerprint, const FormFormats& f,
                XlsxLog& log) {
  SheetWriter sw(wb, kFormMetaSheet, log);
  if (!sw.ok()) return;
  lxw_worksheet* ws = sw.sheet();
  const std::pair<const char*, std::string> rows[] = {
      {"form_version", std::to_string(kFormVersion)},
      {"unit", unit},
      {"as_of", iso(ledger.as_of)},
      {"plan_fingerprint", fingerprint},
      {"plan_title", index.plan().info.title},
      {"generator", std::string("plan ") + PLAN_VERSION},
  };
  lxw_row_t r = 0;
  for (const auto& [key, value] : rows) {
    sw.text(r, 0, key, f.meta);
    sw.text(r, 1, value, f.meta);
    ++r;
  }
  sw.check(worksheet_set_column(ws, 0, 0, 18, nullptr), "worksheet_set_column");
  sw.check(worksheet_set_column(ws, 1, 1, 40, nullptr), "worksheet_set_column");
  worksheet_hide(ws);
  worksheet_protect(ws, nullptr, nullptr);
}

}  // namespace

std::optional<std::string> write_form(const std::string& path, const PlanIndex& index,
                                      const Ledger& ledger, const std::string& unit, Lang lang,
                                      const std::string& fingerprint, Diagnostics* warnings) {
  std::vector<ContextRow> rows;
  for (const auto& s : ledger.rows)
    if (index.assignments()[s.assignment].unit == unit) rows.push_back(context_of(index, s, lang));

  std::string tmp, failure;
  lxw_workbook* wb = open_workbook(path, tmp, failure);
  if (!wb) return failure;
  // The creation time is the as-of date, so that the same ledger gives the same bytes.
  const std::string title =
      tr(lang, "form-title", {index.plan().info.title, unit, iso(ledger.as_of)});
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.created =
      static_cast<std::time_t>(std::chrono::sys_days(ledger.as_of).time_since_epoch().count()) *
      86400;
  XlsxLog log{path, lang, {}, std::nullopt};
  if (lxw_error e = workbook_set_properties(wb, &props); e != LXW_NO_ERROR)
    log.failure = tr(lang, "xlsx-write-error", {"", "workbook_set_properties", lxw_strerror(e)});
  FormFormats f = make_formats(wb);
  form_sheet(wb, index, ledger, unit, lang, f, rows, log);
  meta_sheet(wb, index, ledger, unit, fingerprint, f, log);
  if (warnings) warnings->insert(warnings->end(), log.warnings.begin(), log.warnings.end());
  return close_workbook(wb, tmp, path, log);
}

// ---------------------------------------------------------------- reading back

std::string CellPlace::text() const {
  if (ref.empty()) return sheet.empty() ? file : file + ":" + sheet;
  if (sheet.empty()) return file + ":" + ref;
  return file + ":" + sheet + "!" + ref;
}

namespace {

// Trims ASCII white space, the ideographic space and no-break spaces; CRLF and CR become LF.
std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  auto is_space_at_end = [&](bool front) -> std::size_t {
    static const std::string_view spaces[] = {" ", "\t", "\n", "\xE3\x80\x80", "\xC2\xA0"};
    for (auto sp : spaces) {
      if (out.size() < sp.size()) continue;
      if (front ? out.compare(0, sp.size(), sp) == 0
                : out.compare(out.size() - sp.size(), sp.size(), sp) == 0)
        return sp.size();
    }
    return 0;
  };
  while (std::size_t n = is_space_at_end(true)) out.erase(0, n);
  while (std::size_t n = is_space_at_end(false)) out.erase(out.size() - n);
  return out;
}

// A header or label as a key: trimmed, a trailing colon dropped, ASCII lowercased.
std::string key_of(std::string_view s) {
  std::string k = clean(s);
  for (std::string_view colon : {"：", ":"})
    if (k.size() >= colon.size() && k.compare(k.size() - colon.size(), colon.size(), colon) == 0)
      k = clean(k.substr(0, k.size() - colon.size()));
  for (char& c : k)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return k;
}

enum class Key { none, item, status, date, note, evidence, by };

Key header_key(std::string_view text) {
  static const std::map<std::string, Key> keys = {
      {kItem, Key::item},          {"item", Key::item}, {kStatus, Key::status},
      {"status", Key::status},     {kDate, Key::date},  {"date", Key::date},
      {kNote, Key::note},          {"note", Key::note}, {kEvidence, Key::evidence},
      {"evidence", Key::evidence}, {kBy, Key::by},      {"by", Key::by},
      {"reporter", Key::by}};
  auto it = keys.find(key_of(text));
  return it == keys.end() ? Key::none : it->second;
}

enum class Label { none, unit, by, phone };

Label label_key(std::string_view text) {
  static const std::map<std::string, Label> labels = {
      {"填报单位", Label::unit},  {"单位", Label::unit},  {"报送单位", Label::unit},
      {"unit", Label::unit},      {kBy, Label::by},       {"reporter", Label::by},
      {"联系电话", Label::phone}, {"电话", Label::phone}, {"phone", Label::phone}};
  auto it = labels.find(key_of(text));
  return it == labels.end() ? Label::none : it->second;
}

// A number as a person would type it: 16, not 16.0; 3.5.
std::string number_text(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

struct Reading {
  const XlsxRead& book;
  const XlsxSheet* sheet = nullptr;
  std::string file;
  Diagnostics& diags;

  CellPlace place(std::uint32_t row, std::uint32_t col) const {
    return {file, book.csv ? "" : sheet->name, cell_ref(row, col)};
  }

  // The cell as text; an Excel error value is a diagnostic and reads as "".
  FormText text_at(std::uint32_t row, std::uint32_t col) const {
    FormText t{"", place(row, col)};
    if (col == 0) return t;
    const XlsxCell* c = sheet->at(row, col);
    if (!c) return t;
    switch (c->kind) {
      case CellKind::empty:
        break;
      case CellKind::string:
      case CellKind::boolean:
        t.text = clean(c->text);
        break;
      case CellKind::number:
        t.text = c->is_date ? date_text(*c) : number_text(c->number);
        break;
      case CellKind::error:
        diags.push_back(error(t.place.where(), "form-cell-error", {c->text}));
        break;
    }
    return t;
  }

  // A date cell outside the 日期 column (say a date typed into 说明) reads as its ISO text.
  std::string date_text(const XlsxCell& c) const {
    auto d = excel_serial_to_date(c.number, book.date1904);
    return d ? iso(*d) : number_text(c.number);
  }

  FormDate date_at(std::uint32_t row, std::uint32_t col) const {
    FormDate d;
    d.place = place(row, col);
    if (col == 0) return d;
    const XlsxCell* c = sheet->at(row, col);
    if (c && c->kind == CellKind::number && c->is_date) {
      d.date = excel_serial_to_date(c->number, book.date1904);
      if (!d.date) {
        d.text = number_text(c->number);
        diags.push_back(error(d.place.where(), "form-bad-serial", {d.text}));
      }
      return d;
    }
    d.text = text_at(row, col).text;
    return d;
  }
};

// Cells of one row, in column order.
std::vector<const XlsxCell*> row_cells(const XlsxSheet& sheet, std::uint32_t row) {
  std::vector<const XlsxCell*> out;
  auto it = std::lower_bound(sheet.cells.begin(), sheet.cells.end(), row,
                             [](const XlsxCell& c, std::uint32_t r) { return c.row < r; });
  for (; it != sheet.cells.end() && it->row == row; ++it) out.push_back(&*it);
  return out;
}

struct Header {
  std::uint32_t row = 0;
  std::map<Key, std::uint32_t> cols;
};

std::optional<Header> find_header(const XlsxSheet& sheet, std::size_t rows, const std::string& file,
                                  bool csv, Diagnostics& diags) {
  for (std::uint32_t r = 1; r <= rows; ++r) {
    Header h{r, {}};
    Diagnostics dups;
    for (const XlsxCell* c : row_cells(sheet, r)) {
      if (c->kind != CellKind::string) continue;
      Key k = header_key(c->text);
      if (k == Key::none) continue;
      if (auto [it, fresh] = h.cols.emplace(k, c->col); !fresh) {
        CellPlace here{file, csv ? "" : sheet.name, c->ref};
        dups.push_back(error(here.where(), "form-duplicate-column",
                             {clean(c->text), cell_ref(r, it->second)}));
      }
    }
    if (h.cols.count(Key::item) && h.cols.count(Key::status)) {
      diags.insert(diags.end(), dups.begin(), dups.end());
      return h;
    }
  }
  return std::nullopt;
}

FormMeta read_meta(const XlsxSheet& sheet, const std::string& file, Diagnostics& diags) {
  FormMeta m;
  m.found = true;
  for (const XlsxCell& c : sheet.cells) {
    if (c.col != 1) continue;
    const XlsxCell* v = sheet.at(c.row, 2);
    std::string value =
        v ? clean(v->kind == CellKind::number ? number_text(v->number) : v->text) : "";
    const std::string key = key_of(c.text);
    if (key == "form_version") {
      long long n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 1 || n > 1000000) {
        CellPlace at{file, sheet.name, cell_ref(c.row, 2)};
        diags.push_back(error(at.where(), "form-bad-meta", {key, value}));
      } else {
        m.version = static_cast<int>(n);
      }
    } else if (key == "unit") {
      m.unit = value;
    } else if (key == "as_of") {
      m.as_of = value;
    } else if (key == "plan_fingerprint") {
      m.fingerprint = value;
    } else if (key == "plan_title") {
      m.plan_title = value;
    }
  }
  return m;
}

}  // namespace

FormExtract extract_form(const XlsxRead& book, const std::string& file,
                         const ExtractOptions& options) {
  FormExtract out;
  out.file = file;
  if (!book.ok()) {
    out.diags = book.diags;
    return out;
  }

  const XlsxSheet* meta_sheet = nullptr;
  for (const auto& s : book.sheets)
    if (!book.csv && s.name == kFormMetaSheet) meta_sheet = &s;
  if (meta_sheet) {
    out.meta = read_meta(*meta_sheet, file, out.diags);
    if (out.meta.version > kFormVersion) {
      out.diags.push_back(error(CellPlace{file, meta_sheet->name, "B1"}.where(),
                                "form-newer-version",
                                {std::to_string(out.meta.version), std::to_string(kFormVersion)}));
      return out;
    }
  }

  const XlsxSheet* sheet = nullptr;
  Header header;
  for (const auto& s : book.sheets) {
    if (s.hidden || &s == meta_sheet) continue;
    if (auto h = find_header(s, options.header_search_rows, file, book.csv, out.diags)) {
      sheet = &s;
      header = *h;
      break;
    }
  }
  if (!sheet) {
    out.diags.push_back(
        error({file, 0, 0}, "form-no-header", {std::to_string(options.header_search_rows)}));
    return out;
  }
  out.sheet = sheet->name;
  out.header_row = header.row;
  Reading rd{book, sheet, file, out.diags};

  // Labels above the header: the value is the cell just to the right of the label.
  FormText unit_cell;
  for (std::uint32_t r = 1; r < header.row; ++r) {
    for (const XlsxCell* c : row_cells(*sheet, r)) {
      if (c->kind != CellKind::string) continue;
      switch (label_key(c->text)) {
        case Label::unit:
          unit_cell = rd.text_at(r, c->col + 1);
          break;
        case Label::by:
          out.by = rd.text_at(r, c->col + 1);
          break;
        case Label::phone:
          out.phone = rd.text_at(r, c->col + 1);
          break;
        case Label::none:
          break;
      }
    }
  }

  // The unit: the hidden sheet, else the 填报单位 cell, else the caller's.
  if (!out.meta.unit.empty()) {
    out.unit = {out.meta.unit, CellPlace{file, kFormMetaSheet, "B2"}};
    if (!unit_cell.text.empty() && unit_cell.text != out.meta.unit)
      out.diags.push_back(warning(unit_cell.place.where(), "form-unit-cell-conflict",
                                  {unit_cell.text, out.meta.unit}));
  } else if (!unit_cell.text.empty()) {
    out.unit = unit_cell;
  } else if (!options.unit.empty()) {
    out.unit = {options.unit, CellPlace{file, "", ""}};
  }
  if (!options.unit.empty() && !out.unit.text.empty() && out.unit.text != options.unit) {
    out.diags.push_back(
        error(out.unit.place.where(), "form-unit-conflict", {out.unit.text, options.unit}));
  }
  if (out.unit.text.empty()) out.diags.push_back(error({file, 0, 0}, "form-no-unit"));

  auto col = [&](Key k) -> std::uint32_t {
    auto it = header.cols.find(k);
    return it == header.cols.end() ? 0 : it->second;
  };
  const std::uint32_t c_item = col(Key::item), c_status = col(Key::status), c_date = col(Key::date),
                      c_note = col(Key::note), c_evidence = col(Key::evidence), c_by = col(Key::by);
  const std::uint32_t last_row = sheet->cells.empty() ? 0 : sheet->cells.back().row;
  for (std::uint32_t r = header.row + 1; r <= last_row; ++r) {
    if (row_cells(*sheet, r).empty()) continue;
    FormRow row;
    row.row = r;
    row.status = rd.text_at(r, c_status);
    const std::size_t diags_before = out.diags.size();
    row.item = rd.text_at(r, c_item);
    row.date = rd.date_at(r, c_date);
    row.note = rd.text_at(r, c_note);
    FormText evidence = rd.text_at(r, c_evidence);
    row.by = c_by ? rd.text_at(r, c_by) : out.by;
    if (row.by.text.empty()) row.by = out.by;
    if (row.status.text.empty()) {
      // Something filled in without a status is not read; say so rather than drop it quietly.
      out.diags.resize(diags_before);
      std::vector<std::string> filled;
      if (row.date.date || !row.date.text.empty()) filled.push_back(kDate);
      if (!row.note.text.empty()) filled.push_back(kNote);
      if (!evidence.text.empty()) filled.push_back(kEvidence);
      if (!filled.empty())
        out.diags.push_back(
            warning(row.status.place.where(), "form-status-missing", {join(filled, "、")}));
      continue;
    }
    if (row.item.text.empty())
      out.diags.push_back(error(row.item.place.where(), "form-item-empty"));
    // 佐证: one per line, or separated by semicolons.
    std::string piece;
    auto flush = [&] {
      std::string t = clean(piece);
      if (!t.empty()) row.evidence.push_back({t, evidence.place});
      piece.clear();
    };
    const std::string& ev = evidence.text;
    for (std::size_t i = 0; i < ev.size();) {
      if (ev[i] == '\n' || ev[i] == ';') {
        flush();
        ++i;
      } else if (ev.compare(i, 3, "；") == 0) {
        flush();
        i += 3;
      } else {
        piece += ev[i++];
      }
    }
    flush();
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace plan
