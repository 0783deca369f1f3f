#include "core/writers/xlsx_export.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "core/common/files.h"
#include "core/common/text.h"
#include "core/reports/reports.h"
#include "core/reports/views.h"
#include "core/writers/xlsx_write.h"

namespace plan {

namespace {

struct Formats {
  lxw_format *title, *header, *text, *wrap, *merged, *date, *number, *percent, *red_fill,
      *green_fill, *note;
};

Formats make_formats(lxw_workbook* wb) {
  auto base = [&] {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  };
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  f.header = base();
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xE0E0E0);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_text_wrap(f.header);
  f.text = base();
  f.wrap = base();
  format_set_text_wrap(f.wrap);
  f.merged = base();
  format_set_text_wrap(f.merged);
  format_set_bold(f.merged);
  f.date = base();
  format_set_num_format(f.date, "yyyy-mm-dd");
  f.number = base();
  f.percent = base();
  format_set_num_format(f.percent, "0.0%");
  f.red_fill = workbook_add_format(wb);
  format_set_bg_color(f.red_fill, 0xFFC7CE);
  format_set_font_color(f.red_fill, 0x9C0006);
  f.note = workbook_add_format(wb);
  format_set_font_name(f.note, "宋体");
  format_set_text_wrap(f.note);
  format_set_align(f.note, LXW_ALIGN_VERTICAL_TOP);
  f.green_fill = workbook_add_format(wb);
  format_set_bg_color(f.green_fill, 0xC6EFCE);
  format_set_font_color(f.green_fill, 0x006100);
  return f;
}

// Column widths from the widest cell, counting a CJK character as two, capped.
class Widths {
 public:
  explicit Widths(std::size_t n, double cap) : w_(n, 6), cap_(cap) {}
  void see(std::size_t col, const std::string& s) {
    w_[col] = std::max(w_[col], std::min(cap_, static_cast<double>(display_width(s)) + 2));
  }
  void apply(SheetWriter& sw) const {
    if (!sw.ok()) return;
    for (std::size_t c = 0; c < w_.size(); ++c)
      sw.check(worksheet_set_column(sw.sheet(), static_cast<lxw_col_t>(c),
                                    static_cast<lxw_col_t>(c), w_[c], nullptr),
               "worksheet_set_column");
  }
  double width(std::size_t col) const { return col < w_.size() ? w_[col] : 8.43; }

 private:
  std::vector<double> w_;
  double cap_;
};

// Row heights for wrapped text. Excel fits a row to its wrapped text when it opens the file, but
// LibreOffice keeps the default height and prints the lines over one another; so the heights are
// worked out here from the final column widths (a width unit holds about one Latin character, a
// CJK character takes two, as display_width counts).
class RowHeights {
 public:
  // A wrapped text over rows [r0, r1] and columns [c0, c1] (one cell, or a merged range).
  void see(lxw_row_t r0, lxw_row_t r1, lxw_col_t c0, lxw_col_t c1, const std::string& text) {
    cells_.push_back({r0, r1, c0, c1, text});
  }
  void see(lxw_row_t r, lxw_col_t c, const std::string& text) { see(r, r, c, c, text); }

  void apply(SheetWriter& sw, const Widths& widths) const {
    constexpr double kDefault = 15, kLine = 14.5, kPad = 3;  // points, for 11 pt text
    std::map<lxw_row_t, double> height;
    auto need = [&](const Cell& c) {
      double w = 0;
      for (lxw_col_t k = c.c0; k <= c.c1; ++k) w += widths.width(k);
      return lines(c.text, w) * kLine + kPad;
    };
    auto at = [&](lxw_row_t r) {
      auto it = height.find(r);
      return it == height.end() ? kDefault : it->second;
    };
    for (const auto& c : cells_)
      if (c.r0 == c.r1) height[c.r0] = std::max(at(c.r0), need(c));
    // A merged cell's text may need more than its rows give: the last of them grows.
    for (const auto& c : cells_) {
      if (c.r0 == c.r1) continue;
      double sum = 0;
      for (lxw_row_t r = c.r0; r <= c.r1; ++r) sum += at(r);
      if (sum < need(c)) height[c.r1] = at(c.r1) + need(c) - sum;
    }
    for (const auto& [r, h] : height)
      if (sw.ok() && h > kDefault)
        sw.check(worksheet_set_row(sw.sheet(), r, h, nullptr), "worksheet_set_row");
  }

