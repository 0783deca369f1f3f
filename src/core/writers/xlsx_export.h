// The Excel ledger (plan export --format xlsx), written with libxlsxwriter: the breakdown in
// Attachment 2's layout with the state as of a date and each item's latest notes, then one sheet
// per report and the scores. Every sheet prints on A4 landscape, one page wide, its column
// headers on every page and its title (with the date) in the page header.
#pragma once
#include <optional>
#include <string>

#include "core/common/diag.h"
#include "core/common/i18n.h"
#include "core/ledger/ledger.h"
#include "core/reports/score.h"
#include "core/rollup/rollup.h"

namespace plan {

struct ExportOptions {
  std::string scope;                  // who the workbook is about (filter_title), "" for everyone
  std::optional<ScoreResult> scores;  // the 评分 sheet; none without
};

// Writes the workbook of every row of `ledger` (for one unit or section, ledger_part of the
// chosen rows, with `options.scope` saying who) to `path` (through a temporary file and a rename).
// Text longer than a cell holds is cut with a mark and a warning added to `warnings`; a sheet
// longer than Excel allows (1,048,576 rows) or any libxlsxwriter error writes no file. Returns an
// error message, or nullopt.
std::optional<std::string> export_xlsx(const std::string& path, const PlanIndex& index,
                                       const Ledger& ledger, Lang lang,
                                       const ExportOptions& options = {},
                                       Diagnostics* warnings = nullptr);

// The roll-up as a workbook (plan rollup -o FILE.xlsx, plan export in a roll-up directory): a
// sheet of members as plan rollup's table (numbers as numbers), and with links to a parent plan a
// sheet of parent tasks. Written as export_xlsx writes.
std::optional<std::string> export_rollup_xlsx(const std::string& path, const Rollup& rollup,
                                              Lang lang, Diagnostics* warnings = nullptr);

}  // namespace plan
