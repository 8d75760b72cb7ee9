#!/usr/bin/env bash
# Installs every Debian package mmc needs. Idempotent: packages already
# present are left alone, so calling it before every build costs ~1 s.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config
  # MLIR + LLVM 19 (compiler, lit, FileCheck)
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools clang-19 lld-19
  zlib1g-dev libzstd-dev libedit-dev libcurl4-openssl-dev libxml2-dev
  # Halide (generators; see DESIGN.md on keeping it apart from LLVM 19)
  libhalide14-0-dev
  # mm-run's .png inputs
  libpng-dev
  # weights file
  flatbuffers-compiler libflatbuffers-dev
  # unit tests
  libgtest-dev libbenchmark-dev
  # Halide kernel benchmarks: the C libraries they are measured against
  libdnnl-dev libfftw3-dev
  # PyTorch oracle (run with /usr/bin/python3)
  python3 python3-numpy python3-torch python3-torchaudio libopenblas0-pthread
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
