#!/usr/bin/env bash
# libzip and libxlsxwriter are loaded when a command first uses them (src/lazy/office_libs.cpp),
# not when plan starts: the program does not need them, a report does not load them, and an Excel
# export, an Excel form read back and a Word brief do, and work.
#   office_libs_test.sh PLAN_BINARY SOURCE_ROOT
set -u
plan=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}
export PLAN_NO_CACHE=1 PLAN_TODAY=2025-03-31
libs='lib(zip|xlsxwriter|crypto|minizip)\.so'

needed=$(readelf -d "$plan" | grep NEEDED)
[ -n "$needed" ] || bad "readelf lists no NEEDED library (the test can fail)"
if grep -Eq "$libs" <<<"$needed"; then
  bad "plan is linked against $(grep -Eo "$libs[.0-9]*" <<<"$needed" | tr '\n' ' ')"
fi

# Which libraries a command loads (the dynamic loader says, under LD_DEBUG).
loaded() {
  LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/ld" "$@" >"$tmp/out" 2>&1
  local rc=$?
  cat "$tmp"/ld.* 2>/dev/null | grep -Eo 'file=[^ ]+' | sort -u
  rm -f "$tmp"/ld.*
  return $rc
}

out=$(loaded "$plan" --plan-dir "$root/examples/demo/plan" report --by unit) ||
  bad "plan report failed: $(cat "$tmp/out")"
grep -q 'libyaml' <<<"$out" || bad "LD_DEBUG saw no library loaded (the test can fail): $out"
grep -Eq "$libs" <<<"$out" && bad "plan report loads $(grep -E "$libs" <<<"$out" | tr '\n' ' ')"

out=$(loaded "$plan" --plan-dir "$root/examples/demo/plan" export -o "$tmp/ledger.xlsx") ||
  bad "plan export failed: $(cat "$tmp/out")"
grep -q 'libxlsxwriter' <<<"$out" || bad "plan export did not load libxlsxwriter: $out"
[ "$(head -c 2 "$tmp/ledger.xlsx" 2>/dev/null)" = "PK" ] || bad "plan export wrote no .xlsx"

out=$(loaded "$plan" --plan-dir "$root/examples/demo/plan" form --unit 司法局 -o "$tmp/form.xlsx") ||
  bad "plan form failed: $(cat "$tmp/out")"
# The form as sent out, blank: read back, nothing to import.
out=$(loaded "$plan" --plan-dir "$root/examples/demo/plan" import --dry-run "$tmp/form.xlsx") ||
  bad "plan import --dry-run of a blank form failed: $(cat "$tmp/out")"
grep -q 'libzip' <<<"$out" || bad "plan import did not load libzip: $out"
grep -q -- '--dry-run' "$tmp/out" || bad "plan import --dry-run said: $(cat "$tmp/out")"

out=$(loaded "$plan" --plan-dir "$root/examples/demo/plan" brief --format docx -o "$tmp/brief.docx") ||
  bad "plan brief --format docx failed: $(cat "$tmp/out")"
grep -q 'libzip' <<<"$out" || bad "plan brief --format docx did not load libzip: $out"
[ "$(head -c 2 "$tmp/brief.docx" 2>/dev/null)" = "PK" ] || bad "plan brief wrote no .docx"

[ $fail -eq 0 ] && echo "ok: libzip and libxlsxwriter are loaded on first use"
exit $fail
