// Reading and writing files safely: size limits, binary and encoding checks, file kinds that are
// refused rather than followed or blocked on, atomic replacement, and the writers' lock.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/common/diag.h"

namespace plan {

struct ReadLimits {
  std::size_t max_bytes = 8u << 20;  // plan files are hand-written: 8 MiB is far beyond need
  // false: a symbolic link is refused (progress files; a link could make the program read, and
  // quote or copy, any file such as /proc/self/environ).
  bool follow_symlinks = true;
};

// How a read of a regular file ended.
enum class ReadProblem { none, missing, not_regular, symlink, too_large, unreadable };
struct RegularRead {
  std::string text;
  ReadProblem problem = ReadProblem::none;
  int error = 0;           // errno, for unreadable
  std::uint64_t size = 0;  // the size seen, for too_large
};
// Reads a whole regular file of at most `max_bytes`. The file is opened first (O_NONBLOCK, so a
// FIFO never blocks; O_NOFOLLOW unless following links) and its kind checked on the open
// descriptor, so nothing can be swapped in between; reading stops after max_bytes + 1 bytes
// whatever the file claims its size is (/proc files say 0). `room`: bytes the caller will add,
// reserved so that adding them does not copy the text.
RegularRead read_regular_file(const std::string& path, std::size_t max_bytes, bool follow_symlinks,
                              std::size_t room = 0);
// The diagnostic for a failed read_regular_file of `path`, or nullopt when it succeeded.
std::optional<Diagnostic> read_problem(const RegularRead& r, const std::string& path,
                                       std::size_t max_bytes);

// Reads a whole UTF-8 text file. On any problem adds a diagnostic naming the file (and the
// line and column of a bad byte) and returns nullopt. The text is also added to `sources`.
std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diags,
                                          Sources& sources, const ReadLimits& limits = {},
                                          bool keep_source = true);

// The same into `buffer`, whose capacity is kept from one call to the next: reading many files
// in turn neither allocates nor faults in fresh memory for each. False (with a diagnostic) on
// any problem; the buffer's content is then unspecified. Nothing is added to any Sources.
// With `check` false the text is not checked (check_text): the caller does it, or an
// equivalent.
bool read_text_file_into(const std::string& path, std::string& buffer, Diagnostics& diags,
                         const ReadLimits& limits = {}, bool check = true);

// Errors from the writers below are strerror() texts, or "@key" for a message of the catalog
// (write-is-directory, write-is-special, write-dangling-link); write_failure_text translates.
std::string write_failure_text(const std::string& failure, Lang lang);

// Replaces `path` with `content` atomically: a new temporary file with an unpredictable name is
// created exclusively in the same directory (a file or link already there is never opened),
// written, flushed to disk and renamed over the target, then the directory is flushed. A crash
// leaves the old file or the new one, never a mixture. An existing file's permission bits (and
// its group, and as root its owner) are kept; a new file gets 0666 less the umask. A symbolic
// link is followed: the file it points to is replaced and the link stays. A directory, device,
// FIFO or socket is refused. `before_rename` is a test hook.
std::optional<std::string> write_file_atomic(const std::string& path, const std::string& content,
                                             const std::function<void()>& before_rename = {});

// Creates `path` with `content` (mode 0666 less the umask). Fails with EEXIST's message when
// anything at all is there, a link included: nothing existing is ever opened or replaced.
std::optional<std::string> write_new_file(const std::string& path, const std::string& content);

// Writes a command's result to the file named with -o: as write_file_atomic, except that an
// existing character device or FIFO (/dev/null, a named pipe) is written into, never replaced,
// and /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N write to that open descriptor as
// the shell does (so `-o /dev/stdout >> log` appends). A directory, socket or block device is
// refused.
std::optional<std::string> write_output_file(const std::string& path, const std::string& content);

// Creates a new, empty file next to `path` under an unpredictable name
// (".NAME.PID.RANDOM.tmp", O_CREAT|O_EXCL|O_NOFOLLOW, retried on a clash) with `mode` (less the
// umask). Returns the descriptor and sets `tmp`, or returns -1 with errno set.
int create_temp_beside(const std::string& path, unsigned mode, std::string& tmp);
// The pid in a name made by create_temp_beside, or nullopt when the name is not of that form.
std::optional<long> temp_file_pid(const std::string& file_name);
// A temporary file (create_temp_beside) of a writer that was killed: a regular file whose
// process is gone and that was last modified at least `age` ago. Both, because a pid may be
// reused and may belong to another pid namespace.
bool stale_temp_file(const std::string& path, std::chrono::minutes age);

// An exclusive lock on a directory, held until the object is destroyed. It is flock() on the
// directory itself: unlike a lock file it cannot be deleted (git clean -fX) while writers hold
// or wait for it. After locking, the directory is checked to still be the one at the path (it
// may have been removed and made again), else the lock is taken again. Where a file system
// cannot lock a directory (NFS), a lock file DIR/.lock is used, with the same check.
class DirectoryLock {
 public:
  DirectoryLock() = default;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  ~DirectoryLock();
  // Waits until the lock is held; an error message (strerror) when it cannot be taken.
  std::optional<std::string> acquire(const std::string& dir);

 private:
  int fd_ = -1;
};

// Checks text already in memory the same way (NUL bytes, UTF-8); true when it is usable.
bool check_text(std::string_view text, const std::string& file, Diagnostics& diags);

}  // namespace plan
