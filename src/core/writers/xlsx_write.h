// What every workbook plan writes shares: dates as Excel dates, and a private place to build
// the file in, so that a half-written file never stands at the target path and libxlsxwriter
// never opens a name someone else could have put a link at.
#pragma once
#include <xlsxwriter.h>

#include <optional>
#include <string>

#include "core/common/date.h"

namespace plan {

// A calendar date as libxlsxwriter takes it (midnight).
lxw_datetime excel_date(const Date& d);

// A new workbook for `path`. libxlsxwriter writes the file itself with fopen(name, "wb"), which
// follows a link and truncates whatever it finds, so the name it gets (`tmp`) lies in a new
// directory of our own (mkdtemp, mode 0700, in $TMPDIR or /tmp) where nobody else can put
// anything. Sets `failure` and returns null when it cannot be made.
lxw_workbook* open_workbook(const std::string& path, std::string& tmp, std::string& failure);

// Writes the workbook out, then its bytes to `path` as every -o output is written
// (write_output_file: atomically, keeping an existing file's mode; into a device or FIFO), and
// removes the private directory. Returns an error message (write_failure_text), or nullopt.
std::optional<std::string> close_workbook(lxw_workbook* wb, const std::string& tmp,
                                          const std::string& path);

}  // namespace plan
