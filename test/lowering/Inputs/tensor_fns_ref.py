#!/usr/bin/python3
"""Inputs and PyTorch references of test/lowering/tensor_fns*_exec.mlir.

    tensor_fns_ref.py gen CASE            print the MLIR input functions of CASE
    tensor_fns_ref.py check CASE OUTPUT   compare mlir-cpu-runner's OUTPUT with
                                          PyTorch's results for CASE

The cases of the tensor functions (dialects/mm/MMTensorOps.td), in the format
and with the tolerance of lowering_ref.py (max |got - ref| <= 1e-4 * max|ref|
per printed tensor, shapes equal, NaN where PyTorch has NaN), whose driver
this file reuses. References are PyTorch 1.13 in float64 from the float32
inputs. Integer results (integer reference tensors) must match exactly.
"""

import os
import sys

import numpy as np
import torch
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lowering_ref as L  # noqa: E402

case, rng_for, uniform, t64 = L.case, L.rng_for, L.uniform, L.t64


@case
def tensor_fns_views():
    rng = rng_for("tensor_fns_views")
    ins = {
        "x": uniform(rng, 2, 3, 4),
        "y": uniform(rng, 3, 5, 4),
        "u": uniform(rng, 1, 1),
        "r": np.array(0.625, dtype=np.float32),
        "s0": uniform(rng, 5, 3),
        "s1": uniform(rng, 5, 3),
        "s2": uniform(rng, 5, 3),
    }
    x, y, u, r = t64(ins["x"]), t64(ins["y"]), t64(ins["u"]), t64(ins["r"])
    s = [t64(ins[k]) for k in ("s0", "s1", "s2")]
    exp = [
        ("transpose(x, 0, 2)", torch.transpose(x, 0, 2)),
        ("transpose(y?, 1, 2)", torch.transpose(y, 1, 2)),
        ("permute(x, [1, 2, 0])", x.permute(1, 2, 0)),
        ("permute(y?, [2, 0, 1])", y.permute(2, 0, 1)),
        ("flatten(x, 1, 2)", torch.flatten(x, 1, 2)),
        ("flatten(y?, 0, 1)", torch.flatten(y, 0, 1)),
        ("flatten(y?)", torch.flatten(y)),
        ("reshape(x, [4, 6])", x.reshape(4, 6)),
        ("reshape(y?, [-1, 10])", y.reshape(-1, 10)),
        ("reshape(y??, [B, T, 2, 2])", y.reshape(3, 5, 2, 2)),
        ("reshape(y??, [T, B, 4])", y.reshape(5, 3, 4)),
        ("reshape(y??, [B*T*4])", y.reshape(-1)),
        ("reshape(u, [])", u.reshape(())),
        ("reshape(r, [1, 1])", r.reshape(1, 1)),
        ("reshape(y[:, 1:4:2], [-1, 8])", y[:, 1:4:2].reshape(-1, 8)),
        ("flatten(y[:, 1:4:2], 0, 1)", torch.flatten(y[:, 1:4:2], 0, 1)),
        ("stack(s, 0)", torch.stack(s, 0)),
        ("stack(s, 1)", torch.stack(s, 1)),
        ("stack(s, 2)", torch.stack(s, 2)),
    ]
    return ins, exp


