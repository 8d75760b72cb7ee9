#!/usr/bin/python3
"""check_fns.py LIB.so W.mmw DIR [--rtol R]: runs every fn of a compiled
model that DIR holds a case for, and checks its results.

DIR/<fn>/ holds <input>.npy for each input of fn <fn> and expected<i>.npy
for its i-th result (as structure_ref.py --inputs-out writes them). For
each such folder, in name order, this runs
    mm-run LIB.so --weights W.mmw --fn <fn> --input <input>=... --output-dir DIR/<fn>
and then compare.py's check of every out<i>.npy against expected<i>.npy
(max|ours - ref| <= rtol * max|ref|). Any failure exits 1 after saying
which fn; the mm-run and compare.py messages are passed through.
"""

import argparse
import importlib.util
import os
import subprocess
import sys

_spec = importlib.util.spec_from_file_location(
    "compare", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "compare.py"))
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", help="the model's lib<model>.so")
    parser.add_argument("weights", help="its weights (.mmw)")
    parser.add_argument("dir", help="one folder of inputs and expected "
                        "results per fn")
    parser.add_argument("--rtol", type=float, default=1e-4)
    args = parser.parse_args()
    fns = sorted(d for d in os.listdir(args.dir)
                 if os.path.isdir(os.path.join(args.dir, d)))
    if not fns:
        sys.exit("check_fns.py: %s holds no fn folder" % args.dir)
    for fn in fns:
        case = os.path.join(args.dir, fn)
        inputs = sorted(f[:-4] for f in os.listdir(case)
                        if f.endswith(".npy") and
                        not f.startswith(("expected", "out")))
        command = ["mm-run", args.library, "--weights", args.weights, "--fn",
                   fn, "--output-dir", case]
        for name in inputs:
            command += ["--input", "%s=%s" % (name, os.path.join(case, name +
                                                                 ".npy"))]
        print("check_fns.py: fn %s (%s)" % (fn, ", ".join(inputs)), flush=True)
        try:
            status = subprocess.call(command)
        except OSError as e:
            sys.exit("check_fns.py: FAIL: cannot run mm-run: %s" % e)
        if status != 0:
            sys.exit("check_fns.py: FAIL: mm-run of fn %s failed" % fn)
        compare.compare_dir(case, case, args.rtol)


if __name__ == "__main__":
    main()
