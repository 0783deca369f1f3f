#!/usr/bin/env bash
# plan rollup at a province's size: 117 members (Shanxi's county-level divisions), each about
# 900 assignments and 25,000 entries (~3M entries in all), read from directories and from git
# mirrors. Times are hyperfine medians, memory the peak RSS (/usr/bin/time); 30 members are
# measured too, to show that memory does not grow with the number of members or entries.
#   bench/rollup.sh           writes bench/results-rollup.md
# Needs: the build dependencies (scripts/bootstrap), git, hyperfine, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
for pkg in hyperfine:hyperfine time:/usr/bin/time; do
  command -v "${pkg#*:}" >/dev/null || { echo "installing ${pkg%%:*}"; apt-get install -y -qq "${pkg%%:*}" >/dev/null; }
done
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j"$(nproc)" --target plan >/dev/null
plan=$PWD/build-bench/plan
export PLAN_TODAY=2027-01-01
runs=${RUNS:-3}
county=bench/data/C
[ -f "$county/stats.json" ] || /usr/bin/python3 bench/generate.py C "$county"
read -r assignments entries < <(/usr/bin/python3 -c "import json; d=json.load(open('$county/stats.json')); print(d['assignments'], d['entries'])")

measure() {
  hyperfine -N --warmup 1 --runs "$runs" --export-json /tmp/bench-rollup.json -- "$(printf '%q ' "$@")" >/dev/null 2>&1
  local s
  s=$(/usr/bin/python3 -c "import json; print('%.2f' % json.load(open('/tmp/bench-rollup.json'))['results'][0]['median'])")
  /usr/bin/time -f "%M" -o /tmp/bench-rollup.time "$@" >/dev/null 2>&1 || true
  echo "$s $(($(cat /tmp/bench-rollup.time) / 1024))"
}

# The members: hard links to the one generated county (the same bytes as 117 copies, without the
# disk), and one git repository of it that every git member mirrors.
make_rollup() {  # DIR N KIND
  local dir=$1 n=$2 kind=$3 i
  rm -rf "$dir"
  mkdir -p "$dir/members"
  echo "title: 基准 · ${n} 个县" >"$dir/rollup.yaml"
  echo "members:" >>"$dir/rollup.yaml"
  for ((i = 1; i <= n; i++)); do
    if [ "$kind" = dir ]; then
      cp -al "$county/plan" "$dir/members/县$i"
      printf '  - name: 县%d\n    path: members/县%d\n' "$i" "$i" >>"$dir/rollup.yaml"
    else
      printf '  - name: 县%d\n    git: ../repo.git\n' "$i" >>"$dir/rollup.yaml"
    fi
  done
}
if [ ! -d bench/data/repo.git ]; then
  rm -rf bench/data/repo-work
  mkdir -p bench/data/repo-work
  cp -r "$county/plan" bench/data/repo-work/plan
  git -C bench/data/repo-work init -q -b main
  git -C bench/data/repo-work add -A
  git -C bench/data/repo-work -c user.name=bench -c user.email=b@example.org commit -q -m county
  git clone -q --bare bench/data/repo-work bench/data/repo.git
fi

rows=()
for n in 30 117; do
  for kind in dir git; do
    dir=bench/data/rollup-$kind-$n
    make_rollup "$dir" "$n" "$kind"
    fetch_s="–"
    if [ "$kind" = git ]; then
      start=$(date +%s.%N)
      "$plan" rollup fetch --dir "$dir" >/dev/null 2>&1
      fetch_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }')
    fi
    read -r s mb < <(measure "$plan" rollup --dir "$dir" --as-of 2025-01-01 --format json)
    echo "== $n members ($kind): $s s, $mb MB; fetch $fetch_s"
    rows+=("| $n | $kind | $((n * assignments)) | $((n * entries)) | $s s | $mb MB | $fetch_s |")
  done
done

{
  echo "<!-- Written by bench/rollup.sh on $(date -u +%Y-%m-%d); $(nproc) cores; median of $runs runs, peak memory. -->"
  echo "Each member: $assignments assignments, $entries entries ($(du -sh "$county/plan/progress" | cut -f1) of progress)."
  echo
  echo "| members | read from | assignments | entries | \`plan rollup\` | peak memory | first \`plan rollup fetch\` |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
} >bench/results-rollup.md
cat bench/results-rollup.md