@case
def tensor_fns_norms():
    rng = rng_for("tensor_fns_norms")
    x = uniform(rng, 2, 3, 5, lo=-3.0, hi=3.0)
    big = uniform(rng, 3, 4, lo=-1.0, hi=1.0)
    big[0] += 1000.0  # exp would overflow without subtracting the max
    big[1] -= 1000.0  # ... and underflow to a zero sum
    z = uniform(rng, 4, 6)
    z[1] = 0.0  # a zero row: the norm is clamped to eps
    z[2, :3] = 0.0
    ins = {"x": x, "big": big, "z": z}
    x, big, z = t64(x), t64(big), t64(z)
    exp = [
        ("softmax(x, 0)", torch.softmax(x, 0)),
        ("softmax(x?, 1)", torch.softmax(x, 1)),
        ("softmax(x, 2)", torch.softmax(x, 2)),
        ("log_softmax(x, 0)", torch.log_softmax(x, 0)),
        ("log_softmax(x?, 2)", torch.log_softmax(x, 2)),
        ("softmax(big, 1)", torch.softmax(big, 1)),
        ("log_softmax(big, 1)", torch.log_softmax(big, 1)),
        ("normalize(z?, 2, 1)", F.normalize(z, 2.0, 1)),
        ("normalize(z, 2, 0)", F.normalize(z, 2.0, 0)),
        ("normalize(z, 1, 1)", F.normalize(z, 1.0, 1)),
        ("normalize(z?, 3, 1)", F.normalize(z, 3.0, 1)),
        ("normalize(z, 0.5, 1)", F.normalize(z, 0.5, 1)),
        ("normalize(z, inf, 1)", F.normalize(z, float("inf"), 1)),
        ("normalize(z, 0, 1)", F.normalize(z, 0.0, 1)),
        ("normalize(z, 2, 1, eps=2)", F.normalize(z, 2.0, 1, eps=2.0)),
        ("normalize(x, 2, 2)", F.normalize(x, 2.0, 2)),
    ]
    return ins, exp


@case
def tensor_fns_like_to():
    rng = rng_for("tensor_fns_like_to")
    f = uniform(rng, 3, 4, lo=-50.0, hi=50.0)
    f[0, :4] = [-2.7, -0.5, 0.5, 2.9]  # truncation toward zero
    i = rng.integers(-400, 400, size=(2, 5)).astype(np.int32)
    i[0, :3] = [-1, 255, 256]
    big = np.array([2**31 + 5, -(2**31) - 7, 2**40 + 3, -3], dtype=np.int64)
    ins = {"f": f, "i": i, "big": big}
    ft, it = torch.from_numpy(f), torch.from_numpy(i)
    bt = torch.from_numpy(big)
    exp = [
        ("zeros_like(f?)", torch.zeros_like(ft)),
        ("ones_like(f)", torch.ones_like(ft)),
        ("ones_like(i)", torch.ones_like(it)),
        ("to(f?, i32)", ft.to(torch.int32)),
        ("to(f, i64)", ft.to(torch.int64)),
        ("to(i, f32)", it.to(torch.float32)),
        ("to(i?, i64)", it.to(torch.int64)),
        ("to(big, i32)", bt.to(torch.int32)),
        ("to(to(i, ui8), i32)", it.to(torch.uint8).to(torch.int32)),
        ("to(to(i, ui8), f32)", it.to(torch.uint8).to(torch.float32)),
    ]
    return ins, exp


@case
def tensor_fns_pool():
    rng = rng_for("tensor_fns_pool")
    ins = {"x": uniform(rng, 2, 3, 7, 9), "y": uniform(rng, 3, 5, 5)}
    x, y = t64(ins["x"]), t64(ins["y"])
    exp = [
        ("max_pool2d(x, 2)", F.max_pool2d(x, 2)),
        ("max_pool2d(x?, 3, 2, 1)", F.max_pool2d(x, 3, 2, 1)),
        ("max_pool2d(x, (3,2), (2,1), (1,0), dilation (2,1))",
         F.max_pool2d(x, (3, 2), (2, 1), (1, 0), (2, 1))),
        ("max_pool2d(x?, 2, ceil)", F.max_pool2d(x, 2, ceil_mode=True)),
        ("max_pool2d(x, 3, 3, 1, ceil)", F.max_pool2d(x, 3, 3, 1, ceil_mode=True)),
        ("max_pool2d(y, 3, 3, 1, ceil) [last window dropped]",
         F.max_pool2d(y, 3, 3, 1, ceil_mode=True)),
        ("max_pool2d(y??, 3, 3, 1, ceil) [last window dropped]",
         F.max_pool2d(y, 3, 3, 1, ceil_mode=True)),
        ("avg_pool2d(x, 3, 2, 1)", F.avg_pool2d(x, 3, 2, 1)),
        ("avg_pool2d(x?, 3, 2, 1, no pad count)",
         F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)),
        ("avg_pool2d(x, (2,4), (3,2), (1,2), ceil)",
         F.avg_pool2d(x, (2, 4), (3, 2), (1, 2), ceil_mode=True)),
        ("avg_pool2d(x?, (2,4), (3,2), (1,2), ceil, no pad count)",
         F.avg_pool2d(x, (2, 4), (3, 2), (1, 2), ceil_mode=True, count_include_pad=False)),
        ("avg_pool2d(y, 2)", F.avg_pool2d(y, 2)),
        ("adaptive_avg_pool2d(x, 1)", F.adaptive_avg_pool2d(x, 1)),
        ("adaptive_avg_pool2d(x??, (3, 4))", F.adaptive_avg_pool2d(x, (3, 4))),
        ("adaptive_avg_pool2d(x, (7, 9))", F.adaptive_avg_pool2d(x, (7, 9))),
        ("adaptive_avg_pool2d(x, (10, 12))", F.adaptive_avg_pool2d(x, (10, 12))),
        ("adaptive_avg_pool2d(y, (2, 3))", F.adaptive_avg_pool2d(y, (2, 3))),
    ]
    return ins, exp


