#!/usr/bin/python3
"""bench.py: runs the workload benchmark that run.sh has built, prints the table.

    bench.py OUT_DIR --workloads emotion crossattn ... [--skip NAME=REASON ...]
             [--batches 1 16] [--threads 1 2] [--runs 7] [--min-ms 200]

run.sh calls this after it has written, for every workload W that
compiled, OUT_DIR/W/W.npz (the weights, from examples/W/reference.py),
OUT_DIR/W/harness (bench/workloads/harness.c linked against libW.a) and
OUT_DIR/W/W.mmw. For every workload, batch size B and thread count N it

  1. writes the inputs once per B with examples/W/reference.py
     --inputs-out (the same files feed both sides; W1 at T = 32, W2 at
     T = 64, W3 with N = M = B images and captions of 32 tokens), which
     also writes PyTorch's float64 answer;
  2. times the compiled model: OUT_DIR/W/harness (the typed C entry point
     `W_forward` in a loop, mm_set_num_threads(N));
  3. times PyTorch eager on the same weights and inputs in a fresh process
     (torch_bench.py) with torch.set_num_threads(N) and OMP_NUM_THREADS =
     OPENBLAS_NUM_THREADS = N;
  4. checks the compiled model's output of the timed calls against the
     float64 reference: max|ours - ref| <= 1e-4 * max|ref|, else the row
     says CHECK FAILED (a wrong answer fast is no result).

Each side reports the median over --runs runs (at least 5) of the
milliseconds a call, a run being K back-to-back calls with K chosen so a
run lasts at least --min-ms. The table is markdown; `speed-up` is
PyTorch ms / mmc ms (above 1: the compiled model is faster).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")
RTOL = 1e-4

# Workload: (design name, what it is, reference.py --inputs-out arguments
# for batch B, where that writes the float64 answer of forward).
WORKLOADS = {
    "emotion": ("W1", "text + audio, LSTM + log-mel, T = 32",
                lambda b: ["--batch", str(b), "--time", "32"],
                "expected0.npy"),
    "crossattn": ("W2", "LSTM text attends to 3 s log-mel, T = 64",
                  lambda b: ["--batch", str(b), "--time", "64"],
                  "expected0.npy"),
    "dual_encoder": ("W3", "CLIP-style, 64x64 image + 32 tokens, N = M = B",
                     lambda b: ["--batch", str(b)],
                     os.path.join("forward", "expected0.npy")),
}


def run(cmd, env=None):
    result = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("bench.py: %s failed (exit %d):\n%s%s" %
                 (" ".join(cmd), result.returncode, result.stdout,
                  result.stderr))
    return result.stdout


def parse_harness(text):
    words = text.split()
    fields = dict(zip(words[0::2], words[1::2]))
    return {"median_ms": float(fields["median_ms"]),
            "min_ms": float(fields["min_ms"]),
            "max_ms": float(fields["max_ms"]),
            "calls_per_run": int(fields["calls_per_run"])}


def relative_error(ours_path, ref_path):
    ours, ref = np.load(ours_path), np.load(ref_path)
    if ours.shape != ref.shape or not np.all(np.isfinite(ours)):
        return float("inf")
    scale = float(np.max(np.abs(ref.astype(np.float64))))
    return float(np.max(np.abs(ours.astype(np.float64) - ref))) / scale


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def openblas_coretype():
    """The OPENBLAS_CORETYPE PyTorch runs with. OpenBLAS 0.3.21 (Debian 12)
    picks its kernels by CPU model number, and falls back to its slowest
    x86-64 kernels ("Prescott", SSE3) on a CPU it does not know, e.g. newer
    Xeons: a 512x512 sgemm runs at ~30 instead of ~150 GFLOP/s. So unless
    the caller set OPENBLAS_CORETYPE, choose by the CPU's features
    (BENCH_OPENBLAS_CORETYPE=auto, the default; "" = OpenBLAS's own
    choice; or a core name)."""
    if "OPENBLAS_CORETYPE" in os.environ:
        return os.environ["OPENBLAS_CORETYPE"]
    choice = os.environ.get("BENCH_OPENBLAS_CORETYPE", "auto")
    if choice != "auto":
        return choice
    flags = cpu_flags()
    if {"avx512f", "avx512bw", "avx512vl"} <= flags:
        return "SkylakeX"
    if {"avx2", "fma"} <= flags:
        return "Haswell"
    return ""


def torch_env(threads):
    env = dict(os.environ)
    coretype = openblas_coretype()
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    else:
        env.pop("OPENBLAS_CORETYPE", None)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    # libgomp's default lets idle threads spin; on a machine where other
    # work also runs, a spinning thread takes the core its partner needs
    # and 2-thread PyTorch runs up to 10x slower than 1-thread. Passive
    # waiting is never much slower on an idle machine, so it is the fair
    # baseline; BENCH_TORCH_OMP_WAIT_POLICY="" keeps libgomp's default.
    policy = os.environ.get("BENCH_TORCH_OMP_WAIT_POLICY", "PASSIVE")
    if policy:
        env["OMP_WAIT_POLICY"] = policy
    else:
        env.pop("OMP_WAIT_POLICY", None)
    return env


def machine():
    model = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d logical CPUs, Linux %s" % (model, os.cpu_count(),
                                              platform.release())


def revision():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short",
                               "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
                                "--untracked-files=no"], capture_output=True,
                               text=True, check=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--workloads", nargs="*", default=[])
    parser.add_argument("--skip", nargs="*", default=[],
                        metavar="NAME=REASON")
    parser.add_argument("--batches", nargs="+", type=int, default=[1, 16])
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--min-ms", type=float, default=200.0)
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5 (the table reports medians)")
    for name in args.workloads:
        if name not in WORKLOADS:
            parser.error("unknown workload %r" % name)

    out = os.path.abspath(args.out_dir)
    rows, torch_envs = [], {}
    load_before = os.getloadavg()
    started = time.time()
    for name in args.workloads:
        tag, _, input_args, expected = WORKLOADS[name]
        wdir = os.path.join(out, name)
        reference = os.path.join(ROOT, "examples", name, "reference.py")
        weights_npz = os.path.join(wdir, name + ".npz")
        dirs = {}
        for b in args.batches:
            dirs[b] = os.path.join(wdir, "b%d" % b)
            print("bench.py: %s: inputs and float64 reference at B = %d" %
                  (name, b), file=sys.stderr, flush=True)
            run([PYTHON, reference, "--weights-in", weights_npz,
                 "--inputs-out", dirs[b]] + input_args(b))
        for threads in args.threads:
            ours = {}
            for b in args.batches:
                print("bench.py: %s: mmc, B = %d, %d thread(s)" %
                      (name, b, threads), file=sys.stderr, flush=True)
                result_npy = os.path.join(dirs[b], "ours_t%d.npy" % threads)
                ours[b] = parse_harness(run([
                    os.path.join(wdir, "harness"),
                    os.path.join(wdir, name + ".mmw"), dirs[b], str(threads),
                    str(args.runs), str(args.min_ms), result_npy]))
                ours[b]["error"] = relative_error(
                    result_npy, os.path.join(dirs[b], expected))
            print("bench.py: %s: PyTorch, B = %s, %d thread(s)" %
                  (name, args.batches, threads), file=sys.stderr, flush=True)
            lines = run([PYTHON, os.path.join(HERE, "torch_bench.py"), name,
                         "--weights", weights_npz, "--threads", str(threads),
                         "--runs", str(args.runs), "--min-ms",
                         str(args.min_ms)] + [dirs[b] for b in args.batches],
                        env=torch_env(threads)).splitlines()
            records = [json.loads(line) for line in lines if line.strip()]
            torch_envs[threads] = records[0]["env"]
            theirs = {r["dir"]: r for r in records[1:]}
            for b in args.batches:
                rows.append((tag, name, b, threads, ours[b],
                             theirs[dirs[b]]))

    # The report (stdout): markdown.
    print("## Workloads: mmc vs PyTorch eager\n")
    print("- machine: %s; load average %.2f before, %.2f after (%.0f s)" %
          (machine(), load_before[0], os.getloadavg()[0],
           time.time() - started))
    print("- mmc: revision %s; `mmc compile` defaults (-O3, --target=host)"
          % revision())
    for threads, env in sorted(torch_envs.items()):
        blas = env["blas"]
        print("- PyTorch %s, %d thread(s): torch threads %d, OpenBLAS "
              "threads %s, BLAS_INFO=%s, loaded: %s (%s; kernels for %s)" %
              (env["torch"], threads, env["torch_threads"],
               blas.get("openblas_threads", "n/a"), blas.get("BLAS_INFO"),
               ", ".join(os.path.basename(p) for p in blas["libraries"]),
               blas.get("openblas_config", "no OpenBLAS"),
               blas.get("openblas_core", "?")))
    policy = torch_env(1).get("OMP_WAIT_POLICY", "libgomp default")
    print("- PyTorch eager, float32, `torch.inference_mode()`, "
          "OMP_WAIT_POLICY=%s, OPENBLAS_CORETYPE=%s" %
          (policy, openblas_coretype() or "(unset: OpenBLAS's own choice)"))
    print("- median of %d runs, each run >= %g ms of back-to-back calls; "
          "ms per call" % (args.runs, args.min_ms))
    print("- check: max|mmc - float64 PyTorch| / max|ref| of the timed "
          "calls' output (must be <= %g)\n" % RTOL)
    print("| workload | B | threads | mmc ms | PyTorch ms | speed-up "
          "(PyTorch / mmc) | check |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    failed = False
    for tag, name, b, threads, ours, theirs in rows:
        ok = ours["error"] <= RTOL
        failed |= not ok
        print("| %s %s | %d | %d | %.3f | %.3f | %.3f | %s |" %
              (tag, name, b, threads, ours["median_ms"],
               theirs["median_ms"], theirs["median_ms"] / ours["median_ms"],
               ("%.1e" % ours["error"]) if ok else
               "CHECK FAILED (%.1e)" % ours["error"]))
    for item in args.skip:
        name, _, reason = item.partition("=")
        tag = WORKLOADS.get(name, ("?",))[0]
        print("| %s %s | | | skipped | | | %s |" % (tag, name, reason))
    if args.skip:
        print("\nSkipped workloads do not compile yet; the reason is the "
              "first line of `mmc compile`'s error.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
