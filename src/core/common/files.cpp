#include "core/common/files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/common/text.h"

namespace plan {

namespace fs = std::filesystem;

namespace {

// Closes a descriptor when it goes out of scope, unless released.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Writes every byte; false with errno set on failure.
bool write_all(int fd, const std::string& content) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// read_regular_file, into r.text (whose capacity is reused).
void read_regular_into(RegularRead& r, const std::string& path, std::size_t max_bytes,
                       bool follow_symlinks, std::size_t room) {
  r.text.clear();
  // Looked at before opening, so that no device is ever opened (opening some has effects).
  struct stat before {};
  if ((follow_symlinks ? ::stat(path.c_str(), &before) : ::lstat(path.c_str(), &before)) != 0) {
    r.error = errno;
    r.problem = errno == ENOENT ? ReadProblem::missing : ReadProblem::unreadable;
    return;
  }
  if (S_ISLNK(before.st_mode)) {
    r.problem = ReadProblem::symlink;
    return;
  }
  if (!S_ISREG(before.st_mode)) {
    r.problem = ReadProblem::not_regular;
    return;
  }
  // O_NONBLOCK: should a FIFO be swapped in after the look, opening it does not wait for a
  // writer; fstat on the descriptor then refuses it.
  int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (follow_symlinks ? 0 : O_NOFOLLOW);
  Fd in(::open(path.c_str(), flags));
  if (in.fd < 0) {
    r.error = errno;
    r.problem = errno == ENOENT  ? ReadProblem::missing
                : errno == ELOOP ? ReadProblem::symlink
                                 : ReadProblem::unreadable;
    return;
  }
  struct stat st {};
  if (::fstat(in.fd, &st) != 0) {
    r.error = errno;
    r.problem = ReadProblem::unreadable;
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    r.problem = ReadProblem::not_regular;
    return;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    r.problem = ReadProblem::too_large;
    r.size = static_cast<std::uint64_t>(st.st_size);
    return;
  }
  r.text.reserve(static_cast<std::size_t>(st.st_size) + 1 + room);
  char buf[1 << 16];
  for (;;) {
    // Never more than one byte past the limit, whatever the file said its size was.
    std::size_t want = std::min(sizeof buf, max_bytes + 1 - r.text.size());
    ssize_t n = ::read(in.fd, buf, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.error = errno;
      r.problem = ReadProblem::unreadable;
      r.text.clear();
      return;
    }
    if (n == 0) break;
    r.text.append(buf, static_cast<std::size_t>(n));
    if (r.text.size() > max_bytes) {  // the file grew while we read it
      r.problem = ReadProblem::too_large;
      r.size = r.text.size();
      r.text.clear();
      r.text.shrink_to_fit();
      return;
    }
  }
}

}  // namespace

RegularRead read_regular_file(const std::string& path, std::size_t max_bytes, bool follow_symlinks,
                              std::size_t room) {
  RegularRead r;
  read_regular_into(r, path, max_bytes, follow_symlinks, room);
  return r;
}

std::optional<Diagnostic> read_problem(const RegularRead& r, const std::string& path,
                                       std::size_t max_bytes) {
  switch (r.problem) {
    case ReadProblem::none:
      return std::nullopt;
    case ReadProblem::missing:
      return error({path, 0, 0}, "file-missing", {path});
    case ReadProblem::not_regular:
      // A directory, FIFO, socket or device: opening a FIFO would wait forever for a writer.
      return error({path, 0, 0}, "file-not-regular");
    case ReadProblem::symlink:
      return error({path, 0, 0}, "file-symlink");
    case ReadProblem::too_large:
      return error({path, 0, 0}, "file-too-large",
                   {std::to_string(r.size), std::to_string(max_bytes)});
    case ReadProblem::unreadable:
      return error({path, 0, 0}, "file-unreadable", {std::strerror(r.error)});
  }
  return std::nullopt;
}

std::string write_failure_text(const std::string& failure, Lang lang) {
  return failure.size() > 1 && failure[0] == '@' ? tr(lang, failure.substr(1)) : failure;
}

int create_temp_beside(const std::string& path, unsigned mode, std::string& tmp) {
  fs::path p(path);
  std::string base = p.filename().string();
  // Room for ".PID.RANDOM.tmp" within NAME_MAX (255 bytes), cut on a character boundary.
  if (base.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(base[cut]) & 0xC0) == 0x80) --cut;
    base.resize(cut);
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::uint32_t r = 0;
    if (::getrandom(&r, sizeof r, 0) != static_cast<ssize_t>(sizeof r)) r = std::random_device{}();
    tmp = (p.parent_path() / fmt::format(".{}.{}.{:08x}.tmp", base, ::getpid(), r)).string();
    // O_EXCL: a name that exists, even as a dangling link, is never opened; we try another.
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    static_cast<mode_t>(mode));
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

