// What every workbook plan writes shares: dates as Excel dates, and the create-then-rename that
// keeps a half-written file from ever standing at the target path.
#pragma once
#include <xlsxwriter.h>

#include <optional>
#include <string>

#include "core/common/date.h"

namespace plan {

// A calendar date as libxlsxwriter takes it (midnight).
lxw_datetime excel_date(const Date& d);

// A new workbook at a temporary name beside `path` (libxlsxwriter writes the file itself).
// The temporary file is created here first, because libxlsxwriter reports a file it cannot
// create on stderr, and vaguely. Sets `failure` and returns null when it cannot be made.
lxw_workbook* open_workbook(const std::string& path, std::string& tmp, std::string& failure);

// Writes the workbook out and renames it over `path`; on failure removes the temporary file.
// Returns an error message, or nullopt.
std::optional<std::string> close_workbook(lxw_workbook* wb, const std::string& tmp,
                                          const std::string& path);

}  // namespace plan
