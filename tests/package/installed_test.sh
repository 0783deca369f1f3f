#!/usr/bin/env bash
# Inside a fresh Debian 12 (scripts/test-package runs it through scripts/fresh-debian): installs
# the .deb with apt, as a user would, and checks what the package gives: plan on PATH with its
# version, a new plan that checks clean, `man plan` in English and, under LANG=zh_CN.UTF-8, in
# Chinese, the bash completion (a Chinese unit name from the shipped plan), the example plans, and
# a clean removal.
#   installed_test.sh /root/plan_VERSION_ARCH.deb
set -u
deb=$1
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}
step() { echo "--- $*"; }
export DEBIAN_FRONTEND=noninteractive

# man-db and the zh_CN locale are the user's to have; the test needs them to read the man page.
step "apt-get install man-db locales"
apt-get update -qq && apt-get install -y -qq --no-install-recommends man-db locales >/dev/null || exit 1
localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 && localedef -i en_US -f UTF-8 en_US.UTF-8 || exit 1

step "apt-get install $deb"
apt-get install -y -qq "$deb" >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; echo "FAIL: apt-get install"; exit 1; }
[ "$(command -v plan)" = /usr/bin/plan ] || bad "plan is not /usr/bin/plan: $(command -v plan)"

step "plan --version"
version=$(plan --version) || bad "plan --version failed"
echo "$version"
[[ $version =~ ^plan\ [0-9]+\.[0-9]+\.[0-9]+( \(git ([0-9a-f]{7,}(-dirty)?|unknown)\))?$ ]] ||
  bad "plan --version: '$version'"

step "plan init 试点县 && cd 试点县 && plan check"
work=$(mktemp -d)
(cd "$work" && plan init 试点县 && cd 试点县 && plan check) || bad "plan init / plan check"
[ -f "$work/试点县/plan/tasks.yaml" ] || bad "plan init made no 试点县/plan/tasks.yaml"

step "the example plans"
doc=/usr/share/doc/plan
plan --plan-dir "$doc/plan" check || bad "the shipped plan does not check clean"
out=$(plan --plan-dir "$doc/examples/demo/plan" --lang en overdue --as-of 2025-01-01 --unit 北平镇 --format csv) ||
  bad "overdue on the demo plan failed"
grep -q 北平镇 <<<"$out" || bad "overdue on the demo plan names no 北平镇: $out"
[ -f "$doc/copyright" ] || bad "no $doc/copyright"

# libzip and libxlsxwriter are loaded on first use, so the package's Depends, not the linker,
# must bring them: an Excel ledger, an Excel form read back and a Word brief.
step "plan export, form, import --dry-run, brief --format docx"
files=$(mktemp -d)
plan --plan-dir "$doc/plan" export -o "$files/ledger.xlsx" || bad "plan export failed"
[ "$(head -c 2 "$files/ledger.xlsx")" = PK ] || bad "plan export wrote no .xlsx"
plan --plan-dir "$doc/plan" form --unit 司法局 -o "$files/form.xlsx" || bad "plan form failed"
plan --plan-dir "$doc/plan" import --dry-run "$files/form.xlsx" || bad "plan import --dry-run failed"
plan --plan-dir "$doc/plan" brief --format docx -o "$files/brief.docx" || bad "plan brief failed"
[ "$(head -c 2 "$files/brief.docx")" = PK ] || bad "plan brief wrote no .docx"
rm -rf "$files" "$doc/plan/.cache"

step "man plan"
page=$(LANG=en_US.UTF-8 MANWIDTH=80 man --warnings plan 2>/tmp/man.err)
grep -q 'the ledger of a government action plan' <<<"$page" || bad "LANG=en_US.UTF-8 man plan is not the English page"
[ -s /tmp/man.err ] && bad "man plan warns: $(cat /tmp/man.err)"
page=$(LANG=zh_CN.UTF-8 MANWIDTH=80 man --warnings plan 2>/tmp/man.err)
grep -q '行动计划工作台账' <<<"$page" || bad "LANG=zh_CN.UTF-8 man plan is not the Chinese page"
[ -s /tmp/man.err ] && bad "LANG=zh_CN.UTF-8 man plan warns: $(cat /tmp/man.err)"
echo "$page" | head -4

step "bash completion"
completion=/usr/share/bash-completion/completions/plan
[ -f "$completion" ] || bad "no $completion"
got=$(bash --norc -c 'source "$1"; COMP_WORDS=(plan --plan-dir "$2" record 16 --unit 北); COMP_CWORD=6; _plan
  echo "${COMPREPLY[*]}"' bash "$completion" "$doc/plan")
[ "$got" = 北平镇 ] || bad "completing '--unit 北' offers '$got', not 北平镇"

step "apt-get purge plan"
# The commands above, run as root, left their cache in the example plans; prerm must remove it.
[ -d "$doc/examples/demo/plan/.cache" ] ||
  bad "overdue on the demo plan kept no cache there (the purge check below would not test prerm)"
apt-get purge -y -qq plan >/dev/null || bad "apt-get purge plan"
[ -e /usr/bin/plan ] && bad "/usr/bin/plan is still there after purge"
[ -e "$doc" ] && bad "$doc is still there after purge"

[ $fail -eq 0 ] && echo "=== the package installs, works and goes away cleanly"
exit $fail
