#!/usr/bin/python3
"""compare.py OURS.npy REF.npy [--rtol R]: checks a compiled model's output.

Passes (exit 0) iff
  - OURS is float32 and has REF's shape (REF is any float type),
  - neither holds a NaN or an Inf, and
  - max|ours - ref| <= rtol * max|ref|   (rtol defaults to 1e-4).
The bound is relative to the largest reference value, not elementwise:
entries far below the tensor's scale are allowed the same absolute error
as the largest ones (float32 rounding does the same). Both numbers are
printed either way; any failure exits 1 with a message saying why.

`compare.py --all DIR [--ref-dir REFDIR] [--rtol R]` does the same for
every DIR/out<i>.npy (as mm-run writes them) against REFDIR/expected<i>.npy
(as op_ref.py writes them; REFDIR defaults to DIR); the two sets must have
the same indices, so a missing or an extra output fails too.
"""

import argparse
import os
import re
import sys

import numpy as np


def fail(message):
    print("compare.py: FAIL: " + message)
    sys.exit(1)


def load(path, what):
    try:
        return np.load(path, allow_pickle=False)
    except Exception as e:  # any unreadable file is a failed comparison
        fail("cannot read %s %s: %s" % (what, path, e))


def first_non_finite(a):
    bad = np.argwhere(~np.isfinite(a))
    return None if bad.size == 0 else tuple(int(i) for i in bad[0])


def compare(ours_path, ref_path, rtol):
    ours = load(ours_path, "output")
    ref = load(ref_path, "reference")
    if ours.dtype != np.float32:
        fail("%s has dtype %s, expected float32" % (ours_path, ours.dtype))
    if not np.issubdtype(ref.dtype, np.floating):
        fail("reference %s has dtype %s, expected a float type" %
             (ref_path, ref.dtype))
    if ours.shape != ref.shape:
        fail("%s has shape %s, the reference %s has shape %s" %
             (ours_path, list(ours.shape), ref_path, list(ref.shape)))
    for what, path, a in (("output", ours_path, ours),
                          ("reference", ref_path, ref)):
        where = first_non_finite(a)
        if where is not None:
            fail("%s %s has a non-finite value %r at index %s" %
                 (what, path, a[where], list(where)))
    if ref.size == 0:
        print("compare.py: both empty, shape %s: OK" % list(ref.shape))
        return

    ours64 = ours.astype(np.float64)
    ref64 = ref.astype(np.float64)
    diff = np.abs(ours64 - ref64)
    max_err = float(diff.max())
    max_ref = float(np.abs(ref64).max())
    bound = rtol * max_ref
    print("compare.py: shape %s, max|ours-ref| = %.3e, rtol*max|ref| = "
          "%.3e (rtol %g, max|ref| %.6g)" %
          (list(ref.shape), max_err, bound, rtol, max_ref))
    if not max_err <= bound:
        worst = np.unravel_index(np.argmax(diff), diff.shape)
        fail("max|ours-ref| = %.3e exceeds rtol*max|ref| = %.3e; worst at "
             "index %s: ours %.9g, ref %.9g" %
             (max_err, bound, [int(i) for i in worst], ours64[worst],
              ref64[worst]))
    print("compare.py: OK")


def indexed_files(directory, prefix):
    """{i: path} of every DIR/<prefix><i>.npy."""
    found = {}
    for name in os.listdir(directory):
        m = re.fullmatch(re.escape(prefix) + r"(0|[1-9][0-9]*)\.npy", name)
        if m:
            found[int(m.group(1))] = os.path.join(directory, name)
    return found


def compare_dir(directory, ref_dir, rtol):
    for d in (directory, ref_dir):
        if not os.path.isdir(d):
            fail("%s is not a directory" % d)
    ours = indexed_files(directory, "out")
    refs = indexed_files(ref_dir, "expected")
    if not refs:
        fail("%s holds no expected<i>.npy" % ref_dir)
    if sorted(ours) != sorted(refs):
        fail("%s has outputs %s but %s has expected files %s" %
             (directory, ["out%d.npy" % i for i in sorted(ours)], ref_dir,
              ["expected%d.npy" % i for i in sorted(refs)]))
    for i in sorted(refs):
        print("compare.py: out%d.npy:" % i)
        compare(ours[i], refs[i], rtol)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ours", nargs="?", help="the model's output (.npy)")
    parser.add_argument("ref", nargs="?", help="the reference (.npy)")
    parser.add_argument("--all", metavar="DIR",
                        help="compare every DIR/out<i>.npy with "
                        "REFDIR/expected<i>.npy")
    parser.add_argument("--ref-dir", metavar="REFDIR",
                        help="where --all finds expected<i>.npy (default: "
                        "DIR)")
    parser.add_argument("--rtol", type=float, default=1e-4)
    args = parser.parse_args()
    if not args.rtol > 0:
        parser.error("--rtol must be positive")
    if args.all:
        if args.ours or args.ref:
            parser.error("--all takes no OURS/REF files")
        compare_dir(args.all, args.ref_dir or args.all, args.rtol)
    elif args.ref_dir:
        parser.error("--ref-dir goes with --all")
    elif args.ours and args.ref:
        compare(args.ours, args.ref, args.rtol)
    else:
        parser.error("give OURS.npy REF.npy, or --all DIR")


if __name__ == "__main__":
    main()