@case
def tensor_fns_interpolate():
    rng = rng_for("tensor_fns_interpolate")
    ins = {"x": uniform(rng, 2, 3, 4, 5), "s": uniform(rng, 2, 3, 5),
           "v": uniform(rng, 1, 2, 3, 4, 5)}
    x, s, v = t64(ins["x"]), t64(ins["s"]), t64(ins["v"])

    def up(t, **kw):
        if kw.get("mode", "nearest") != "nearest":
            kw["align_corners"] = False
        return F.interpolate(t, **kw)

    exp = [
        ("nearest(x, size (7, 3))", up(x, size=(7, 3))),
        ("nearest(x??, scale 2)", up(x, scale_factor=2.0)),
        ("nearest(x, scale 1.5)", up(x, scale_factor=1.5)),
        ("nearest(s, scale 2.1)", up(s, scale_factor=2.1)),
        ("bilinear(x, size (8, 10))", up(x, size=(8, 10), mode="bilinear")),
        ("bilinear(x??, size (3, 2))", up(x, size=(3, 2), mode="bilinear")),
        ("bilinear(x, scale 1.7)", up(x, scale_factor=1.7, mode="bilinear")),
        ("bilinear(x??, scale 2)", up(x, scale_factor=2.0, mode="bilinear")),
        ("bilinear(x, scale 1.1) [in == out: a copy]",
         up(x, scale_factor=1.1, mode="bilinear")),
        ("linear(s, size 9)", up(s, size=9, mode="linear")),
        ("trilinear(v, size (5, 6, 7))", up(v, size=(5, 6, 7), mode="trilinear")),
        ("nearest(v, scale 2)", up(v, scale_factor=2.0)),
        ("bicubic(x, size (8, 10))", up(x, size=(8, 10), mode="bicubic")),
        ("bicubic(x??, size (3, 2))", up(x, size=(3, 2), mode="bicubic")),
        ("bicubic(x, scale 1.1) [in == out: not a copy]",
         up(x, scale_factor=1.1, mode="bicubic")),
    ]
    return ins, exp


def check_exact_integers(name, output_path):
    """lowering_ref.py's check compares relative to max|ref|; integer
    results must also be exact."""
    _, expected = L.CASES[name]()
    with open(output_path) as f:
        got = L.parse_output(f.read())
    bad = 0
    for (label, ref), (sizes, values) in zip(expected, got):
        ref = ref.numpy() if torch.is_tensor(ref) else np.asarray(ref)
        if ref.dtype.kind not in "iu" or values.size != ref.size:
            continue
        if not np.array_equal(values, ref.reshape(-1).astype(np.float64)):
            print(f"FAIL {label}: integer values differ")
            bad += 1
    return bad == 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "check" and sys.argv[2] in L.CASES:
        if not check_exact_integers(sys.argv[2], sys.argv[3]):
            sys.exit(1)
    sys.exit(L.main(sys.argv))
