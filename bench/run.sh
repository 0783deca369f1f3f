#!/usr/bin/env bash
# Benchmarks plan at county (S), city (M) and province (L) scale, and a city with long notes
# (N), side by side with the floor for a YAML reader (a bare libyaml event scan), the floor for
# any reader (a bare C line scan on 2 threads, bench/line_scan.c), wc -l on the same bytes, and
# Taskwarrior holding one task per assignment with the same due dates. The fixed cost is a report
# over the same plan with no progress files (loading the plan and building its index).
# Writes bench/results.md.
#   bench/run.sh [SIZES]      e.g. bench/run.sh S M   (default: S M L)
# Needs: the build dependencies (scripts/bootstrap), taskwarrior, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${*:-S M L}
for pkg in taskwarrior:task hyperfine:hyperfine time:/usr/bin/time; do
  command -v "${pkg#*:}" >/dev/null || { echo "installing ${pkg%%:*}"; apt-get install -y -qq "${pkg%%:*}" >/dev/null; }
done

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j"$(nproc)" --target plan >/dev/null
g++ -O2 bench/yaml_scan.cpp -lyaml -o build-bench/yaml_scan
cc -O2 -pthread bench/line_scan.c -o build-bench/line_scan
plan=$PWD/build-bench/plan
export PLAN_TODAY=2027-01-01  # the synthetic entries run to the end of 2026
export PLAN_NO_CACHE=1        # the columns below read everything; the cache has its own table
runs=${RUNS:-5}

