#!/usr/bin/env bash
# run.sh BUILD_DIR OUT_DIR - builds and runs the emotion example end to end
# (../common/run_example.sh has the steps and the environment variables):
# the app scores data/tokens.txt + data/audio.wav, and the score is checked
# against PyTorch's on the same files (reference.py --check: |app - ref| <=
# 1e-4 * |ref| + 5e-7).
exec "$(dirname "$0")/../common/run_example.sh" emotion "$@"
