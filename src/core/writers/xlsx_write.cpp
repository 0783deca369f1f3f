#include "core/writers/xlsx_write.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>

#include "core/common/files.h"

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
                                          const std::string& path) {
  lxw_error err = workbook_close(wb);
  std::error_code ec;
  const fs::path dir = fs::path(tmp).parent_path();
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
