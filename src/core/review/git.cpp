#include "core/review/git.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/common/files.h"
#include "core/progress/progress.h"

extern char** environ;

namespace plan {

GitResult run_git(const std::string& dir, const std::vector<std::string>& args,
                  std::string_view input) {
  GitResult r;
  int out_pipe[2], err_pipe[2], in_pipe[2] = {-1, -1};
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return r;
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return r;
  }
  // stdin is a socket, not a pipe: send() with MSG_NOSIGNAL cannot raise SIGPIPE when git exits
  // before reading it all.
  if (!input.empty() && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pipe) != 0) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], STDERR_FILENO);
  if (input.empty()) {
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  } else {
    posix_spawn_file_actions_adddup2(&fa, in_pipe[0], STDIN_FILENO);
  }

  std::vector<std::string> argv_s = {"git", "-C", dir};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  // The same environment, with git's messages in English and no pager or prompts.
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    std::string_view v(*e);
    if (v.rfind("LANG=", 0) == 0 || v.rfind("LC_ALL=", 0) == 0 || v.rfind("LANGUAGE=", 0) == 0 ||
        v.rfind("GIT_LITERAL_PATHSPECS=", 0) == 0 || v.rfind("GIT_GLOB_PATHSPECS=", 0) == 0 ||
        v.rfind("GIT_ICASE_PATHSPECS=", 0) == 0 || v.rfind("GIT_NOGLOB_PATHSPECS=", 0) == 0)
      continue;
    env_s.emplace_back(v);
  }
  env_s.push_back("LC_ALL=C");
  env_s.push_back("GIT_PAGER=cat");
  env_s.push_back("GIT_TERMINAL_PROMPT=0");
  // Paths are paths: a plan directory named ":(top)x" or "*" is not pathspec magic or a glob.
  env_s.push_back("GIT_LITERAL_PATHSPECS=1");
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (in_pipe[0] >= 0) close(in_pipe[0]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (in_pipe[1] >= 0) close(in_pipe[1]);
    return r;
  }
  r.started = true;

  // Feed stdin and read both pipes until they close, so that no pipe can fill up and block git.
  pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  std::size_t written = 0;
  char buf[1 << 16];
  while (open_fds > 0) {
    if (poll(fds, fds[2].fd >= 0 ? 3 : 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = (fds[2].revents & POLLOUT)
                      ? send(fds[2].fd, input.data() + written, input.size() - written,
                             MSG_NOSIGNAL | MSG_DONTWAIT)
                      : -1;
      if (n > 0) written += static_cast<std::size_t>(n);
      if (written == input.size() || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        close(fds[2].fd);
        fds[2].fd = -1;
      }
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // posix_spawnp reports a missing git as exit 127 from the child on some systems.
  if (r.exit_code == 127 && r.out.empty()) r.started = false;
  return r;
}

namespace {

std::string first_line(const std::string& s) {
  std::string l = s.substr(0, s.find('\n'));
  return l;
}

// A path git printed on a line of its own: everything but the final line feed, since the path
// itself may hold line feeds.
std::string path_line(const std::string& s) {
  return !s.empty() && s.back() == '\n' ? s.substr(0, s.size() - 1) : s;
}

bool failed(const GitResult& r, GitLookup& problem, GitError kind, const std::string& detail) {
  if (!r.started) {
    problem = {GitError::no_git, ""};
    return true;
  }
  if (r.exit_code != 0) {
    problem = {kind, detail.empty() ? first_line(r.err) : detail};
    return true;
  }
  return false;
}

}  // namespace

std::optional<GitPlace> git_place(const std::string& dir, GitLookup& problem) {
  GitResult top = run_git(dir, {"rev-parse", "--show-toplevel"});
  if (failed(top, problem, GitError::not_a_repository, "")) return std::nullopt;
  GitResult prefix = run_git(dir, {"rev-parse", "--show-prefix"});
  if (failed(prefix, problem, GitError::not_a_repository, "")) return std::nullopt;
  return GitPlace{path_line(top.out), path_line(prefix.out)};
}

std::optional<std::string> git_resolve(const GitPlace& place, const std::string& rev,
                                       GitLookup& problem) {
  // "--end-of-options" keeps a revision that starts with '-' from being read as an option.
  GitResult r = run_git(
      place.root, {"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"});
  if (failed(r, problem, GitError::bad_revision, rev)) return std::nullopt;
  return first_line(r.out);
}

std::optional<std::string> git_commit_on_or_before(const GitPlace& place, const std::string& date,
                                                   GitLookup& problem) {
  GitResult r = run_git(place.root, {"rev-list", "-1", "--first-parent",
                                     "--before=" + date + " 23:59:59", "HEAD", "--"});
  if (failed(r, problem, GitError::bad_revision, "HEAD")) return std::nullopt;
  std::string commit = first_line(r.out);
  if (commit.empty()) {
    problem = {GitError::no_commit_by_date, date};
    return std::nullopt;
  }
  return commit;
}

std::size_t plan_file_limit(const std::string& rel) {
  return rel.rfind("progress/", 0) == 0 ? kMaxProgressFileBytes : ReadLimits{}.max_bytes;
}

std::optional<std::vector<std::pair<std::string, std::string>>> git_read_tree(
    const GitPlace& place, const std::string& commit, GitLookup& problem, bool with_progress,
    std::vector<std::pair<std::string, std::uint64_t>>* too_large,
    std::vector<std::string>* links) {
  // -l: each blob's size, so that none is read whole before its size is known to be sane.
  GitResult ls = run_git(place.root, {"ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--",
                                      place.prefix.empty() ? "." : place.prefix});
  if (failed(ls, problem, GitError::bad_revision, commit)) return std::nullopt;
  struct Wanted {
    std::string rel, object;
    std::uint64_t size;
  };
  std::vector<Wanted> wanted;
  bool has_tasks = false;
  std::size_t pos = 0;
  while (pos < ls.out.size()) {
    std::size_t end = ls.out.find('\0', pos);
    if (end == std::string::npos) end = ls.out.size();
    // "<mode> <type> <object> <size, padded>\t<path>"
    std::string record = ls.out.substr(pos, end - pos);
    pos = end + 1;
    std::size_t tab = record.find('\t');
    if (tab == std::string::npos) continue;
    std::string path = record.substr(tab + 1);
    std::string meta = record.substr(0, tab);
    std::size_t size_at = meta.find_last_of(' ');
    std::string size_text = size_at == std::string::npos ? "" : meta.substr(size_at + 1);
    if (path.size() < place.prefix.size()) continue;
    std::string rel = path.substr(place.prefix.size());
    bool want = rel == "tasks.yaml" || rel == "units.yaml" ||
                (with_progress && rel.rfind("progress/", 0) == 0 && rel.size() > 14 &&
                 rel.substr(rel.size() - 5) == ".yaml" && rel.find('/', 9) == std::string::npos);
    if (!want) continue;
    if (size_text.empty() || size_text.find_first_not_of("0123456789") != std::string::npos)
      continue;  // a submodule or a tree is no plan file
    if (links && meta.rfind("120000 ", 0) == 0) {
      links->push_back(rel);  // a symbolic link: its target is not followed, nor read as YAML
      continue;
    }
    const std::uint64_t size = std::stoull(size_text);
    if (size > plan_file_limit(rel)) {
      has_tasks |= rel == "tasks.yaml";
      if (too_large) too_large->emplace_back(rel, size);
      continue;
    }
    // The size is padded with spaces: the object id runs from the second space to the next.
    const std::size_t object_at = meta.find(' ', meta.find(' ') + 1) + 1;
    wanted.push_back({rel, meta.substr(object_at, meta.find(' ', object_at) - object_at), size});
  }
  // Every blob through one `git cat-file --batch`: "<object> blob <size>\n<bytes>\n" each.
  std::string request;
  for (const auto& w : wanted) request += w.object + "\n";
  std::vector<std::pair<std::string, std::string>> files;
  if (!wanted.empty()) {
    GitResult batch = run_git(place.root, {"cat-file", "--batch"}, request);
    if (failed(batch, problem, GitError::bad_revision, commit)) return std::nullopt;
    std::size_t at = 0;
    for (const auto& w : wanted) {
      std::size_t header_end = batch.out.find('\n', at);
      if (header_end == std::string::npos ||
          batch.out.compare(at, w.object.size(), w.object) != 0 ||
          header_end + 1 + w.size > batch.out.size()) {
        problem = {GitError::bad_revision, commit};
        return std::nullopt;
      }
      files.emplace_back(w.rel, batch.out.substr(header_end + 1, w.size));
      at = header_end + 1 + w.size + 1;
    }
  }
  for (const auto& f : files) has_tasks |= f.first == "tasks.yaml";
  if (!has_tasks) {
    problem = {GitError::no_plan_at_revision, commit};
    return std::nullopt;
  }
  return files;
}

std::vector<GitCommit> git_log_plan(const GitPlace& place, GitLookup& problem) {
  std::vector<GitCommit> out;
  // Fields and commits end in NUL, the one byte no name or subject can hold, so a subject with
  // a line feed or a 0x1F cannot shift the fields of the next commit.
  GitResult r = run_git(
      place.root, {"log", "-z", "--reverse", "--format=%H%x00%ad%x00%an%x00%s", "--date=short",
                   "--", place.prefix + "tasks.yaml", place.prefix + "units.yaml"});
  if (failed(r, problem, GitError::bad_revision, "HEAD")) return out;
  std::vector<std::string> fields;
  for (std::size_t p = 0; p < r.out.size();) {
    std::size_t q = r.out.find('\0', p);
    if (q == std::string::npos) q = r.out.size();
    fields.push_back(r.out.substr(p, q - p));
    p = q + 1;
  }
  for (std::size_t i = 0; i + 4 <= fields.size(); i += 4)
    out.push_back({fields[i], fields[i + 1], fields[i + 2], fields[i + 3]});
  return out;
}

}  // namespace plan
