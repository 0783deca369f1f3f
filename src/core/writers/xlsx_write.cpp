#include "core/writers/xlsx_write.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>

#include "core/common/files.h"
#include "core/common/text.h"

namespace plan {

namespace fs = std::filesystem;

lxw_datetime excel_date(const Date& d) {
  return {static_cast<int>(d.year()),
          static_cast<int>(static_cast<unsigned>(d.month())),
          static_cast<int>(static_cast<unsigned>(d.day())),
          0,
          0,
          0};
}

std::size_t utf16_units(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = utf8_sequence_length(s, i);
    if (len == 0) len = 1;  // a stray byte: libxlsxwriter copies it; count it as one
    n += len == 4 ? 2 : 1;
    i += len;
  }
  return n;
}

std::string xlsx_cell_ref(lxw_row_t r, lxw_col_t c) {
  std::string col;
  for (unsigned n = static_cast<unsigned>(c) + 1; n > 0; n = (n - 1) / 26)
    col.insert(col.begin(), static_cast<char>('A' + (n - 1) % 26));
  return col + std::to_string(static_cast<unsigned long>(r) + 1);
}

std::string xlsx_header_text(std::string_view s) {
  std::string out;
  for (char ch : truncate_to_width(s, 100)) {
    if (ch == '&') out += '&';
    out += ch;
  }
  return out;
}

void print_setup(SheetWriter& sw, lxw_row_t repeat_first, lxw_row_t repeat_last,
                 const std::string& header) {
  if (!sw.ok()) return;
  lxw_worksheet* ws = sw.sheet();
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_fit_to_pages(ws, 1, 0);
  sw.check(worksheet_repeat_rows(ws, repeat_first, repeat_last), "worksheet_repeat_rows");
  sw.check(worksheet_set_header(ws, ("&C" + xlsx_header_text(header)).c_str()),
           "worksheet_set_header");
  sw.check(worksheet_set_footer(ws, ("&C" + tr(sw.lang(), "xlsx-page-footer")).c_str()),
           "worksheet_set_footer");
}

SheetWriter::SheetWriter(lxw_workbook* wb, const std::string& name, XlsxLog& log)
    : name_(name), log_(log) {
  if (log_.failure) return;
  ws_ = workbook_add_worksheet(wb, name.c_str());
  if (!ws_) log_.failure = tr(log_.lang, "xlsx-write-error", {name, "", "workbook_add_worksheet"});
}

void SheetWriter::fail(lxw_row_t r, lxw_col_t c, lxw_error e) {
  if (!log_.failure)
    log_.failure = tr(log_.lang, "xlsx-write-error", {name_, xlsx_cell_ref(r, c), lxw_strerror(e)});
}

void SheetWriter::check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR && !log_.failure)
    log_.failure = tr(log_.lang, "xlsx-write-error", {name_, what, lxw_strerror(e)});
}

bool SheetWriter::row_ok(lxw_row_t r, lxw_col_t c) {
  if (!ok()) return false;
  if (r >= kXlsxMaxRows) {
    log_.failure = tr(log_.lang, "xlsx-too-many-rows", {name_, xlsx_cell_ref(r, c)});
    return false;
  }
  return true;
}

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// True when a literal "_xHHHH_" starts at s[i]: Excel, LibreOffice and our reader would decode
// it to one character.
bool xstring_escape_at(const std::string& s, std::size_t i) {
  return s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_' && is_hex(s[i + 2]) &&
         is_hex(s[i + 3]) && is_hex(s[i + 4]) && is_hex(s[i + 5]);
}

// A text as an OOXML string (ST_Xstring): a literal "_xHHHH_" is written with its underscore
// escaped (_x005F_xHHHH_) so that it reads back as written. libxlsxwriter escapes control
// characters itself, but not this.
std::string xstring(const std::string& s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (xstring_escape_at(s, i)) out += "_x005F";
    out += s[i];
  }
  return out;
}

}  // namespace

