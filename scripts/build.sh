#!/usr/bin/env bash
# Installs what is missing, then configures and builds mmc in ./build
# (Ninja, 2 jobs: MLIR translation units need ~1 GB of memory each).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${MM_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$build" -j "${MM_JOBS:-2}"
