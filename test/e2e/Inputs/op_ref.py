#!/usr/bin/python3
"""PyTorch twins of the per-op test models in test/e2e/ops/*.mm.

    op_ref.py MODEL --seed N --weights-out W.npz
    op_ref.py MODEL --seed N --dims B=3,T=7 --inputs-out DIR

MODEL is a test model's .mm file (or just its `model` name: op_linear,
op_lstm, ...). Given the file, the twin is checked against its
`fn forward` signature first: the same input names, dtypes and shapes, and
results of the declared shapes, so that a twin and its .mm cannot drift
apart unnoticed. The
first form writes the twin's state_dict (float32, numpy.savez, names as
PyTorch gives them, computed torchaudio buffers included); every weight is
redrawn ~ normal(0, 0.3) and every bias ~ normal(0.1, 0.5), not PyTorch's
default init. The second form writes one DIR/<input>.npy per parameter of
`fn forward` (float32, or int32 for token ids) and DIR/expected<i>.npy
(float32) for its i-th result, computed in float64 from those float32
weights and inputs. Both forms may be given at once; the weights depend on
MODEL and --seed only, the inputs on MODEL, --seed and --dims.

Each twin is one function below, named after the model: it returns the
module (attributes named as the .mm layers), a function drawing the
inputs from a numpy Generator and the symbol values, and a forward
function that mirrors the .mm fn line by line.
"""

import argparse
import copy
import glob
import inspect
import os
import re
import sys
import zlib

import numpy as np
import torch
import torchaudio
from torch import nn
from torch.nn import functional as F

WEIGHT_STD = 0.3
BIAS_MEAN, BIAS_STD = 0.1, 0.5

MODELS = {}


def twin(fn):
    MODELS[fn.__name__] = fn
    return fn


def layers(**children):
    """A bare nn.Module holding the given layers as attributes."""
    m = nn.Module()
    for name, child in children.items():
        setattr(m, name, child)
    return m


def normal(rng, *shape, scale=1.0):
    return (scale * rng.normal(size=shape)).astype(np.float32)


def away_from_zero(rng, *shape):
    """Values in +-[0.5, 2]: safe denominators."""
    sign = np.where(rng.random(size=shape) < 0.5, -1.0, 1.0)
    return (sign * rng.uniform(0.5, 2.0, size=shape)).astype(np.float32)


def audio(rng, batch, length):
    """Sines at random frequencies and phases plus noise, peak 0.5."""
    t = np.arange(length) / 16000.0
    out = np.zeros((batch, length))
    for b in range(batch):
        for _ in range(rng.integers(2, 6)):
            out[b] += rng.uniform(0.2, 1.0) * np.sin(
                2 * np.pi * rng.uniform(60.0, 7000.0) * t +
                rng.uniform(0, 2 * np.pi))
        out[b] += 0.1 * rng.normal(size=length)
        out[b] *= 0.5 / np.max(np.abs(out[b]))
    return out.astype(np.float32)


# ===--- embedding ---------------------------------------------------------===


@twin
def op_embedding():
    m = layers(embed=nn.Embedding(37, 5))

    def inputs(rng, B, T):
        ids = rng.integers(0, 37, size=(B, T)).astype(np.int32)
        ids.flat[0] = 36  # both ends of the table
        ids.flat[-1] = 0 if ids.size > 1 else 36
        return {"ids": ids}

    def forward(m, ids):
        return m.embed(ids)

    return m, inputs, forward


# ===--- linear ------------------------------------------------------------===


@twin
def op_linear():
    m = layers(fc=nn.Linear(13, 7))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, 13), "y": normal(rng, B, T, 13)}

    def forward(m, x, y):
        return m.fc(x), m.fc(y)

    return m, inputs, forward


@twin
def op_linear_nobias():
    m = layers(proj=nn.Linear(5, 3, bias=False))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 5)}

    def forward(m, x):
        return m.proj(x)

    return m, inputs, forward


@twin
def op_packed_linears():
    m = layers(l1=nn.Linear(37, 50), l2=nn.Linear(50, 70), l3=nn.Linear(70, 7))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 37)}

    def forward(m, x):
        return m.l3(torch.relu(m.l2(m.l1(x))))

    return m, inputs, forward


