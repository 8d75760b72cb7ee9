#!/usr/bin/env bash
# Benchmarks the Halide kernels of compiler/halide against PyTorch and the
# best C libraries on this machine (oneDNN's LSTM primitive; FFTW r2c + a
# oneDNN sgemm mel projection), on the same inputs, at 1 and 2 threads, and
# prints a table of ratios. Not a test: see bench/README.md.
#
# usage: bench/kernels.sh [BUILD_DIR]   (default: $MM_BUILD_DIR, else build/)
#        MM_BENCH_REPS=N sets the number of timed calls per median (50).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-${MM_BUILD_DIR:-$root/build}}"
gen="$build/bin/mm-halide-gen"
if [ ! -x "$gen" ]; then
  ninja -C "$build" mm-halide-gen
fi
work="$build/bench-kernels"
rm -rf "$work" && mkdir -p "$work"

echo "== inputs"
/usr/bin/python3 "$root/bench/kernels.py" prepare "$work"

echo "== kernels (mm-halide-gen)"
kernel() { "$gen" -o "$work" -e object,h target=host-no_runtime "$@"; }
kernel -g mm_spectrogram -f bench_logmel n_fft=512 hop_length=160 n_mels=80 post=log log_eps=1e-6
kernel -g mm_lstm -f bench_lstm_small input_size=128 hidden_size=64
kernel -g mm_lstm -f bench_lstm_large input_size=256 hidden_size=256
kernel -g mm_lstm -f bench_lstm_small_packed input_size=128 hidden_size=64 prepacked=true
kernel -g mm_lstm -f bench_lstm_large_packed input_size=256 hidden_size=256 prepacked=true
kernel -g mm_attention -f bench_attention head_dim=64 has_mask=true
"$gen" -r halide_runtime -o "$work" -e object target=host

echo "== harness"
c++ -O2 -std=c++17 -I"$work" -I/usr/include/halide14 -I"$root/test/halide/Inputs" \
  "$root/bench/kernels_bench.cpp" "$work"/bench_*.o "$work/halide_runtime.o" \
  -ldnnl -lfftw3f_threads -lfftw3f -lpthread -ldl -lm -o "$work/kernels_bench"

for t in 1 2; do
  echo "== C side, $t thread(s)"
  OMP_NUM_THREADS=$t HL_NUM_THREADS=$t "$work/kernels_bench" "$work" "$t" \
    | tee "$work/results-$t.txt"
done

echo "== PyTorch and the table"
lscpu | grep -m1 "Model name" || true
/usr/bin/python3 "$root/bench/kernels.py" report "$work"
