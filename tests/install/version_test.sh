#!/usr/bin/env bash
# plan --version: "plan VERSION (git REV[-dirty])", REV a commit of the source tree; and
# cmake/version.cmake, which writes that line at build time, in a scratch repository: the
# revision follows HEAD, -dirty follows uncommitted changes to tracked files, no .git means no
# revision, and an unchanged line leaves the generated file untouched (nothing recompiles).
#   version_test.sh PLAN_BINARY SOURCE_ROOT VERSION CMAKE
set -u
plan=$1 root=$2 version=$3 cmake=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

# --- the binary
out=$("$plan" --version 2>"$tmp/err")
rc=$?
[ $rc -eq 0 ] || bad "plan --version exits $rc"
[ -s "$tmp/err" ] && bad "plan --version writes to stderr: $(cat "$tmp/err")"
[ "$(PLAN_LANG=en "$plan" --version)" = "$out" ] || bad "--version differs under PLAN_LANG=en"
re="^plan ${version//./\\.}( \(git ([0-9a-f]{7,40}(-dirty)?|unknown)\))?$"
[[ $out =~ $re ]] || bad "plan --version says '$out', expected plan $version (git REV[-dirty])"
if [ -e "$root/.git" ] && git -C "$root" rev-parse HEAD >/dev/null 2>&1; then
  rev=$(sed -nE 's/.*\(git ([0-9a-f]+)(-dirty)?\)$/\1/p' <<<"$out")
  if [ -z "$rev" ]; then
    bad "built from a git checkout, but plan --version names no revision: '$out'"
  elif ! git -C "$root" cat-file -e "$rev^{commit}" 2>/dev/null; then
    bad "plan --version names $rev, which is no commit of $root"
  fi
elif [ ! -e "$root/.git" ]; then
  [ "$out" = "plan $version" ] || bad "built without .git, plan --version should say 'plan $version', not '$out'"
fi

# --- cmake/version.cmake in a scratch repository
src=$tmp/src out_cpp=$tmp/plan_version.cpp
mkdir "$src"
git -C "$src" init -q
git -C "$src" config user.email test@example.invalid
git -C "$src" config user.name test
echo one >"$src/file"
git -C "$src" add file
git -C "$src" commit -qm one
generate() { "$cmake" -DSOURCE_DIR="$src" -DVERSION=9.8.7 -DOUT="$out_cpp" -P "$root/cmake/version.cmake"; }
line() { sed -nE 's/.*return "(.*)";.*/\1/p' "$out_cpp"; }
expect_line() { # WANTED WHAT
  local got
  got=$(line)
  [ "$got" = "$1" ] || bad "$2: expected '$1', got '$got'"
}
generate
head1=$(git -C "$src" rev-parse --short=7 HEAD)
expect_line "plan 9.8.7 (git $head1)" "clean checkout"
stamp=$(stat -c %y "$out_cpp")
sleep 1.1
generate
[ "$(stat -c %y "$out_cpp")" = "$stamp" ] || bad "an unchanged revision rewrote the generated file"
echo untracked >"$src/notes"
generate
expect_line "plan 9.8.7 (git $head1)" "an untracked file"
echo two >"$src/file"
generate
expect_line "plan 9.8.7 (git $head1-dirty)" "a changed tracked file"
git -C "$src" commit -qam two
generate
head2=$(git -C "$src" rev-parse --short=7 HEAD)
[ "$head1" != "$head2" ] || bad "the second commit has the first one's id"
expect_line "plan 9.8.7 (git $head2)" "after a new commit"
rm -rf "$src/.git"
generate
expect_line "plan 9.8.7" "no .git (a source tarball)"
[ $fail -eq 0 ] && echo "version: '$out'; version.cmake follows HEAD and the working tree"
exit $fail
