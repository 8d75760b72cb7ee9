#!/usr/bin/python3
"""Inputs and PyTorch references of the layer execution tests test/lowering/nn_*_exec.mlir.

    nn_ref.py gen CASE            print MLIR functions `@in_<name>() -> tensor<...>`
    nn_ref.py check CASE OUTPUT   compare mlir-cpu-runner's printed tensors with PyTorch

The same driver, emission and tolerance as lowering_ref.py (beside this file),
whose helpers this reuses: max |got - ref| <= 1e-4 * max(|ref|) per printed
tensor, NaN exactly where PyTorch has NaN. The cases here are the layers of
dialects/mm/MMNNOps.td; references are PyTorch 1.13 / torchaudio 0.13 modules in
float64 (eval mode) on the float32 inputs.
"""

import os
import sys

import numpy as np
import torch
import torchaudio
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lowering_ref as L  # noqa: E402

# Masks are u8 in the language (there is no bool element type).
L.MLIR_TYPES[np.dtype(np.uint8)] = "ui8"

_literal = L.literal


def literal(a):
    """lowering_ref's literal, with infinities as MLIR's hex float bits."""
    if a.ndim == 0 and a.dtype == np.float32 and not np.isfinite(a):
        return "0x%08X" % a.view(np.uint32)
    if a.ndim == 0:
        return _literal(a)
    return "[" + ", ".join(literal(x) for x in a) + "]"


L.literal = literal

case, rng_for, uniform, t64 = L.case, L.rng_for, L.uniform, L.t64


def module_weights(rng, prefix, module, lo=-0.6, hi=0.6):
    """Redraws every parameter of MODULE (float64) uniformly; returns the
    inputs dict in_<prefix>_<state_dict key with '.' as '_'>."""
    ins = {}
    module.double()
    with torch.no_grad():
        for name, p in module.named_parameters():
            value = uniform(rng, *p.shape, lo=lo, hi=hi)
            p.copy_(t64(value))
            ins[prefix + "_" + name.replace(".", "_")] = value
    return ins


# --- layer_norm -------------------------------------------------------------------


@case
def nn_layer_norm():
    rng = rng_for("nn_layer_norm")
    ins = {
        "x": uniform(rng, 2, 3, 16, lo=-2.0, hi=3.0),
        "w": uniform(rng, 16, lo=0.5, hi=1.5),
        "b": uniform(rng, 16),
        "y": uniform(rng, 3, 4, 6, lo=-1.0, hi=4.0),
        "w2": uniform(rng, 4, 6, lo=-1.5, hi=1.5),
        "b2": uniform(rng, 4, 6),
        "z": uniform(rng, 1, 5, lo=10.0, hi=10.01),  # tiny variance: eps matters
    }
    g = {k: t64(v) for k, v in ins.items()}
    exp = [
        ("last dim [?, ?, 16]", F.layer_norm(g["x"], (16,), g["w"], g["b"], eps=1e-5)),
        ("two dims [?, 4, 6] eps 1e-3", F.layer_norm(g["y"], (4, 6), g["w2"], g["b2"], eps=1e-3)),
        ("tiny variance [1, 5] eps 1e-2",
         F.layer_norm(g["z"], (5,), g["w"][:5], g["b"][:5], eps=1e-2)),
    ]
    return ins, exp


# --- conv1d, conv2d ---------------------------------------------------------------

CONVS = [
    # label, input shape, weight shape, bias?, stride, padding, dilation, groups
    ("conv2d stride 2 pad 1 [?, 3, ?, ?]", (2, 3, 9, 7), (5, 3, 3, 3), True, (2, 2), (1, 1), (1, 1), 1),
    ("conv2d groups 2 stride (2, 1) pad (1, 2) dilation (1, 2)", (1, 4, 8, 9), (6, 2, 3, 3), True,
     (2, 1), (1, 2), (1, 2), 2),
    ("conv2d depthwise x2 no bias [2, 4, 6, 5]", (2, 4, 6, 5), (8, 1, 3, 2), False,
     (1, 1), (0, 0), (1, 1), 4),
    ("conv1d stride 2 pad 1 dilation 2 [?, 4, ?]", (2, 4, 11), (6, 4, 3), True, (2,), (1,), (2,), 1),
    ("conv1d depthwise pad 2 no bias [3, 4, 7]", (3, 4, 7), (4, 1, 5), False, (1,), (2,), (1,), 4),
]