 private:
  struct Cell {
    lxw_row_t r0, r1;
    lxw_col_t c0, c1;
    std::string text;
  };
  static int lines(const std::string& text, double width) {
    const double per_line = std::max(2.0, width - 1.5);
    int n = 0;
    for (std::size_t from = 0; from <= text.size();) {
      const std::size_t nl = std::min(text.find('\n', from), text.size());
      const double w = static_cast<double>(display_width(text.substr(from, nl - from)));
      n += std::max(1, static_cast<int>(std::ceil(w / per_line)));
      from = nl + 1;
    }
    return n;
  }
  std::vector<Cell> cells_;
};

void conditional(SheetWriter& sw, lxw_row_t r0, lxw_col_t c, lxw_row_t r1, uint8_t criteria,
                 double value, lxw_format* fmt) {
  if (!sw.ok()) return;
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_CELL;
  cf.criteria = criteria;
  cf.value = value;
  cf.format = fmt;
  sw.check(worksheet_conditional_format_range(sw.sheet(), r0, c, r1, c, &cf),
           "worksheet_conditional_format_range");
}

void freeze(SheetWriter& sw, lxw_row_t r, lxw_col_t c) {
  if (sw.ok()) worksheet_freeze_panes(sw.sheet(), r, c);
}

// A sheet's title: what it is, for whom, as of when (北平镇 · 按单位完成情况（截至 2025-01-01）).
std::string sheet_title(const std::string& what, const Ledger& ledger, const std::string& scope,
                        Lang lang) {
  return scope.empty() ? tr(lang, "xlsx-sheet-title", {what, iso(ledger.as_of)})
                       : tr(lang, "xlsx-sheet-title-scope", {what, iso(ledger.as_of), scope});
}

// Row 0: the title, merged over the table's columns.
void title_row(SheetWriter& sw, lxw_col_t last_col, const std::string& title, const Formats& f) {
  sw.merged(0, 0, 0, last_col, title, f.title);
  if (sw.ok()) sw.check(worksheet_set_row(sw.sheet(), 0, 30, nullptr), "worksheet_set_row");
}

// Row 1: a table's column headers, each column at least as wide as its header.
void header_row(SheetWriter& sw, const Table& t, const Formats& f, Widths& widths) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    sw.text(1, static_cast<lxw_col_t>(c), t.columns[c].header, f.header);
    widths.see(c, t.columns[c].header);
  }
}

// An autofilter over the header row and the rows under it.
void autofilter(SheetWriter& sw, lxw_row_t header, lxw_row_t last, lxw_col_t last_col) {
  if (sw.ok())
    sw.check(worksheet_autofilter(sw.sheet(), header, 0, std::max(header, last), last_col),
             "worksheet_autofilter");
}

// Lines under a table (what its columns mean), each merged across the table and wrapped, so that
// it prints within the page.
void notes_under(SheetWriter& sw, lxw_row_t first, lxw_col_t last_col,
                 const std::vector<std::string>& notes, const Formats& f, RowHeights& heights) {
  for (const auto& note : notes) {
    sw.merged(first, 0, first, last_col, note, f.note);
    heights.see(first, first, 0, last_col, note);
    ++first;
  }
}

void write_counts(SheetWriter& sw, lxw_row_t r, lxw_col_t c, const Counts& k, const Formats& f) {
  const int values[] = {k.total,       k.done_on_time(), k.done_late, k.in_progress,
                        k.not_started, k.blocked,        k.overdue};
  for (int v : values) sw.number(r, c++, v, f.number);
  if (k.has_rate()) {
    sw.number(r, c, k.completion(), f.percent);
  } else {
    sw.text(r, c, "—", f.number);
  }
}

