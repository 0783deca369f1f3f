#!/usr/bin/env bash
# The pre-commit hook refuses a commit whose staged plan has errors, checks what is staged
# rather than the working tree, and lets clean commits and commits outside the plan through.
#   pre_commit_test.sh PLAN_BINARY SOURCE_ROOT
set -u
bin=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 PLAN_BIN=$bin
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }

"$bin" init "$tmp/county" >/dev/null
cd "$tmp/county"
git init -q -b main .
git config core.hooksPath "$root/scripts/hooks"

git add -A
if git commit -qm clean 2>"$tmp/err"; then ok; else bad "a clean plan was refused: $(cat "$tmp/err")"; fi

sed -i 's/units: \[各乡镇, 各部门\]/units: [各乡镇, 各部]/' plan/tasks.yaml
git add plan/tasks.yaml
head=$(git rev-parse HEAD)
if git commit -qm broken 2>"$tmp/err"; then bad "a plan with an unknown unit was committed"; else ok; fi
[ "$(git rev-parse HEAD)" = "$head" ] && ok || bad "HEAD moved"
grep -q "未知的单位或分组“各部”（是否是“各部门”？）" "$tmp/err" && ok || bad "the hook did not say what is wrong: $(cat "$tmp/err")"
grep -q "^plan/tasks.yaml:" "$tmp/err" && ok || bad "the message does not name plan/tasks.yaml"

# Fixed in the working tree but not staged: the staged version is still wrong.
sed -i "s/units: \[各乡镇, 各部\]/units: [各乡镇, 各部门, 司法局]/" plan/tasks.yaml
if git commit -qm still-broken 2>/dev/null; then bad "the hook checked the working tree, not the index"; else ok; fi
git add plan/tasks.yaml
if git commit -qm fixed 2>"$tmp/err"; then ok; else bad "the fixed plan was refused: $(cat "$tmp/err")"; fi

# Outside the plan directory the hook does not run plan at all.
echo notes > README.md
git add README.md
if PLAN_BIN=/nonexistent git commit -qm readme 2>"$tmp/err"; then ok; else bad "a commit outside plan/ was refused"; fi

echo "pre-commit hook: $passed passed, $failed failed"
[ $failed = 0 ]
