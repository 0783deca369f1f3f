#!/usr/bin/env bash
# The man pages, English (docs/man/plan.1) and Chinese (docs/man/plan.zh_CN.1):
#   - every subcommand that `plan --help` lists has its entry (a line `.B plan CMD …`) in both, and
#     every option its --help lists is named in that entry;
#   - every global option of `plan --help` and every environment variable the program reads
#     (getenv in src/, less the test hook PLAN_FAULT) is described in both;
#   - both render without a single warning, through groff (-ww) and through man-db as `man` runs it.
#   man_test.sh PLAN_BINARY SOURCE_ROOT
set -u
plan=$1 root=$2
pages=("$root/docs/man/plan.1" "$root/docs/man/plan.zh_CN.1")
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

# The subcommands in `plan --help`: the lines under "Subcommands:" up to the blank line.
mapfile -t commands < <("$plan" --lang en --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
[ "${#commands[@]}" -ge 19 ] || bad "found only ${#commands[@]} subcommands in plan --help: ${commands[*]}"

# The long options in a help text (option column: -o,--output FILE / --unit UNIT ...).
options_of() {
  "$plan" --lang en "$@" --help | grep -oE '^  (-[a-z],)?--[a-z-]+' | sed -E 's/^ *(-[a-z],)?//' |
    grep -vx -- '--help'
}
# Roff writes a minus as \-.
roff() { printf '%s' "${1//-/\\-}"; }

for page in "${pages[@]}"; do
  name=${page#"$root/"}
  for cmd in "${commands[@]}"; do
    # The entry: from `.B plan CMD` to the next command, subsection or section.
    entry=$(awk -v head=".B plan $(roff "$cmd")" '
      index($0, head) == 1 && (length($0) == length(head) || substr($0, length(head) + 1, 1) == " ") { on = 1; print; next }
      on && (/^\.B plan / || /^\.S[SH] /) { on = 0 }
      on { print }' "$page")
    if [ -z "$entry" ]; then
      bad "$name: no entry for 'plan $cmd' (a line '.B plan $(roff "$cmd") …')"
      continue
    fi
    while IFS= read -r opt; do
      grep -qF -- "$(roff "$opt")" <<<"$entry" || bad "$name: 'plan $cmd' does not mention $opt"
    done < <(options_of "$cmd")
  done
  while IFS= read -r opt; do
    grep -qF -- "$(roff "$opt")" "$page" || bad "$name: global option $opt is not described"
  done < <(options_of)
  while IFS= read -r var; do
    grep -qx "\.B $var" "$page" || bad "$name: environment variable $var is not described"
  done < <(grep -rhoE 'getenv\("[A-Z_]+"\)' "$root/src" | sed -E 's/getenv\("(.*)"\)/\1/' | sort -u |
    grep -vx PLAN_FAULT)

  # groff's own warnings (-ww: all of them), on the page as man-db would feed it (preconv).
  warnings=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || bad "$name: groff warns:"$'\n'"$warnings"
  # man-db's pipeline at the usual width, its warnings on.
  warnings=$(LANG=C.UTF-8 LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || bad "$name: man --warnings:"$'\n'"$warnings"
done

# Each page in its language: the sections and the NAME line man-db's whatis reads.
for heading in NAME SYNOPSIS DESCRIPTION COMMANDS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
  grep -qx "\.SH $heading" "${pages[0]}" || bad "plan.1: no section $heading"
done
for heading in 名称 用法 描述 命令 环境变量 文件 退出状态 示例; do
  grep -qx "\.SH $heading" "${pages[1]}" || bad "plan.zh_CN.1: no section $heading"
done
[ $fail -eq 0 ] && echo "man pages: ${#commands[@]} subcommands, options and environment in both, no warnings"
exit $fail
