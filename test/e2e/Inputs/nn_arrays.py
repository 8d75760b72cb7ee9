#!/usr/bin/python3
"""Small array conversions for the layer tests test/e2e/ops/nn_*.mm.

    nn_arrays.py drop-suffix IN.npz OUT.npz SUFFIX   copy IN without the arrays
                                                     whose name ends in SUFFIX
    nn_arrays.py to-u8 IN.npy OUT.npy                 an integer array of 0/1
                                                     values as uint8 (a mask)

op_ref.py writes inputs as float32 or int32 only; the language's masks are
u8 (it has no bool), so the mask tests convert op_ref's int32 0/1 masks.
"""

import sys

import numpy as np


def main(argv):
    if len(argv) == 5 and argv[1] == "drop-suffix":
        with np.load(argv[2]) as f:
            kept = {k: f[k] for k in f.files if not k.endswith(argv[4])}
        np.savez(argv[3], **kept)
        return 0
    if len(argv) == 4 and argv[1] == "to-u8":
        a = np.load(argv[2])
        if a.dtype.kind not in "iub" or ((a != 0) & (a != 1)).any():
            sys.exit("nn_arrays.py: %s is not a 0/1 integer array" % argv[2])
        np.save(argv[3], a.astype(np.uint8))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
