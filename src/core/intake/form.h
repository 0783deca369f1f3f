// The reporting form (报送表): a fill-in workbook for one unit, and reading a filled one back
// into raw rows with the place of every cell. Checking the rows against the plan is not done
// here; the importer does it, sharing the checks of plan record.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/diag.h"
#include "core/common/i18n.h"
#include "core/intake/xlsx_read.h"
#include "core/ledger/ledger.h"

namespace plan {

// The layout version written into the hidden sheet; extraction refuses newer ones.
constexpr int kFormVersion = 1;
// The hidden sheet that carries the form's metadata (key in column A, value in column B).
constexpr const char* kFormMetaSheet = "_plan";

// FNV-1a, 64 bits.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL);
// The plan a form was made from: FNV-1a 64 over the bytes of tasks.yaml, a NUL, and the bytes
// of units.yaml, as 16 lowercase hex digits. Any edit to either file changes it.
std::string plan_fingerprint(std::string_view tasks_yaml, std::string_view units_yaml);

// The file name of a unit's form: "<unit>报送表.xlsx", with the characters that are unsafe in
// file names written %XX as in progress file names.
std::string form_file_name(std::string_view unit);

// Writes the form of `unit` (a concrete unit with assignments) to `path`, through a temporary
// file and a rename: title, 填报单位/填报人/联系电话, instructions, then one row per assignment
// of the unit with read-only context (task, content, deadline, due date, state and last entry as
// of ledger.as_of) and the input columns 状态 (a list), 日期 (a date), 说明, 佐证. The sheet is
// protected without a password; only the input cells are unlocked. The hidden sheet _plan holds
// the form version, the unit, the as-of date and `fingerprint`. Returns an error message, or
// nullopt. Texts are string cells, never formulas; one longer than an Excel cell holds is cut
// with a mark and a warning in `warnings`; a form longer than Excel's rows writes no file.
std::optional<std::string> write_form(const std::string& path, const PlanIndex& index,
                                      const Ledger& ledger, const std::string& unit, Lang lang,
                                      const std::string& fingerprint,
                                      Diagnostics* warnings = nullptr);

// ---- reading a filled form back

// Where a value was read: "file:sheet!C7", or "file:C7" for a CSV file.
struct CellPlace {
  std::string file;
  std::string sheet;  // "" for CSV
  std::string ref;    // "C7"; "" when the value did not come from a cell
  std::string text() const;
  Where where() const { return {text(), 0, 0}; }
};

struct FormText {
  std::string text;  // trimmed; line breaks as \n
  CellPlace place;
};

struct FormDate {
  std::optional<Date> date;  // the cell held a date (an Excel serial number with a date format)
  std::string text;          // otherwise what it held, as text ("2025.3.1", "45678"); "" if empty
  CellPlace place;
};

struct FormRow {
  std::uint32_t row = 0;           // 1-based row in the sheet
  FormText item;                   // 事项, e.g. "(25)"
  FormText status;                 // 状态 as written, e.g. "已完成"
  FormDate date;                   // 日期
  FormText note;                   // 说明
  std::vector<FormText> evidence;  // 佐证, split on line breaks and ；;
  FormText by;  // a 填报人 column of the row if the sheet has one, else the form's 填报人 cell
};

// What the hidden sheet said (all empty when there was none).
struct FormMeta {
  bool found = false;
  int version = 0;
  std::string unit, as_of, fingerprint, plan_title;
};

struct FormExtract {
  std::string file;
  std::string sheet;             // the sheet the rows came from
  std::uint32_t header_row = 0;  // 0 when no header was found
  FormMeta meta;
  // The reporting unit: from the hidden sheet, else the 填报单位 cell, else the one passed in.
  FormText unit;
  FormText by;                // the 填报人 cell
  FormText phone;             // the 联系电话 cell
  std::vector<FormRow> rows;  // rows whose 状态 is not empty, in sheet order
  Diagnostics diags;          // cells that could not be read, each with its place
};

struct ExtractOptions {
  std::string unit;  // the unit the form is from, when the file cannot say (CSV); "" = unknown
  std::size_t header_search_rows = 20;
};

// Finds the header row (the key columns 事项 and 状态, optionally 日期, 说明, 佐证, 填报人, or
// item/status/date/note/evidence/by) in the first 20 rows of the first visible sheet that has
// one, and reads every row below it whose 状态 is not empty. `file` names the file in places.
// Pure: nothing is checked against the plan, and text dates stay text.
FormExtract extract_form(const XlsxRead& book, const std::string& file,
                         const ExtractOptions& options = {});

}  // namespace plan
