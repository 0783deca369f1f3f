// Reading spreadsheets that people send back: a bounded .xlsx reader (libzip and expat) and a
// CSV reader, both giving cells with their place and problems as diagnostics.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/diag.h"

namespace plan {

enum class CellKind { empty, string, number, boolean, error };

struct XlsxCell {
  std::uint32_t row = 0;  // 1-based
  std::uint32_t col = 0;  // 1-based (A = 1)
  std::string ref;        // "C7"
  CellKind kind = CellKind::empty;
  std::string text;      // strings; the written value of numbers ("45657"), TRUE/FALSE, "#N/A"
  double number = 0;     // numbers and booleans (1/0)
  bool is_date = false;  // a number shown with a date or time format
};

// A merged range (<mergeCell ref="A2:A5"/>): its value is the top-left cell's.
struct XlsxMerge {
  std::uint32_t first_row = 0, first_col = 0;  // the top-left cell, which holds the value
  std::uint32_t last_row = 0, last_col = 0;
  bool contains(std::uint32_t row, std::uint32_t col) const {
    return row >= first_row && row <= last_row && col >= first_col && col <= last_col;
  }
};

struct XlsxSheet {
  std::string name;
  bool hidden = false;          // hidden or very hidden
  std::string part;             // the zip entry it was read from ("" for CSV)
  std::vector<XlsxCell> cells;  // ordered by row, then column; no two at one place
  // Merged ranges in file order; single cells and malformed references are left out. They
  // count against the cell limit. CSV has none.
  std::vector<XlsxMerge> merged;
  // The cell at (row, col), if the file has one there.
  const XlsxCell* at(std::uint32_t row, std::uint32_t col) const;
};

struct XlsxDefinedName {
  std::string name;
  std::string value;                 // "Sheet1!$A$1" as written
  std::optional<std::size_t> sheet;  // local to this sheet (index into sheets)
  bool hidden = false;
};

struct XlsxRead {
  std::string file;               // the label used in places and diagnostics
  std::vector<XlsxSheet> sheets;  // in workbook order
  std::vector<XlsxDefinedName> names;
  bool date1904 = false;  // the workbook counts dates from 1904 (workbookPr date1904)
  bool csv = false;       // made by read_csv_table: one sheet, every cell a string
  Diagnostics diags;      // an error means the workbook could not be read at all
  bool ok() const { return !has_errors(diags); }
};

// Bounds on what a workbook may make the reader do. The defaults are far beyond any form.
struct XlsxLimits {
  std::size_t max_file_bytes = 64u << 20;    // the .xlsx file itself
  std::size_t max_entries = 10000;           // zip entries
  std::size_t max_part_bytes = 64u << 20;    // one part, uncompressed
  std::size_t max_total_bytes = 256u << 20;  // all parts read, uncompressed
  double max_ratio = 100;                    // uncompressed / compressed, once a part
  std::size_t ratio_floor = 1u << 20;        // has given this many bytes
  std::size_t max_cells = 1000000;           // cells in all sheets, and shared strings
  std::size_t max_sheets = 256;
  int max_depth = 64;                        // XML nesting
  std::size_t max_string_bytes = 32767 * 4;  // one text (Excel allows 32767 characters)
};

// Reads the workbook at `path`. The sheets come in workbook order with their cells; any problem
// (not a zip, the old .xls format, a damaged or oversized part) is an error in `diags` naming the
// file and the part. Never throws, never aborts.
XlsxRead read_xlsx(const std::string& path, const XlsxLimits& limits = {});
// The same for a workbook already in memory; `label` names it in diagnostics.
XlsxRead read_xlsx_bytes(std::string_view bytes, const std::string& label,
                         const XlsxLimits& limits = {});

// Reads a CSV file (UTF-8, with or without a BOM; RFC 4180 quoting; LF or CRLF) as a workbook of
// one sheet of string cells, named after nothing (""). Other encodings are an error that says to
// save as "CSV UTF-8".
XlsxRead read_csv_table(const std::string& path, const XlsxLimits& limits = {});
XlsxRead read_csv_text(std::string_view text, const std::string& label,
                       const XlsxLimits& limits = {});

// The calendar date of an Excel serial number (the time of day is dropped). In the 1900 system
// serial 1 is 1900-01-01 and 60 is Excel's fictitious 1900-02-29 (nullopt); in the 1904 system
// serial 0 is 1904-01-01. Nullopt for negative, non-finite or past 9999-12-31.
std::optional<Date> excel_serial_to_date(double serial, bool date1904);

// "C7" for row 7, column 3; and back (nullopt when malformed or beyond XFD1048576).
std::string cell_ref(std::uint32_t row, std::uint32_t col);
struct CellPos {
  std::uint32_t row = 0, col = 0;
};
std::optional<CellPos> parse_cell_ref(std::string_view ref);
// "A2:A5" (or "$A$2:$A$5") as a range with its corners in order; nullopt when malformed.
std::optional<XlsxMerge> parse_range_ref(std::string_view ref);
// The column letters alone: 3 → "C".
std::string column_name(std::uint32_t col);

// True when an Excel number format code shows a date or time: y, m, d or h outside quotes,
// brackets and escapes (so "yyyy-mm-dd" and "[$-804]yyyy年m月d日" are, "0.00" and "General"
// are not).
bool is_date_format(std::string_view code);
// True for the built-in format ids that are dates or times (14–22, 27–36, 45–47, 50–58).
bool is_builtin_date_format(int id);

}  // namespace plan
