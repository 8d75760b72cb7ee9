#!/usr/bin/env bash
# run.sh BUILD_DIR OUT_DIR - builds and runs the crossattn example end to end
# (../common/run_example.sh has the steps and the environment variables):
# the app classifies data/tokens.txt + data/audio.wav, and its 7
# probabilities are checked against PyTorch's on the same files
# (reference.py --check: max error <= 1e-4 * the largest + 5e-7).
exec "$(dirname "$0")/../common/run_example.sh" crossattn "$@"