bool stale_temp_file(const std::string& path, std::chrono::minutes age) {
  auto pid = temp_file_pid(fs::path(path).filename().string());
  if (!pid || *pid <= 0) return false;
  if (::kill(static_cast<pid_t>(*pid), 0) == 0 || errno != ESRCH) return false;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  auto mtime = std::chrono::system_clock::from_time_t(st.st_mtime);
  return std::chrono::system_clock::now() - mtime >= age;
}

std::optional<long> temp_file_pid(const std::string& name) {
  // .NAME.PID.RANDOM.tmp
  if (name.size() < 16 || name[0] != '.' || name.substr(name.size() - 4) != ".tmp")
    return std::nullopt;
  std::string_view rest(name.data(), name.size() - 4);
  auto dot = rest.rfind('.');
  if (dot == std::string_view::npos || rest.size() - dot - 1 != 8) return std::nullopt;
  if (rest.substr(dot + 1).find_first_not_of("0123456789abcdef") != std::string_view::npos)
    return std::nullopt;
  rest = rest.substr(0, dot);
  dot = rest.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == rest.size()) return std::nullopt;
  std::string_view pid = rest.substr(dot + 1);
  if (pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  return std::stol(std::string(pid));
}

namespace {

// Writes `content` to a new file beside `path` and renames it over `path` (a regular file or
// nothing). `existing` is the file being replaced, whose mode and group the new one keeps.
std::optional<std::string> replace_regular(const std::string& path, const std::string& content,
                                           const struct stat* existing,
                                           const std::function<void()>& before_rename) {
  std::string tmp;
  // A new file gets 0666 less the umask from open(); a replacement starts private and is given
  // the old file's mode once it is complete.
  Fd out(create_temp_beside(path, existing ? 0600 : 0666, tmp));
  if (out.fd < 0) return std::strerror(errno);
  auto fail = [&](int e) {
    ::unlink(tmp.c_str());
    return std::optional<std::string>(std::strerror(e));
  };
  if (!write_all(out.fd, content)) return fail(errno);
  if (existing) {
    // The group (and, for root, the owner) first: chown may clear set-id bits that chmod then
    // restores. Someone not in the file's group cannot give it that group; the file keeps ours.
    const uid_t owner = ::geteuid() == 0 ? existing->st_uid : static_cast<uid_t>(-1);
    if (::fchown(out.fd, owner, existing->st_gid) != 0) {
    }
    if (::fchmod(out.fd, existing->st_mode & 07777) != 0) return fail(errno);
  }
  if (::fsync(out.fd) != 0) return fail(errno);
  int fd = out.fd;
  out.fd = -1;
  if (::close(fd) != 0) return fail(errno);
  if (before_rename) before_rename();
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(errno);
  std::string dir = fs::path(path).parent_path().string();
  Fd d(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (d.fd >= 0) ::fsync(d.fd);
  return std::nullopt;
}

// Writes into an existing character device or FIFO through a descriptor: no temporary file, no
// rename (which would put a regular file where the device was).
std::optional<std::string> write_into(const std::string& path, const std::string& content,
                                      bool device) {
  // A device is opened without waiting (a modem line would wait for carrier); a FIFO waits for
  // its reader, as `echo > fifo` does.
  Fd out(::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | (device ? O_NONBLOCK : 0)));
  if (out.fd < 0) return std::strerror(errno);
  struct stat st {};
  if (::fstat(out.fd, &st) != 0) return std::strerror(errno);
  if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) return std::string("@write-is-special");
  if (device) {
    int fl = ::fcntl(out.fd, F_GETFL);
    if (fl >= 0) ::fcntl(out.fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  if (!write_all(out.fd, content)) return std::strerror(errno);
  int fd = out.fd;
  out.fd = -1;
  if (::close(fd) != 0) return std::strerror(errno);
  return std::nullopt;
}

std::optional<std::string> write_target(const std::string& path, const std::string& content,
                                        bool into_streams,
                                        const std::function<void()>& before_rename) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return replace_regular(path, content, nullptr, before_rename);
    return std::strerror(errno);
  }
  std::string target = path;
  if (S_ISLNK(st.st_mode)) {
    // Written through: the file the link names is replaced, the link stays a link.
    if (::stat(path.c_str(), &st) != 0)
      return errno == ENOENT ? std::string("@write-dangling-link") : std::strerror(errno);
    if (S_ISREG(st.st_mode)) {
      char* real = ::realpath(path.c_str(), nullptr);
      if (!real) return std::strerror(errno);
      target = real;
      std::free(real);
    }
  }
  if (S_ISREG(st.st_mode)) return replace_regular(target, content, &st, before_rename);
  if (S_ISDIR(st.st_mode)) return std::string("@write-is-directory");
  if (into_streams && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
    return write_into(path, content, S_ISCHR(st.st_mode));
  return std::string("@write-is-special");
}

}  // namespace

