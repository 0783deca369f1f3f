#!/usr/bin/env bash
# The bash completion (scripts/completion/plan.bash), sourced into bash and called as bash calls
# it (COMP_WORDS, COMP_CWORD), against the shipped plan:
#   - commands, options, fixed values, and names from the plan (Chinese unit names by a Chinese
#     prefix, item ids, tasks, sections), in a UTF-8 locale and in the C locale;
#   - the plan is found through --plan-dir, $PLAN_DIR or the current directory, and nothing is
#     offered or printed when there is no plan;
#   - its lists of commands and options are those of `plan --help` and `plan CMD --help`.
#   completion_test.sh PLAN_BINARY SOURCE_ROOT
set -u
plan=$1 root=$2
script=$root/scripts/completion/plan.bash
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Runs the completion for a command line whose last word is being typed; prints COMPREPLY, one
# per line, sorted (bash sorts what it shows).
complete_line() {
  env -u PLAN_DIR LC_ALL="${LOCALE:-C.UTF-8}" bash --norc --noprofile -c '
    source "$1" || exit 1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _plan
    printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' bash "$script" "$@"
}

# expect 'WANTED (lines joined by spaces)' WORD...: the completion of WORD... is exactly WANTED.
expect() {
  local want=$1 got
  shift
  got=$(complete_line "$@" 2>"$tmp/stderr" | paste -sd' ')
  if [ "$got" != "$want" ]; then
    echo "FAIL: [$*]"
    echo "  expected: $want"
    echo "  got:      $got"
    fail=1
  fi
  if [ -s "$tmp/stderr" ]; then
    echo "FAIL: [$*] printed on stderr:"
    cat "$tmp/stderr"
    fail=1
  fi
}

P=$plan
D=(--plan-dir "$root/plan")
for LOCALE in C.UTF-8 C; do
  export LOCALE
  # Commands and options.
  expect 'record remind rename-unit report retract' "$P" re
  expect 'amend' "$P" "${D[@]}" am
  expect '--unit' "$P" status --as-of 2025-01-01 --u
  expect '--section --soon' "$P" status --unit 北平镇 --s
  expect '--dirs' "$P" diff --di
  expect '--version' "$P" --ve
  expect '--wide --width' "$P" tasks --wi
  # Fixed values.
  expect 'csv json md table' "$P" tasks --format ''
  expect 'csv html json md table' "$P" report --format ''
  expect 'xlsx' "$P" export --format ''
  expect 'item unit' "$P" overdue --by ''
  expect 'section task unit' "$P" report --by ''
  expect '' "$P" record 16 --by ''
  expect 'en zh' "$P" --lang ''
  expect 'always auto never' "$P" --color ''
  expect 'not_started' "$P" record 16 --status n
  expect '已完成' "$P" record 16 --status 已
  # Unit names from the plan, typed in Chinese: units only where a unit is meant, groups too
  # where a filter takes them; --unit=… split at '=' as bash does.
  expect '北平镇' "$P" "${D[@]}" record 16 --unit 北
  expect '市场监管局' "$P" "${D[@]}" rename-unit 市场
  expect '' "$P" "${D[@]}" record 16 --unit 各
  expect '各乡镇 各行政执法单位' "$P" "${D[@]}" tasks --unit 各
  expect '各乡镇 各行政执法单位' "$P" "${D[@]}" overdue --unit = 各
  expect '司法局' "$P" --plan-dir = "$root/plan" status --unit 司
  # Item ids: a measure as m25 (no quoting needed); a requirement's brackets escaped.
  expect 'm2 m20 m21 m22 m23 m24 m25 m26 m27 m28 m29' "$P" "${D[@]}" record m2
  expect '5 5a 5b' "$P" "${D[@]}" record --unit 北平镇 5
  expect '七\(一\) 七\(三\) 七\(二\)' "$P" "${D[@]}" history 七
  expect '' "$P" "${D[@]}" history 16 1
  expect '16' "$P" "${D[@]}" amend 3f9a --item 16
  expect '16' "$P" "${D[@]}" status --task 16
  expect '四' "$P" "${D[@]}" status --section 四
done
export LOCALE=C.UTF-8

# Where the plan comes from: $PLAN_DIR, the current directory, or nowhere (nothing, silently).
got=$(cd "$root/examples/demo" && complete_line "$P" record 16 --unit 北 | paste -sd' ')
[ "$got" = 北平镇 ] || { echo "FAIL: plan found from the current directory: got '$got'"; fail=1; }
got=$(cd "$tmp" && PLAN_DIR=$root/plan LC_ALL=C.UTF-8 bash --norc -c \
  'source "$1"; COMP_WORDS=(plan tasks --unit 古); COMP_CWORD=3; PATH=$(dirname "$2"):$PATH _plan; echo "${COMPREPLY[*]}"' \
  bash "$script" "$plan")
[ "$got" = 古阳镇 ] || { echo "FAIL: plan found from \$PLAN_DIR (plan on PATH): got '$got'"; fail=1; }
mkdir "$tmp/empty"
got=$(cd "$tmp/empty" && complete_line "$P" record 16 --unit 北 2>&1 | paste -sd' ')
[ -z "$got" ] || { echo "FAIL: no plan: expected nothing, got '$got'"; fail=1; }

# The script's lists against the program's own help.
help_commands=$("$plan" --lang en --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}' | paste -sd' ')
# shellcheck source=../../scripts/completion/plan.bash
source "$script"
[ "${_plan_commands[*]}" = "$help_commands" ] ||
  { echo "FAIL: commands: the script has '${_plan_commands[*]}', plan --help '$help_commands'"; fail=1; }
# The option column of a help text: "--unit UNIT ..." takes a value, "--groups" does not.
help_options() { "$plan" --lang en "$@" --help | grep -E '^  -' | cut -c3-28 | sed 's/ *$//'; }
check_options() { # LABEL HAVE WANT
  [ "$2" = "$3" ] || { echo "FAIL: $1: the script has '$2', plan --help '$3'"; fail=1; }
}
globals=$(help_options | awk '{print $1}' | tr ',' '\n' | grep -vx -- --version | sort | paste -sd' ')
check_options "global options" "$(printf '%s\n' "${_plan_global_options[@]}" | sort | paste -sd' ')" "$globals"
for cmd in "${_plan_commands[@]}"; do
  opts=$(help_options "$cmd" | awk '{print $1}' | grep -v -- '--help' | paste -sd' ')
  check_options "options of $cmd" "$(_plan_options "$cmd")" "$opts"
  while read -r opt value; do
    case $opt in *--help) continue ;; esac
    opt=${opt#-o,}
    if [ -n "$value" ] && [[ $_plan_value_options != *" $opt "* ]]; then
      echo "FAIL: $cmd $opt takes a value ($value) but is not in _plan_value_options"
      fail=1
    elif [ -z "$value" ] && [[ $_plan_value_options == *" $opt "* ]]; then
      echo "FAIL: $cmd $opt is a flag but is in _plan_value_options"
      fail=1
    fi
  done < <(help_options "$cmd"; help_options)
done
[ $fail -eq 0 ] && echo "completion: all cases pass"
exit $fail
