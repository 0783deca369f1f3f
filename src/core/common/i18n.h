// Chinese and English texts for messages and labels.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plan {

enum class Lang { zh, en };

// Parses "zh" or "en" (also zh_CN, en_US.UTF-8 and the like).
std::optional<Lang> parse_lang(std::string_view s);

// The catalog text for `key` in `lang`, with {0}, {1}, … replaced by `args`.
// An unknown key comes back as the key itself, so a missing entry shows rather than crashes.
std::string tr(Lang lang, std::string_view key, const std::vector<std::string>& args = {});

// True when the catalog has the key (tests use it to find missing entries).
bool has_text(std::string_view key);

}  // namespace plan