# ===--- lstm --------------------------------------------------------------===


@twin
def op_lstm():
    m = layers(rnn=nn.LSTM(7, 13, batch_first=True))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 7)}

    def forward(m, x):
        output, (h_n, c_n) = m.rnn(x)
        return output, h_n, c_n

    return m, inputs, forward


@twin
def op_lstm_last():
    m = layers(rnn=nn.LSTM(6, 9, batch_first=True))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 6)}

    def forward(m, x):
        return m.rnn(x)[1][0][-1], m.rnn(x)[0][:, -1]

    return m, inputs, forward


# ===--- audio front-ends --------------------------------------------------===


@twin
def op_mel_spectrogram():
    m = layers(mel=torchaudio.transforms.MelSpectrogram(
        sample_rate=16000, n_fft=400, hop_length=160, n_mels=64))

    def inputs(rng, B):
        return {"audio": audio(rng, B, 16000)}

    def forward(m, audio):
        return m.mel(audio)

    return m, inputs, forward


@twin
def op_mel_spectrogram_fmax():
    m = layers(mel=torchaudio.transforms.MelSpectrogram(
        sample_rate=16000, n_fft=512, hop_length=128, n_mels=40, f_max=7600.0))

    def inputs(rng, B):
        return {"audio": audio(rng, B, 8001)}

    def forward(m, audio):
        return m.mel(audio)

    return m, inputs, forward


@twin
def op_spectrogram():
    m = layers(spec=torchaudio.transforms.Spectrogram(n_fft=400))

    def inputs(rng, B):
        return {"audio": audio(rng, B, 4000)}

    def forward(m, audio):
        return m.spec(audio)

    return m, inputs, forward


@twin
def op_spectrogram_power1():
    m = layers(spec=torchaudio.transforms.Spectrogram(
        n_fft=400, hop_length=160, power=1.0))

    def inputs(rng, B):
        return {"audio": audio(rng, B, 3333)}

    def forward(m, audio):
        return m.spec(audio)

    return m, inputs, forward


# ===--- elementwise -------------------------------------------------------===


@twin
def op_unary():
    m = layers()

    def inputs(rng, B, T):
        x = np.clip(normal(rng, B, T, scale=1.5), -4.0, 4.0)
        x.flat[0] = 0.0  # relu/abs/gelu at their kink
        p = rng.uniform(0.05, 4.0, size=(B, T)).astype(np.float32)
        return {"x": x, "p": p}

    def forward(m, x, p):
        return (torch.relu(x), torch.sigmoid(x), torch.tanh(x), torch.exp(x),
                torch.log(p), torch.sqrt(p), torch.abs(x), F.gelu(x),
                F.gelu(x, approximate="tanh"), F.silu(x))

    return m, inputs, forward


@twin
def op_binary_scalar():
    m = layers()

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 5), "y": away_from_zero(rng, B, T, 5)}

    def forward(m, x, y):
        return x + 2.5, 1.5 - x, x * -0.5, x / 3.0, 2.0 / y, -x

    return m, inputs, forward


@twin
def op_binary_tensor():
    m = layers()

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 5), "row": away_from_zero(rng, 5),
                "mat": away_from_zero(rng, T, 5),
                "y": away_from_zero(rng, B, T, 5)}

    def forward(m, x, row, mat, y):
        return (x + row, row - x, x * mat, x / mat, x - y, x * y, x / y,
                (x + row) * mat - y / 2.0)

    return m, inputs, forward


# ===--- reductions, cat, indexing -----------------------------------------===


@twin
def op_reduce():
    m = layers()

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 6)}

    def forward(m, x):
        return (torch.mean(x, dim=1), torch.sum(x, dim=2),
                torch.mean(x, dim=-1), torch.sum(x, dim=0))

    return m, inputs, forward


@twin
def op_reduce_linear():
    m = layers(up=nn.Linear(8, 12), down=nn.Linear(12, 8),
               proj=nn.Linear(8, 5, bias=False))

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 8)}

    def forward(m, x):
        y = m.proj(x)
        return (torch.mean(x + m.down(F.gelu(m.up(x))), dim=1),
                torch.mean(x - m.down(F.relu(m.up(x))), dim=1),
                torch.mean(m.down(m.up(x)), dim=1, keepdim=True),
                torch.sum(m.proj(x), dim=1),
                torch.sum(m.down(m.up(x)), dim=0),
                torch.mean(m.up(torch.sum(x, dim=0)), dim=0),
                torch.mean(y, dim=1), y)

    return m, inputs, forward


