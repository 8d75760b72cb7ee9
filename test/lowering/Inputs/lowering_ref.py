#!/usr/bin/python3
"""Inputs and PyTorch references of the execution tests test/lowering/*_exec.mlir.

    lowering_ref.py gen CASE            print MLIR functions `@in_<name>() -> tensor<...>`
                                        returning the inputs of CASE
    lowering_ref.py check CASE OUTPUT   compare the tensors that OUTPUT (mlir-cpu-runner's
                                        stdout, printMemref* calls) holds, in order, with
                                        PyTorch's results for CASE

Inputs depend on CASE only (a numpy Generator seeded by the case's name), so
`gen` and `check` see the same values. References are computed by PyTorch
1.13 / torchaudio 0.13 in float64 from those float32 inputs.

Tolerance, per printed tensor: max |got - ref| <= 1e-4 * max(|ref|) (and
shapes equal, NaN where PyTorch has NaN). `check` prints one line per tensor
with its error and ends with "CASE: N tensors within tolerance", or exits
non-zero.
"""

import re
import sys
import zlib

import numpy as np
import torch
import torchaudio
from torch.nn import functional as F

RTOL_OF_MAX = 1e-4

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def uniform(rng, *shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, size=shape).astype(np.float32)


def t64(a):
    """A float64 (or int64) torch tensor of the numpy array A."""
    a = np.asarray(a)
    if a.dtype.kind == "f":
        return torch.from_numpy(a.astype(np.float64))
    return torch.from_numpy(a.astype(np.int64))


def audio(rng, *shape):
    """Noise plus two tones, like speech-band audio at 16 kHz."""
    n = shape[-1]
    t = np.arange(n) / 16000.0
    tones = 0.5 * np.sin(2 * np.pi * 440.0 * t) + 0.25 * np.sin(2 * np.pi * 1250.0 * t + 0.3)
    return (tones + 0.1 * rng.standard_normal(shape)).astype(np.float32)


# --- cases: each returns (inputs, expected) ------------------------------------
# inputs: dict name -> numpy array (float32, int32 or int64), emitted as @in_<name>
# expected: list of (label, numpy array) in the order the test prints them


@case
def elementwise():
    rng = rng_for("elementwise")
    ins = {
        "a": uniform(rng, 2, 3, 4, lo=-2.0, hi=2.0),
        "v": uniform(rng, 4, lo=0.5, hi=1.5),
        "b": uniform(rng, 2, 1, 4),
        "c": uniform(rng, 3, 1),
        "s": np.array(2.5, dtype=np.float32),
        "d": uniform(rng, 5, 3),
        "e": uniform(rng, 1, 3),
        "i": rng.integers(-50, 50, size=(2, 3)).astype(np.int64),
        "j": rng.integers(-50, 50, size=(3,)).astype(np.int64),
    }
    a, v, b, c, s, d, e = (t64(ins[k]) for k in "avbcsde")
    exp = [
        ("add a+v", a + v),
        ("mul b*c", b * c),
        ("div a/s", a / s),
        ("div s/v", s / v),
        ("sub d-e (dynamic)", d - e),
        ("relu", torch.relu(a)),
        ("sigmoid", torch.sigmoid(a)),
        ("tanh", torch.tanh(a)),
        ("exp", torch.exp(a)),
        ("log(abs)", torch.log(torch.abs(a))),
        ("sqrt(abs)", torch.sqrt(torch.abs(a))),
        ("neg", -a),
        ("silu", F.silu(a)),
        ("gelu none", F.gelu(a)),
        ("gelu tanh", F.gelu(a, approximate="tanh")),
        ("clamp -0.3..0.5", torch.clamp(a, -0.3, 0.5)),
        ("clamp min 0.1", torch.clamp(a, min=0.1)),
        ("clamp max -0.2 (dynamic)", torch.clamp(d, max=-0.2)),
        ("add i64", t64(ins["i"]) + t64(ins["j"])),
    ]
    return ins, exp


