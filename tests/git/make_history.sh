#!/usr/bin/env bash
# Builds a git repository whose history exercises plan diff and plan history:
#   make_history.sh DIR
# Fixed authors and dates make the commit ids the same on every machine.
# Building it takes seconds (each commit is several git runs) and two dozen golden cases need it,
# each run once without the cache and twice with it, so the first build is kept under $TMPDIR,
# named by a hash of this script, the fixture it starts from and git's version, and later calls
# copy it: the same commits either way, since the dates and authors are fixed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
key=$({ git --version; cat "$0"
        cd "$root/tests/fixtures/other-county" && find plan -type f -print0 | sort -z | xargs -0 sha256sum
      } | sha256sum | cut -c1-16)
kept=${TMPDIR:-/tmp}/plan-test-history-$key
mkdir -p "$1"
if [ -f "$kept/.complete" ]; then
  cp -a "$kept/." "$1/"
  rm -f "$1/.complete"
  exit 0
fi
dest=$(cd "$1" && pwd)
cd "$1"
export GIT_AUTHOR_NAME=王敏 GIT_AUTHOR_EMAIL=wangmin@example.org
export GIT_COMMITTER_NAME=王敏 GIT_COMMITTER_EMAIL=wangmin@example.org
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
commit() {
  git add -A
  GIT_AUTHOR_DATE="$1T10:00:00+08:00" GIT_COMMITTER_DATE="$1T10:00:00+08:00" git commit -qm "$2"
}
edit() { # edit FILE OLD NEW: replace one exact line fragment, failing if it is not there
  python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:4]
s = open(path, encoding="utf-8").read()
assert s.count(old) == 1, (path, old)
open(path, "w", encoding="utf-8").write(s.replace(old, new))
PY
}

git init -q -b main .
echo "青山区法治政府建设" > README.md
commit 2025-01-05 "建立仓库"                                                   # no plan yet

cp -r "$root/tests/fixtures/other-county/plan" plan
commit 2025-01-10 "初始计划"

edit plan/tasks.yaml "        deadline: 2025年3月15日前" "        deadline: 2025年6月底前
        delays:
          - from: 2025年3月15日前
            date: 2025-03-01
            reason: 省厅文书范本推迟下发
            document: 青司函〔2025〕4号"
commit 2025-03-01 "第1条延期至6月底"

edit plan/tasks.yaml "            deadline: 2025年第一季度" "            deadline: 2025年4月底前"
commit 2025-03-20 "措施(1)延至4月底"

edit plan/tasks.yaml "        units: [各街镇, IT Center]" "        units: [各街镇]"
commit 2025-04-01 "第2条不再由IT Center负责"

edit plan/units.yaml "    members: [东街道, 西街道]" "    members: [东街道]"
commit 2025-04-15 "西街道划出各街道"

mkdir -p plan/progress
printf -- '- {date: 2025-04-20, item: "(1)", status: 进行中, note: "已报名"}\n' > plan/progress/东街道.yaml
commit 2025-04-20 "东街道报送进度"

edit plan/progress/东街道.yaml "status: 进行中" "status: 已完成"
printf -- '- {date: 2025-05-06, item: "(1)", status: 已完成}\n' > plan/progress/南镇.yaml
commit 2025-05-06 "修改东街道记录，南镇报送"

edit plan/units.yaml "  - name: 区市场监督管理局
    kind: department
    aliases: [区市场监管局]" "  - name: 区市场监管总局
    kind: department
    aliases: [区市场监管局, 区市场监督管理局]"
edit plan/units.yaml "    members: [青山区司法局, 区财政局, 区市场监督管理局]" "    members: [青山区司法局, 区财政局, 区市场监管总局]"
edit plan/tasks.yaml "        title: 修订执法文书" "        title: 修订全区执法文书"
edit plan/tasks.yaml "          - id: 3b
            title: 决算
            deadline: 2026-01-31" "          - id: 3b
            title: 决算
            deadline: 2025年12月15日前
          - id: 3c
            title: 绩效评价
            deadline: 2026-01-31"
commit 2025-05-20 "市场监管局更名；第3条增加绩效评价"

# Kept for the next call: copied aside and renamed into place in one step, so that a parallel
# call sees either the whole repository or none.
tmp_kept=$(mktemp -d "$kept.XXXXXX")
cp -a "$dest/." "$tmp_kept/"
touch "$tmp_kept/.complete"
mv -T "$tmp_kept" "$kept" 2>/dev/null || rm -rf "$tmp_kept"