@twin
def op_cat():
    m = layers()

    def inputs(rng, B, T):
        return {"a": normal(rng, B, T, 2), "b": normal(rng, B, T, 3),
                "c": normal(rng, B, 4), "d": normal(rng, 2, T),
                "e": normal(rng, 3, T)}

    def forward(m, a, b, c, d, e):
        return (torch.cat([a, b], dim=2), torch.cat([b, a, b], dim=-1),
                torch.cat([c, c], dim=1), torch.cat([d, e], dim=0))

    return m, inputs, forward


@twin
def op_index():
    m = layers()

    def inputs(rng, B, T):
        return {"x": normal(rng, B, 6, T)}

    def forward(m, x):
        return (x[:, -1], x[0], x[:, 1:3], x[:, -2:], x[:, :, -1], x[-1])

    return m, inputs, forward


# More twins live beside this file, one file per op family (twins_*.py),
# so that families can be added without touching this one. Each file is run
# with the helpers above in scope and registers its models with @twin.
for _path in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "twins_*.py"))):
    with open(_path) as _f:
        exec(compile(_f.read(), _path, "exec"), dict(globals()))


# ===--- driver ------------------------------------------------------------===


def randomize(module, seed):
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            noise = torch.randn(p.shape, generator=gen, dtype=p.dtype)
            if name.rsplit(".", 1)[-1].startswith("bias"):
                p.copy_(BIAS_MEAN + BIAS_STD * noise)
            else:
                p.copy_(WEIGHT_STD * noise)


def parse_dims(text):
    dims = {}
    for item in filter(None, (text or "").split(",")):
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier() or not value.isdigit():
            sys.exit("op_ref.py: bad --dims item %r (want NAME=INT)" % item)
        if int(value) < 1:
            sys.exit("op_ref.py: --dims %s must be at least 1" % name)
        dims[name] = int(value)
    return dims


def draw_inputs(model_name, make_inputs, seed, dims):
    wanted = list(inspect.signature(make_inputs).parameters)[1:]
    missing = [d for d in wanted if d not in dims]
    unused = [d for d in dims if d not in wanted]
    if missing or unused:
        sys.exit("op_ref.py: %s takes --dims %s (missing %s, unknown %s)" %
                 (model_name, ",".join(d + "=N" for d in wanted), missing,
                  unused))
    key = [seed, zlib.crc32(model_name.encode())] + [dims[d] for d in wanted]
    return make_inputs(np.random.default_rng(key), *[dims[d] for d in wanted])


DTYPES = {"f32": np.float32, "i32": np.int32}


