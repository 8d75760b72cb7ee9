#!/usr/bin/env bash
# Sets up, builds, compiles examples/emotion, and runs its C app on the
# bundled input (see examples/emotion/README.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${MM_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
exec "$root/examples/emotion/run.sh" "$build" "${1:-$build/examples/emotion}"
