#include "core/common/diag.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "core/common/escape.h"
#include "core/common/text.h"

namespace plan {

Diagnostic error(Where where, std::string code, std::vector<std::string> args,
                 std::optional<std::string> suggestion) {
  return {std::move(where), Severity::error, std::move(code), std::move(args),
          std::move(suggestion)};
}

Diagnostic warning(Where where, std::string code, std::vector<std::string> args,
                   std::optional<std::string> suggestion) {
  return {std::move(where), Severity::warning, std::move(code), std::move(args),
          std::move(suggestion)};
}

bool has_errors(const Diagnostics& diags) {
  return count(diags, Severity::error) > 0;
}

std::size_t count(const Diagnostics& diags, Severity severity) {
  std::size_t n = 0;
  for (const auto& d : diags) {
    if (d.code == kDiagnosticsNotShown && d.args.size() >= 2) {
      n += std::stoull(d.args[severity == Severity::error ? 0 : 1]);
    } else {
      n += d.severity == severity;
    }
  }
  return n;
}

void sort_by_place(Diagnostics& diags) {
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const bool a_last = a.code == kDiagnosticsNotShown, b_last = b.code == kDiagnosticsNotShown;
    return std::tie(a.where.file, a_last, a.where.line, a.where.col) <
           std::tie(b.where.file, b_last, b.where.line, b.where.col);
  });
}

void Sources::merge(Sources&& other) {
  for (auto& [file, text] : other.texts_) texts_[file] = std::move(text);
  cursor_text_ = nullptr;
}

void Sources::add(const std::string& file, std::string text) {
  texts_[file] = std::move(text);
  cursor_text_ = nullptr;
}

const std::string* Sources::text(const std::string& file) const {
  auto it = texts_.find(file);
  return it == texts_.end() ? nullptr : &it->second;
}

std::optional<std::string> Sources::line(const std::string& file, int line) const {
  auto it = texts_.find(file);
  if (it == texts_.end() || line < 1) return std::nullopt;
  const std::string& t = it->second;
  std::size_t pos = 0;
  int l = 1;
  if (cursor_text_ == &t && cursor_line_ <= line) {
    pos = cursor_pos_;
    l = cursor_line_;
  }
  for (; l < line; ++l) {
    pos = t.find('\n', pos);
    if (pos == std::string::npos) return std::nullopt;
    ++pos;
  }
  cursor_text_ = &t;
  cursor_line_ = line;
  cursor_pos_ = pos;
  std::size_t end = t.find('\n', pos);
  std::string out = t.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  if (pos == 0 && out.rfind("\xEF\xBB\xBF", 0) == 0) out.erase(0, 3);  // BOM
  return out;
}

std::string message_text(const Diagnostic& d, Lang lang) {
  // Arguments written "@key" are catalog entries themselves, translated here.
  std::vector<std::string> args;
  for (const auto& a : d.args)
    args.push_back(a.size() > 1 && a[0] == '@' ? tr(lang, a.substr(1)) : a);
  std::string msg = tr(lang, d.code, args);
  if (d.suggestion) msg += tr(lang, "did-you-mean", {*d.suggestion});
  return msg;
}

std::string format_diagnostic(const Diagnostic& d, Lang lang, const Sources& sources) {
  // Everything here may come from a file or from what the user typed (a path, a value, the
  // quoted line): escaped for the terminal, so that no control character reaches it raw.
  std::string out = escape_message(d.where.file, 1000);
  if (d.where.line > 0) out += fmt::format(":{}", d.where.line);
  if (d.where.line > 0 && d.where.col > 0) out += fmt::format(":{}", d.where.col);
  if (!out.empty()) out += ": ";
  out += tr(lang, d.severity == Severity::error ? "severity-error" : "severity-warning");
  out += escape_message(message_text(d, lang), 2000);
  out += '\n';
  if (auto src = sources.line(d.where.file, d.where.line); src && !src->empty()) {
    std::string line = *src;
    std::replace(line.begin(), line.end(), '\t', ' ');
    out += "  " + escape_terminal(line) + "\n";
    if (d.where.col > 0) {
      // The caret goes under the column's character, counting wide characters as two and an
      // escape as the columns it takes.
      std::u32string cps = to_u32(line);
      std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(d.where.col - 1), cps.size());
      std::size_t w =
          display_width(escape_terminal(to_utf8(std::u32string_view(cps).substr(0, n))));
      out += "  " + std::string(w, ' ') + "^\n";
    }
  }
  return out;
}

}  // namespace plan