@case
def matmul():
    rng = rng_for("matmul")
    ins = {
        "v4": uniform(rng, 4),
        "w4": uniform(rng, 4),
        "u3": uniform(rng, 3),
        "m34": uniform(rng, 3, 4),
        "n45": uniform(rng, 4, 5),
        "b234": uniform(rng, 2, 3, 4),
        "q142": uniform(rng, 1, 4, 2),
        "p245": uniform(rng, 2, 4, 5),
        "d64": uniform(rng, 6, 4),
        "lw": uniform(rng, 5, 4),
        "lb": uniform(rng, 5),
        "x234": uniform(rng, 2, 3, 4),
    }
    g = {k: t64(x) for k, x in ins.items()}
    exp = [
        ("1d@1d", torch.matmul(g["v4"], g["w4"])),
        ("2d@1d", torch.matmul(g["m34"], g["v4"])),
        ("1d@2d", torch.matmul(g["u3"], g["m34"])),
        ("2d@2d", torch.matmul(g["m34"], g["n45"])),
        ("3d@2d", torch.matmul(g["b234"], g["n45"])),
        ("3d@3d broadcast batch", torch.matmul(g["b234"], g["q142"])),
        ("3d@1d", torch.matmul(g["b234"], g["v4"])),
        ("1d@3d", torch.matmul(g["w4"], g["p245"])),
        ("dynamic 2d@2d", torch.matmul(g["d64"], g["n45"])),
        ("dynamic 3d@3d", torch.matmul(g["b234"], g["p245"])),
        ("linear 1d", F.linear(g["v4"], g["lw"], g["lb"])),
        ("linear 2d dynamic", F.linear(g["d64"], g["lw"], g["lb"])),
        ("linear 3d dynamic B, T, no bias", F.linear(g["x234"], g["lw"])),
    ]
    return ins, exp


@case
def matmul_tiles():
    # Sizes across the register tiles of mm-vectorize-contractions (4 x 16,
    # 6 x 16 and 8 x 32 in the RUN lines): full tiles, leftover rows (15 =
    # 8 + 4 + 2 + 1), a masked tile of columns, and transposed copies of
    # the weights with and without edges beside the squares of 8 and 16.
    rng = rng_for("matmul_tiles")
    ins = {
        "x": uniform(rng, 9, 37),
        "w": uniform(rng, 35, 37),
        "bias": uniform(rng, 35),
        "m": uniform(rng, 37, 35),
        "a": uniform(rng, 3, 9, 37),
        "h": uniform(rng, 9, 40, lo=-4.0, hi=4.0),
        "y": uniform(rng, 15, 48),
        "v": uniform(rng, 33, 48),
        "vb": uniform(rng, 33),
        "p": uniform(rng, 48, 64),
        "z": uniform(rng, 2, 48, 15),
    }
    g = {k: t64(x) for k, x in ins.items()}
    exp = [
        ("linear 9x37 by 35x37^T", F.linear(g["x"], g["w"], g["bias"])),
        ("matmul 9x37 @ 37x35", torch.matmul(g["x"], g["m"])),
        ("batched 3x9x37 @ 37x35", torch.matmul(g["a"], g["m"])),
        ("linear 3x9x37 by 35x37^T", F.linear(g["a"], g["w"])),
        ("linear 15x48 by 33x48^T", F.linear(g["y"], g["v"], g["vb"])),
        ("matmul 15x48 @ 48x64", torch.matmul(g["y"], g["p"])),
        ("linear of 2x48x15^T(1, 2) by 33x48^T",
         F.linear(g["z"].transpose(1, 2), g["v"], g["vb"])),
        ("linear of 48x64^T by 33x48^T, no bias", F.linear(g["p"].t(), g["v"])),
        ("exp", torch.exp(g["h"])),
        ("gelu", F.gelu(g["h"])),
    ]
    return ins, exp


@case
def reduction():
    rng = rng_for("reduction")
    ins = {"x": uniform(rng, 2, 3, 4)}
    x = t64(ins["x"])
    exp = [
        ("mean dim 2", torch.mean(x, dim=2)),
        ("sum dims 0,2 keepdim", torch.sum(x, dim=(0, 2), keepdim=True)),
        ("amax dim 1", torch.amax(x, dim=1)),
        ("mean all", torch.mean(x)),
        ("amax all keepdim", torch.amax(x, dim=(0, 1, 2), keepdim=True)),
        ("sum dim 1 dynamic", torch.sum(x, dim=1)),
        ("mean dim 2 keepdim dynamic", torch.mean(x, dim=2, keepdim=True)),
        ("amax dims 0,1 dynamic", torch.amax(x, dim=(0, 1))),
    ]
    return ins, exp


