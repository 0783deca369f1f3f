#include "core/review/snapshot.h"

#include <filesystem>

#include "core/common/files.h"
#include "core/common/yaml_doc.h"
#include "core/plan/schema.h"
#include "core/progress/progress.h"
#include "core/review/git.h"

namespace plan {

namespace fs = std::filesystem;

std::string RawEntry::key(const std::string& as_unit) const {
  return as_unit + '\x1f' + date + '\x1f' + item + '\x1f' + status + '\x1f' + note + '\x1f' +
         evidence + '\x1f' + by + '\x1f' + amends + '\x1f' + retracts + '\x1f' + reason + '\x1f' +
         recorded + '\x1f' + id;
}

namespace {

void read_raw_entries(std::string_view text, const std::string& file, const std::string& unit,
                      std::vector<RawEntry>& out, Diagnostics& diags) {
  Diagnostics ignored;  // shape problems are plan check's business, not the diff's
  Reader r(file, ignored);
  // Entries are taken as the parser finishes each one, so that a file of a million entries is
  // never a tree in memory. Entries of a file that turns out not to parse are dropped.
  const std::size_t first = out.size();
  auto on_item = [&](const Node& n) {
    if (!n.is_mapping()) return;
    RawEntry e;
    e.unit = unit;
    e.file = file;
    e.line = n.line;
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
      const Node& k = n.keys[i];
      const Node& v = n.values[i];
      std::string value;
      if (v.is_scalar()) {
        value = v.value;
      } else if (v.is_sequence()) {
        for (const auto& [name, w] : r.names(&v, k.value))
          value += (value.empty() ? "" : "; ") + name;
      }
      if (k.value == "date") e.date = value;
      if (k.value == "item") e.item = normalize_item_id(value);
      if (k.value == "status") {
        e.status = parse_state(value) ? state_key(*parse_state(value)) : value;
        e.status_written = value;
      }
      if (k.value == "note") e.note = value;
      if (k.value == "evidence") e.evidence = value;
      if (k.value == "by") e.by = value;
      if (k.value == "amends") e.amends = value;
      if (k.value == "retracts") e.retracts = value;
      if (k.value == "reason") e.reason = value;
      if (k.value == "recorded") e.recorded = value;
      if (k.value == "id") e.id = value;
    }
    out.push_back(std::move(e));
  };
  yaml::Document doc = yaml::parse_list_stream(text, file, diags, yaml::Limits{}, on_item);
  if (!doc.ok) out.resize(first);
}

void finish(Snapshot& s) {
  if (s.loaded->parsed) s.index = std::make_unique<PlanIndex>(s.loaded->plan);
}

}  // namespace

Snapshot snapshot_from_dir(const std::string& dir, std::string label) {
  Snapshot s;
  s.label = std::move(label);
  *s.loaded = load_plan(dir);
  std::error_code ec;
  fs::path progress = fs::path(dir) / "progress";
  std::vector<fs::path> files;
  if (fs::is_directory(progress, ec)) {
    for (const auto& de : fs::directory_iterator(progress, ec)) {
      std::string name = de.path().filename().string();
      if (!name.empty() && name[0] != '.' && de.path().extension() == ".yaml")
        files.push_back(de.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto unit = unit_of_progress_file(f.filename().string());
    if (!unit) continue;
    ReadLimits limits;
    limits.max_bytes = kMaxProgressFileBytes;
    limits.follow_symlinks = false;
    if (auto text = read_text_file(f.string(), s.loaded->diags, s.loaded->sources, limits))
      read_raw_entries(*text, f.string(), *unit, s.entries, s.loaded->diags);
  }
  finish(s);
  return s;
}

Snapshot snapshot_from_files(const std::vector<std::pair<std::string, std::string>>& files,
                             const std::string& display_dir, std::string label,
                             const std::vector<std::pair<std::string, std::uint64_t>>& too_large) {
  Snapshot s;
  s.label = std::move(label);
  s.loaded->plan.dir = display_dir;
  bool tasks_ok = false, units_ok = false;
  for (const auto& [rel, size] : too_large) {
    std::string shown = (fs::path(display_dir) / rel).string();
    s.loaded->diags.push_back(error({shown, 0, 0}, "file-too-large",
                                    {std::to_string(size), std::to_string(plan_file_limit(rel))}));
  }
  for (const auto& [rel, text] : files) {
    std::string shown = (fs::path(display_dir) / rel).string();
    if (!check_text(text, shown, s.loaded->diags)) continue;
    s.loaded->sources.add(shown, text);
    if (rel == "tasks.yaml") {
      s.loaded->plan.tasks_file = shown;
      tasks_ok = load_tasks_text(text, shown, s.loaded->plan, s.loaded->diags);
    } else if (rel == "units.yaml") {
      s.loaded->plan.units_file = shown;
      units_ok = load_units_text(text, shown, s.loaded->plan, s.loaded->diags);
    } else if (auto unit = unit_of_progress_file(fs::path(rel).filename().string())) {
      read_raw_entries(text, shown, *unit, s.entries, s.loaded->diags);
    }
  }
  s.loaded->parsed = tasks_ok && units_ok;
  finish(s);
  return s;
}

}  // namespace plan
