// Reading text files safely: size limit, binary and encoding checks, with diagnostics.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "core/diag.h"

namespace plan {

struct ReadLimits {
  std::size_t max_bytes = 8u << 20;  // plan files are hand-written: 8 MiB is far beyond need
};

// Reads a whole UTF-8 text file. On any problem adds a diagnostic naming the file (and the
// line and column of a bad byte) and returns nullopt. The text is also added to `sources`.
std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diags,
                                          Sources& sources, const ReadLimits& limits = {});

// Checks text already in memory the same way (NUL bytes, UTF-8); true when it is usable.
bool check_text(std::string_view text, const std::string& file, Diagnostics& diags);

}  // namespace plan