// The latest notes of an item's rows: the note alone for one unit, else one line per unit that
// wrote one (北平镇：已完成培训).
std::string progress_text(const PlanIndex& index, const Ledger& ledger,
                          const std::vector<std::size_t>& rows, Lang lang) {
  if (rows.size() == 1) return ledger.rows[rows[0]].note;
  std::vector<std::string> lines;
  for (std::size_t r : rows) {
    const AssignmentStatus& s = ledger.rows[r];
    if (!s.note.empty())
      lines.push_back(tr(lang, "xlsx-unit-note", {index.assignments()[s.assignment].unit, s.note}));
  }
  return join(lines, "\n");
}

// The breakdown: one row per tracked item, section and task cells merged over their rows.
void breakdown_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger,
                     const std::string& scope, Lang lang, const Formats& f, XlsxLog& log) {
  SheetWriter sw(wb, tr(lang, "xlsx-sheet-breakdown"), log);
  const std::vector<std::string> headers = {
      tr(lang, "xlsx-col-section"), tr(lang, "xlsx-col-task"),    tr(lang, "xlsx-col-measure"),
      tr(lang, "xlsx-col-units"),   tr(lang, "col-deadline"),     tr(lang, "col-due"),
      tr(lang, "col-total"),        tr(lang, "col-done"),         tr(lang, "col-overdue"),
      tr(lang, "col-completion"),   tr(lang, "xlsx-col-progress")};
  const lxw_col_t last_col = static_cast<lxw_col_t>(headers.size() - 1);
  const std::string plan_title =
      index.plan().info.title.empty() ? tr(lang, "html-title") : index.plan().info.title;
  title_row(sw, last_col,
            plan_title + (scope.empty()
                              ? tr(lang, "xlsx-title-suffix", {iso(ledger.as_of)})
                              : tr(lang, "xlsx-title-suffix-scope", {iso(ledger.as_of), scope})),
            f);
  Widths widths(headers.size(), 50);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    sw.text(1, static_cast<lxw_col_t>(c), headers[c], f.header);
    widths.see(c, headers[c]);
  }

  // Counts and rows per tracked item: only the items the ledger has rows for.
  std::map<std::size_t, Counts> per_item;
  std::map<std::size_t, std::vector<std::size_t>> rows_of;
  for (std::size_t r = 0; r < ledger.rows.size(); ++r) {
    const std::size_t item = index.assignments()[ledger.rows[r].assignment].item;
    per_item[item].add(ledger.rows[r]);
    rows_of[item].push_back(r);
  }

  lxw_row_t row = 2;
  const auto& items = index.items();
  RowHeights heights;
  auto merge_or_write = [&](lxw_row_t r0, lxw_row_t r1, lxw_col_t c, const std::string& text) {
    heights.see(r0, r1, c, c, text);
    if (r1 > r0) {
      sw.merged(r0, c, r1, c, text, f.merged);
    } else {
      sw.text(r0, c, text, f.merged);
    }
  };
  for (const auto& section : index.plan().sections) {
    const lxw_row_t section_start = row;
    std::string task_id;
    lxw_row_t task_start = row;
    std::string task_label;
    auto close_task = [&] {
      if (!task_id.empty() && row > task_start) merge_or_write(task_start, row - 1, 1, task_label);
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      if (!it.leaf || it.section != section.id || !rows_of.count(i)) continue;
      const std::string owner = it.task.empty() ? it.id : it.task;
      if (owner != task_id) {
        close_task();
        task_id = owner;
        task_start = row;
        auto t = index.find_item(owner);
        task_label = owner + ". " + (t ? items[*t].title : it.title);
        if (it.type == ItemType::requirement) task_label = it.id + " " + it.title;
        widths.see(1, truncate_to_width(task_label, 30));
      }
      std::string measure = it.type == ItemType::measure ? it.id + " " + it.text
                            : it.type == ItemType::part  ? it.id + " " + it.title
                                                         : it.text;
      sw.text(row, 2, measure, f.wrap);
      heights.see(row, 2, measure);
      widths.see(2, truncate_to_width(measure, 48));
      std::string units = units_as_written(it.units, lang);
      sw.text(row, 3, units, f.wrap);
      heights.see(row, 3, units);
      widths.see(3, truncate_to_width(units, 30));
      std::string deadline = it.deadline ? it.deadline->text : tr(lang, "no-deadline");
      sw.text(row, 4, deadline, f.text);
      widths.see(4, deadline);
      if (it.deadline && it.deadline->due) {
        sw.date(row, 5, *it.deadline->due, f.date);
      } else {
        sw.blank(row, 5, f.text);
      }
      widths.see(5, "2024-12-31");
      const Counts& c = per_item[i];
      sw.number(row, 6, c.total, f.number);
      sw.number(row, 7, c.done, f.number);
      sw.number(row, 8, c.overdue, f.number);
      sw.number(row, 9, c.completion(), f.percent);
      const std::string progress = progress_text(index, ledger, rows_of[i], lang);
      sw.text(row, 10, progress, f.wrap);
      heights.see(row, 10, progress);
      for (std::size_t from = 0; from <= progress.size();) {
        const std::size_t nl = std::min(progress.find('\n', from), progress.size());
        widths.see(10, truncate_to_width(progress.substr(from, nl - from), 40));
        from = nl + 1;
      }
      if (!sw.ok()) return;
      ++row;
    }
    close_task();
    if (row > section_start) {
      std::string label = section.id + "、" + section.title;
      merge_or_write(section_start, row - 1, 0, label);
      widths.see(0, truncate_to_width(label, 16));
    }
  }
  widths.apply(sw);
  heights.apply(sw, widths);
  freeze(sw, 2, 0);
  autofilter(sw, 1, row - 1, last_col);
  print_setup(sw, 1, 1, sheet_title(tr(lang, "xlsx-sheet-breakdown"), ledger, scope, lang));
  if (row > 2) {
    conditional(sw, 2, 8, row - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
    conditional(sw, 2, 9, row - 1, LXW_CONDITIONAL_CRITERIA_EQUAL_TO, 1, f.green_fill);
  }
}

