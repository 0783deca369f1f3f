#!/usr/bin/env bash
# plan record never loses or corrupts entries:
#  1. killed (SIGKILL) after writing the new file and before renaming it, the old file is
#     intact byte for byte, plan check names the temporary file left behind, the next record
#     lands, and the leftover is removed once it is 10 minutes old (never sooner: it could be
#     another writer's);
#  2. 20 records run at once all land, each exactly once, and the file still checks clean.
#   record_durability.sh PLAN_BINARY SOURCE_ROOT
set -u
bin=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cp -r "$root/tests/fixtures/other-county/plan" "$tmp/plan"
export PLAN_DIR=$tmp/plan PLAN_TODAY=2025-06-30
file=$tmp/plan/progress/区财政局.yaml

"$bin" record 3a --unit 区财政局 --status 进行中 --date 2025-05-01 --note 第一条 >/dev/null ||
  fail "first record"
cp "$file" "$tmp/before"

# 1. Killed between writing and renaming.
PLAN_FAULT=kill-before-rename "$bin" record 3a --unit 区财政局 --status 已完成 --note 被中断 \
  >/dev/null 2>&1
status=$?
[ $status -eq 137 ] || fail "the fault hook did not kill the process (exit $status)"
cmp -s "$tmp/before" "$file" || fail "the file changed after a kill before rename"
left=$(ls -A "$tmp/plan/progress" | grep '\.tmp$')
[ -n "$left" ] || fail "expected the killed writer's temporary file"
"$bin" --lang en check >/dev/null 2>"$tmp/check-err" || fail "plan check after the kill"
grep -q "$left: warning: a temporary file left by an interrupted write" "$tmp/check-err" ||
  fail "plan check does not name the leftover: $(cat "$tmp/check-err")"
"$bin" record 3a --unit 区财政局 --status 已完成 --note 恢复后 >/dev/null || fail "record after kill"
[ -f "$tmp/plan/progress/$left" ] || fail "a young temporary file was removed"
touch -d '11 minutes ago' "$tmp/plan/progress/$left"
"$bin" record 3a --unit 区财政局 --status 已完成 --note 再一条 >/dev/null || fail "record after aging"
ls -A "$tmp/plan/progress" | grep -q '\.tmp$' && fail "the stale temporary file was not removed"
head -c "$(stat -c %s "$tmp/before")" "$file" | cmp -s - "$tmp/before" ||
  fail "existing bytes were not kept exactly"
grep -q 恢复后 "$file" || fail "the entry after the kill is missing"
grep -q 被中断 "$file" && fail "the interrupted entry appeared"

# 2. Twenty writers at once.
pids=()
for i in $(seq 1 20); do
  "$bin" record 3a --unit 区财政局 --status 进行中 --note "并发$i" >/dev/null 2>"$tmp/err$i" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a concurrent record failed: $(cat "$tmp"/err*)"; done
for i in $(seq 1 20); do
  n=$(grep -c "\"并发$i\"" "$file")
  [ "$n" -eq 1 ] || fail "entry 并发$i appears $n times"
done
entries=$(grep -c '^- ' "$file")
[ "$entries" -eq 23 ] || fail "expected 23 entries, found $entries"
"$bin" check >/dev/null 2>&1 || fail "plan check after concurrent records"
"$bin" --format json log --unit 区财政局 | grep -c '"date"' | grep -qx 23 || fail "plan log does not show 23 entries"
echo "record durability: 2 passed, 0 failed"