std::optional<std::string> write_file_atomic(const std::string& path, const std::string& content,
                                             const std::function<void()>& before_rename) {
  return write_target(path, content, false, before_rename);
}

std::optional<std::string> write_new_file(const std::string& path, const std::string& content) {
  Fd out(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
  if (out.fd < 0) return std::strerror(errno);
  if (!write_all(out.fd, content) || ::fsync(out.fd) != 0) {
    int e = errno;
    ::unlink(path.c_str());
    return std::strerror(e);
  }
  int fd = out.fd;
  out.fd = -1;
  if (::close(fd) != 0) return std::strerror(errno);
  return std::nullopt;
}

namespace {

// The descriptor a name such as /dev/stdout or /proc/self/fd/3 stands for. Opening the name
// would make a new open file with its own offset (and, through its link, replace a redirected
// file); the shell's own meaning, the descriptor as it is, is what `-o /dev/stdout >> log` wants.
std::optional<int> inherited_descriptor(const std::string& path) {
  if (path == "/dev/stdout") return 1;
  if (path == "/dev/stderr") return 2;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view n = std::string_view(path).substr(prefix.size());
    if (n.size() > 6 || n.find_first_not_of("0123456789") != std::string_view::npos) continue;
    return std::stoi(std::string(n));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_output_file(const std::string& path, const std::string& content) {
  if (auto fd = inherited_descriptor(path)) {
    if (::fcntl(*fd, F_GETFD) < 0 || !write_all(*fd, content)) return std::strerror(errno);
    return std::nullopt;
  }
  return write_target(path, content, true, {});
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<std::string> DirectoryLock::acquire(const std::string& dir) {
  const std::string lock_file = (fs::path(dir) / ".lock").string();
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string locked = dir;
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.fd < 0) return std::strerror(errno);
    int rc;
    while ((rc = ::flock(fd.fd, LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (rc != 0 && (errno == EBADF || errno == ENOLCK || errno == EINVAL || errno == EOPNOTSUPP)) {
      // A file system that cannot lock a directory (NFS emulates flock with write locks).
      ::close(fd.fd);
      fd.fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (fd.fd < 0) return std::strerror(errno);
      locked = lock_file;
      while ((rc = ::flock(fd.fd, LOCK_EX)) != 0 && errno == EINTR) {
      }
    }
    if (rc != 0) return std::strerror(errno);
    // The lock counts only if it is on what the path names now: a directory (or lock file)
    // removed and made again while we waited is a different one, which others may lock.
    struct stat held {
    }, now{};
    if (::fstat(fd.fd, &held) == 0 && ::stat(locked.c_str(), &now) == 0 && same_file(held, now)) {
      fd_ = fd.fd;
      fd.fd = -1;
      return std::nullopt;
    }
  }
  return std::strerror(ESTALE);
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

bool read_text_file_into(const std::string& path, std::string& buffer, Diagnostics& diags,
                         const ReadLimits& limits, bool check) {
  RegularRead r;
  r.text = std::move(buffer);
  read_regular_into(r, path, limits.max_bytes, limits.follow_symlinks, 0);
  buffer = std::move(r.text);
  if (auto problem = read_problem(r, path, limits.max_bytes)) {
    diags.push_back(std::move(*problem));
    return false;
  }
  return !check || check_text(buffer, path, diags);
}

std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diags,
                                          Sources& sources, const ReadLimits& limits,
                                          bool keep_source) {
  RegularRead r = read_regular_file(path, limits.max_bytes, limits.follow_symlinks);
  if (auto problem = read_problem(r, path, limits.max_bytes)) {
    diags.push_back(std::move(*problem));
    return std::nullopt;
  }
  if (!check_text(r.text, path, diags)) return std::nullopt;
  if (keep_source) sources.add(path, r.text);
  return std::move(r.text);
}

}  // namespace plan
