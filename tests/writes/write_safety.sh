#!/usr/bin/env bash
# Every path that writes a file leaves alone what it must not touch:
#  1. -o into a character device (a private copy of /dev/null as root, /dev/null itself
#     otherwise) or a FIFO writes into it: it stays a device or a FIFO. /dev/stdout works.
#  2. A link placed at the old, predictable temporary name (.NAME.PID.tmp) of -o, record, amend,
#     export, form, rename-unit and init is never followed: the file it points to is unchanged.
#  3. A FIFO at a progress file's path does not make record hang (nor check nor a report);
#     a link there is not read through, and its target is not copied anywhere.
#  4. Modes are kept: a 0600 progress file stays 0600 after record and amend, an -o file over a
#     0640 one stays 0640 (and keeps its group), and a new file gets 0666 less the umask.
#   write_safety.sh PLAN_BINARY SOURCE_ROOT
set -u
bin=$(realpath "$1") root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
export PLAN_TODAY=2025-06-30 PLAN_LANG=en
p=$tmp/plan
cp -r "$root/tests/fixtures/other-county/plan" "$p"
export PLAN_DIR=$p
cd "$tmp" || exit 1

# 1. Devices and FIFOs are written into, never replaced.
if [ "$(id -u)" = 0 ]; then
  mknod "$tmp/null" c 1 3 # as root the real /dev/null would be at stake if this regressed
  dev=$tmp/null
else
  dev=/dev/null # as anyone else /dev cannot be written, so it cannot be replaced
fi
"$bin" status -o "$dev" >"$tmp/out" 2>"$tmp/err" && ok || bad "-o $dev: exit $?: $(cat "$tmp/err")"
[ -c "$dev" ] && ok || bad "-o $dev: no longer a character device: $(ls -l "$dev")"
[ ! -s "$tmp/out" ] && ok || bad "-o $dev: something went to stdout"
mkfifo "$tmp/fifo"
timeout 30 cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
timeout 20 "$bin" --format csv units -o "$tmp/fifo" 2>"$tmp/err" && ok || bad "-o fifo: $(cat "$tmp/err")"
wait "$reader"
[ -p "$tmp/fifo" ] && ok || bad "-o fifo: no longer a FIFO"
grep -q '^区财政局,' "$tmp/from-fifo" && ok || bad "-o fifo: the reader did not get the table"
# /dev/stdout and its kin are the open descriptor, as in the shell: `>>` appends. (Tested as
# /dev/fd/1 and /proc/self/fd/1, which a regression run as root could not replace, unlike the
# link /dev/stdout.) A private link to /proc/self/fd/1 is a link like any other: written
# through to the file it names.
for name in /dev/fd/1 /proc/self/fd/1; do
  "$bin" --format csv units -o "$name" 2>/dev/null | grep -q '^区财政局,' && ok ||
    bad "-o $name into a pipe: nothing came through"
  printf 'earlier line\n' >"$tmp/log.csv"
  "$bin" --format csv units -o "$name" >>"$tmp/log.csv" 2>/dev/null && ok || bad "-o $name >> file"
  head -1 "$tmp/log.csv" | grep -q '^earlier line$' && grep -q '^区财政局,' "$tmp/log.csv" && ok ||
    bad "-o $name >> file: not appended: $(head -3 "$tmp/log.csv")"
done
ln -s /proc/self/fd/1 "$tmp/stdout"
"$bin" --format csv units -o "$tmp/stdout" >"$tmp/stdout.csv" 2>/dev/null && ok || bad "-o a link to fd 1"
grep -q '^区财政局,' "$tmp/stdout.csv" && ok || bad "-o a link to fd 1: nothing written"
[ -L "$tmp/stdout" ] && ok || bad "-o a link to fd 1: the link was replaced"

# 2. Links at the old predictable temporary names. `exec` keeps the pid the name is made of.
for i in 1 2 3 4 5 6 7 8; do printf 'victim %s\n' "$i" >"$tmp/victim$i"; done
"$bin" record 3a --unit 区财政局 --status 进行中 >/dev/null || bad "first record"
sh -c 'ln -s "$1/victim1" "$1/.out.txt.$$.tmp"; exec "$0" status -o "$1/out.txt"' "$bin" "$tmp" \
  2>/dev/null || bad "status -o with a planted link"
sh -c 'ln -s "$1/victim2" "$2/progress/.区财政局.yaml.$$.tmp"; exec "$0" record 3a --unit 区财政局 --status 已完成' \
  "$bin" "$tmp" "$p" >/dev/null 2>&1 || bad "record with a planted link"
id=$("$bin" --format json log --unit 区财政局 | sed -n 's/.*"id": "\([0-9a-f]*\)".*/\1/p' | tail -1)
sh -c 'ln -s "$1/victim3" "$2/progress/.区财政局.yaml.$$.tmp"; exec "$0" amend "$3" --note 补充 --reason 补说明' \
  "$bin" "$tmp" "$p" "$id" >/dev/null 2>&1 || bad "amend with a planted link"
sh -c 'ln -s "$1/victim4" "$1/.o.xlsx.$$.tmp"; exec "$0" export --format xlsx -o "$1/o.xlsx"' "$bin" "$tmp" \
  2>/dev/null || bad "export with a planted link"
sh -c 'ln -s "$1/victim5" "$1/.f.xlsx.$$.tmp"; exec "$0" form --unit 区财政局 -o "$1/f.xlsx"' "$bin" "$tmp" \
  2>/dev/null || bad "form with a planted link"
sh -c 'ln -s "$1/victim6" "$2/.units.yaml.$$.tmp"; ln -s "$1/victim7" "$2/.tasks.yaml.$$.tmp"; exec "$0" rename-unit 南镇 南山镇' \
  "$bin" "$tmp" "$p" >/dev/null 2>&1 || bad "rename-unit with planted links"