void summary_sheet(lxw_workbook* wb, const Summary& sum, const char* sheet_key,
                   const char* title_key, const Ledger& ledger, const std::string& scope, Lang lang,
                   const Formats& f, XlsxLog& log) {
  SheetWriter sw(wb, tr(lang, sheet_key), log);
  std::vector<std::string> headers = {tr(lang, sum.by == "unit" ? "col-unit" : "col-section")};
  for (const char* k : kSummaryColumns) headers.push_back(tr(lang, k));
  const lxw_col_t last_col = static_cast<lxw_col_t>(headers.size() - 1);
  const std::string title = sheet_title(tr(lang, title_key), ledger, scope, lang);
  title_row(sw, last_col, title, f);
  Widths widths(headers.size(), 40);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    sw.text(1, static_cast<lxw_col_t>(c), headers[c], f.header);
    widths.see(c, headers[c]);
  }
  lxw_row_t r = 2;
  RowHeights heights;
  for (const auto& row : sum.rows) {
    std::string label = sum.by == "unit" ? row.key : row.key + "、" + row.title;
    sw.text(r, 0, label, f.wrap);
    heights.see(r, 0, label);
    widths.see(0, truncate_to_width(label, 40));
    write_counts(sw, r, 1, row.counts, f);
    if (!sw.ok()) return;
    ++r;
  }
  const lxw_row_t last_row = r - 1;
  sw.text(r, 0, tr(lang, "total"), f.header);
  write_counts(sw, r, 1, sum.total, f);
  notes_under(sw, r + 2, last_col, summary_notes(sum.total, lang), f, heights);
  widths.apply(sw);
  heights.apply(sw, widths);
  freeze(sw, 2, 1);
  autofilter(sw, 1, last_row, last_col);
  print_setup(sw, 1, 1, title);
  if (r > 2) {
    conditional(sw, 2, 7, r - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
    conditional(sw, 2, 8, r - 1, LXW_CONDITIONAL_CRITERIA_EQUAL_TO, 1, f.green_fill);
  }
}

