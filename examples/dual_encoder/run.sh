#!/usr/bin/env bash
# run.sh BUILD_DIR OUT_DIR - builds and runs the dual_encoder example end to end.
#
#   1. reference.py draws random weights and saves them as an .npz
#      (the state_dict of the PyTorch twin, as a trained model would be);
#   2. mmc pack checks them against model.mm and writes dual_encoder.mmw;
#   3. mmc compile turns model.mm into libdual_encoder.{a,so} + dual_encoder.h;
#   4. cc builds main.c against the static library;
#   5. the app matches data/image.ppm against every caption of
#      data/captions.txt, and its cosines and logits are checked against
#      PyTorch's on the same files (reference.py --check: within 1e-4 of
#      their scale, 1 for a cosine and exp(logit_scale) for a logit).
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

echo "== weights: reference.py --seed $SEED -> $OUT/dual_encoder.npz"
"$PYTHON" "$HERE/reference.py" --seed "$SEED" --weights-out "$OUT/dual_encoder.npz"

echo "== mmc pack -> $OUT/dual_encoder.mmw"
"$MMC" pack "$HERE/model.mm" --from "$OUT/dual_encoder.npz" -o "$OUT/dual_encoder.mmw"

echo "== mmc compile -> $OUT/libdual_encoder.a, libdual_encoder.so, dual_encoder.h"
"$MMC" compile "$HERE/model.mm" -o "$OUT"

echo "== $CC main.c (static libdual_encoder.a) -> $OUT/dual_encoder_app"
"$CC" -O2 "$HERE/main.c" -I "$OUT" "$OUT/libdual_encoder.a" \
  -lm -lpthread -ldl -lstdc++ -o "$OUT/dual_encoder_app"

echo "== dual_encoder_app on data/image.ppm + data/captions.txt"
"$OUT/dual_encoder_app" "$OUT/dual_encoder.mmw" "$HERE/data/image.ppm" \
  "$HERE/data/captions.txt" | tee "$OUT/app.txt"
echo "== PyTorch on the same files, and the check (rtol 1e-4)"
"$PYTHON" "$HERE/reference.py" --weights-in "$OUT/dual_encoder.npz" \
  --image "$HERE/data/image.ppm" --captions "$HERE/data/captions.txt" \
  --check "$OUT/app.txt"
