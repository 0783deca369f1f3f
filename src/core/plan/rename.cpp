#include "core/plan/rename.h"

#include <algorithm>
#include <regex>
#include <vector>

#include "core/common/text.h"

namespace plan {

namespace {

std::string join_lines(const std::vector<std::string>& lines, bool final_newline) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += lines[i];
    if (i + 1 < lines.size() || final_newline) out += '\n';
  }
  return out;
}

// The byte offset of a 1-based column counted in code points.
std::size_t byte_of_col(const std::string& line, int col) {
  std::size_t i = 0;
  for (int c = 1; c < col && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// A name as a YAML flow scalar: plain when that is safe, else double-quoted.
std::string scalar(const std::string& name) {
  bool plain = !name.empty() && name.find_first_of(":#,[]{}&*!|>'\"%@`\\") == std::string::npos &&
               name.front() != ' ' && name.back() != ' ' && name.front() != '-' &&
               name.front() != '?';
  if (plain) return name;
  std::string q = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

// Replaces the scalar `old_name` (plain or quoted) that starts at (line, col).
bool replace_at(std::vector<std::string>& lines, const Where& w, const std::string& old_name,
                const std::string& new_name) {
  if (w.line < 1 || static_cast<std::size_t>(w.line) > lines.size()) return false;
  std::string& l = lines[static_cast<std::size_t>(w.line - 1)];
  std::size_t at = byte_of_col(l, w.col);
  for (const std::string& form : {old_name, "\"" + old_name + "\"", "'" + old_name + "'"}) {
    if (l.compare(at, form.size(), form) == 0) {
      l.replace(at, form.size(), scalar(new_name));
      return true;
    }
  }
  return false;
}

}  // namespace

RenameResult rename_unit_texts(const std::string& tasks_text, const std::string& units_text,
                               const PlanIndex& index, const std::string& old_name,
                               const std::string& new_name, const std::string& comment) {
  RenameResult r;
  const Plan& plan = index.plan();
  auto unit = std::find_if(plan.units.begin(), plan.units.end(),
                           [&](const Unit& u) { return u.name == old_name; });
  if (unit == plan.units.end()) {
    r.error = "rename-not-unit";
    r.args = {old_name};
    if (const Unit* u = index.find_unit(old_name)) {
      r.error = "rename-alias";
      r.args.push_back(u->name);
    }
    return r;
  }
  if (const Unit* other = index.find_unit(new_name); other && other->name != old_name) {
    r.error = "rename-taken";
    r.args = {new_name, other->name};
    return r;
  }
  if (index.find_group(new_name)) {
    r.error = "rename-taken";
    r.args = {new_name, index.find_group(new_name)->name};
    return r;
  }

  RenameTexts out;
  auto tasks = split_lines(tasks_text);
  auto units = split_lines(units_text);
  auto replace_refs = [&](const std::vector<UnitRef>& refs, std::vector<std::string>& lines) {
    for (const auto& ref : refs)
      if (ref.name == old_name && replace_at(lines, ref.where, old_name, new_name)) ++out.mentions;
  };
  for (const auto& s : plan.sections) {
    for (const auto& t : s.tasks) {
      replace_refs(t.units, tasks);
      for (const auto& p : t.parts) {
        replace_refs(p.units, tasks);
        for (const auto& m : p.measures) replace_refs(m.units, tasks);
      }
      for (const auto& m : t.measures) replace_refs(m.units, tasks);
    }
    for (const auto& q : s.requirements) replace_refs(q.units, tasks);
  }
  for (const auto& g : plan.groups) replace_refs(g.members, units);

  // The unit's own lines: from its mapping to the next unit's (or the end of the list).
  const std::size_t first = static_cast<std::size_t>(unit->where.line - 1);
  std::size_t last = units.size();
  if (unit + 1 != plan.units.end()) last = static_cast<std::size_t>((unit + 1)->where.line - 1);
  for (const auto& g : plan.groups)
    if (g.where.line - 1 > static_cast<int>(first))
      last = std::min(last, static_cast<std::size_t>(g.where.line - 1));
  static const std::regex kName(R"(^(\s*-?\s*name:\s*)(.*?)(\s*(#.*)?)$)");
  static const std::regex kAliases(R"(^(\s*-?\s*)aliases:\s*(\[.*\])?\s*(#.*)?$)");
  std::smatch m;
  std::optional<std::size_t> name_line, aliases_line;
  for (std::size_t i = first; i < last && i < units.size(); ++i) {
    if (!name_line && std::regex_match(units[i], m, kName)) name_line = i;
    if (!aliases_line && std::regex_match(units[i], m, kAliases)) aliases_line = i;
  }
  if (!name_line) {
    r.error = "rename-cannot-edit";
    r.args = {old_name};
    return r;
  }
  std::regex_match(units[*name_line], m, kName);
  // The column keys start at, for a new aliases line (taken before the line changes).
  const std::string key_indent(m[1].str().find("name:"), ' ');
  units[*name_line] = m[1].str() + scalar(new_name) + m[3].str();

  // Aliases: the old name joins them; the new name, if it was one, leaves.
  std::vector<std::string> aliases;
  for (const auto& a : unit->aliases)
    if (a != new_name) aliases.push_back(a);
  aliases.push_back(old_name);
  std::string list;
  for (const auto& a : aliases) list += (list.empty() ? "" : ", ") + scalar(a);
  if (aliases_line) {
    std::smatch am;
    std::regex_match(units[*aliases_line], am, kAliases);
    if (!am[2].matched) {  // a block list under it: replace the whole list with a flow list
      std::size_t k = *aliases_line + 1;
      static const std::regex kItem(R"(^\s*-\s)");
      while (k < units.size() && std::regex_search(units[k], kItem) &&
             units[k].find("name:") == std::string::npos)
        units.erase(units.begin() + static_cast<std::ptrdiff_t>(k));
    }
    std::string lead = units[*aliases_line].substr(0, units[*aliases_line].find("aliases:"));
    units[*aliases_line] = lead + "aliases: [" + list + "]";
  } else {
    units.insert(units.begin() + static_cast<std::ptrdiff_t>(*name_line + 1),
                 key_indent + "aliases: [" + list + "]");
  }
  if (!comment.empty()) {
    std::string dash_indent = units[first].substr(0, units[first].find_first_not_of(' '));
    units.insert(units.begin() + static_cast<std::ptrdiff_t>(first), dash_indent + "# " + comment);
  }
  out.tasks = join_lines(tasks, !tasks_text.empty() && tasks_text.back() == '\n');
  out.units = join_lines(units, !units_text.empty() && units_text.back() == '\n');
  r.texts = std::move(out);
  return r;
}

}  // namespace plan
