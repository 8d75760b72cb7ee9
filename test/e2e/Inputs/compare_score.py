#!/usr/bin/python3
"""compare_score.py APP.txt REF.txt [--rtol R]: the C app's score vs PyTorch's.

Each file must hold exactly one line `score: X` (the app prints
examples/emotion/main.c's `score: %.6f`, reference.py --tokens/--wav prints
more digits). Passes iff |app - ref| <= rtol * |ref| + 5e-7, the last term
being half a unit of the app's sixth decimal (its printing rounds).
"""

import argparse
import re
import sys

PRINT_ROUNDING = 5e-7


def read_score(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        sys.exit("compare_score.py: FAIL: cannot read %s: %s" % (path, e))
    scores = re.findall(r"^score: (\S+)$", text, re.M)
    if len(scores) != 1:
        sys.exit("compare_score.py: FAIL: %s has %d `score: X` lines, "
                 "expected 1:\n%s" % (path, len(scores), text))
    try:
        return float(scores[0])
    except ValueError:
        sys.exit("compare_score.py: FAIL: %s: %r is not a number" %
                 (path, scores[0]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("app")
    parser.add_argument("ref")
    parser.add_argument("--rtol", type=float, default=1e-4)
    args = parser.parse_args()
    app, ref = read_score(args.app), read_score(args.ref)
    bound = args.rtol * abs(ref) + PRINT_ROUNDING
    err = abs(app - ref)
    print("compare_score.py: app %.9g, reference %.9g, |diff| = %.3e, "
          "bound %.3e" % (app, ref, err, bound))
    if not err <= bound:  # also fails on NaN
        sys.exit("compare_score.py: FAIL: the app's score differs from the "
                 "reference by more than rtol %g" % args.rtol)
    print("compare_score.py: OK")


if __name__ == "__main__":
    main()