@case
def nn_conv():
    rng = rng_for("nn_conv")
    ins, exp = {}, []
    for i, (label, xs, ws, has_bias, stride, padding, dilation, groups) in enumerate(CONVS):
        ins[f"x{i}"] = uniform(rng, *xs)
        ins[f"w{i}"] = uniform(rng, *ws, lo=-0.5, hi=0.5)
        bias = None
        if has_bias:
            ins[f"b{i}"] = uniform(rng, ws[0], lo=-1.0, hi=2.0)
            bias = t64(ins[f"b{i}"])
        conv = F.conv2d if len(xs) == 4 else F.conv1d
        exp.append((label, conv(t64(ins[f"x{i}"]), t64(ins[f"w{i}"]), bias, stride, padding,
                                dilation, groups)))
    return ins, exp


# --- batch_norm -------------------------------------------------------------------


@case
def nn_batch_norm():
    rng = rng_for("nn_batch_norm")
    ins = {
        "x2": uniform(rng, 3, 5, lo=-2.0, hi=4.0),
        "x3": uniform(rng, 2, 5, 7, lo=-2.0, hi=4.0),
        "x4": uniform(rng, 2, 3, 4, 5, lo=-3.0, hi=1.0),
        "w5": uniform(rng, 5, lo=-1.5, hi=1.5),
        "b5": uniform(rng, 5),
        "m5": uniform(rng, 5, lo=-1.0, hi=3.0),
        "v5": uniform(rng, 5, lo=0.01, hi=4.0),
        "w3": uniform(rng, 3, lo=-1.5, hi=1.5),
        "b3": uniform(rng, 3),
        "m3": uniform(rng, 3, lo=-2.0, hi=0.0),
        "v3": np.array([1e-4, 0.5, 9.0], dtype=np.float32),  # eps matters for channel 0
    }
    g = {k: t64(v) for k, v in ins.items()}

    def bn(x, c, eps):
        return F.batch_norm(x, g["m" + c], g["v" + c], g["w" + c], g["b" + c], training=False,
                            eps=eps)

    exp = [
        ("1d [?, 5]", bn(g["x2"], "5", 1e-5)),
        ("1d [?, 5, ?] eps 1e-3", bn(g["x3"], "5", 1e-3)),
        ("2d [2, 3, 4, 5]", bn(g["x4"], "3", 1e-5)),
    ]
    return ins, exp


# --- multihead_attention ----------------------------------------------------------


def attention_module(rng, prefix, e, heads, bias=True):
    """An nn.MultiheadAttention with every parameter redrawn (its biases
    start at 0 in PyTorch)."""
    module = nn.MultiheadAttention(e, heads, bias=bias, batch_first=True)
    ins = module_weights(rng, prefix, module)
    return module.eval(), ins


@case
def nn_attention():
    rng = rng_for("nn_attention")
    self_attn, ins = attention_module(rng, "sa", 8, 2)
    cross, cross_ins = attention_module(rng, "ca", 8, 4)
    nobias, nobias_ins = attention_module(rng, "nb", 6, 1, bias=False)
    ins.update(cross_ins)
    ins.update(nobias_ins)
    ins["x"] = uniform(rng, 2, 5, 8, lo=-2.0, hi=2.0)
    ins["q"] = uniform(rng, 2, 3, 8, lo=-2.0, hi=2.0)
    ins["k"] = uniform(rng, 2, 6, 8, lo=-2.0, hi=2.0)
    ins["v"] = uniform(rng, 2, 6, 8, lo=-2.0, hi=2.0)
    # Batch 0 hides its last two keys, batch 1 its first one.
    ins["mask"] = np.array([[0, 0, 0, 0, 1, 1], [1, 0, 0, 0, 0, 0]], dtype=np.uint8)
    ins["q1"] = uniform(rng, 1, 4, 6)
    ins["kv1"] = uniform(rng, 1, 5, 6)
    ins["fmask"] = np.array([[0.0, -1.5, 0.5, -np.inf, 2.0]], dtype=np.float32)
    with torch.no_grad():
        x = t64(ins["x"])
        exp = [
            ("self-attention 2 heads [?, ?, 8]", self_attn(x, x, x, need_weights=False)[0]),
            ("cross-attention 4 heads u8 mask [2, 3|6, 8]",
             cross(t64(ins["q"]), t64(ins["k"]), t64(ins["v"]),
                   key_padding_mask=torch.from_numpy(ins["mask"]).bool(),
                   need_weights=False)[0]),
            ("no bias 1 head float mask [1, 4|5, 6]",
             nobias(t64(ins["q1"]), t64(ins["kv1"]), t64(ins["kv1"]),
                    key_padding_mask=t64(ins["fmask"]), need_weights=False)[0]),
        ]
    return ins, exp


