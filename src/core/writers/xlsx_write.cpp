#include "core/writers/xlsx_write.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/common/files.h"

namespace plan {

lxw_datetime excel_date(const Date& d) {
  return {static_cast<int>(d.year()),
          static_cast<int>(static_cast<unsigned>(d.month())),
          static_cast<int>(static_cast<unsigned>(d.day())),
          0,
          0,
          0};
}

lxw_workbook* open_workbook(const std::string& path, std::string& tmp, std::string& failure) {
  tmp = temp_path_for(path);
  if (std::FILE* probe = std::fopen(tmp.c_str(), "wb")) {
    std::fclose(probe);
  } else {
    failure = std::strerror(errno);
    return nullptr;
  }
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (!wb) {
    std::remove(tmp.c_str());
    failure = "cannot create the workbook";
  }
  return wb;
}

std::optional<std::string> close_workbook(lxw_workbook* wb, const std::string& tmp,
                                          const std::string& path) {
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::remove(tmp.c_str());
    return std::string(lxw_strerror(err));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return ec.message();
  }
  return std::nullopt;
}

}  // namespace plan