# measure CMD...: median wall seconds (hyperfine, after a warm-up run) and peak resident MB
# (/usr/bin/time), as "s mb"
measure() {
  hyperfine -N --warmup 1 --runs $runs --export-json /tmp/bench.json -- "$(printf '%q ' "$@")" >/dev/null 2>&1
  local s
  s=$(/usr/bin/python3 -c "import json; print('%.3f' % json.load(open('/tmp/bench.json'))['results'][0]['median'])")
  /usr/bin/time -f "%M" -o /tmp/bench.time "$@" >/dev/null 2>&1
  echo "$s $(($(cat /tmp/bench.time) / 1024))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "–" }'; }

rows=()
for size in $sizes; do
  data=bench/data/$size
  [ -f "$data/stats.json" ] || /usr/bin/python3 bench/generate.py "$size" "$data"
  read -r assignments entries < <(/usr/bin/python3 -c "import json; d=json.load(open('$data/stats.json')); print(d['assignments'], d['entries'])")
  files=("$data"/plan/progress/*.yaml)
  bytes=$(cat "${files[@]}" | wc -c)
  echo "== $size: $assignments assignments, $entries entries, $((bytes / 1024 / 1024)) MB"
  read -r scan_s scan_mb < <(measure build-bench/yaml_scan "${files[@]}")
  read -r wc_s wc_mb < <(measure wc -l "${files[@]}")
  read -r line_s line_mb < <(measure build-bench/line_scan "${files[@]}")
  # The fixed cost: the same plan, no progress.
  empty=$(mktemp -d)
  cp "$data/plan/units.yaml" "$data/plan/tasks.yaml" "$empty/"
  mkdir "$empty/progress"
  read -r fix_s fix_mb < <(measure "$plan" --plan-dir "$empty" report --by unit --as-of 2025-01-01)
  # The same with the plan record (.cache/plan.bin, written by the warm-up run).
  read -r fixc_s _ < <(unset PLAN_NO_CACHE; measure "$plan" --plan-dir "$empty" report --by unit --as-of 2025-01-01)
  rm -rf "$empty"
  read -r od_s od_mb < <(measure "$plan" --plan-dir "$data/plan" overdue --as-of 2025-01-01)
  read -r rep_s rep_mb < <(measure "$plan" --plan-dir "$data/plan" report --by unit --as-of 2025-01-01)
  read -r st_s st_mb < <(measure "$plan" --plan-dir "$data/plan" status --unit 单位0001 --as-of 2025-01-01)
  tw=$(mktemp -d)
  printf 'data.location=%s/data\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$tw" >"$tw/rc"
  TASKRC=$tw/rc task import "$data/tasks.json" >/dev/null 2>&1
  read -r tw_s tw_mb < <(TASKRC=$tw/rc measure task overdue)
  rm -rf "$tw"
  echo "   libyaml scan $scan_s s; line scan $line_s s; wc -l $wc_s s; fixed cost $fix_s s/$fix_mb MB, with the plan record $fixc_s s; overdue $od_s s/$od_mb MB; report $rep_s s/$rep_mb MB; status $st_s s/$st_mb MB; task overdue $tw_s s"
  rows+=("| $size | $assignments | $entries | $((bytes / 1024 / 1024)) | $fix_s s, $fix_mb MB | $fixc_s s | $od_s s, $od_mb MB | $rep_s s, $rep_mb MB | $st_s s, $st_mb MB | $scan_s s | $line_s s | $wc_s s | $tw_s s | $(ratio "$rep_s" "$scan_s")× | $(ratio "$rep_s" "$line_s")× | $(ratio "$tw_s" "$od_s")× |")
done

# plan record must not slow down as the unit's file grows: append to a file of one entry and
# to one of 200,000 entries.
rec=$(mktemp -d)
cp -r tests/fixtures/other-county/plan "$rec/small"
cp -r tests/fixtures/other-county/plan "$rec/big"
mkdir -p "$rec/small/progress" "$rec/big/progress"
echo '- {date: 2025-01-02, item: "3a", status: 进行中}' >"$rec/small/progress/区财政局.yaml"
/usr/bin/python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    for i in range(200000):
        f.write('- {date: 2025-01-%02d, item: \"3a\", status: 进行中, note: \"第%d次\"}\n' % (i % 28 + 1, i))
" "$rec/big/progress/区财政局.yaml"
big_mb=$(($(stat -c %s "$rec/big/progress/区财政局.yaml") / 1024 / 1024))
read -r rec_small _ < <(measure "$plan" --plan-dir "$rec/small" record 3a --unit 区财政局 --status 进行中 --date 2025-02-01)
read -r rec_big _ < <(measure "$plan" --plan-dir "$rec/big" record 3a --unit 区财政局 --status 进行中 --date 2025-02-01)
rm -rf "$rec"
echo "record: $rec_small s into a 1-entry file, $rec_big s into a 200,000-entry ($big_mb MB) file"

# The progress cache (docs/progress.md), on a copy of each plan: plan report --by unit with the
# cache cold (every record written), warm (nothing changed) and after one plan record.
cache_rows=()
for size in $sizes; do
  c=$(mktemp -d)
  cp -r "bench/data/$size/plan" "$c/plan"
  rm -rf "$c/plan/.cache"
  find "$c/plan/progress" -name '*.yaml' -exec touch -d '1 hour ago' {} +
  report=("$plan" --plan-dir "$c/plan" report --by unit --as-of 2025-01-01)
  read -r nc_s _ < <(measure "${report[@]}")
  cached() {
    (
      unset PLAN_NO_CACHE
      hyperfine -N --runs "$runs" "$@" --export-json /tmp/bench.json -- "$(printf '%q ' "${report[@]}")" >/dev/null 2>&1
      /usr/bin/python3 -c "import json; print('%.3f' % json.load(open('/tmp/bench.json'))['results'][0]['median'])"
    )
  }
  cold_s=$(cached --prepare "rm -rf $c/plan/.cache")
  (unset PLAN_NO_CACHE; "${report[@]}" >/dev/null; sleep 3; "${report[@]}" >/dev/null)
  warm_s=$(cached --warmup 1)
  # An item the unit is responsible for in this size's plan.
  item=$(PLAN_NO_CACHE=1 "$plan" --plan-dir "$c/plan" status --unit 单位0001 --format json --as-of 2025-01-01 |
    /usr/bin/python3 -c "import json, sys; print(json.load(sys.stdin)['rows'][0]['item'])")
  rec_s=$(cached --prepare "$plan --plan-dir $c/plan record $item --unit 单位0001 --status 进行中 --date 2026-12-31")
  rm -rf "$c"
  echo "   cache: none $nc_s s; cold $cold_s s; warm $warm_s s; after one record $rec_s s"
  cache_rows+=("| $size | $nc_s s | $cold_s s | $warm_s s | $rec_s s |")
done

{
  echo "<!-- Written by bench/run.sh on $(date -u +%Y-%m-%d); $(nproc) cores; median of $runs runs, peak memory the largest. -->"
  echo "| size | assignments | entries | MB of progress | fixed cost (no progress) | fixed cost, plan record | \`plan overdue\` | \`plan report --by unit\` | \`plan status --unit\` | libyaml scan | line scan ×2 | \`wc -l\` | \`task overdue\` (Taskwarrior, same tasks) | report ÷ libyaml scan | report ÷ line scan | task ÷ plan overdue |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "\`plan record\`: $rec_small s appending to a file of 1 entry, $rec_big s to a file of 200,000 entries ($big_mb MB): $(ratio "$rec_big" "$rec_small")×."
  echo
  echo "Progress cache, \`plan report --by unit\`: without it, cold (records written), warm (nothing changed), after one \`plan record\`:"
  echo
  echo "| size | --no-cache | cold | warm | after one record |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${cache_rows[@]}"
} >bench/results.md
cat bench/results.md
