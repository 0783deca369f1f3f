#include "core/rollup/config.h"

#include <filesystem>

#include "core/common/files.h"
#include "core/common/text.h"
#include "core/common/yaml_doc.h"
#include "core/plan/schema.h"

namespace fs = std::filesystem;

namespace plan {

namespace {

bool has_control(std::string_view s) {
  return has_control_chars(s) || s.find('\t') != std::string_view::npos;
}

// One source: a mapping with path: or git: (and ref:, dir:), or a scalar path (parent only).
std::optional<PlanSource> read_source(Reader& r, const Node& n, std::string_view what,
                                      bool scalar_ok, Diagnostics& diags) {
  PlanSource s;
  s.where = r.at(n);
  Where path_where = s.where;
  if (scalar_ok && n.is_scalar()) {
    s.path = n.value;
  } else {
    auto f = r.fields(n, what, {"name", "path", "git", "ref", "dir"});
    if (!f) return std::nullopt;
    s.path = r.text(*f, "path", n);
    if (auto it = f->find("path"); it != f->end()) path_where = r.at(*it->second);
    s.git = r.text(*f, "git", n);
    s.ref = r.text(*f, "ref", n);
    if (f->count("dir")) s.dir = r.text(*f, "dir", n, true);
    auto place = [&](const char* key) {
      auto it = f->find(key);
      return it == f->end() ? s.where : r.at(*it->second);
    };
    if (s.path.empty() && s.git.empty()) {
      diags.push_back(error(s.where, "rollup-no-source"));
      return std::nullopt;
    }
    if (!s.path.empty() && !s.git.empty()) {
      diags.push_back(error(place("git"), "rollup-two-sources"));
      return std::nullopt;
    }
    if (!s.git.empty() && !safe_git_url(s.git)) {
      diags.push_back(error(place("git"), "rollup-bad-url", {s.git}));
      return std::nullopt;
    }
    if (!s.ref.empty() && s.git.empty()) {
      diags.push_back(error(place("ref"), "rollup-ref-without-git"));
      return std::nullopt;
    }
    if (!s.ref.empty() && !safe_git_ref(s.ref)) {
      diags.push_back(error(place("ref"), "rollup-bad-ref", {s.ref}));
      return std::nullopt;
    }
    if (f->count("dir") && (s.git.empty() || !safe_relative_path(s.dir))) {
      diags.push_back(error(place("dir"),
                            s.git.empty() ? "rollup-dir-without-git" : "rollup-bad-path", {s.dir}));
      return std::nullopt;
    }
  }
  if (!s.path.empty() && !safe_relative_path(s.path)) {
    diags.push_back(error(path_where, "rollup-bad-path", {s.path}));
    return std::nullopt;
  }
  return s;
}

}  // namespace

bool safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || has_control(path)) return false;
  int depth = 0;
  for (const auto& part : split_on(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (--depth < 0) return false;
    } else {
      ++depth;
    }
  }
  return true;
}

bool safe_git_url(std::string_view url) {
  if (url.empty() || url.front() == '-' || has_control(url)) return false;
  // "<transport>::<address>" runs a remote helper of that name (ext:: runs any command).
  const auto colons = url.find("::");
  if (colons != std::string_view::npos && url.substr(0, colons).find('/') == std::string_view::npos)
    return false;
  return true;
}

bool safe_git_ref(std::string_view ref) {
  if (ref.empty() || ref.size() > 255 || has_control(ref)) return false;
  if (ref.size() >= 7 && ref.size() <= 40 &&
      ref.find_first_not_of("0123456789abcdef") == std::string_view::npos)
    return true;
  if (ref.front() == '-' || ref.front() == '/' || ref.back() == '/' || ref.back() == '.')
    return false;
  if (ref == "@" || ref.find("..") != std::string_view::npos ||
      ref.find("@{") != std::string_view::npos || ref.find("//") != std::string_view::npos)
    return false;
  for (char c : ref)
    if (c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '[' ||
        c == '\\')
      return false;
  for (const auto& part : split_on(ref, '/'))
    if (part.empty() || part.front() == '.' ||
        (part.size() >= 5 && part.compare(part.size() - 5, 5, ".lock") == 0))
      return false;
  return true;
}

std::optional<std::string> find_rollup_dir(const std::string& start) {
  std::error_code ec;
  fs::path p = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (; !p.empty(); p = p.parent_path()) {
    if (fs::is_regular_file(p / kRollupFile, ec)) return p.string();
    if (p == p.root_path()) break;
  }
  return std::nullopt;
}

RollupConfig parse_rollup_config(std::string_view text, const std::string& dir,
                                 const std::string& file, Diagnostics& diags) {
  RollupConfig c;
  c.dir = dir;
  c.file = file;
  yaml::Document doc = yaml::parse(text, file, diags);
  if (!doc.ok) return c;
  Reader r(file, diags);
  if (doc.root.is_null()) {
    diags.push_back(error({file, 1, 1}, "rollup-no-members"));
    return c;
  }
  auto f = r.fields(doc.root, kRollupFile, {"title", "parent", "members"});
  if (!f) return c;
  c.title = r.text(*f, "title", doc.root);
  if (auto it = f->find("parent"); it != f->end() && !it->second->is_null())
    c.parent = read_source(r, *it->second, "parent", true, diags);
  r.list(*f, "members", [&](const Node& n) {
    RollupMember m;
    m.where = r.at(n);
    if (!n.is_mapping()) {
      r.fields(n, "members", {});
      return;
    }
    FieldMap names;
    for (std::size_t i = 0; i < n.keys.size(); ++i)
      if (n.keys[i].is_scalar() && n.keys[i].value == "name") names.add("name", &n.values[i]);
    m.name = r.text(names, "name", n, true);
    auto source = read_source(r, n, "members", false, diags);
    if (m.name.empty() || !source) return;
    if (has_control(m.name)) {
      diags.push_back(error(r.at(*names.at("name")), "rollup-bad-name", {m.name}));
      return;
    }
    for (const auto& other : c.members)
      if (other.name == m.name) {
        diags.push_back(error(r.at(*names.at("name")), "rollup-duplicate-member",
                              {m.name, std::to_string(other.where.line)}));
        return;
      }
    m.source = *source;
    c.members.push_back(std::move(m));
  });
  if (c.members.empty() && !has_errors(diags))
    diags.push_back(error(r.at(doc.root), "rollup-no-members"));
  return c;
}

RollupConfig load_rollup_config(const std::string& dir, Diagnostics& diags, Sources& sources) {
  const std::string file = (fs::path(dir) / kRollupFile).lexically_normal().string();
  auto text = read_text_file(file, diags, sources);
  if (!text) {
    RollupConfig c;
    c.dir = dir;
    c.file = file;
    return c;
  }
  return parse_rollup_config(*text, dir, file, diags);
}

}  // namespace plan