// The overdue items, one row per item with its units (as plan overdue --by item): a measure 25
// units share is one row, not 25. A unit whose state is not 未开始 shows it.
void overdue_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger,
                   const std::string& scope, Lang lang, const Formats& f, XlsxLog& log) {
  SheetWriter sw(wb, tr(lang, "xlsx-sheet-overdue"), log);
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < ledger.rows.size(); ++i) all.push_back(i);
  const auto groups = group_by_item(index, ledger, overdue_rows(index, ledger, all));
  const Table t = item_rows_table(index, ledger, groups, RowsKind::overdue, lang);
  const lxw_col_t last_col = static_cast<lxw_col_t>(t.columns.size() - 1);
  const std::string title = sheet_title(tr(lang, "xlsx-sheet-overdue"), ledger, scope, lang);
  title_row(sw, last_col, title, f);
  Widths widths(t.columns.size(), 50);
  header_row(sw, t, f, widths);
  lxw_row_t r = 2;
  RowHeights heights;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const auto& g = groups[k];
    const auto& cells = t.rows[k];  // days, due, task, item, content, how many units, units
    sw.number(r, 0, days_between(*g.due, ledger.as_of), f.number);
    sw.date(r, 1, *g.due, f.date);
    widths.see(1, "2024-12-31");
    sw.text(r, 2, cells[2].text, f.text);
    sw.text(r, 3, cells[3].text, f.text);
    widths.see(3, cells[3].text);
    sw.text(r, 4, cells[4].text, f.wrap);
    widths.see(4, truncate_to_width(cells[4].text, 40));
    heights.see(r, 4, cells[4].text);
    sw.number(r, 5, static_cast<double>(g.rows.size()), f.number);
    sw.text(r, 6, cells[6].text, f.wrap);
    widths.see(6, truncate_to_width(cells[6].text, 48));
    heights.see(r, 6, cells[6].text);
    if (!sw.ok()) return;
    ++r;
  }
  widths.apply(sw);
  heights.apply(sw, widths);
  freeze(sw, 2, 0);
  autofilter(sw, 1, r - 1, last_col);
  print_setup(sw, 1, 1, title);
  if (r > 2) conditional(sw, 2, 0, r - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
}

// A table as a sheet: its columns, numbers and percentages as numbers, the rest as text, its
// footer row (a total) after the rows, its notes under it; the first `frozen` columns stay in view.
void table_sheet(lxw_workbook* wb, const std::string& name, const std::string& title,
                 const Table& t, lxw_col_t frozen, const Formats& f, XlsxLog& log) {
  SheetWriter sw(wb, name, log);
  const lxw_col_t last_col = static_cast<lxw_col_t>(t.columns.size() - 1);
  title_row(sw, last_col, title, f);
  Widths widths(t.columns.size(), 40);
  header_row(sw, t, f, widths);
  lxw_row_t r = 2;
  auto write_row = [&](const std::vector<Cell>& row) {
    for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c) {
      const std::string& text = row[c].text;
      const bool percent = !text.empty() && text.back() == '%';
      char* end = nullptr;
      const double v = t.columns[c].numeric && !text.empty() ? std::strtod(text.c_str(), &end) : 0;
      if (end && end != text.c_str() &&
          (*end == '\0' || (percent && end + 1 == text.c_str() + text.size()))) {
        sw.number(r, static_cast<lxw_col_t>(c), percent ? v / 100 : v,
                  percent ? f.percent : f.number);
      } else {
        sw.text(r, static_cast<lxw_col_t>(c), text, f.text);
        widths.see(c, truncate_to_width(text, 40));
      }
    }
    ++r;
  };
  for (const auto& row : t.rows) {
    write_row(row);
    if (!sw.ok()) return;
  }
  const lxw_row_t last_row = r - 1;
  if (!t.footer.empty()) write_row(t.footer);
  RowHeights heights;
  notes_under(sw, r + 1, last_col, t.notes, f, heights);
  widths.apply(sw);
  heights.apply(sw, widths);
  freeze(sw, 2, frozen);
  autofilter(sw, 1, last_row, last_col);
  print_setup(sw, 1, 1, title);
}

