#!/usr/bin/env bash
# run.sh BUILD_DIR OUT_DIR - builds and runs the crossattn example end to end.
#
#   1. reference.py draws random weights and saves them as an .npz
#      (the state_dict of the PyTorch twin, as a trained model would be);
#   2. mmc pack checks them against model.mm and writes crossattn.mmw;
#   3. mmc compile turns model.mm into libcrossattn.{a,so} + crossattn.h;
#   4. cc builds main.c against the static library;
#   5. the app classifies data/tokens.txt + data/audio.wav, and its 7
#      probabilities are checked against PyTorch's on the same files
#      (reference.py --check: max error <= 1e-4 * the largest + 5e-7).
#
# BUILD_DIR is an mmc build tree (its bin/ holds mmc); everything is
# written to OUT_DIR. Environment: PYTHON (default /usr/bin/python3, which
# has Debian's torch), CC (default cc), SEED (weights seed, default 0).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR OUT_DIR" >&2
  exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
CC=${CC:-cc}
SEED=${SEED:-0}
MMC="$BUILD/bin/mmc"

if [ ! -x "$MMC" ]; then
  echo "run.sh: $MMC not found; build mmc first" >&2
  exit 1
fi

echo "== weights: reference.py --seed $SEED -> $OUT/crossattn.npz"
"$PYTHON" "$HERE/reference.py" --seed "$SEED" --weights-out "$OUT/crossattn.npz"

echo "== mmc pack -> $OUT/crossattn.mmw"
"$MMC" pack "$HERE/model.mm" --from "$OUT/crossattn.npz" -o "$OUT/crossattn.mmw"

echo "== mmc compile -> $OUT/libcrossattn.a, libcrossattn.so, crossattn.h"
"$MMC" compile "$HERE/model.mm" -o "$OUT"

echo "== $CC main.c (static libcrossattn.a) -> $OUT/crossattn_app"
"$CC" -O2 "$HERE/main.c" -I "$OUT" "$OUT/libcrossattn.a" \
  -lm -lpthread -ldl -lstdc++ -o "$OUT/crossattn_app"

echo "== crossattn_app on data/tokens.txt + data/audio.wav"
"$OUT/crossattn_app" "$OUT/crossattn.mmw" "$HERE/data/tokens.txt" \
  "$HERE/data/audio.wav" | tee "$OUT/app.txt"
echo "== PyTorch on the same files, and the check (rtol 1e-4)"
"$PYTHON" "$HERE/reference.py" --weights-in "$OUT/crossattn.npz" \
  --tokens "$HERE/data/tokens.txt" --wav "$HERE/data/audio.wav" \
  --check "$OUT/app.txt"
