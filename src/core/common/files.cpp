#include "core/common/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/text.h"

namespace plan {

namespace fs = std::filesystem;

std::string temp_path_for(const std::string& path) {
  fs::path p(path);
  return (p.parent_path() /
          ("." + p.filename().string() + "." + std::to_string(::getpid()) + ".tmp"))
      .string();
}

std::optional<std::string> write_file_atomic(const std::string& path, const std::string& content,
                                             const std::function<void()>& before_rename) {
  const std::string tmp = temp_path_for(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return std::strerror(errno);
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return why;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return why;
  }
  if (before_rename) before_rename();
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return why;
  }
  std::string dir = fs::path(path).parent_path().string();
  int d = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d >= 0) {
    ::fsync(d);
    ::close(d);
  }
  return std::nullopt;
}

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
                                          Sources& sources, const ReadLimits& limits,
                                          bool keep_source) {
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
  if (keep_source) sources.add(path, text);
  return text;
}

}  // namespace plan
