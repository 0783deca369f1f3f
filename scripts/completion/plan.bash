# bash completion for plan(1). Installed as /usr/share/bash-completion/completions/plan, where
# bash-completion loads it on first use; or source it from ~/.bashrc.
#
# Commands and options are listed here (tests/install/completion_test.sh checks them against
# `plan CMD --help`). Unit names, item ids, tasks and sections come from the plan itself, through
# `plan __complete KIND...`, which finds the plan as every command does (--plan-dir on the command
# line, $PLAN_DIR, else the nearest plan/ upwards) and prints nothing when there is none.

# shellcheck disable=SC2317 # the functions are called by bash's completion, not from here

_plan_commands=(check tasks units record amend retract status overdue due report log stale diff
  history export form import import-plan init rename-unit brief remind score rollup)
_plan_global_options=(--plan-dir --format --lang --color -o --output --wide --width --no-cache -h --help)
# Options that take a value: the word after them is that value, not a command or an argument.
_plan_value_options=" --plan-dir --format --lang --color -o --output --width --against --section --unit --status --date --note --evidence --by --item --reason --as-of --task --plan-at --soon --within --since --dirs --year --sheet --units --parent --dir "

# The options of each command (its --help, less the global ones).
_plan_options() {
  case $1 in
    check) echo "--against --all-warnings --parent" ;;
    rollup) echo "--dir --as-of --plan-at --by --fetch" ;;
    tasks) echo "--section --unit" ;;
    units) echo "--groups" ;;
    record) echo "--unit --status --date --note --evidence --by" ;;
    amend) echo "--item --status --date --note --evidence --by --reason" ;;
    retract) echo "--reason --by" ;;
    status) echo "--as-of --unit --section --task --plan-at --soon" ;;
    overdue) echo "--by --as-of --unit --section --task --plan-at --fail-if-any" ;;
    due) echo "--within --by --as-of --unit --section --task --plan-at" ;;
    report) echo "--by --as-of --unit --section --task --plan-at --since" ;;
    log) echo "--as-of --unit --section --task" ;;
    stale) echo "--since --as-of --unit --plan-at" ;;
    diff) echo "--dirs" ;;
    history) echo "" ;;
    export) echo "--as-of --unit --section --task --plan-at" ;;
    form) echo "--unit --all --as-of" ;;
    import) echo "--unit --dry-run" ;;
    import-plan) echo "--sheet --units --force" ;;
    init) echo "" ;;
    rename-unit) echo "--reason" ;;
    brief) echo "--as-of --unit --section --task --plan-at --since --within --year" ;;
    remind) echo "--as-of --unit --section --task --plan-at --within" ;;
    score) echo "--as-of --unit --section --task --plan-at --year" ;;
  esac
}

# The formats each command can write (the first is its default).
_plan_formats() {
  case $1 in
    check) echo "table json" ;;
    report) echo "table md csv json html" ;;
    export | form) echo "xlsx" ;;
    brief) echo "md html docx json" ;;
    remind) echo "table" ;;
    rollup) echo "table md csv json html xlsx" ;;
    "") echo "table md csv json html xlsx docx" ;;
    *) echo "table md csv json" ;;
  esac
}

# A word as the shell must see it to read it back: metacharacters get a backslash; Chinese and
# other non-ASCII text stays as it is.
_plan_quote() {
  local s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [\ \	\'\"\\\$\`\!\&\;\|\<\>\(\)\[\]\*\?\#\~\{\}]) out+="\\$c" ;;
      *) out+=$c ;;
    esac
  done
  printf '%s' "$out"
}

