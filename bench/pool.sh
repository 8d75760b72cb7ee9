#!/usr/bin/env bash
# The runtime's thread pool against Halide's own, under the Halide kernels:
# the same kernels and inputs run with halide_default_do_par_for and with
# halide_set_custom_do_par_for(mm_runtime_do_par_for), at 1 and 2 threads,
# medians of MM_BENCH_REPS calls (default 200). Not a test: see README.md.
#
# usage: bench/pool.sh [BUILD_DIR]   (default: $MM_BUILD_DIR, else build/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-${MM_BUILD_DIR:-$root/build}}"
ninja -C "$build" mm-halide-gen mm_runtime >/dev/null
gen="$build/bin/mm-halide-gen"
work="$build/bench-pool"
rm -rf "$work" && mkdir -p "$work"

echo "== kernels (mm-halide-gen)"
kernel() { "$gen" -o "$work" -e object,h target=host-no_runtime "$@"; }
kernel -g mm_spectrogram -f pool_logmel n_fft=512 hop_length=160 n_mels=80 post=log log_eps=1e-6
kernel -g mm_lstm -f pool_lstm input_size=256 hidden_size=256
kernel -g mm_attention -f pool_attention head_dim=64 has_mask=true
"$gen" -r halide_runtime -o "$work" -e object target=host

echo "== harness"
c++ -O2 -std=c++17 -I"$work" -I/usr/include/halide14 -I"$root/runtime/include" \
  "$root/bench/pool_bench.cpp" "$work"/pool_*.o "$work/halide_runtime.o" \
  "$build/lib/libmm_runtime.a" -lpthread -ldl -lm -o "$work/pool_bench"

lscpu | grep -m1 "Model name" || true
for t in 1 2; do
  echo "== $t thread(s)"
  "$work/pool_bench" "$t"
done
