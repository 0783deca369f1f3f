// Reading text files safely: size limit, binary and encoding checks, with diagnostics.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/common/diag.h"

namespace plan {

struct ReadLimits {
  std::size_t max_bytes = 8u << 20;  // plan files are hand-written: 8 MiB is far beyond need
};

// Reads a whole UTF-8 text file. On any problem adds a diagnostic naming the file (and the
// line and column of a bad byte) and returns nullopt. The text is also added to `sources`.
std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diags,
                                          Sources& sources, const ReadLimits& limits = {},
                                          bool keep_source = true);

// Replaces `path` with `content` atomically: a temporary file in the same directory is written,
// flushed to disk and renamed over the target, then the directory is flushed. A crash leaves
// the old file or the new one, never a mixture. `before_rename` is a test hook. Returns an
// error message (strerror), or nullopt.
std::optional<std::string> write_file_atomic(const std::string& path, const std::string& content,
                                             const std::function<void()>& before_rename = {});
// The temporary name write_file_atomic uses for `path` in this process.
std::string temp_path_for(const std::string& path);

// Checks text already in memory the same way (NUL bytes, UTF-8); true when it is usable.
bool check_text(std::string_view text, const std::string& file, Diagnostics& diags);

}  // namespace plan
