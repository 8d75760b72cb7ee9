#!/usr/bin/python3
"""Edge-case sizes for the symbolic dimensions of compiled models.

    fuzz_shapes.py --src-root ROOT --out DIR [--models GLOB ...]
                   [--timeout S] [--bin DIR] [--no-valgrind]

Every model (default: ROOT/test/e2e/ops/*.mm) is compiled with
--target=x86-64-v3 (code that valgrind can run) and given random weights
(`mmc init`). Its `fn forward` signature is read from the source, and
mm-run calls it with each symbol in turn bound to 0 (the others to 2), all
symbols bound to 1, and one random binding in [3, 40]; the inputs are
valid .npy files of exactly those shapes (floats ~ uniform(-1, 1), integer
ids 0). A run may succeed or refuse the sizes (`mm-run: error: ...`), but
must not crash, hang, or - when the model indexes or slices a tensor and
valgrind is installed, in which case the run is under memcheck - touch
memory outside its buffers: a constant index such as x[-1] or x[0] into a
dimension bound to 0 at run time reads outside the input.
"""

import argparse
import glob
import math
import os
import random
import re
import shutil
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzzlib  # noqa: E402
import weightfiles as wf  # noqa: E402

DESCR = {"f32": ("<f4", "f"), "i32": ("<i4", "i"), "i64": ("<i8", "q"),
         "u8": ("|u1", "B")}
VALGRIND_ERROR = 99


def signature(text):
    """[(name, element type, [dims])] of `fn forward`, dims as int or
    symbol."""
    m = re.search(r"\bfn\s+forward\s*\(([^)]*)\)", text)
    if not m:
        return None
    args = []
    for name, elem, dims in re.findall(r"(\w+)\s*:\s*(\w+)\[([^\]]*)\]",
                                       m.group(1)):
        dims = [d.strip() for d in dims.split(",") if d.strip()]
        args.append((name, elem, [int(d) if re.fullmatch(r"-?\d+", d) else d
                                  for d in dims]))
    return args


def indexes(text):
    """Whether a fn body indexes or slices a tensor (x[...], f(x)[...],
    .field[...]), as opposed to the brackets of types and lists."""
    bodies = re.findall(r"->[^{]*\{(.*?)\n\s*\}", text, re.S)
    return any(re.search(r"[\w)\]]\[", b) for b in bodies)


def write_input(path, elem, shape, rng):
    descr, code = DESCR[elem]
    n = math.prod(shape)
    if elem == "f32":
        data = struct.pack("<%d%s" % (n, code),
                           *[rng.uniform(-1, 1) for _ in range(n)])
    else:
        data = struct.pack("<%d%s" % (n, code), *([0] * n))
    with open(path, "wb") as f:
        f.write(wf.write_npy(wf.Npy(descr, False, shape, data)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src-root", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--models", nargs="*",
                        default=["test/e2e/ops/*.mm"])
    parser.add_argument("--bin")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory-mb", type=int, default=0,
                        help="address space limit (0: none; valgrind "
                        "reserves a lot)")
    parser.add_argument("--no-valgrind", action="store_true")
    args = parser.parse_args()

    mmc = fuzzlib.find_tool("mmc", args.bin)
    mm_run = fuzzlib.find_tool("mm-run", args.bin)
    valgrind = None if args.no_valgrind else shutil.which("valgrind")
    campaign = fuzzlib.Campaign("fuzz_shapes", args.out, max_failures=20)
    models = sorted({p for g in args.models
                     for p in glob.glob(os.path.join(args.src_root, g))})
    print("fuzz_shapes: %d models; valgrind: %s" %
          (len(models), valgrind or "not found (crashes only)"), flush=True)
    rng = random.Random(args.seed)
    mm_run_error = fuzzlib.tool_error("mm-run")
    for model in models:
        with open(model) as f:
            text = f.read()
        sig = signature(text)
        if not sig:
            continue
        name = os.path.splitext(os.path.basename(model))[0]
        lib_dir = os.path.join(args.out, name)
        weights = os.path.join(args.out, name + ".mmw")
        # Models that do not compile (the error tests among the seeds) are
        # skipped, as long as they fail cleanly.
        built = True
        for cmd in ([mmc, "compile", model, "-o", lib_dir,
                     "--target=x86-64-v3"],
                    [mmc, "init", model, "-o", weights]):
            r = fuzzlib.run(cmd, args.timeout, args.memory_mb)
            campaign.record("build", "%s: %s" % (name, cmd[1]), r, [model],
                            lambda line: bool(re.match(
                                r"^(?:mmc|.+\.mm:\d+:\d+): error: ", line)))
            if r.returncode != 0:
                print("note: %s does not build; skipped" % name)
                built = False
                break
        if not built:
            continue
        libs = glob.glob(os.path.join(lib_dir, "lib*.so"))
        symbols = sorted({d for _, _, dims in sig for d in dims
                          if isinstance(d, str)})
        bindings = []
        for s in symbols:
            bindings.append({t: (0 if t == s else 2) for t in symbols})
        bindings.append({t: 1 for t in symbols})
        bindings.append({t: rng.randint(3, 40) for t in symbols})
        checked = valgrind and indexes(text)
        for binding in bindings:
            tag = ",".join("%s=%d" % kv for kv in sorted(binding.items()))
            case = os.path.join(args.out, "%s-%s" % (name, tag.replace(
                ",", "-").replace("=", "")))
            os.makedirs(case, exist_ok=True)
            cmd = [mm_run, libs[0], "--weights", weights,
                   "--output-dir", case]
            for arg, elem, dims in sig:
                shape = [binding.get(d, d) if isinstance(d, str) else d
                         for d in dims]
                path = os.path.join(case, arg + ".npy")
                write_input(path, elem, shape, rng)
                cmd += ["--input", "%s=%s" % (arg, path)]
            if checked:
                cmd = [valgrind, "-q", "--error-exitcode=%d" %
                       VALGRIND_ERROR] + cmd
            result = fuzzlib.run(cmd, args.timeout, args.memory_mb)
            label = "%s with %s%s" % (name, tag,
                                      " (memcheck)" if checked else "")
            reason = None
            if checked and result.returncode == VALGRIND_ERROR:
                reason = "invalid memory access (valgrind memcheck)"
            campaign.record("shapes", label, result, [case],
                            lambda line: bool(mm_run_error.match(line)),
                            reason)
    return campaign.summary()


if __name__ == "__main__":
    sys.exit(main())