# --- transformer_encoder_layer ----------------------------------------------------


@case
def nn_encoder_layer():
    rng = rng_for("nn_encoder_layer")
    post = nn.TransformerEncoderLayer(8, 2, 12, batch_first=True)
    pre = nn.TransformerEncoderLayer(6, 3, 10, activation="gelu", layer_norm_eps=1e-3,
                                     norm_first=True, batch_first=True)
    ins = module_weights(rng, "post", post)
    ins.update(module_weights(rng, "pre", pre))
    post.eval()
    pre.eval()
    ins["x"] = uniform(rng, 3, 5, 8, lo=-2.0, hi=2.0)
    ins["mask"] = np.array([[0, 0, 0, 1, 1], [0, 0, 0, 0, 0], [0, 1, 1, 1, 1]], dtype=np.uint8)
    ins["y"] = uniform(rng, 2, 4, 6, lo=-2.0, hi=2.0)
    with torch.no_grad():
        x = t64(ins["x"])
        exp = [
            ("post-norm relu u8 mask [?, ?, 8]",
             post(x, src_key_padding_mask=torch.from_numpy(ins["mask"]).bool())),
            ("post-norm relu no mask [?, ?, 8]", post(x)),
            ("pre-norm gelu eps 1e-3 [2, 4, 6]", pre(t64(ins["y"]))),
        ]
    return ins, exp


# --- gru --------------------------------------------------------------------------


@case
def nn_gru():
    rng = rng_for("nn_gru")
    bi = nn.GRU(3, 4, num_layers=2, bidirectional=True, batch_first=True)
    ins = module_weights(rng, "bi", bi)
    uni = nn.GRU(3, 5, batch_first=True)
    ins.update(module_weights(rng, "uni", uni))
    ins["x5"] = uniform(rng, 2, 5, 3)
    ins["x1"] = uniform(rng, 2, 1, 3)
    ins["x34"] = uniform(rng, 3, 4, 3)
    exp = []
    with torch.no_grad():
        for label, module, x in [("bi 2-layer T=5", bi, "x5"), ("bi 2-layer T=1", bi, "x1"),
                                 ("uni T=4", uni, "x34")]:
            out, h = module(t64(ins[x]))
            exp += [(label + " output", out), (label + " h_n", h)]
    return ins, exp


# --- amplitude_to_db --------------------------------------------------------------


def spectrum(rng, *shape):
    """Non-negative values over ~12 decades, with exact zeros (clamped to amin)."""
    x = (10.0 ** rng.uniform(-11.0, 1.0, size=shape)).astype(np.float32)
    x.flat[::7] = 0.0
    return x


@case
def nn_amplitude_to_db():
    rng = rng_for("nn_amplitude_to_db")
    ins = {"p2": spectrum(rng, 3, 7), "m4": spectrum(rng, 2, 1, 5, 6),
           "p3": spectrum(rng, 2, 4, 5), "p5": spectrum(rng, 2, 2, 1, 3, 4),
           "m2": spectrum(rng, 4, 3)}
    g = {k: t64(v) for k, v in ins.items()}
    db = torchaudio.transforms.AmplitudeToDB
    exp = [
        ("power [?, ?]", db("power")(g["p2"])),
        ("magnitude top_db 20 [?, 1, ?, ?] per example", db("magnitude", top_db=20.0)(g["m4"])),
        ("power top_db 30 [2, 4, 5] one example", db("power", top_db=30.0)(g["p3"])),
        ("power top_db 10 rank 5", db("power", top_db=10.0)(g["p5"])),
        ("magnitude top_db 0 [4, 3]", db("magnitude", top_db=0.0)(g["m2"])),
    ]
    return ins, exp


if __name__ == "__main__":
    sys.exit(L.main(sys.argv))