# Adds to COMPREPLY each of the remaining arguments that starts with what is typed.
_plan_offer() {
  local typed=${_plan_cur//\\/} w
  for w in "$@"; do
    [[ -n $w && $w == "$typed"* ]] && COMPREPLY+=("$(_plan_quote "$w")")
  done
}

# Offers names from the plan: `plan __complete KIND...`, one per line.
_plan_offer_plan() {
  local -a names
  mapfile -t names < <("$_plan_bin" ${_plan_dir:+--plan-dir "$_plan_dir"} __complete "$@" 2>/dev/null)
  _plan_offer "${names[@]}"
}

# Offers files (-f) or directories (-d); given patterns such as '*.xlsx', only directories and the
# files that match one of them (case aside).
_plan_offer_files() {
  compopt -o filenames 2>/dev/null
  local kind=$1 f p lower
  local -a patterns=("${@:2}") files
  mapfile -t files < <(compgen "$kind" -- "${_plan_cur//\\/}")
  for f in "${files[@]}"; do
    if [[ ${#patterns[@]} -eq 0 || -d $f ]]; then
      COMPREPLY+=("$f")
      continue
    fi
    lower=${f,,}
    for p in "${patterns[@]}"; do
      # shellcheck disable=SC2053 # $p is a glob
      if [[ $lower == $p ]]; then
        COMPREPLY+=("$f")
        break
      fi
    done
  done
}

_plan() {
  COMPREPLY=()
  # Seen by the helpers above (bash scopes locals dynamically).
  local _plan_cur _plan_bin _plan_dir
  local cword=$COMP_CWORD
  _plan_cur=${COMP_WORDS[cword]}
  local prev=""
  ((cword > 0)) && prev=${COMP_WORDS[cword - 1]}
  # bash splits --unit=北平 at '=' (COMP_WORDBREAKS): the option is two words back.
  if [[ $_plan_cur == "=" ]]; then
    _plan_cur=""
  elif [[ $prev == "=" ]] && ((cword > 1)); then
    prev=${COMP_WORDS[cword - 2]}
  fi

  # The program as typed (./build/plan works too), else plan on PATH.
  _plan_bin=${COMP_WORDS[0]}
  [[ $_plan_bin == \~/* ]] && _plan_bin=$HOME/${_plan_bin:2}
  [[ -x $_plan_bin ]] || _plan_bin=plan
  _plan_dir=""

  # Find the command and count its arguments, stepping over options and their values.
  local cmd="" nargs=0 i w
  for ((i = 1; i < cword; i++)); do
    w=${COMP_WORDS[i]}
    if [[ $w == "=" ]]; then
      ((i++))
      continue
    fi
    if [[ $w == -* ]]; then
      if [[ $_plan_value_options == *" $w "* && ${COMP_WORDS[i + 1]} != "=" ]]; then
        [[ $w == --plan-dir ]] && _plan_dir=${COMP_WORDS[i + 1]}
        ((i++))
      elif [[ $w == --plan-dir && ${COMP_WORDS[i + 1]} == "=" ]]; then
        _plan_dir=${COMP_WORDS[i + 2]}
      fi
      [[ $w == --dirs ]] && ((i++)) # two directories
      continue
    fi
    if [[ -z $cmd ]]; then
      cmd=$w
    else
      ((nargs++))
    fi
  done
  [[ $_plan_dir == \~/* ]] && _plan_dir=$HOME/${_plan_dir:2}

  # The value of an option.
  case $prev in
    --plan-dir | --dirs | --dir | --parent)
      _plan_offer_files -d
      return
      ;;
    -o | --output)
      if [[ $cmd == form ]]; then _plan_offer_files -d; else _plan_offer_files -f; fi
      return
      ;;
    --format)
      local -a formats
      read -ra formats <<<"$(_plan_formats "$cmd")"
      _plan_offer "${formats[@]}"
      return
      ;;
    --lang)
      _plan_offer zh en
      return
      ;;
    --color)
      _plan_offer auto always never
      return
      ;;
    --by)
      case $cmd in
        overdue | due) _plan_offer unit item ;;
        report) _plan_offer unit section task ;;
        rollup) _plan_offer member parent-task ;;
      esac # record, amend, retract: a person's name
      return
      ;;
    --status)
      _plan_offer 未开始 进行中 已完成 受阻 not_started in_progress 'done' blocked
      return
      ;;
    --unit)
      # record and import take a unit; report filters (and form --all) a group too.
      case $cmd in
        record | import) _plan_offer_plan units ;;
        *) _plan_offer_plan units groups ;;
      esac
      return
      ;;
    --item)
      _plan_offer_plan items
      return
      ;;
    --task)
      _plan_offer_plan tasks
      return
      ;;
    --section)
      _plan_offer_plan sections
      return
      ;;
    --width | --against | --date | --note | --evidence | --reason | --as-of | --plan-at | --soon | --within | --since)
      return # free text, numbers, dates and revisions
      ;;
  esac

  if [[ $_plan_cur == -* ]]; then
    if [[ -z $cmd ]]; then
      _plan_offer "${_plan_global_options[@]}" --version
    else
      local -a options
      read -ra options <<<"$(_plan_options "$cmd")"
      _plan_offer "${options[@]}" "${_plan_global_options[@]}"
    fi
    return
  fi
  if [[ -z $cmd ]]; then
    _plan_offer "${_plan_commands[@]}"
    return
  fi
  # The command's own arguments.
  case $cmd in
    record) _plan_offer_plan items ;;
    history) ((nargs == 0)) && _plan_offer_plan items ;;
    rename-unit) ((nargs == 0)) && _plan_offer_plan units ;;
    init) ((nargs == 0)) && _plan_offer_files -d ;;
    import) _plan_offer_files -f '*.xlsx' '*.csv' ;;
    rollup) ((nargs == 0)) && _plan_offer fetch ;;
  esac
}

complete -F _plan plan
