#include "core/writers/xlsx_export.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
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
      *green_fill;
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

 private:
  std::vector<double> w_;
  double cap_;
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

// The breakdown: one row per tracked item, section and task cells merged over their rows.
void breakdown_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger, Lang lang,
                     const Formats& f, XlsxLog& log) {
  SheetWriter sw(wb, tr(lang, "xlsx-sheet-breakdown"), log);
  const std::vector<std::string> headers = {
      tr(lang, "xlsx-col-section"), tr(lang, "xlsx-col-task"), tr(lang, "xlsx-col-measure"),
      tr(lang, "xlsx-col-units"),   tr(lang, "col-deadline"),  tr(lang, "col-due"),
      tr(lang, "col-total"),        tr(lang, "col-done"),      tr(lang, "col-overdue"),
      tr(lang, "col-completion")};
  const std::string title =
      (index.plan().info.title.empty() ? tr(lang, "html-title") : index.plan().info.title) +
      tr(lang, "xlsx-title-suffix", {iso(ledger.as_of)});
  sw.merged(0, 0, 0, static_cast<lxw_col_t>(headers.size() - 1), title, f.title);
  if (sw.ok()) sw.check(worksheet_set_row(sw.sheet(), 0, 30, nullptr), "worksheet_set_row");
  Widths widths(headers.size(), 50);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    sw.text(1, static_cast<lxw_col_t>(c), headers[c], f.header);
    widths.see(c, headers[c]);
  }

  // Counts per tracked item.
  std::map<std::size_t, Counts> per_item;
  for (const auto& s : ledger.rows) per_item[index.assignments()[s.assignment].item].add(s);

  lxw_row_t row = 2;
  const auto& items = index.items();
  auto merge_or_write = [&](lxw_row_t r0, lxw_row_t r1, lxw_col_t c, const std::string& text) {
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
      if (!it.leaf || it.section != section.id) continue;
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
      widths.see(2, truncate_to_width(measure, 48));
      std::string units = units_as_written(it.units, lang);
      sw.text(row, 3, units, f.wrap);
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
  freeze(sw, 2, 0);
  if (row > 2) {
    conditional(sw, 2, 8, row - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
    conditional(sw, 2, 9, row - 1, LXW_CONDITIONAL_CRITERIA_EQUAL_TO, 1, f.green_fill);
  }
}

void summary_sheet(lxw_workbook* wb, const Summary& sum, const char* sheet_key, Lang lang,
                   const Formats& f, XlsxLog& log) {
  SheetWriter sw(wb, tr(lang, sheet_key), log);
  std::vector<std::string> headers = {tr(lang, sum.by == "unit" ? "col-unit" : "col-section")};
  for (const char* k : kSummaryColumns) headers.push_back(tr(lang, k));
  Widths widths(headers.size(), 40);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    sw.text(0, static_cast<lxw_col_t>(c), headers[c], f.header);
    widths.see(c, headers[c]);
  }
  lxw_row_t r = 1;
  for (const auto& row : sum.rows) {
    std::string label = sum.by == "unit" ? row.key : row.key + "、" + row.title;
    sw.text(r, 0, label, f.text);
    widths.see(0, truncate_to_width(label, 40));
    write_counts(sw, r, 1, row.counts, f);
    if (!sw.ok()) return;
    ++r;
  }
  sw.text(r, 0, tr(lang, "total"), f.header);
  write_counts(sw, r, 1, sum.total, f);
  lxw_row_t note_row = r + 2;
  for (const auto& note : summary_notes(sum.total, lang)) sw.text(note_row++, 0, note, f.text);
  widths.apply(sw);
  freeze(sw, 1, 1);
  if (r > 1) {
    conditional(sw, 1, 7, r - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
    conditional(sw, 1, 8, r - 1, LXW_CONDITIONAL_CRITERIA_EQUAL_TO, 1, f.green_fill);
  }
}

void overdue_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger, Lang lang,
                   const Formats& f, XlsxLog& log) {
  SheetWriter sw(wb, tr(lang, "xlsx-sheet-overdue"), log);
  const std::vector<std::string> headers = {tr(lang, "col-unit"),    tr(lang, "col-days-overdue"),
                                            tr(lang, "col-due"),     tr(lang, "col-task"),
                                            tr(lang, "col-item-id"), tr(lang, "col-content"),
                                            tr(lang, "col-state"),   tr(lang, "col-last-entry")};
  Widths widths(headers.size(), 50);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    sw.text(0, static_cast<lxw_col_t>(c), headers[c], f.header);
    widths.see(c, headers[c]);
  }
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < ledger.rows.size(); ++i) all.push_back(i);
  lxw_row_t r = 1;
  for (std::size_t k : overdue_rows(index, ledger, all)) {
    const auto& s = ledger.rows[k];
    const Assignment& a = index.assignments()[s.assignment];
    const Item& it = index.items()[a.item];
    sw.text(r, 0, a.unit, f.text);
    widths.see(0, truncate_to_width(a.unit, 50));
    sw.number(r, 1, s.days_overdue, f.number);
    sw.date(r, 2, *s.due, f.date);
    widths.see(2, "2024-12-31");
    sw.text(r, 3, it.task, f.text);
    sw.text(r, 4, it.id, f.text);
    sw.text(r, 5, it.title, f.wrap);
    widths.see(5, truncate_to_width(it.title, 48));
    std::string state = state_label(s.state, lang);
    sw.text(r, 6, state, f.text);
    widths.see(6, state);
    if (s.last_date) {
      sw.date(r, 7, *s.last_date, f.date);
    } else {
      sw.blank(r, 7, f.text);
    }
    widths.see(7, "2024-12-31");
    if (!sw.ok()) return;
    ++r;
  }
  widths.apply(sw);
  freeze(sw, 1, 0);
  if (r > 1) conditional(sw, 1, 1, r - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
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
  if (sw.ok()) worksheet_activate(sw.sheet());
}

}  // namespace

std::optional<std::string> export_xlsx(const std::string& path, const PlanIndex& index,
                                       const Ledger& ledger, Lang lang, Diagnostics* warnings) {
  std::string tmp, failure;
  lxw_workbook* wb = open_workbook(path, tmp, failure);
  if (!wb) return failure;
  XlsxLog log{path, lang, {}, std::nullopt};
  Formats f = make_formats(wb);
  breakdown_sheet(wb, index, ledger, lang, f, log);
  summary_sheet(wb, summarize(index, ledger, "unit"), "xlsx-sheet-by-unit", lang, f, log);
  summary_sheet(wb, summarize(index, ledger, "section"), "xlsx-sheet-by-section", lang, f, log);
  overdue_sheet(wb, index, ledger, lang, f, log);
  if (!ledger.skipped_files.empty()) incomplete_sheet(wb, ledger, lang, f, log);
  if (warnings) warnings->insert(warnings->end(), log.warnings.begin(), log.warnings.end());
  return close_workbook(wb, tmp, path, log);
}

}  // namespace plan
