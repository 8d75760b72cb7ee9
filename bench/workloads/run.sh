#!/usr/bin/env bash
# run.sh BUILD_DIR [OUT_DIR] - the workload benchmark: W1 emotion, W2
# crossattn and W3 dual_encoder compiled by mmc against PyTorch eager, at
# B in {1, 16} and 1 and 2 threads, in one run; prints a markdown table.
#
# For every workload W (examples/W):
#   1. mmc compile examples/W/model.mm (a workload that does not compile
#      yet is skipped, with the first line of mmc's error as the reason);
#   2. examples/W/reference.py --seed SEED --weights-out: the weights, as
#      the PyTorch twin's state_dict; mmc pack checks them and writes W.mmw;
#   3. cc builds harness.c (the timing loop around the typed entry point
#      W_forward) against the static library libW.a;
# then bench.py generates the inputs, runs both sides and prints the table
# (also written to OUT_DIR/table.md). See README.md for the method.
#
# BUILD_DIR is an mmc build tree (its bin/ holds mmc); OUT_DIR defaults to
# BUILD_DIR/bench-workloads. Environment: PYTHON (default /usr/bin/python3,
# which has Debian's torch), CC (default cc), SEED (weights, default 0),
# RUNS (runs per measurement, default 7, at least 5), MIN_MS (shortest run,
# default 200), BATCHES (default "1 16"), THREADS (default "1 2"),
# WORKLOADS (default "emotion crossattn dual_encoder"), MMC_FLAGS (extra
# options of mmc compile, e.g. --no-halide for the linalg-only path),
# BENCH_TORCH_OMP_WAIT_POLICY (default PASSIVE, see bench.py).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 BUILD_DIR [OUT_DIR]" >&2
  exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "$1" && pwd)
mkdir -p "${2:-$BUILD/bench-workloads}"
OUT=$(cd "${2:-$BUILD/bench-workloads}" && pwd)
export PYTHON=${PYTHON:-/usr/bin/python3}
CC=${CC:-cc}
SEED=${SEED:-0}
RUNS=${RUNS:-7}
MIN_MS=${MIN_MS:-200}
BATCHES=${BATCHES:-1 16}
THREADS=${THREADS:-1 2}
WORKLOADS=${WORKLOADS:-emotion crossattn dual_encoder}
MMC="$BUILD/bin/mmc"

if [ ! -x "$MMC" ]; then
  echo "run.sh: $MMC not found; build mmc first" >&2
  exit 1
fi

ready=()
skipped=()
for w in $WORKLOADS; do
  model="$ROOT/examples/$w/model.mm"
  if [ ! -f "$model" ]; then
    echo "run.sh: no workload $w ($model)" >&2
    exit 1
  fi
  dir="$OUT/$w"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "== $w: mmc compile" >&2
  # shellcheck disable=SC2086 # MMC_FLAGS is a list of options
  if ! "$MMC" compile "$model" -o "$dir/lib" ${MMC_FLAGS:-} 2> "$dir/compile.log"; then
    reason=$(grep -m1 'error' "$dir/compile.log" || head -n1 "$dir/compile.log")
    reason=${reason#"$ROOT/"}
    echo "run.sh: skipping $w: $reason" >&2
    skipped+=("$w=${reason:-mmc compile failed}")
    continue
  fi
  echo "== $w: weights (reference.py --seed $SEED), mmc pack" >&2
  "$PYTHON" "$ROOT/examples/$w/reference.py" --seed "$SEED" \
    --weights-out "$dir/$w.npz"
  "$MMC" pack "$model" --from "$dir/$w.npz" -o "$dir/$w.mmw"
  echo "== $w: $CC harness.c + lib$w.a" >&2
  upper=$(echo "$w" | tr '[:lower:]' '[:upper:]')
  "$CC" -std=c99 -O2 -DBENCH_"$upper" "$HERE/harness.c" -I "$dir/lib" \
    "$dir/lib/lib$w.a" -lm -lpthread -ldl -lstdc++ -o "$dir/harness"
  ready+=("$w")
done

# shellcheck disable=SC2086 # BATCHES and THREADS are lists of numbers
"$PYTHON" "$HERE/bench.py" "$OUT" --workloads "${ready[@]}" \
  --skip "${skipped[@]}" --batches $BATCHES --threads $THREADS \
  --runs "$RUNS" --min-ms "$MIN_MS" | tee "$OUT/table.md"
