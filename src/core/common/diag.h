// Problems found in plan files, kept as values with the place they came from.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/i18n.h"

namespace plan {

// Where something was read: file path and 1-based line and column (0 when unknown).
struct Where {
  std::string file;
  int line = 0;
  int col = 0;
  bool operator==(const Where&) const = default;
};

enum class Severity { error, warning };

struct Diagnostic {
  Where where;
  Severity severity = Severity::error;
  std::string code;                       // key into the message catalog, also shown in JSON
  std::vector<std::string> args;          // substituted into the message
  std::optional<std::string> suggestion;  // "did you mean …"
  // A warning the plan marks as known and accepted (plan.acknowledged): plan check hides it
  // unless --all-warnings.
  bool acknowledged = false;
  bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

Diagnostic error(Where where, std::string code, std::vector<std::string> args = {},
                 std::optional<std::string> suggestion = std::nullopt);
Diagnostic warning(Where where, std::string code, std::vector<std::string> args = {},
                   std::optional<std::string> suggestion = std::nullopt);

// The code of the diagnostic that stands for those left out once a file has shown its share;
// its arguments are the numbers of errors and warnings left out, then the share.
inline constexpr const char* kDiagnosticsNotShown = "diagnostics-not-shown";

bool has_errors(const Diagnostics& diags);
// How many of that severity, counting those a kDiagnosticsNotShown diagnostic stands for.
std::size_t count(const Diagnostics& diags, Severity severity);

// Orders diagnostics by file, line and column (stable for equal places); a file's
// kDiagnosticsNotShown comes after its other diagnostics.
void sort_by_place(Diagnostics& diags);

// The text of files already read, so that a diagnostic can quote its line.
class Sources {
 public:
  void add(const std::string& file, std::string text);
  void merge(Sources&& other);
  // A file's whole text as read (bytes unchanged), if known.
  const std::string* text(const std::string& file) const;
  // The 1-based line of a file, without its line ending, if known.
  std::optional<std::string> line(const std::string& file, int line) const;

 private:
  std::map<std::string, std::string> texts_;
  // Where the last line asked for starts: diagnostics are quoted in file order, so each file
  // is scanned once rather than from its start for every line (100,000 errors in one file).
  mutable const std::string* cursor_text_ = nullptr;
  mutable int cursor_line_ = 0;
  mutable std::size_t cursor_pos_ = 0;
};

// The localized message alone, with the suggestion when there is one.
std::string message_text(const Diagnostic& d, Lang lang);
// "file:line:col: error: message", then the source line and a caret under the column.
std::string format_diagnostic(const Diagnostic& d, Lang lang, const Sources& sources);

}  // namespace plan
