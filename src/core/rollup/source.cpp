#include "core/rollup/source.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

#include "core/common/files.h"
#include "core/plan/checks.h"
#include "core/progress/progress.h"
#include "core/review/git.h"
#include "core/review/snapshot.h"

namespace fs = std::filesystem;

namespace plan {

namespace {

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

// git's own words for why it failed, or that it could not be run.
std::string git_reason(const GitResult& r) {
  if (!r.started) return "git is not installed";
  std::string line = first_line(r.err);
  return line.empty() ? "exit " + std::to_string(r.exit_code) : line;
}

// A git: value that is a local path (neither a URL nor host:path) is relative to the roll-up
// directory; git runs elsewhere, so it is made absolute.
std::string git_location(const RollupConfig& config, const std::string& url) {
  if (url.find("://") != std::string::npos) return url;
  const auto colon = url.find(':');
  if (colon != std::string::npos && url.substr(0, colon).find('/') == std::string::npos)
    return url;  // scp-like host:path
  std::error_code ec;
  return fs::absolute(fs::path(config.dir) / url, ec).lexically_normal().string();
}

// Options that keep a fetch from running programs or waiting for ever on a dead connection.
std::vector<std::string> safe_fetch_config() {
  return {"-c", "protocol.ext.allow=never", "-c", "protocol.fd.allow=never",
          "-c", "http.lowSpeedLimit=1000",  "-c", "http.lowSpeedTime=60"};
}

bool inside(const fs::path& inner, const fs::path& outer) {
  auto rel = inner.lexically_relative(outer);
  return !rel.empty() && *rel.begin() != "..";
}

// An exclusive lock on DIR.lock held for a mirror's fetch, so that two roll-ups fetching the same
// mirror at once wait for each other.
class MirrorLock {
 public:
  explicit MirrorLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ >= 0)
      while (flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~MirrorLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  MirrorLock(const MirrorLock&) = delete;
  MirrorLock& operator=(const MirrorLock&) = delete;

 private:
  int fd_ = -1;
};

void load_checked(SourcePlan& out, const std::vector<std::pair<std::string, std::string>>& files,
                  const std::string& shown_dir, bool check) {
  std::vector<std::pair<std::string, std::string>> plan_files;
  for (const auto& f : files)
    if (f.first == "tasks.yaml" || f.first == "units.yaml") plan_files.push_back(f);
  Snapshot snap = snapshot_from_files(plan_files, shown_dir, "");
  out.loaded = std::move(snap.loaded);
  if (!out.loaded->parsed) return;
  out.index = std::move(snap.index);
  if (check) {
    Diagnostics more = check_plan(out.loaded->plan, *out.index);
    check_progress_file_names(out.loaded->plan, more);
    out.loaded->diags.insert(out.loaded->diags.end(), more.begin(), more.end());
  }
}

// The errors among `diags` (warnings do not stop a member, as they do not stop plan report).
void keep_errors(SourcePlan& out, const Diagnostics& diags, const Sources& sources) {
  for (const auto& d : diags)
    if (d.severity == Severity::error) out.diags.push_back(d);
  if (has_errors(out.diags)) out.sources = sources;
}

SourcePlan read_git(const RollupConfig& config, const std::string& key, const PlanSource& source,
                    const SourceOptions& options) {
  SourcePlan out;
  out.from_git = true;
  const std::string mirror = mirror_dir(config, key);
  const std::string ref = source.ref.empty() ? "HEAD" : source.ref;
  out.label = source.git + (source.ref.empty() ? "" : "@" + source.ref);
  std::error_code ec;
  if (!fs::is_directory(mirror, ec)) {
    out.diags.push_back(error(source.where, "rollup-not-fetched", {key}));
    return out;
  }
  GitResult rev =
      run_git(mirror, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"});
  if (!rev.started || rev.exit_code != 0) {
    out.diags.push_back(error(source.where, "rollup-no-ref", {ref, source.git}));
    return out;
  }
  out.commit = first_line(rev.out);
  out.label += " " + out.commit.substr(0, 7);
  out.plan_commit = out.commit;
  if (!options.plan_at.empty()) {
    GitResult before = run_git(mirror, {"rev-list", "-1", "--first-parent",
                                        "--before=" + options.plan_at + " 23:59:59", out.commit});
    out.plan_commit = first_line(before.out);
    if (out.plan_commit.empty()) {
      out.diags.push_back(error(source.where, "rollup-no-plan-at", {options.plan_at, ref}));
      return out;
    }
  }
  std::string prefix = fs::path(source.dir).lexically_normal().string();
  if (prefix == "." || prefix.empty()) prefix.clear();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  GitPlace place{mirror, prefix};
  const std::string shown = key + "@" + ref + ":" + (prefix.empty() ? "." : source.dir);
  auto read = [&](const std::string& commit, bool with_progress,
                  std::vector<std::pair<std::string, std::string>>& files) {
    GitLookup problem;
    std::vector<std::pair<std::string, std::uint64_t>> too_large;
    std::vector<std::string> links;
    auto got = git_read_tree(place, commit, problem, with_progress, &too_large, &links);
    for (const auto& link : links)
      out.diags.push_back(
          error({(fs::path(shown) / link).string(), 0, 0}, "rollup-symlink-in-tree"));
    for (const auto& [rel, size] : too_large)
      out.diags.push_back(error({(fs::path(shown) / rel).string(), 0, 0}, "file-too-large",
                                {std::to_string(size), std::to_string(plan_file_limit(rel))}));
    if (!got) {
      if (problem.error == GitError::no_plan_at_revision)
        out.diags.push_back(error(source.where, "rollup-no-plan-in-tree", {source.dir, ref}));
      else
        out.diags.push_back(error(source.where, "rollup-git-read", {ref, problem.detail}));
      return false;
    }
    files = std::move(*got);
    return !has_errors(out.diags);
  };
  std::vector<std::pair<std::string, std::string>> files;
  if (!read(out.plan_commit, options.with_progress && options.plan_at.empty(), files)) return out;
  load_checked(out, files, shown, options.plan_at.empty());
  keep_errors(out, out.loaded->diags, out.loaded->sources);
  if (!out.ok() || !options.with_progress) return out;
  if (!options.plan_at.empty() && !read(out.commit, true, files)) return out;
  for (auto& [rel, text] : files)
    if (rel.rfind("progress/", 0) == 0)
      out.progress.emplace_back((fs::path(shown) / rel).string(), std::move(text));
  return out;
}

SourcePlan read_dir(const RollupConfig& config, const PlanSource& source,
                    const SourceOptions& options) {
  SourcePlan out;
  std::error_code ec;
  const fs::path shown_root = (fs::path(config.dir) / source.path).lexically_normal();
  out.label = shown_root.string();
  const fs::path root = fs::canonical(config.dir, ec);
  const fs::path member = fs::canonical(fs::path(config.dir) / source.path, ec);
  if (ec || !fs::is_directory(member, ec)) {
    out.diags.push_back(error(source.where, "rollup-path-missing", {source.path}));
    return out;
  }
  if (!inside(member, root) && member != root) {
    out.diags.push_back(error(source.where, "rollup-path-outside", {source.path, member.string()}));
    return out;
  }
  // The plan directory: the path itself, or its plan/ (a county's repository).
  fs::path shown_dir = shown_root;
  if (!fs::exists(shown_root / "tasks.yaml", ec) && fs::exists(shown_root / "plan", ec))
    shown_dir = shown_root / "plan";
  // Nothing read may lead out of the member's own directory.
  for (const fs::path& p :
       {shown_dir, shown_dir / "tasks.yaml", shown_dir / "units.yaml", shown_dir / "progress"}) {
    if (!fs::exists(fs::symlink_status(p, ec))) continue;
    const fs::path real = fs::weakly_canonical(p, ec);
    if (ec || (!inside(real, member) && real != member)) {
      out.diags.push_back(
          error({p.string(), 0, 0}, "rollup-path-outside", {p.string(), real.string()}));
    }
  }
  if (has_errors(out.diags)) return out;
  if (options.plan_at.empty()) {
    *out.loaded = load_plan(shown_dir.string());
    if (out.loaded->parsed) {
      out.index = std::make_unique<PlanIndex>(out.loaded->plan);
      Diagnostics more = check_plan(out.loaded->plan, *out.index);
      check_progress_file_names(out.loaded->plan, more);
      out.loaded->diags.insert(out.loaded->diags.end(), more.begin(), more.end());
    }
  } else {
    // The plan as it stood on that day, from the git history of the member's directory.
    GitLookup problem;
    auto place = git_place(shown_dir.string(), problem);
    std::optional<std::string> commit;
    if (place) commit = git_commit_on_or_before(*place, options.plan_at, problem);
    std::optional<std::vector<std::pair<std::string, std::string>>> files;
    if (commit) files = git_read_tree(*place, *commit, problem, false);
    if (!files) {
      out.diags.push_back(place
                              ? error(source.where, "rollup-no-plan-at", {options.plan_at, "HEAD"})
                              : error(source.where, "rollup-plan-at-no-git", {source.path}));
      return out;
    }
    out.plan_commit = *commit;
    load_checked(out, *files, shown_dir.string(), false);
  }
  if (!out.loaded->parsed) out.index.reset();
  keep_errors(out, out.loaded->diags, out.loaded->sources);
  out.progress_dir = (shown_dir / "progress").string();
  return out;
}

}  // namespace

std::string mirror_dir(const RollupConfig& config, const std::string& key) {
  std::string name = progress_file_name(key);
  name.resize(name.size() - 5);  // ".yaml"
  // Absolute: git runs in other directories (git -C).
  std::error_code ec;
  return fs::absolute(fs::path(config.dir) / kRollupCache / (name + ".git"), ec)
      .lexically_normal()
      .string();
}

std::optional<Diagnostic> fetch_mirror(const RollupConfig& config, const std::string& key,
                                       const PlanSource& source) {
  std::error_code ec;
  const fs::path cache = fs::path(config.dir) / kRollupCache;
  fs::create_directories(cache, ec);
  // The cache ignores itself: nothing in it is ever committed to the roll-up repository.
  if (!fs::exists(cache / ".gitignore", ec))
    write_file_atomic((cache / ".gitignore").string(), "*\n");
  const std::string mirror = mirror_dir(config, key);
  MirrorLock lock(mirror + ".lock");
  const std::string url = git_location(config, source.git);
  auto fail = [&](const GitResult& r) {
    return error(source.where, "rollup-fetch-failed", {key, source.git, git_reason(r)});
  };
  std::vector<std::string> args = safe_fetch_config();
  if (fs::is_directory(mirror, ec)) {
    GitResult origin = run_git(mirror, {"config", "--get", "remote.origin.url"});
    if (origin.exit_code == 0 && first_line(origin.out) == url) {
      args.insert(args.end(), {"fetch", "--prune", "--quiet", "origin"});
      GitResult r = run_git(mirror, args);
      if (r.exit_code != 0) return fail(r);
      // Follow the remote's default branch, which a mirror's fetch does not update.
      GitResult head = run_git(mirror, {"ls-remote", "--symref", "origin", "HEAD"});
      if (head.exit_code == 0 && head.out.rfind("ref: refs/heads/", 0) == 0) {
        const std::string branch = head.out.substr(5, head.out.find('\t') - 5);
        run_git(mirror, {"symbolic-ref", "HEAD", branch});
      }
      return std::nullopt;
    }
    fs::remove_all(mirror, ec);  // another repository now: cloned afresh
  }
  const std::string tmp = mirror + ".new";
  fs::remove_all(tmp, ec);
  args.insert(args.end(), {"clone", "--mirror", "--quiet", "--", url, tmp});
  GitResult r = run_git(cache.string(), args);
  if (r.exit_code != 0) {
    fs::remove_all(tmp, ec);
    return fail(r);
  }
  fs::rename(tmp, mirror, ec);
  if (ec) return error(source.where, "rollup-fetch-failed", {key, source.git, ec.message()});
  return std::nullopt;
}

SourcePlan read_source(const RollupConfig& config, const std::string& key, const PlanSource& source,
                       const SourceOptions& options) {
  return source.is_git() ? read_git(config, key, source, options)
                         : read_dir(config, source, options);
}

}  // namespace plan