mkdir -p "$tmp/proj"
printf '*.png binary\n' >"$tmp/proj/.gitattributes"
sh -c 'ln -s "$1/victim8" "$1/proj/.gitattributes.$$.tmp"; exec "$0" init "$1/proj"' "$bin" "$tmp" \
  >/dev/null 2>&1 || bad "init with a planted link"
for i in 1 2 3 4 5 6 7 8; do
  [ "$(cat "$tmp/victim$i")" = "victim $i" ] && ok || bad "planted link $i: its target was written"
done
[ -f "$tmp/o.xlsx" ] && [ -f "$tmp/f.xlsx" ] && ok || bad "the workbooks were not written"
grep -q '南山镇' "$p/units.yaml" && ok || bad "rename-unit did not rename"
grep -q 'merge=union' "$tmp/proj/.gitattributes" && grep -q '^\*.png binary' "$tmp/proj/.gitattributes" &&
  ok || bad "init did not add to .gitattributes"
"$bin" check >"$tmp/out" 2>"$tmp/err" && ok || bad "check after the planted links: $(cat "$tmp/err")"
grep -q '\.区财政局\.yaml\.[0-9]*\.tmp: warning: a temporary file left by an interrupted write' "$tmp/err" &&
  ok || bad "check does not name the planted leftover: $(cat "$tmp/err")"
rm -f "$p"/progress/.*.tmp "$p"/.*.tmp

# 3. A FIFO or a link at a progress file's path.
mkfifo "$p/progress/东街道.yaml"
start=$(date +%s)
timeout 20 "$bin" record "(1)" --unit 东街道 --status 进行中 >/dev/null 2>"$tmp/err"
st=$?
[ $st = 1 ] && ok || bad "record on a FIFO: exit $st (124 is a hang)"
grep -q 'not a regular file' "$tmp/err" && ok || bad "record on a FIFO: $(cat "$tmp/err")"
timeout 20 "$bin" check >/dev/null 2>&1
[ $? = 1 ] && ok || bad "check on a FIFO did not end with 1"
timeout 20 "$bin" status >/dev/null 2>&1
[ $? = 1 ] && ok || bad "status on a FIFO did not end with 1"
[ $(($(date +%s) - start)) -lt 15 ] && ok || bad "the FIFO made something wait"
rm "$p/progress/东街道.yaml"
printf 'SECRET_TOKEN=abc\n' >"$tmp/secret"
ln -s "$tmp/secret" "$p/progress/东街道.yaml"
"$bin" record "(1)" --unit 东街道 --status 进行中 >/dev/null 2>"$tmp/err"
[ $? = 1 ] && ok || bad "record through a link was not refused"
[ -L "$p/progress/东街道.yaml" ] && [ "$(cat "$tmp/secret")" = "SECRET_TOKEN=abc" ] && ok ||
  bad "record through a link changed the link or its target"
grep -rq SECRET_TOKEN "$p" --exclude=东街道.yaml && bad "the link's target was copied into the plan" || ok
"$bin" check >/dev/null 2>"$tmp/err"
grep -q SECRET_TOKEN "$tmp/err" && bad "check quoted the link's target" || ok
rm "$p/progress/东街道.yaml"
ln -s /dev/zero "$p/progress/东街道.yaml"
timeout 20 "$bin" record "(1)" --unit 东街道 --status 进行中 >/dev/null 2>&1
[ $? = 1 ] && ok || bad "record through a link to /dev/zero was not refused promptly"
rm "$p/progress/东街道.yaml"

# 4. Modes and groups.
f=$p/progress/区财政局.yaml
chmod 600 "$f"
"$bin" record 3a --unit 区财政局 --status 已完成 >/dev/null || bad "record on a 0600 file"
[ "$(stat -c %a "$f")" = 600 ] && ok || bad "record: a 0600 progress file became $(stat -c %a "$f")"
id=$("$bin" --format json log --unit 区财政局 | sed -n 's/.*"id": "\([0-9a-f]*\)".*/\1/p' | tail -1)
"$bin" amend "$id" --note 再补充 --reason 再说明 >/dev/null || bad "amend on a 0600 file"
[ "$(stat -c %a "$f")" = 600 ] && ok || bad "amend: a 0600 progress file became $(stat -c %a "$f")"
printf 'old\n' >"$tmp/report.txt"
chmod 640 "$tmp/report.txt"
group=$(id -gn)
if [ "$(id -u)" = 0 ] && getent group nogroup >/dev/null; then group=nogroup; fi
chgrp "$group" "$tmp/report.txt"
"$bin" status -o "$tmp/report.txt" 2>/dev/null || bad "-o over a 0640 file"
[ "$(stat -c %a "$tmp/report.txt")" = 640 ] && ok || bad "-o: a 0640 file became $(stat -c %a "$tmp/report.txt")"
[ "$(stat -c %G "$tmp/report.txt")" = "$group" ] && ok || bad "-o: the group $group became $(stat -c %G "$tmp/report.txt")"
(umask 027 && "$bin" status -o "$tmp/new.txt" 2>/dev/null) || bad "-o a new file"
[ "$(stat -c %a "$tmp/new.txt")" = 640 ] && ok || bad "-o: a new file under umask 027 is $(stat -c %a "$tmp/new.txt")"
(umask 077 && "$bin" record "(1)" --unit 南山镇 --status 进行中 >/dev/null) || bad "record a new file"
[ "$(stat -c %a "$p/progress/南山镇.yaml")" = 600 ] && ok ||
  bad "record: a new file under umask 077 is $(stat -c %a "$p/progress/南山镇.yaml")"

echo "write safety: $passed passed, $failed failed"
[ $failed = 0 ]
