// Any text through every output escaper (core/common/escape.h). The first byte picks a width
// and whether the CSV column is numeric; the rest is the text. Properties:
//   terminal (and message) text: no byte below 0x20, no 0x7F, no C1 character, no bidi control,
//     always valid UTF-8, and a cut one no wider than asked;
//   Markdown: no '<' or '>' but the renderer's own <br> (so no tag or autolink), no line break,
//     no unescaped '|', valid UTF-8 when the input is;
//   CSV: the field parses back to the input, with an apostrophe in front exactly when the input
//     would be taken for a formula (a plain number in a numeric column excepted);
//   HTML: no < > " ' and every & starts an entity.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/escape.h"
#include "core/common/text.h"

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

void terminal_safe(std::string_view out) {
  require(!plan::find_invalid_utf8(out));
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    require(c >= 0x20 && c != 0x7F);
  }
  for (char32_t cp : plan::to_u32(out)) require(!plan::is_unsafe_char(cp));
}

bool plain_number(std::string_view s) {
  std::size_t i = 0, digits = 0, frac = 0;
  if (i < s.size() && s[i] == '-') ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac;
    if (frac == 0) return false;
  }
  if (i < s.size() && s[i] == '%') ++i;
  return digits > 0 && i == s.size();
}

// The value of one RFC 4180 field (the whole of `f`).
std::string csv_value(std::string_view f) {
  if (f.empty() || f[0] != '"') {
    require(f.find_first_of(",\"\r\n") == std::string_view::npos);
    return std::string(f);
  }
  require(f.size() >= 2 && f.back() == '"');
  std::string v;
  for (std::size_t i = 1; i + 1 < f.size(); ++i) {
    if (f[i] == '"') {
      require(i + 2 < f.size() && f[i + 1] == '"');
      ++i;
    }
    v += f[i];
  }
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::size_t width = data[0] & 0x3F;
  const bool numeric = (data[0] & 0x40) != 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool valid = !plan::find_invalid_utf8(text);

  terminal_safe(plan::escape_terminal(text));
  terminal_safe(plan::escape_terminal(text, "↵"));
  std::string cut = plan::escape_terminal_to_width(text, width, "↵");
  terminal_safe(cut);
  require(plan::display_width(cut) <= width);
  terminal_safe(plan::escape_message(text, width));

  std::string md = plan::escape_markdown(text);
  // The one tag is the renderer's own line break.
  std::string bare = md;
  for (std::size_t at; (at = bare.find("<br>")) != std::string::npos;) bare.erase(at, 4);
  require(bare.find_first_of("<>\r\n") == std::string::npos);
  for (std::size_t i = 0; i < md.size(); ++i) {
    if (md[i] != '|') continue;
    std::size_t slashes = 0;
    while (slashes < i && md[i - 1 - slashes] == '\\') ++slashes;
    require(slashes % 2 == 1);
  }
  for (unsigned char c : md) require(c >= 0x20 && c != 0x7F);
  if (valid) require(!plan::find_invalid_utf8(md));

  std::string field = plan::escape_csv(text, numeric);
  std::string value = csv_value(field);
  const bool guarded = plan::csv_formula_like(text) && !(numeric && plain_number(text));
  require(value == (guarded ? "'" : "") + std::string(text));
  require(!plan::csv_formula_like(value) || (numeric && plain_number(value)));
  if (valid) require(!plan::find_invalid_utf8(value));

  std::string html = plan::escape_html(text);
  require(html.find_first_of("<>\"'") == std::string::npos);
  for (std::size_t at = html.find('&'); at != std::string::npos; at = html.find('&', at + 1)) {
    std::string_view rest = std::string_view(html).substr(at);
    require(rest.rfind("&amp;", 0) == 0 || rest.rfind("&lt;", 0) == 0 ||
            rest.rfind("&gt;", 0) == 0 || rest.rfind("&quot;", 0) == 0 ||
            rest.rfind("&#39;", 0) == 0);
  }
  return 0;
}
