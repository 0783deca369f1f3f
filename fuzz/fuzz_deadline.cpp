// Any text: the deadline and date parsers return a value or an error, never crash, and every
// date they return exists.
#include <cstdint>
#include <string_view>

#include "core/common/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  plan::DeadlineParse p = plan::parse_deadline(text);
  if (p.due && !p.due->ok()) __builtin_trap();
  if ((p.error == plan::DeadlineError::none) != p.due.has_value()) __builtin_trap();
  if (auto d = plan::parse_iso_date(text)) {
    if (!d->ok() || plan::iso(*d) != text) __builtin_trap();
  }
  return 0;
}