// The scores (plan score): score_table's columns and its notes under it.
void score_sheet(lxw_workbook* wb, const ScoreResult& scores, const Ledger& ledger,
                 const std::string& scope, Lang lang, const Formats& f, XlsxLog& log) {
  Table t = score_table(scores, lang);
  t.notes = score_notes(scores, lang);
  table_sheet(wb, tr(lang, "xlsx-sheet-scores"),
              sheet_title(tr(lang, "xlsx-title-scores", {std::to_string(scores.year)}), ledger,
                          scope, lang),
              t, 2, f, log);
}

// When progress files were left out for their errors: a sheet that says so, opened first.
void incomplete_sheet(lxw_workbook* wb, const Ledger& ledger, Lang lang, const Formats& f,
                      XlsxLog& log) {
  SheetWriter sw(wb, tr(lang, "xlsx-sheet-incomplete"), log);
  if (!sw.ok()) return;
  sw.check(worksheet_set_column(sw.sheet(), 0, 0, 100, nullptr), "worksheet_set_column");
  sw.text(0, 0, tr(lang, "report-incomplete-line", {join(ledger.skipped_files, ", ")}), f.title);
  lxw_row_t r = 2;
  for (const auto& file : ledger.skipped_files) sw.text(r++, 0, file, f.text);
  print_setup(sw, 0, 0, tr(lang, "xlsx-sheet-incomplete"));
  if (sw.ok()) worksheet_activate(sw.sheet());
}

// Opens a workbook for `path`, lets `fill` add its sheets, and writes it out (close_workbook).
template <typename Fill>
std::optional<std::string> write_workbook(const std::string& path, Lang lang, Diagnostics* warnings,
                                          Fill fill) {
  std::string tmp, failure;
  lxw_workbook* wb = open_workbook(path, tmp, failure);
  if (!wb) return failure;
  XlsxLog log{path, lang, {}, std::nullopt};
  Formats f = make_formats(wb);
  fill(wb, f, log);
  if (warnings) warnings->insert(warnings->end(), log.warnings.begin(), log.warnings.end());
  return close_workbook(wb, tmp, path, log);
}

}  // namespace

std::optional<std::string> export_xlsx(const std::string& path, const PlanIndex& index,
                                       const Ledger& ledger, Lang lang, const ExportOptions& o,
                                       Diagnostics* warnings) {
  return write_workbook(path, lang, warnings, [&](lxw_workbook* wb, Formats& f, XlsxLog& log) {
    breakdown_sheet(wb, index, ledger, o.scope, lang, f, log);
    summary_sheet(wb, summarize(index, ledger, "unit"), "xlsx-sheet-by-unit", "html-by-unit",
                  ledger, o.scope, lang, f, log);
    summary_sheet(wb, summarize(index, ledger, "section"), "xlsx-sheet-by-section",
                  "html-by-section", ledger, o.scope, lang, f, log);
    overdue_sheet(wb, index, ledger, o.scope, lang, f, log);
    if (o.scores) score_sheet(wb, *o.scores, ledger, o.scope, lang, f, log);
    if (!ledger.skipped_files.empty()) incomplete_sheet(wb, ledger, lang, f, log);
  });
}

std::optional<std::string> export_rollup_xlsx(const std::string& path, const Rollup& r, Lang lang,
                                              Diagnostics* warnings) {
  return write_workbook(path, lang, warnings, [&](lxw_workbook* wb, Formats& f, XlsxLog& log) {
    const std::string head = r.title.empty() ? "" : r.title + " · ";
    table_sheet(wb, tr(lang, "xlsx-sheet-members"),
                head + tr(lang, "xlsx-sheet-title", {tr(lang, "html-by-member"), iso(r.as_of)}),
                rollup_table(r, lang), 1, f, log);
    if (!r.parent_tasks.empty() || !r.uncovered.empty())
      table_sheet(
          wb, tr(lang, "xlsx-sheet-parent-tasks"),
          head + tr(lang, "xlsx-sheet-title", {tr(lang, "xlsx-sheet-parent-tasks"), iso(r.as_of)}),
          parent_task_table(r, lang), 1, f, log);
  });
}

}  // namespace plan