std::string SheetWriter::fitted(lxw_row_t r, lxw_col_t c, const std::string& s) {
  // Two counts must stay within the limit: Excel's, the text's UTF-16 code units, and
  // libxlsxwriter's, the code points of what it is given (the text with "_x005F" added).
  std::size_t units = 0, points = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = std::max<std::size_t>(1, utf8_sequence_length(s, i));
    units += len == 4 ? 2 : 1;
    points += xstring_escape_at(s, i) ? 7 : 1;
    i += len;
  }
  if (units <= kXlsxMaxCellUnits && points <= kXlsxMaxCellUnits) return xstring(s);
  const std::string mark = tr(log_.lang, "xlsx-cut-mark");
  const std::size_t room = kXlsxMaxCellUnits - utf16_units(mark);
  // Whole characters only, so that the cell stays valid UTF-8.
  std::size_t used_units = 0, used_points = 0, end = 0;
  while (end < s.size()) {
    std::size_t len = std::max<std::size_t>(1, utf8_sequence_length(s, end));
    std::size_t u = len == 4 ? 2 : 1, p = xstring_escape_at(s, end) ? 7 : 1;
    if (used_units + u > room || used_points + p > room) break;
    used_units += u;
    used_points += p;
    end += len;
  }
  log_.warnings.push_back(warning({log_.file, 0, 0}, "xlsx-cell-cut",
                                  {name_, xlsx_cell_ref(r, c), std::to_string(units)}));
  // A "_xHHHH_" cut short by the end is no longer one, and the mark starts with "…".
  return xstring(s.substr(0, end)) + mark;
}

void SheetWriter::text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
  if (!row_ok(r, c)) return;
  // worksheet_write_string makes a shared-string cell (t="s"): Excel, WPS and LibreOffice show it
  // as text and never evaluate it, even when it starts with = + - or @.
  lxw_error e = worksheet_write_string(ws_, r, c, fitted(r, c, s).c_str(), f);
  if (e != LXW_NO_ERROR) fail(r, c, e);
}

void SheetWriter::merged(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1,
                         const std::string& s, lxw_format* f) {
  if (!row_ok(r0, c0) || !row_ok(r1, c1)) return;
  lxw_error e = worksheet_merge_range(ws_, r0, c0, r1, c1, fitted(r0, c0, s).c_str(), f);
  if (e != LXW_NO_ERROR) fail(r0, c0, e);
}

void SheetWriter::number(lxw_row_t r, lxw_col_t c, double v, lxw_format* f) {
  if (!row_ok(r, c)) return;
  lxw_error e = worksheet_write_number(ws_, r, c, v, f);
  if (e != LXW_NO_ERROR) fail(r, c, e);
}

void SheetWriter::date(lxw_row_t r, lxw_col_t c, const Date& d, lxw_format* f) {
  if (!row_ok(r, c)) return;
  lxw_datetime dt = excel_date(d);
  lxw_error e = worksheet_write_datetime(ws_, r, c, &dt, f);
  if (e != LXW_NO_ERROR) fail(r, c, e);
}

void SheetWriter::blank(lxw_row_t r, lxw_col_t c, lxw_format* f) {
  if (!row_ok(r, c)) return;
  lxw_error e = worksheet_write_blank(ws_, r, c, f);
  if (e != LXW_NO_ERROR) fail(r, c, e);
}

lxw_workbook* open_workbook(const std::string&, std::string& tmp, std::string& failure) {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string dir = (base / "plan-xlsx.XXXXXX").string();
  if (!::mkdtemp(dir.data())) {
    failure = std::strerror(errno);
    return nullptr;
  }
  tmp = (fs::path(dir) / "book.xlsx").string();
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (!wb) {
    fs::remove_all(dir, ec);
    failure = "cannot create the workbook";
  }
  return wb;
}

std::optional<std::string> close_workbook(lxw_workbook* wb, const std::string& tmp,
                                          const std::string& path, const XlsxLog& log) {
  lxw_error err = workbook_close(wb);
  std::error_code ec;
  const fs::path dir = fs::path(tmp).parent_path();
  if (log.failure) {
    fs::remove_all(dir, ec);
    return log.failure;
  }
  if (err != LXW_NO_ERROR) {
    fs::remove_all(dir, ec);
    return std::string(lxw_strerror(err));
  }
  RegularRead book = read_regular_file(tmp, std::numeric_limits<std::size_t>::max() - 1, false);
  fs::remove_all(dir, ec);
  if (book.problem != ReadProblem::none)
    return std::string(book.error ? std::strerror(book.error) : "cannot read the workbook back");
  return write_output_file(path, book.text);
}

}  // namespace plan
