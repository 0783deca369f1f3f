#include "core/files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace plan {

namespace fs = std::filesystem;

bool check_text(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    diags.push_back(error({file, 0, 0}, "file-binary"));
    return false;
  }
  if (auto bad = find_invalid_utf8(text)) {
    diags.push_back(
        error({file, bad->line, bad->col}, bad->looks_like_gb18030 ? "not-utf8-gbk" : "not-utf8"));
    return false;
  }
  return true;
}

std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diags,
                                          Sources& sources, const ReadLimits& limits) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    diags.push_back(error({path, 0, 0}, "file-missing", {path}));
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    // A directory, FIFO, socket or device: opening a FIFO would wait forever for a writer.
    diags.push_back(error({path, 0, 0}, "file-not-regular"));
    return std::nullopt;
  }
  auto size = fs::file_size(path, ec);
  if (!ec && size > limits.max_bytes) {
    diags.push_back(error({path, 0, 0}, "file-too-large",
                          {std::to_string(size), std::to_string(limits.max_bytes)}));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.push_back(error({path, 0, 0}, "file-unreadable", {std::strerror(errno)}));
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    diags.push_back(error({path, 0, 0}, "file-unreadable", {std::strerror(errno)}));
    return std::nullopt;
  }
  std::string text = buf.str();
  if (text.size() > limits.max_bytes) {  // the file grew while we read it
    diags.push_back(error({path, 0, 0}, "file-too-large",
                          {std::to_string(text.size()), std::to_string(limits.max_bytes)}));
    return std::nullopt;
  }
  if (!check_text(text, path, diags)) return std::nullopt;
  sources.add(path, text);
  return text;
}

}  // namespace plan
