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
  void apply(lxw_worksheet* ws) const {
    for (std::size_t c = 0; c < w_.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w_[c],
                           nullptr);
  }

 private:
  std::vector<double> w_;
  double cap_;
};

void conditional(lxw_worksheet* ws, lxw_row_t r0, lxw_col_t c, lxw_row_t r1, uint8_t criteria,
                 double value, lxw_format* fmt) {
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_CELL;
  cf.criteria = criteria;
  cf.value = value;
  cf.format = fmt;
  worksheet_conditional_format_range(ws, r0, c, r1, c, &cf);
}

void write_counts(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Counts& k, const Formats& f) {
  const int values[] = {k.total,       k.done,    k.done_late, k.in_progress,
                        k.not_started, k.blocked, k.overdue};
  for (int v : values) worksheet_write_number(ws, r, c++, v, f.number);
  worksheet_write_number(ws, r, c, k.completion(), f.percent);
}

// The breakdown: one row per tracked item, section and task cells merged over their rows.
void breakdown_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger, Lang lang,
                     const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, "xlsx-sheet-breakdown").c_str());
  const std::vector<std::string> headers = {
      tr(lang, "xlsx-col-section"), tr(lang, "xlsx-col-task"), tr(lang, "xlsx-col-measure"),
      tr(lang, "xlsx-col-units"),   tr(lang, "col-deadline"),  tr(lang, "col-due"),
      tr(lang, "col-total"),        tr(lang, "col-done"),      tr(lang, "col-overdue"),
      tr(lang, "col-completion")};
  const std::string title =
      (index.plan().info.title.empty() ? tr(lang, "html-title") : index.plan().info.title) +
      tr(lang, "xlsx-title-suffix", {iso(ledger.as_of)});
  worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(headers.size() - 1), title.c_str(),
                        f.title);
  worksheet_set_row(ws, 0, 30, nullptr);
  Widths widths(headers.size(), 50);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), headers[c].c_str(), f.header);
    widths.see(c, headers[c]);
  }

  // Counts per tracked item.
  std::map<std::size_t, Counts> per_item;
  for (const auto& s : ledger.rows) per_item[index.assignments()[s.assignment].item].add(s);

  lxw_row_t row = 2;
  const auto& items = index.items();
  auto merge_or_write = [&](lxw_row_t r0, lxw_row_t r1, lxw_col_t c, const std::string& text) {
    if (r1 > r0) {
      worksheet_merge_range(ws, r0, c, r1, c, text.c_str(), f.merged);
    } else {
      worksheet_write_string(ws, r0, c, text.c_str(), f.merged);
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
      worksheet_write_string(ws, row, 2, measure.c_str(), f.wrap);
      widths.see(2, truncate_to_width(measure, 48));
      std::string units = units_as_written(it.units, lang);
      worksheet_write_string(ws, row, 3, units.c_str(), f.wrap);
      widths.see(3, truncate_to_width(units, 30));
      std::string deadline = it.deadline ? it.deadline->text : tr(lang, "no-deadline");
      worksheet_write_string(ws, row, 4, deadline.c_str(), f.text);
      widths.see(4, deadline);
      if (it.deadline && it.deadline->due) {
        lxw_datetime dt = excel_date(*it.deadline->due);
        worksheet_write_datetime(ws, row, 5, &dt, f.date);
      } else {
        worksheet_write_blank(ws, row, 5, f.text);
      }
      widths.see(5, "2024-12-31");
      const Counts& c = per_item[i];
      worksheet_write_number(ws, row, 6, c.total, f.number);
      worksheet_write_number(ws, row, 7, c.done, f.number);
      worksheet_write_number(ws, row, 8, c.overdue, f.number);
      worksheet_write_number(ws, row, 9, c.completion(), f.percent);
      ++row;
    }
    close_task();
    if (row > section_start) {
      std::string label = section.id + "、" + section.title;
      merge_or_write(section_start, row - 1, 0, label);
      widths.see(0, truncate_to_width(label, 16));
    }
  }
  widths.apply(ws);
  worksheet_freeze_panes(ws, 2, 0);
  if (row > 2) {
    conditional(ws, 2, 8, row - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
    conditional(ws, 2, 9, row - 1, LXW_CONDITIONAL_CRITERIA_EQUAL_TO, 1, f.green_fill);
  }
}

