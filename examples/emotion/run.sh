#!/usr/bin/env bash
# run.sh BUILD_DIR OUT_DIR - builds and runs the emotion example end to end.
#
#   1. reference.py draws random weights and saves them as an .npz
#      (the state_dict of the PyTorch twin, as a trained model would be);
#   2. mmc pack checks them against model.mm and writes emotion.mmw;
#   3. mmc compile turns model.mm into libemotion.{a,so} + emotion.h;
#   4. cc builds main.c against the static library;
#   5. the app scores data/tokens.txt + data/audio.wav, and the score is
#      checked against PyTorch's on the same files (rtol 1e-4).
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
RTOL=1e-4

if [ ! -x "$MMC" ]; then
  echo "run.sh: $MMC not found; build mmc first" >&2
  exit 1
fi

echo "== weights: reference.py --seed $SEED -> $OUT/emotion.npz"
"$PYTHON" "$HERE/reference.py" --seed "$SEED" --weights-out "$OUT/emotion.npz"

echo "== mmc pack -> $OUT/emotion.mmw"
"$MMC" pack "$HERE/model.mm" --from "$OUT/emotion.npz" -o "$OUT/emotion.mmw"

echo "== mmc compile -> $OUT/libemotion.a, libemotion.so, emotion.h"
"$MMC" compile "$HERE/model.mm" -o "$OUT"

echo "== $CC main.c (static libemotion.a) -> $OUT/emotion_app"
"$CC" -O2 "$HERE/main.c" -I "$OUT" "$OUT/libemotion.a" \
  -lm -lpthread -ldl -lstdc++ -o "$OUT/emotion_app"

echo "== emotion_app on data/tokens.txt + data/audio.wav"
app=$("$OUT/emotion_app" "$OUT/emotion.mmw" "$HERE/data/tokens.txt" \
  "$HERE/data/audio.wav")
echo "app:     $app"
ref=$("$PYTHON" "$HERE/reference.py" --weights-in "$OUT/emotion.npz" \
  --tokens "$HERE/data/tokens.txt" --wav "$HERE/data/audio.wav")
echo "PyTorch: $ref"

# |app - ref| <= rtol * |ref| + 5e-7 (the app prints six decimals).
"$PYTHON" - "$app" "$ref" "$RTOL" <<'EOF'
import sys
app, ref = (float(s.split("score:")[-1]) for s in sys.argv[1:3])
rtol = float(sys.argv[3])
err, bound = abs(app - ref), rtol * abs(ref) + 5e-7
if not err <= bound:
    sys.exit("run.sh: FAIL: |app - ref| = %.3e > %.3e" % (err, bound))
print("OK: |app - ref| = %.3e <= %.3e (rtol %g)" % (err, bound, rtol))
EOF
