#!/usr/bin/env bash
# Sets up, builds, and runs the whole test suite: the lit tests (frontend,
# dialect, passes, lowering, end to end against PyTorch) and the unit tests.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${MM_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh" || exit 1

status=0
lit_log="$(mktemp)"
/usr/bin/python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$build/test" 2>&1 | tee "$lit_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
unit_log="$(mktemp)"
"$build/bin/mm-unit-tests" 2>&1 | tee "$unit_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# One closing line over both runners.
count() {
  local v
  v=$(grep -E "^ *$1 *:" "$2" | head -1 | sed -E 's/^[^:]*: *([0-9]+).*/\1/')
  echo "${v:-0}"
}
lit_pass=$(( $(count Passed "$lit_log") + $(count "Expectedly Failed" "$lit_log") ))
lit_fail=$(( $(count Failed "$lit_log") + $(count "Unexpectedly Passed" "$lit_log") + $(count Unresolved "$lit_log") + $(count "Timed Out" "$lit_log") ))
lit_skip=$(( $(count Unsupported "$lit_log") + $(count Skipped "$lit_log") ))
unit_pass=$(grep -oE '^\[  PASSED  \] [0-9]+' "$unit_log" | awk '{print $4}' | head -1)
unit_fail=$(grep -oE '^\[  FAILED  \] [0-9]+ test' "$unit_log" | awk '{print $4}' | head -1)
passed=$(( lit_pass + ${unit_pass:-0} ))
failed=$(( lit_fail + ${unit_fail:-0} ))
rm -f "$lit_log" "$unit_log"
if [ "$passed" -eq 0 ]; then status=1; fi
echo "tests: $passed passed, $failed failed, $lit_skip skipped"
exit $status
