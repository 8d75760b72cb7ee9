#!/usr/bin/env bash
# run_example.sh NAME BUILD_DIR OUT_DIR - builds and runs examples/NAME
# (emotion, crossattn or dual_encoder) end to end; each example's run.sh
# calls this with its own name.
#
#   1. reference.py draws random weights and saves them as an .npz
#      (the state_dict of the PyTorch twin, as a trained model would be);
#   2. mmc pack checks them against model.mm and writes NAME.mmw;
#   3. mmc compile turns model.mm into libNAME.{a,so} + NAME.h;
#   4. cc builds main.c against the static library;
#   5. the app runs on the example's bundled data/ files, and what it
#      prints is checked against PyTorch on the same files
#      (reference.py --check; see the example's README for the tolerance).
#
# BUILD_DIR is an mmc build tree (its bin/ holds mmc); everything is
# written to OUT_DIR. Environment: PYTHON (default /usr/bin/python3, which
# has Debian's torch), CC (default cc), SEED (weights seed, default 0).
set -euo pipefail

if [ $# -ne 3 ]; then
  if [ $# -ge 1 ]; then
    echo "usage: examples/$1/run.sh BUILD_DIR OUT_DIR" >&2
  else
    echo "usage: $0 NAME BUILD_DIR OUT_DIR" >&2
  fi
  exit 2
fi
NAME=$1
HERE=$(cd "$(dirname "$0")/../$NAME" 2>/dev/null && pwd) || {
  echo "run_example.sh: no example named '$NAME'" >&2
  exit 2
}
BUILD=$(cd "$2" && pwd)
mkdir -p "$3"
OUT=$(cd "$3" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
CC=${CC:-cc}
SEED=${SEED:-0}
MMC="$BUILD/bin/mmc"

# What the app reads, and the same files as reference.py's flags.
case "$NAME" in
  emotion | crossattn)
    DATA=("$HERE/data/tokens.txt" "$HERE/data/audio.wav")
    REF_DATA=(--tokens "${DATA[0]}" --wav "${DATA[1]}") ;;
  dual_encoder)
    DATA=("$HERE/data/image.ppm" "$HERE/data/captions.txt")
    REF_DATA=(--image "${DATA[0]}" --captions "${DATA[1]}") ;;
  *)
    echo "run_example.sh: no example named '$NAME'" >&2
    exit 2 ;;
esac

if [ ! -x "$MMC" ]; then
  echo "run.sh: $MMC not found; build mmc first" >&2
  exit 1
fi

echo "== weights: reference.py --seed $SEED -> $OUT/$NAME.npz"
"$PYTHON" "$HERE/reference.py" --seed "$SEED" --weights-out "$OUT/$NAME.npz"

echo "== mmc pack -> $OUT/$NAME.mmw"
"$MMC" pack "$HERE/model.mm" --from "$OUT/$NAME.npz" -o "$OUT/$NAME.mmw"

echo "== mmc compile -> $OUT/lib$NAME.a, lib$NAME.so, $NAME.h"
"$MMC" compile "$HERE/model.mm" -o "$OUT"

echo "== $CC main.c (static lib$NAME.a) -> $OUT/${NAME}_app"
"$CC" -O2 "$HERE/main.c" -I "$OUT" "$OUT/lib$NAME.a" \
  -lm -lpthread -ldl -lstdc++ -o "$OUT/${NAME}_app"

echo "== ${NAME}_app on ${DATA[*]#"$HERE/"}"
"$OUT/${NAME}_app" "$OUT/$NAME.mmw" "${DATA[@]}" | tee "$OUT/app.txt"
echo "== PyTorch on the same files, and the check"
"$PYTHON" "$HERE/reference.py" --weights-in "$OUT/$NAME.npz" \
  "${REF_DATA[@]}" --check "$OUT/app.txt"
