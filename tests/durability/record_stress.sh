#!/usr/bin/env bash
# plan record under hostile conditions leaves every existing entry intact and either adds the
# new entry or says clearly that it did not:
#  1. kill -9 at random moments, 150 times: the file is always the old one or the old one plus
#     exactly the new line;
#  2. 50 writers at once: all 50 entries land, once each;
#  3. a read-only progress directory (run as nobody): exit 1, a clear message, file unchanged;
#  4. a full disk (a 256 KiB tmpfs, where the machine lets us mount one): the same;
#  5. the lock file deleted over and over while 8 writers record 40 entries each (git clean -fX
#     deletes it): every entry a writer acknowledged (exit 0) is in the file exactly once, none
#     it did not is, and no writer removed another's temporary file.
#   record_stress.sh PLAN_BINARY SOURCE_ROOT
set -u
bin=$(realpath "$1") root=$2
tmp=$(mktemp -d)
chmod 755 "$tmp"
mnt=""
cleanup() {
  [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
export PLAN_TODAY=2025-06-30

fresh() { # fresh DIR: a copy of the small plan with one entry already recorded
  rm -rf "$1"
  cp -r "$root/tests/fixtures/other-county/plan" "$1"
  PLAN_DIR=$1 "$bin" record 3a --unit 区财政局 --status 进行中 --date 2025-05-01 --note 原有 >/dev/null
}

# 1. kill -9 at random moments.
p=$tmp/kill
fresh "$p"
file=$p/progress/区财政局.yaml
killed_before=0 landed=0
for i in $(seq 1 150); do
  cp "$file" "$tmp/before"
  PLAN_DIR=$p "$bin" record 3a --unit 区财政局 --status 进行中 --note "第$i次" >/dev/null 2>&1 &
  pid=$!
  sleep "0.00$((RANDOM % 4))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if cmp -s "$tmp/before" "$file"; then
    killed_before=$((killed_before + 1))
  elif [ "$(head -c "$(stat -c %s "$tmp/before")" "$file" | cmp - "$tmp/before" && echo same)" = same ] &&
       [[ "$(tail -c +"$(($(stat -c %s "$tmp/before") + 1))" "$file")" == \
         "- {date: 2025-06-30, item: \"3a\", status: 进行中, note: \"第$i次\", recorded: "*", id: \""??????????"\"}" ]]; then
    landed=$((landed + 1))
  else
    bad "after kill $i the file is neither the old one nor the old one plus the entry"
    diff "$tmp/before" "$file" | head -5 >&2
    break
  fi
done
PLAN_DIR=$p "$bin" check >/dev/null 2>&1 && ok || bad "plan check after the kills"
[ $((killed_before + landed)) -eq 150 ] && ok || bad "not every kill was accounted for"
echo "kill -9: $killed_before times before the rename, $landed times after"

# 2. Fifty writers at once.
p=$tmp/many
fresh "$p"
pids=()
for i in $(seq 1 50); do
  PLAN_DIR=$p "$bin" record 3a --unit 区财政局 --status 进行中 --note "并发$i" >/dev/null 2>"$tmp/err$i" &
  pids+=($!)
done
all=1
for pid in "${pids[@]}"; do wait "$pid" || all=0; done
[ $all = 1 ] && ok || bad "a concurrent writer failed: $(cat "$tmp"/err*)"
missing=0
for i in $(seq 1 50); do
  [ "$(grep -c "\"并发$i\"" "$p/progress/区财政局.yaml")" = 1 ] || missing=$((missing + 1))
done
[ $missing = 0 ] && ok || bad "$missing of 50 concurrent entries missing or doubled"
PLAN_DIR=$p "$bin" check >/dev/null 2>&1 && ok || bad "plan check after 50 writers"

# 3. A read-only directory, for a user who may not write it (root could write anyway).
p=$tmp/ro
fresh "$p"
chmod -R a+rX "$p"
chmod 555 "$p/progress"
cp "$p/progress/区财政局.yaml" "$tmp/before"
if setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null &&
   setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$bin"; then
  setpriv --reuid=nobody --regid=nogroup --clear-groups env PLAN_DIR="$p" PLAN_LANG=en \
    "$bin" record 3a --unit 区财政局 --status 已完成 >"$tmp/out" 2>"$tmp/err"
  st=$?
  [ $st = 1 ] && ok || bad "read-only: exit $st, expected 1"
  grep -q "nothing was recorded, the existing entries are intact" "$tmp/err" && ok ||
    bad "read-only: no clear message: $(cat "$tmp/err")"
  cmp -s "$tmp/before" "$p/progress/区财政局.yaml" && ok || bad "read-only: the file changed"
else
  echo "skipped: the read-only test needs to run the program as nobody"
  skipped=$((skipped + 1))
fi

# 4. A full disk.
mnt=$tmp/full
mkdir -p "$mnt"
if mount -t tmpfs -o size=256k tmpfs "$mnt" 2>/dev/null; then
  fresh "$mnt/plan"
  cp "$mnt/plan/progress/区财政局.yaml" "$tmp/before"
  dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
  PLAN_DIR=$mnt/plan PLAN_LANG=en "$bin" record 3a --unit 区财政局 --status 已完成 >"$tmp/out" 2>"$tmp/err"
  st=$?
  [ $st = 1 ] && ok || bad "full disk: exit $st, expected 1"
  grep -q "nothing was recorded, the existing entries are intact: .*No space left on device" "$tmp/err" && ok ||
    bad "full disk: no clear message: $(cat "$tmp/err")"
  cmp -s "$tmp/before" "$mnt/plan/progress/区财政局.yaml" && ok || bad "full disk: the file changed"
  ls -A "$mnt/plan/progress" | grep -q '\.tmp$' && bad "full disk: a temporary file was left" || ok
  rm -f "$mnt/filler"
  PLAN_DIR=$mnt/plan "$bin" record 3a --unit 区财政局 --status 已完成 >/dev/null && ok ||
    bad "full disk: recording failed after space was freed"
else
  echo "skipped: cannot mount a tmpfs here for the full-disk test"
  skipped=$((skipped + 1))
fi

# 5. The lock's file deleted while writers run.
p=$tmp/unlock
fresh "$p"
(while :; do rm -f "$p/progress/.lock"; done) 2>/dev/null &
deleter=$!
pids=()
for w in $(seq 1 8); do
  (
    for i in $(seq 1 40); do
      if PLAN_DIR=$p "$bin" record 3a --unit 区财政局 --status 进行中 --note "锁$w-$i" >/dev/null \
        2>>"$tmp/unlock-err"; then
        echo "锁$w-$i" >>"$tmp/acked"
      else
        echo "锁$w-$i" >>"$tmp/refused"
      fi
    done
  ) &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
kill "$deleter" 2>/dev/null
wait "$deleter" 2>/dev/null
file=$p/progress/区财政局.yaml
lost=0 doubled=0 ghosts=0
while IFS= read -r note; do
  n=$(grep -c "\"$note\"" "$file")
  [ "$n" = 0 ] && lost=$((lost + 1))
  [ "$n" -gt 1 ] && doubled=$((doubled + 1))
done <"$tmp/acked"
if [ -f "$tmp/refused" ]; then
  while IFS= read -r note; do
    grep -q "\"$note\"" "$file" && ghosts=$((ghosts + 1))
  done <"$tmp/refused"
fi
acked=$(wc -l <"$tmp/acked")
[ "$lost" = 0 ] && [ "$doubled" = 0 ] && ok ||
  bad "lock deleted: $lost of $acked acknowledged entries lost, $doubled doubled"
[ "$ghosts" = 0 ] && ok || bad "lock deleted: $ghosts entries reported as failed are in the file"
[ "$acked" = 320 ] && ok || bad "lock deleted: only $acked of 320 records succeeded: $(sort -u "$tmp/unlock-err" | head -3)"
PLAN_DIR=$p "$bin" check >/dev/null 2>&1 && ok || bad "plan check after the lock was deleted"
echo "lock deleted while recording: $acked acknowledged, $lost lost, $doubled doubled"

echo "record stress: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
