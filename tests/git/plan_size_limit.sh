#!/usr/bin/env bash
# Plans read from git obey the limits of the working tree: a 64 MiB tasks.yaml committed in
# history is refused by its size (git ls-tree -l) before it is read, by plan diff and by
# --plan-at, with a clear error and in bounded memory (peak RSS under 64 MiB measured with
# /usr/bin/time where the machine has it, and run under `ulimit -v` 1 GiB; neither under ASan).
#   plan_size_limit.sh PLAN_BINARY SOURCE_ROOT
set -u
bin=$(realpath "$1") root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
export GIT_AUTHOR_NAME=王敏 GIT_AUTHOR_EMAIL=w@example.org GIT_COMMITTER_NAME=王敏 \
  GIT_COMMITTER_EMAIL=w@example.org GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export PLAN_TODAY=2025-06-30 PLAN_LANG=en

repo=$tmp/repo
git init -q -b main "$repo"
cp -r "$root/tests/fixtures/other-county/plan" "$repo/plan"
git -C "$repo" add -A && git -C "$repo" commit -qm small
# Valid YAML padded with comment lines to 64 MiB: it would parse, slowly and in much memory.
line="#$(printf 'x%.0s' $(seq 1 99))"
{
  cat "$root/tests/fixtures/other-county/plan/tasks.yaml"
  yes "$line" | head -n 671089
} >"$repo/plan/tasks.yaml"
git -C "$repo" commit -qam big
git -C "$repo" checkout -q HEAD~1 -- plan/tasks.yaml # the working tree is small again

# Under AddressSanitizer (scripts/test-sanitizers sets ASAN_OPTIONS) memory cannot be limited
# or measured meaningfully: its shadow memory needs terabytes of address space.
vlimit=1048576 measure=1
if [ -n "${ASAN_OPTIONS:-}" ]; then
  vlimit=unlimited measure=0
fi
run() { # run NAME ARGS...: exit code in $st, stderr in $tmp/NAME.err, peak RSS (KiB) in $rss
  local name=$1
  shift
  rss=0
  if [ -x /usr/bin/time ] && [ $measure = 1 ]; then
    (ulimit -v $vlimit && /usr/bin/time -f '%M' -o "$tmp/$name.rss" "$bin" --plan-dir "$repo/plan" "$@" \
      >"$tmp/$name.out" 2>"$tmp/$name.err")
    st=$?
    rss=$(tail -1 "$tmp/$name.rss")
  else
    (ulimit -v $vlimit && "$bin" --plan-dir "$repo/plan" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err")
    st=$?
  fi
}

run diff diff HEAD~1 HEAD
[ $st = 2 ] && ok || bad "diff: exit $st, expected 2"
grep -q 'HEAD:plan/tasks.yaml: error: the file has 677[0-9]* bytes, more than the limit of 8388608; split it' \
  "$tmp/diff.err" && ok || bad "diff: no clear error: $(cat "$tmp/diff.err")"
[ "$rss" -lt 65536 ] && ok || bad "diff: peak memory $rss KiB, expected under 64 MiB"

run plan-at status --plan-at HEAD
[ $st = 2 ] && ok || bad "status --plan-at: exit $st, expected 2"
grep -q 'HEAD:plan/tasks.yaml: error: the file has' "$tmp/plan-at.err" && ok ||
  bad "status --plan-at: no clear error: $(cat "$tmp/plan-at.err")"
[ "$rss" -lt 65536 ] && ok || bad "status --plan-at: peak memory $rss KiB, expected under 64 MiB"

# The revision before is fine, and history goes on past the commit it cannot read.
run ok status --plan-at HEAD~1
[ $st = 0 ] && ok || bad "status --plan-at HEAD~1: exit $st: $(cat "$tmp/ok.err")"
run history history 3a
[ $st = 0 ] && ok || bad "history: exit $st: $(cat "$tmp/history.err")"
[ "$rss" -lt 65536 ] && ok || bad "history: peak memory $rss KiB, expected under 64 MiB"

echo "plan size limit in git: $passed passed, $failed failed"
[ $failed = 0 ]
