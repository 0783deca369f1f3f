#!/usr/bin/env bash
# Runs one golden CLI case and diffs its output exactly.
#   run_case.sh PLAN_BINARY CASE_DIR SOURCE_ROOT
# A case folder holds:
#   cmd              arguments, one per line; a line "&&" starts another command
#   env              optional KEY=VALUE lines (the environment is otherwise empty but PATH, HOME
#                    and PLAN_TODAY=2025-03-31, so that no case depends on the real date)
#   cwd              optional directory to run in (default: a fresh temporary directory)
#   setup            optional bash script run first in the temporary directory (ROOT, CASE and
#                    PLAN, the binary, are set)
#   expected_stdout, expected_stderr, expected_exit (one exit code per command)
#   expected_files/  optional: each file here must equal the same path under the temporary
#                    directory afterwards, byte for byte
# In cmd, env and cwd, @ROOT@ is the source tree, @CASE@ the case folder, @TMP@ the temporary
# directory; in the outputs those paths are written back as @ROOT@, @CASE@ and @TMP@.
# UPDATE_GOLDEN=1 rewrites the expected files instead of comparing (review them before commit).
# The progress cache is off (PLAN_NO_CACHE=1), so that nothing is written into the source tree.
#   run_case.sh PLAN_BINARY CASE_DIR SOURCE_ROOT cached
# runs the case twice with the cache on, kept in a private PLAN_CACHE_DIR (cold, then warm, the
# temporary directory made afresh at the same path), each against the same expected files: a
# report must read the same with the cache as without it.
set -u
bin=$1 case_dir=$2 root=$3 mode=${4:-}
tmp=$(mktemp -d)
cache_dir=$(mktemp -d)
trap 'rm -rf "$tmp" "$cache_dir"' EXIT
if [ "$mode" = cached ]; then
  export PLAN_CACHE_DIR=$cache_dir
  unset PLAN_NO_CACHE
  cache_env=("PLAN_CACHE_DIR=$cache_dir")
  passes=2
else
  export PLAN_NO_CACHE=1
  unset PLAN_CACHE_DIR
  cache_env=("PLAN_NO_CACHE=1")
  passes=1
fi
subst() {
  local s=$1
  s=${s//@ROOT@/$root}
  s=${s//@CASE@/$case_dir}
  printf '%s' "${s//@TMP@/$tmp}"
}

envs=("PATH=/usr/bin:/bin" "HOME=$tmp" "PLAN_TODAY=2025-03-31" "${cache_env[@]}")
# A sanitizer build's settings pass through, so that its reports fail the case.
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
  [ -n "${!v:-}" ] && envs+=("$v=${!v}")
done
if [ -f "$case_dir/env" ]; then
  while IFS= read -r l || [ -n "$l" ]; do [ -n "$l" ] && envs+=("$(subst "$l")"); done <"$case_dir/env"
fi
cwd=$tmp
[ -f "$case_dir/cwd" ] && cwd=$(subst "$(cat "$case_dir/cwd")")

status=0
one_pass() {
  if [ -f "$case_dir/setup" ]; then
    (cd "$tmp" && ROOT=$root CASE=$case_dir PLAN=$bin bash "$case_dir/setup") || { echo "setup failed" >&2; exit 1; }
  fi

  out=$tmp/.out
  mkdir -p "$out"
  : >"$out/stdout"
  : >"$out/stderr"
  : >"$out/exit"
  run() {
    (cd "$cwd" && env -i "${envs[@]}" /usr/bin/timeout 20 "$bin" "$@" >>"$out/stdout" 2>>"$out/stderr" </dev/null)
    echo $? >>"$out/exit"
  }
  args=()
  while IFS= read -r line || [ -n "$line" ]; do
    if [ "$line" = "&&" ]; then
      run "${args[@]}"
      args=()
    else
      args+=("$(subst "$line")")
    fi
  done <"$case_dir/cmd"
  run "${args[@]}"

  for f in stdout stderr; do
    # Longest paths first, so that a case folder inside the tree is not shown as @ROOT@/…
    sed -i -e "s#$case_dir#@CASE@#g" -e "s#$tmp#@TMP@#g" -e "s#$root#@ROOT@#g" "$out/$f"
  done

  if [ "${UPDATE_GOLDEN:-0}" = 1 ] && [ "$mode" != cached ]; then
    for f in stdout stderr exit; do cp "$out/$f" "$case_dir/expected_$f"; done
    if [ -d "$case_dir/expected_files" ]; then
      (cd "$case_dir/expected_files" && find . -type f) | while IFS= read -r f; do
        cp "$tmp/$f" "$case_dir/expected_files/$f"
      done
    fi
    exit 0
  fi
  for f in stdout stderr exit; do
    if [ ! -f "$case_dir/expected_$f" ]; then
      echo "missing $case_dir/expected_$f" >&2
      status=1
    elif ! diff -u "$case_dir/expected_$f" "$out/$f"; then
      status=1
    fi
  done
  if [ -d "$case_dir/expected_files" ]; then
    while IFS= read -r f; do
      if ! cmp -s "$case_dir/expected_files/$f" "$tmp/$f"; then
        echo "file $f differs:" >&2
        diff -u "$case_dir/expected_files/$f" "$tmp/$f" || true
        status=1
      fi
    done < <(cd "$case_dir/expected_files" && find . -type f)
  fi
}

for pass in $(seq 1 "$passes"); do
  [ "$passes" -gt 1 ] && echo "== pass $pass of $passes (cache $([ "$pass" = 1 ] && echo cold || echo warm))"
  if [ "$pass" -gt 1 ]; then
    # The same path again, made afresh: plans copied into it are new files the cache knows by
    # their bytes only; files in the source tree it knows by their identity.
    rm -rf "$tmp" && mkdir "$tmp"
  fi
  one_pass
done
exit $status
