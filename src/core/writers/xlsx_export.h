// The Excel ledger (plan export --format xlsx), written with libxlsxwriter: the breakdown in
// Attachment 2's layout with the state as of a date, then one sheet per report.
#pragma once
#include <optional>
#include <string>

#include "core/common/diag.h"
#include "core/common/i18n.h"
#include "core/ledger/ledger.h"

namespace plan {

// Writes the workbook to `path` (through a temporary file and a rename). Text longer than a cell
// holds is cut with a mark and a warning added to `warnings`; a sheet longer than Excel allows
// (1,048,576 rows) or any libxlsxwriter error writes no file. Returns an error message, or
// nullopt.
std::optional<std::string> export_xlsx(const std::string& path, const PlanIndex& index,
                                       const Ledger& ledger, Lang lang,
                                       Diagnostics* warnings = nullptr);

}  // namespace plan
