#!/usr/bin/python3
"""torch_bench.py: times one workload in PyTorch eager, the baseline of bench.py.

    OMP_NUM_THREADS=N OPENBLAS_NUM_THREADS=N \\
    torch_bench.py WORKLOAD --weights W.npz --threads N --runs R --min-ms MS \\
        DIR [DIR ...]

WORKLOAD is an example folder name (emotion, crossattn, dual_encoder); its
reference.py (the PyTorch twin of model.mm) builds the float32 model from
W.npz, the same weights the compiled library runs with. Each DIR holds
inputs written by that reference.py --inputs-out; they are converted to
tensors once (token ids to int64, as nn.Embedding takes them) outside the
timing. The protocol is the C harness's: one warm-up call, one timed call
to choose K = ceil(MIN_MS / its time) calls per run, then RUNS runs of K
calls under torch.inference_mode(); the median milliseconds a call.

Prints one JSON object a line: first {"env": {...}} (torch version, its
thread counts, the BLAS library actually loaded into the process and its
thread count), then per DIR {"dir", "median_ms", "min_ms", "max_ms",
"runs", "calls_per_run"}. The thread counts must be set in the
environment before the process starts (OpenBLAS reads
OPENBLAS_NUM_THREADS when it is loaded); --threads also calls
torch.set_num_threads, and the script fails if OpenBLAS's own count
differs from it.
"""

import argparse
import ctypes
import importlib.util
import json
import math
import os
import statistics
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")


def load_reference(workload):
    path = os.path.join(EXAMPLES, workload, "reference.py")
    spec = importlib.util.spec_from_file_location(workload + "_reference",
                                                  path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def forward_args(workload, directory):
    """The forward() arguments of WORKLOAD from DIRECTORY's .npy inputs."""
    def load(name):
        a = np.load(os.path.join(directory, name + ".npy"))
        return torch.from_numpy(a.astype(np.int64) if a.dtype.kind == "i"
                                else a)
    if workload == "dual_encoder":
        return load("image"), load("text")
    return load("text"), load("audio")


def loaded_libraries(words):
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "/" in line}
    return sorted(p for p in paths
                  if any(w in os.path.basename(p) for w in words))


def blas_info():
    """Which BLAS torch's matrix products really call, and its threads."""
    a = torch.randn(64, 64)
    a @ a  # make sure the BLAS library is loaded and initialized
    libs = loaded_libraries(("blas", "lapack", "mkl"))
    info = {"libraries": libs}
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            get = lib.openblas_get_num_threads
        except (OSError, AttributeError):
            continue
        info["openblas_threads"] = get()
        lib.openblas_get_corename.restype = ctypes.c_char_p
        info["openblas_core"] = lib.openblas_get_corename().decode()
        lib.openblas_get_config.restype = ctypes.c_char_p
        info["openblas_config"] = lib.openblas_get_config().decode()
        break
    build = torch.__config__.show()
    for key in ("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN", "USE_OPENMP"):
        at = build.find(key + "=")
        if at >= 0:
            info[key] = build[at + len(key) + 1:].split(",")[0]
    return info


def time_calls(fn, runs, min_ms):
    fn()  # warm-up
    t0 = time.perf_counter()
    fn()
    one = (time.perf_counter() - t0) * 1e3
    calls = max(1, math.ceil(min_ms / one)) if one > 0 else 1
    per_call = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        per_call.append((time.perf_counter() - t0) * 1e3 / calls)
    return {"median_ms": statistics.median(per_call),
            "min_ms": min(per_call), "max_ms": max(per_call), "runs": runs,
            "calls_per_run": calls}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workload",
                        choices=["emotion", "crossattn", "dual_encoder"])
    parser.add_argument("dirs", nargs="+", metavar="DIR")
    parser.add_argument("--weights", required=True, help=".npz state_dict")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--min-ms", type=float, default=200.0)
    args = parser.parse_args()
    if args.threads < 1 or args.runs < 1 or not args.min_ms >= 0:
        parser.error("need --threads >= 1, --runs >= 1, --min-ms >= 0")

    torch.set_num_threads(args.threads)
    blas = blas_info()
    env = {"torch": torch.__version__, "torch_threads":
           torch.get_num_threads(), "blas": blas}
    print(json.dumps({"env": env}), flush=True)
    if blas.get("openblas_threads", args.threads) != args.threads:
        sys.exit("torch_bench.py: OpenBLAS runs %d threads, not %d: set "
                 "OPENBLAS_NUM_THREADS before starting the process" %
                 (blas["openblas_threads"], args.threads))

    reference = load_reference(args.workload)
    model = reference.build(weights_in=args.weights)  # float32, eval()
    for directory in args.dirs:
        inputs = forward_args(args.workload, directory)
        with torch.inference_mode():
            result = time_calls(lambda: model(*inputs), args.runs,
                                args.min_ms)
        result["dir"] = directory
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