@case
def shape():
    rng = rng_for("shape")
    ins = {
        "a23": uniform(rng, 2, 3),
        "b22": uniform(rng, 2, 2),
        "c33": uniform(rng, 3, 3),
        "x234": uniform(rng, 2, 3, 4),
        "y27": uniform(rng, 2, 7),
        "z54": uniform(rng, 5, 4),
    }
    g = {k: t64(x) for k, x in ins.items()}
    y = g["y27"]
    exp = [
        ("cat dim 1", torch.cat([g["a23"], g["b22"]], dim=1)),
        ("cat dim 0 dynamic", torch.cat([g["a23"], g["c33"], g["a23"]], dim=0)),
        ("select dim 1 index -1", g["x234"][:, -1, :]),
        ("select dim 2 index 2", g["x234"][:, :, 2]),
        ("select dynamic dim 0 index -1", g["z54"][-1]),
        ("select dynamic dim 0 index -5", g["z54"][-5]),
        ("select dynamic dim 0 index 3", g["z54"][3]),
        ("slice -5:-1:2", y[:, -5:-1:2]),
        ("slice 1::3", y[:, 1::3]),
        ("slice -100:100", y[:, -100:100]),
        ("slice -3:", y[:, -3:]),
        ("slice dynamic -5:-1:2", y[:, -5:-1:2]),
        ("slice dynamic 1::3", y[:, 1::3]),
        ("slice dynamic -100:100", y[:, -100:100]),
        ("slice dynamic 5:2 (empty)", y[:, 5:2]),
        ("slice dynamic dim 0 -2:", g["z54"][-2:]),
    ]
    return ins, exp


@case
def embedding():
    rng = rng_for("embedding")
    ins = {
        "w": uniform(rng, 6, 3),
        "ids32": rng.integers(0, 6, size=(2, 4)).astype(np.int32),
        "ids64": rng.integers(0, 6, size=(5,)).astype(np.int64),
        "bad": np.array([-3, 7, 5, 0], dtype=np.int32),
    }
    w = t64(ins["w"])
    exp = [
        ("i32 [?, ?]", F.embedding(t64(ins["ids32"]), w)),
        ("i64 [5]", F.embedding(t64(ins["ids64"]), w)),
        # Not PyTorch's behaviour (it raises): the lowering clamps indices
        # into the table so that memory stays safe.
        ("out of range, clamped", F.embedding(t64(ins["bad"]).clamp(0, 5), w)),
    ]
    return ins, exp


def lstm_weights(rng, prefix, input_size, hidden, layers, bidirectional):
    """Weights named in_<prefix>_<state_dict key> and the torch module."""
    module = torch.nn.LSTM(input_size, hidden, num_layers=layers,
                           bidirectional=bidirectional, batch_first=True).double()
    ins = {}
    with torch.no_grad():
        for name, p in module.named_parameters():
            value = uniform(rng, *p.shape, lo=-0.6, hi=0.6)
            p.copy_(t64(value))
            ins[f"{prefix}_{name}"] = value
    return module, ins


@case
def lstm():
    rng = rng_for("lstm")
    bi, ins = lstm_weights(rng, "bi", 3, 4, 2, True)
    uni, uni_ins = lstm_weights(rng, "uni", 3, 5, 1, False)
    ins.update(uni_ins)
    ins["x5"] = uniform(rng, 2, 5, 3)
    ins["x1"] = uniform(rng, 2, 1, 3)
    ins["x34"] = uniform(rng, 3, 4, 3)
    exp = []
    with torch.no_grad():
        for label, module, x in [("bi 2-layer T=5", bi, "x5"), ("bi 2-layer T=1", bi, "x1"),
                                 ("uni T=4", uni, "x34")]:
            out, (h, c) = module(t64(ins[x]))
            exp += [(label + " output", out), (label + " h_n", h), (label + " c_n", c)]
    return ins, exp


SPECTROGRAMS = [
    # label, input shape, Spectrogram kwargs
    ("n_fft 400 hop 160 [?, ?]", (2, 1000),
     dict(n_fft=400, win_length=400, hop_length=160)),
    ("n_fft 512 win 400 hop 128 power 1 normalized [1100]", (1100,),
     dict(n_fft=512, win_length=400, hop_length=128, power=1.0, normalized=True)),
    ("n_fft 64 win 48 hop 20 pad 3 constant [2, 1, 150]", (2, 1, 150),
     dict(n_fft=64, win_length=48, hop_length=20, pad=3, pad_mode="constant")),
    ("n_fft 64 hop 16 replicate power 3 [150]", (150,),
     dict(n_fft=64, win_length=64, hop_length=16, pad_mode="replicate", power=3.0)),
    ("n_fft 64 hop 20 center false [2, ?]", (2, 150),
     dict(n_fft=64, win_length=64, hop_length=20, center=False)),
    ("n_fft 512 win 400 hop 128 reflect pad 5 [1, ?]", (1, 1100),
     dict(n_fft=512, win_length=400, hop_length=128, pad=5)),
]

MELS = [
    ("W1: 16 kHz n_fft 400 hop 160 64 mels [?, ?]", (2, 1600),
     dict(sample_rate=16000, n_fft=400, win_length=400, hop_length=160, n_mels=64)),
    ("n_fft 512 win 400 hop 160 80 mels slaney/slaney 20..7000 Hz [1, 2000]", (1, 2000),
     dict(sample_rate=16000, n_fft=512, win_length=400, hop_length=160, n_mels=80,
          f_min=20.0, f_max=7000.0, norm="slaney", mel_scale="slaney")),
    ("8 kHz n_fft 256 hop 100 40 mels htk/slaney-norm power 1 [700]", (700,),
     dict(sample_rate=8000, n_fft=256, win_length=256, hop_length=100, n_mels=40,
          norm="slaney", power=1.0)),
]