void summary_sheet(lxw_workbook* wb, const Summary& sum, const char* sheet_key, Lang lang,
                   const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, sheet_key).c_str());
  std::vector<std::string> headers = {tr(lang, sum.by == "unit" ? "col-unit" : "col-section")};
  for (const char* k : {"col-total", "col-done", "col-done-late", "col-in-progress",
                        "col-not-started", "col-blocked", "col-overdue", "col-completion"})
    headers.push_back(tr(lang, k));
  Widths widths(headers.size(), 40);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), f.header);
    widths.see(c, headers[c]);
  }
  lxw_row_t r = 1;
  for (const auto& row : sum.rows) {
    std::string label = sum.by == "unit" ? row.key : row.key + "、" + row.title;
    worksheet_write_string(ws, r, 0, label.c_str(), f.text);
    widths.see(0, label);
    write_counts(ws, r, 1, row.counts, f);
    ++r;
  }
  worksheet_write_string(ws, r, 0, tr(lang, "total").c_str(), f.header);
  write_counts(ws, r, 1, sum.total, f);
  widths.apply(ws);
  worksheet_freeze_panes(ws, 1, 1);
  if (r > 1) {
    conditional(ws, 1, 7, r - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
    conditional(ws, 1, 8, r - 1, LXW_CONDITIONAL_CRITERIA_EQUAL_TO, 1, f.green_fill);
  }
}

void overdue_sheet(lxw_workbook* wb, const PlanIndex& index, const Ledger& ledger, Lang lang,
                   const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, "xlsx-sheet-overdue").c_str());
  const std::vector<std::string> headers = {tr(lang, "col-unit"),    tr(lang, "col-days-overdue"),
                                            tr(lang, "col-due"),     tr(lang, "col-task"),
                                            tr(lang, "col-item-id"), tr(lang, "col-content"),
                                            tr(lang, "col-state"),   tr(lang, "col-last-entry")};
  Widths widths(headers.size(), 50);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), f.header);
    widths.see(c, headers[c]);
  }
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < ledger.rows.size(); ++i) all.push_back(i);
  lxw_row_t r = 1;
  for (std::size_t k : overdue_rows(index, ledger, all)) {
    const auto& s = ledger.rows[k];
    const Assignment& a = index.assignments()[s.assignment];
    const Item& it = index.items()[a.item];
    worksheet_write_string(ws, r, 0, a.unit.c_str(), f.text);
    widths.see(0, a.unit);
    worksheet_write_number(ws, r, 1, s.days_overdue, f.number);
    lxw_datetime due = excel_date(*s.due);
    worksheet_write_datetime(ws, r, 2, &due, f.date);
    widths.see(2, "2024-12-31");
    worksheet_write_string(ws, r, 3, it.task.c_str(), f.text);
    worksheet_write_string(ws, r, 4, it.id.c_str(), f.text);
    worksheet_write_string(ws, r, 5, it.title.c_str(), f.wrap);
    widths.see(5, truncate_to_width(it.title, 48));
    std::string state = state_label(s.state, lang);
    worksheet_write_string(ws, r, 6, state.c_str(), f.text);
    widths.see(6, state);
    if (s.last_date) {
      lxw_datetime last = excel_date(*s.last_date);
      worksheet_write_datetime(ws, r, 7, &last, f.date);
    } else {
      worksheet_write_blank(ws, r, 7, f.text);
    }
    widths.see(7, "2024-12-31");
    ++r;
  }
  widths.apply(ws);
  worksheet_freeze_panes(ws, 1, 0);
  if (r > 1) conditional(ws, 1, 1, r - 1, LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0, f.red_fill);
}

// When progress files were left out for their errors: a sheet that says so, opened first.
void incomplete_sheet(lxw_workbook* wb, const Ledger& ledger, Lang lang, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, "xlsx-sheet-incomplete").c_str());
  worksheet_set_column(ws, 0, 0, 100, nullptr);
  worksheet_write_string(
      ws, 0, 0, tr(lang, "report-incomplete-line", {join(ledger.skipped_files, ", ")}).c_str(),
      f.title);
  lxw_row_t r = 2;
  for (const auto& file : ledger.skipped_files)
    worksheet_write_string(ws, r++, 0, file.c_str(), f.text);
  worksheet_activate(ws);
}

}  // namespace

std::optional<std::string> export_xlsx(const std::string& path, const PlanIndex& index,
                                       const Ledger& ledger, Lang lang) {
  std::string tmp, failure;
  lxw_workbook* wb = open_workbook(path, tmp, failure);
  if (!wb) return failure;
  Formats f = make_formats(wb);
  breakdown_sheet(wb, index, ledger, lang, f);
  summary_sheet(wb, summarize(index, ledger, "unit"), "xlsx-sheet-by-unit", lang, f);
  summary_sheet(wb, summarize(index, ledger, "section"), "xlsx-sheet-by-section", lang, f);
  overdue_sheet(wb, index, ledger, lang, f);
  if (!ledger.skipped_files.empty()) incomplete_sheet(wb, ledger, lang, f);
  return close_workbook(wb, tmp, path);
}

}  // namespace plan
