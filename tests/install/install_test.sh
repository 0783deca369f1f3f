#!/usr/bin/env bash
# `cmake --install` into a scratch root (prefix /usr, as the .deb has it): the program, plan(1) in
# English and Chinese where man finds each by language, the bash completion, the documentation
# and the example plans as real files (the demo's tasks.yaml and units.yaml are symbolic links in
# the repository) that pass plan check; the Debian changelog names the project's version.
#   install_test.sh BUILD_DIR SOURCE_ROOT CMAKE VERSION
set -u
build=$1 root=$2 cmake=$3 version=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

DESTDIR=$tmp "$cmake" --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; bad "cmake --install failed"; exit 1; }
usr=$tmp/usr doc=$tmp/usr/share/doc/plan

[ -x "$usr/bin/plan" ] || bad "no executable bin/plan"
[[ $("$usr/bin/plan" --version) == "plan "* ]] || bad "bin/plan --version"
for f in share/man/man1/plan.1.gz share/man/zh_CN/man1/plan.1.gz \
  share/bash-completion/completions/plan share/doc/plan/copyright share/doc/plan/changelog.gz \
  share/doc/plan/README.md \
  share/doc/plan/plan/tasks.yaml share/doc/plan/plan/units.yaml \
  share/doc/plan/examples/demo/plan/tasks.yaml share/doc/plan/examples/demo/plan/units.yaml; do
  [ -f "$usr/$f" ] || bad "not installed: $f"
done
cmp -s "$usr/share/bash-completion/completions/plan" "$root/scripts/completion/plan.bash" ||
  bad "the completion file differs from scripts/completion/plan.bash"
for f in "$root"/docs/*.md; do
  cmp -s "$f" "$doc/docs/$(basename "$f")" || bad "docs/$(basename "$f") not installed as it is"
done
changelog=$(dpkg-parsechangelog -l "$root/packaging/changelog" -S Version 2>&1)
[ "$changelog" = "$version" ] ||
  bad "packaging/changelog is for version '$changelog', the project is $version: add an entry"
links=$(find "$tmp" -type l)
[ -z "$links" ] || bad "symbolic links installed: $links"
want=$(find "$root/examples/demo/plan/progress" -name '*.yaml' | wc -l)
got=$(find "$doc/examples/demo/plan/progress" -name '*.yaml' | wc -l)
if [ "$want" -eq 0 ] || [ "$got" -ne "$want" ]; then
  bad "demo progress files: $got installed, $want in the repository"
fi
[ -d "$doc/plan/progress" ] || bad "plan/progress/ not installed"
for p in plan examples/demo/plan; do
  "$usr/bin/plan" --plan-dir "$doc/$p" check >"$tmp/check.out" 2>&1 ||
    { bad "plan check fails on the installed $p:"; cat "$tmp/check.out"; }
done

# man picks the page by the language of LANG: zh_CN.UTF-8 finds share/man/zh_CN (man-db tries
# zh_CN.UTF-8, zh_CN, zh), en_US.UTF-8 the English page. The two locales are compiled into the
# scratch directory (LOCPATH), so the machine's own locales do not matter.
mkdir "$tmp/locale"
for l in zh_CN en_US; do
  localedef -i "$l" -f UTF-8 "$tmp/locale/$l.UTF-8" 2>"$tmp/localedef.err" ||
    { bad "localedef $l.UTF-8 (package locales): $(cat "$tmp/localedef.err")"; exit 1; }
done
for l in zh_CN en_US; do
  env -u LC_ALL -u LANGUAGE LOCPATH="$tmp/locale" LANG=$l.UTF-8 MANPATH="$usr/share/man" MANWIDTH=80 \
    man --warnings plan >"$tmp/man.$l" 2>"$tmp/man.$l.err" || bad "LANG=$l.UTF-8 man plan failed"
  [ -s "$tmp/man.$l.err" ] && bad "LANG=$l.UTF-8 man plan warns: $(cat "$tmp/man.$l.err")"
done
if ! grep -q '^NAME$' "$tmp/man.en_US" || ! grep -q 'the ledger of a government action plan' "$tmp/man.en_US"; then
  bad "LANG=en_US.UTF-8 man plan did not show the English page"
fi
if ! grep -q '^名称$' "$tmp/man.zh_CN" || ! grep -q '行动计划工作台账' "$tmp/man.zh_CN"; then
  bad "LANG=zh_CN.UTF-8 man plan did not show the Chinese page"
fi
[ $fail -eq 0 ] && echo "install: $(find "$tmp" -type f | wc -l) files, man in English and Chinese, examples check clean"
exit $fail