@case
def spectrogram():
    rng = rng_for("spectrogram")
    ins, exp = {}, []
    for i, (label, shape, kwargs) in enumerate(SPECTROGRAMS):
        ins[f"s{i}"] = audio(rng, *shape)
        module = torchaudio.transforms.Spectrogram(**kwargs).double()
        exp.append((label, module(t64(ins[f"s{i}"]))))
    return ins, exp


@case
def mel():
    rng = rng_for("mel")
    ins, exp = {}, []
    for i, (label, shape, kwargs) in enumerate(MELS):
        ins[f"m{i}"] = audio(rng, *shape)
        module = torchaudio.transforms.MelSpectrogram(**kwargs).double()
        exp.append((label, module(t64(ins[f"m{i}"]))))
    return ins, exp


# --- MLIR emission ----------------------------------------------------------------

MLIR_TYPES = {np.dtype(np.float32): "f32", np.dtype(np.int32): "i32", np.dtype(np.int64): "i64"}


def literal(a):
    if a.ndim == 0:
        return "%.9e" % a if a.dtype.kind == "f" else str(int(a))
    return "[" + ", ".join(literal(x) for x in a) + "]"


def tensor_type(a):
    dims = "".join(f"{d}x" for d in a.shape)
    return f"tensor<{dims}{MLIR_TYPES[a.dtype]}>"


def gen(name):
    ins, _ = CASES[name]()
    for key, value in ins.items():
        ty = tensor_type(value)
        print(f"func.func private @in_{key}() -> {ty} {{")
        print(f"  %v = arith.constant dense<{literal(value)}> : {ty}")
        print(f"  return %v : {ty}")
        print("}")


# --- checking ---------------------------------------------------------------------

NUMBER = re.compile(r"[-+]?(?:nan|inf|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)")


def parse_output(text):
    """The tensors printed by printMemref*: a list of (sizes, flat values)."""
    tensors = []
    chunks = text.split("Unranked Memref")[1:]
    for chunk in chunks:
        header, _, data = chunk.partition("data =")
        sizes = [int(s) for s in re.search(r"sizes = \[([^\]]*)\]", header).group(1).split(",")
                 if s.strip()]
        # printMemref shows one element per row even when a size is 0.
        values = [float(x) for x in NUMBER.findall(data)] if np.prod(sizes) > 0 else []
        tensors.append((sizes, np.array(values, dtype=np.float64)))
    return tensors


def check(name, output_path):
    _, expected = CASES[name]()
    with open(output_path) as f:
        got = parse_output(f.read())
    ok = True
    if len(got) != len(expected):
        print(f"{name}: {len(got)} tensors printed, {len(expected)} expected")
        ok = False
    for (label, ref), (sizes, values) in zip(expected, got):
        ref = ref.detach().numpy().astype(np.float64) if torch.is_tensor(ref) else ref
        if list(ref.shape) != sizes:
            print(f"FAIL {label}: shape {sizes}, expected {list(ref.shape)}")
            ok = False
            continue
        flat = ref.reshape(-1)
        if values.size != flat.size:
            print(f"FAIL {label}: {values.size} values printed for {flat.size} elements")
            ok = False
            continue
        if flat.size == 0:
            print(f"ok   {label}: empty {sizes}")
            continue
        nan_ref, nan_got = np.isnan(flat), np.isnan(values)
        finite = ~nan_ref
        scale = np.abs(flat[finite]).max() if finite.any() else 0.0
        err = np.abs(values[finite] - flat[finite]).max() if finite.any() else 0.0
        tol = RTOL_OF_MAX * scale
        if (nan_ref != nan_got).any() or not err <= tol:
            print(f"FAIL {label}: max error {err:.3g} > {tol:.3g} (1e-4 of max|ref| {scale:.3g})")
            ok = False
        else:
            print(f"ok   {label}: max error {err:.3g} <= {tol:.3g}")
    if not ok:
        sys.exit(1)
    print(f"{name}: {len(expected)} tensors within tolerance")


def main(argv):
    if len(argv) < 3 or argv[1] not in ("gen", "check") or argv[2] not in CASES:
        print(__doc__, file=sys.stderr)
        print("cases: " + ", ".join(CASES), file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    if argv[1] == "gen":
        gen(argv[2])
    else:
        if len(argv) != 4:
            print("check needs the runner's output file", file=sys.stderr)
            return 2
        check(argv[2], argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
