#!/usr/bin/env bash
# run.sh BUILD_DIR OUT_DIR - builds and runs the dual_encoder example end to
# end (../common/run_example.sh has the steps and the environment
# variables): the app matches data/image.ppm against every caption of
# data/captions.txt, and its cosines and logits are checked against
# PyTorch's on the same files (reference.py --check: within 1e-4 of their
# scale, 1 for a cosine and exp(logit_scale) for a logit).
exec "$(dirname "$0")/../common/run_example.sh" dual_encoder "$@"
