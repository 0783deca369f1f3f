#!/usr/bin/env bash
# plan record never loses or corrupts entries:
#  1. killed (SIGKILL) after writing the new file and before renaming it, the old file is
#     intact byte for byte, and the next record cleans up and lands;
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
ls -A "$tmp/plan/progress" | grep -q '\.tmp$' || fail "expected the killed writer's temporary file"
"$bin" check >/dev/null 2>&1 || fail "plan check after the kill"
"$bin" record 3a --unit 区财政局 --status 已完成 --note 恢复后 >/dev/null || fail "record after kill"
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
[ "$entries" -eq 22 ] || fail "expected 22 entries, found $entries"
"$bin" check >/dev/null 2>&1 || fail "plan check after concurrent records"
"$bin" --format json log --unit 区财政局 | grep -c '"date"' | grep -qx 22 || fail "plan log does not show 22 entries"
echo "record durability: 2 passed, 0 failed"
