// What every workbook plan writes shares: dates as Excel dates, and a private place to build
// the file in, so that a half-written file never stands at the target path and libxlsxwriter
// never opens a name someone else could have put a link at.
#pragma once
#include <xlsxwriter.h>

#include <optional>
#include <string>

#include "core/common/date.h"
#include "core/common/diag.h"
#include "core/common/i18n.h"

namespace plan {

// Excel's limits: a cell holds at most 32,767 characters, counted as Excel counts them (UTF-16
// code units: a character beyond U+FFFF is two); a sheet has 1,048,576 rows.
inline constexpr std::size_t kXlsxMaxCellUnits = 32767;
inline constexpr lxw_row_t kXlsxMaxRows = LXW_ROW_MAX;

// The characters of `s` as Excel counts them (UTF-16 code units).
std::size_t utf16_units(std::string_view s);

// What writing a workbook ran into: cells cut to Excel's limit (warnings, each naming its sheet
// and cell) and the first failure (a sheet with too many rows, or an error of libxlsxwriter),
// after which nothing more is written and no file is made.
struct XlsxLog {
  std::string file;  // the workbook's path, for the warnings
  Lang lang = Lang::zh;
  Diagnostics warnings;
  std::optional<std::string> failure;
};

// Writes the cells of one worksheet, checking every write: text always goes in as a string
// cell (never a formula, whatever it starts with), a literal "_xHHHH_" in it escaped so that it
// reads back as written; a text longer than a cell holds is cut, ends with a visible mark
// ("…（已截断，全文见计划文件或 plan log）") and adds a warning; a row beyond the last Excel
// has, or any libxlsxwriter error, sets the failure.
class SheetWriter {
 public:
  // Adds the worksheet; a failure when libxlsxwriter refuses it.
  SheetWriter(lxw_workbook* wb, const std::string& name, XlsxLog& log);
  lxw_worksheet* sheet() const { return ws_; }
  bool ok() const { return ws_ && !log_.failure; }
  Lang lang() const { return log_.lang; }

  void text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f);
  void merged(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1, const std::string& s,
              lxw_format* f);
  void number(lxw_row_t r, lxw_col_t c, double v, lxw_format* f);
  void date(lxw_row_t r, lxw_col_t c, const Date& d, lxw_format* f);
  void blank(lxw_row_t r, lxw_col_t c, lxw_format* f);
  // Any other libxlsxwriter call's result (`what` names it in the failure).
  void check(lxw_error e, const char* what);

 private:
  bool row_ok(lxw_row_t r, lxw_col_t c);
  std::string fitted(lxw_row_t r, lxw_col_t c, const std::string& s);
  void fail(lxw_row_t r, lxw_col_t c, lxw_error e);

  lxw_worksheet* ws_ = nullptr;
  std::string name_;
  XlsxLog& log_;
};

// Text for a page header or footer: '&' (which starts Excel's codes there, &P the page number)
// written as "&&", cut to 100 display columns so that the whole stays within the 255 characters
// Excel takes.
std::string xlsx_header_text(std::string_view s);

// How a sheet prints: A4 landscape, one page wide and as many tall as it needs, rows
// [repeat_first, repeat_last] (the column headers) on every page, `header` (plain text, escaped
// here) centred in the page header and the page number in the footer.
void print_setup(SheetWriter& sw, lxw_row_t repeat_first, lxw_row_t repeat_last,
                 const std::string& header);

// "C7" for row 6, column 2 (both from 0).
std::string xlsx_cell_ref(lxw_row_t r, lxw_col_t c);

// A calendar date as libxlsxwriter takes it (midnight).
lxw_datetime excel_date(const Date& d);

// A new workbook for `path`. libxlsxwriter writes the file itself with fopen(name, "wb"), which
// follows a link and truncates whatever it finds, so the name it gets (`tmp`) lies in a new
// directory of our own (mkdtemp, mode 0700, in $TMPDIR or /tmp) where nobody else can put
// anything. Sets `failure` and returns null when it cannot be made.
lxw_workbook* open_workbook(const std::string& path, std::string& tmp, std::string& failure);

// Writes the workbook out, then its bytes to `path` as every -o output is written
// (write_output_file: atomically, keeping an existing file's mode; into a device or FIFO), and
// removes the private directory. With `log.failure` set the workbook is only freed: no file is
// made, and that failure is returned. Returns an error message (write_failure_text), or nullopt.
std::optional<std::string> close_workbook(lxw_workbook* wb, const std::string& tmp,
                                          const std::string& path, const XlsxLog& log);

}  // namespace plan