def split_top(text):
    """Splits at the commas that are not inside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_type(text):
    m = re.fullmatch(r"(\w+)\s*\[(.*)\]", text.strip(), re.S)
    if not m or m.group(1) not in DTYPES:
        sys.exit("op_ref.py: cannot read the type %r" % text)
    dims = [int(d) if re.fullmatch(r"-?\d+", d) else d
            for d in split_top(m.group(2))]
    return m.group(1), dims


def parse_fn(params_text, results_text):
    """([(input, dtype, dims)], [(dtype, dims)]) of a fn whose arguments
    and result type(s) are PARAMS_TEXT and RESULTS_TEXT."""
    params = []
    for p in split_top(params_text):
        name, _, ty = p.partition(":")
        params.append((name.strip(),) + parse_type(ty))
    ret = results_text.strip()
    if ret.startswith("("):
        results = [parse_type(t) for t in split_top(ret[1:ret.rindex(")")])]
    else:
        results = [parse_type(ret)]
    return params, results


def read_signature(path):
    """(model name, [(input, dtype, dims)], [(dtype, dims)]) of the file's
    `fn forward`, read with a regex: enough for the test models."""
    with open(path) as f:
        source = re.sub(r"#[^\n]*", "", f.read())
    model = re.search(r"\bmodel\s+(\w+)\s*\{", source)
    fn = re.search(r"\bfn\s+forward\s*\((.*?)\)\s*->\s*(.*?)\{", source,
                   re.S)
    if not model or not fn:
        sys.exit("op_ref.py: %s has no `model NAME {` with a `fn forward`" %
                 path)
    return (model.group(1),) + parse_fn(fn.group(1), fn.group(2))


def signature_problems(params, results, inputs, expected, dims):
    """How the drawn INPUTS and the twin's EXPECTED results differ from a
    fn's PARAMS and RESULTS (see parse_fn) with symbols bound to DIMS."""

    def shape(ds):
        return [d if isinstance(d, int) else dims.get(d, d) for d in ds]

    problems = []
    if [p[0] for p in params] != list(inputs):
        problems.append("inputs %s, the twin draws %s" %
                        ([p[0] for p in params], list(inputs)))
    else:
        for name, dtype, ds in params:
            a = inputs[name]
            if a.dtype != DTYPES[dtype] or list(a.shape) != shape(ds):
                problems.append("input %s is %s%s, the twin draws %s%s" %
                                (name, dtype, shape(ds), a.dtype,
                                 list(a.shape)))
    if len(results) != len(expected):
        problems.append("%d results, the twin returns %d" %
                        (len(results), len(expected)))
    else:
        for i, ((dtype, ds), e) in enumerate(zip(results, expected)):
            if list(e.shape) != shape(ds):
                problems.append("result %d is %s%s, the twin's is %s" %
                                (i, dtype, shape(ds), list(e.shape)))
    return problems


def check_signature(path, inputs, expected, dims):
    _, params, results = read_signature(path)
    problems = signature_problems(params, results, inputs, expected, dims)
    if problems:
        sys.exit("op_ref.py: the twin does not match %s: %s" %
                 (path, "; ".join(problems)))


def reference(module, forward, inputs):
    """float64 evaluation of the twin on float32 weights and inputs."""
    m64 = copy.deepcopy(module).double().eval()
    args = {}
    for name, a in inputs.items():
        if a.dtype == np.int32:
            args[name] = torch.from_numpy(a.astype(np.int64))
        else:
            args[name] = torch.from_numpy(a.astype(np.float64))
    with torch.no_grad():
        out = forward(m64, **args)
    if isinstance(out, torch.Tensor):
        out = (out,)
    return [o.numpy().astype(np.float32) for o in out]


def main():
    parser = argparse.ArgumentParser(
        description="PyTorch twins of test/e2e/ops/*.mm")
    parser.add_argument("model", help="a test model's .mm file, or one of: " +
                        " ".join(sorted(MODELS)))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weights-out", help="write the weights (.npz)")
    parser.add_argument("--dims", help="symbol values, e.g. B=3,T=7")
    parser.add_argument("--inputs-out", help="write <input>.npy and "
                        "expected<i>.npy into this directory")
    args = parser.parse_args()
    mm_file = None
    if args.model.endswith(".mm"):
        mm_file = args.model
        args.model = read_signature(mm_file)[0]
    if args.model not in MODELS:
        parser.error("unknown model %r; known: %s" %
                     (args.model, " ".join(sorted(MODELS))))
    if not (args.weights_out or args.inputs_out):
        parser.error("nothing to do: give --weights-out and/or --inputs-out")

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    module, make_inputs, forward = MODELS[args.model]()
    randomize(module, args.seed)
    module.eval()

    if args.weights_out:
        state = {k: v.detach().numpy() for k, v in module.state_dict().items()}
        np.savez(args.weights_out, **state)
    if args.inputs_out:
        dims = parse_dims(args.dims)
        inputs = draw_inputs(args.model, make_inputs, args.seed, dims)
        expected = reference(module, forward, inputs)
        if mm_file:
            check_signature(mm_file, inputs, expected, dims)
        os.makedirs(args.inputs_out, exist_ok=True)
        for name, a in inputs.items():
            assert a.dtype in (np.float32, np.int32), (name, a.dtype)
            np.save(os.path.join(args.inputs_out, name + ".npy"), a)
        for i, e in enumerate(expected):
            np.save(os.path.join(args.inputs_out, "expected%d.npy" % i), e)


if __name__ == "__main__":
    main()
