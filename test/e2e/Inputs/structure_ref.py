#!/usr/bin/python3
"""PyTorch twins of the language-structure test models in structure/*.mm.

    structure_ref.py MODEL.mm --seed N --weights-out W.npz
    structure_ref.py MODEL.mm --seed N --dims B=3,T=7 --inputs-out DIR

Like op_ref.py (whose helpers this uses: the same weight draw, float64
reference and dims checks), but for models that export several fns: the
second form writes, for every fn of the model, DIR/<fn>/<input>.npy and
DIR/<fn>/expected<i>.npy. Each fn's signature in MODEL.mm is checked
against the twin first (input names, dtypes, shapes, result shapes), and
the twin must mirror every fn of the model, no more and no fewer.

A twin returns its module (an nn.Module whose state_dict names are the
model's weight names: a block is a submodule, repeat() an nn.ModuleList, a
param an nn.Parameter), a function drawing every input of every fn from a
numpy Generator and the symbol values, and {fn name: forward function};
a forward function takes the module and the fn's inputs by name.
"""

import argparse
import importlib.util
import inspect
import os
import re
import sys

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

_spec = importlib.util.spec_from_file_location(
    "op_ref", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "op_ref.py"))
op_ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(op_ref)
normal = op_ref.normal

MODELS = {}


def twin(fn):
    MODELS[fn.__name__] = fn
    return fn


# ===--- structure/blocks.mm -----------------------------------------------===


class Head(nn.Module):
    """block Head(d, classes) of structure/lib.mm."""

    def __init__(self, d, classes):
        super().__init__()
        self.norm = nn.LayerNorm(d, eps=1e-3)
        self.fc = nn.Linear(d, classes)

    def logits(self, x):
        return self.fc(self.norm(x))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)

    def both(self, x):
        z = self.logits(x)
        return z, torch.softmax(z, dim=1)


class Mix(nn.Module):
    """block Mix(d, depth) of structure/lib.mm."""

    def __init__(self, d, depth):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(d, d) for _ in range(depth))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return torch.tanh(x)


class Residual(nn.Module):
    """block Residual(d, hidden, gain, bias) of structure/blocks.mm."""

    def __init__(self, d, hidden, gain=1.0, bias=True):
        super().__init__()
        self.gain = gain
        self.norm = nn.LayerNorm(d)
        self.up = nn.Linear(d, hidden, bias=bias)
        self.down = nn.Linear(hidden, d)

    def forward(self, x):
        return x + self.down(F.gelu(self.up(self.norm(x)))) * self.gain


@twin
def structure_blocks():
    m = nn.Module()
    m.scale = nn.Parameter(torch.zeros(12))
    m.shift = nn.Parameter(torch.zeros(()))
    m.narrow = Residual(12, 8)
    m.wide = Residual(12, 40, gain=0.5, bias=False)
    m.stack = nn.ModuleList(Residual(12, 16, gain=0.25) for _ in range(3))
    m.proj = nn.Linear(12, 12)
    m.head = Head(12, 5)

    def inputs(rng, B, T):
        return {"x": normal(rng, B, T, 12, scale=1.5)}

    def forward(m, x):
        h = m.narrow(x)
        for layer in m.stack:
            h = layer(h)
        h = m.proj(h)
        h = m.proj(m.wide(h)) * m.scale + m.shift
        return h, m.head(torch.mean(h, dim=1))

    return m, inputs, {"forward": forward}


# ===--- structure/fns.mm --------------------------------------------------===


@twin
def structure_fns():
    m = nn.Module()
    m.temperature = nn.Parameter(torch.zeros(()))
    m.embed = nn.Embedding(50, 12)
    m.text = Mix(12, 2)
    m.audio = Mix(12, 3)
    m.head = Head(12, 4)

    def inputs(rng, B, T, S):
        ids = rng.integers(0, 50, size=(B, T)).astype(np.int32)
        ids.flat[0] = 49  # both ends of the table
        return {"x": normal(rng, B, 12), "ids": ids,
                "feats": normal(rng, B, S, 12)}

    def halves(m, x):
        return x[:, :6], x[:, 6:]

    def scores(m, x):
        return m.head.both(x)

    def encode_text(m, ids):
        return torch.mean(m.text(m.embed(ids)), dim=1)

    def encode_audio(m, feats):
        return torch.amax(m.audio(feats), dim=1)

    def forward(m, ids, feats):
        t = encode_text(m, ids)
        a = encode_audio(m, feats)
        lo, hi = halves(m, t * a)
        return (m.head(t - a), m.head.logits(a) * torch.exp(m.temperature),
                lo - hi)

    return m, inputs, {"halves": halves, "scores": scores,
                       "encode_text": encode_text,
                       "encode_audio": encode_audio, "forward": forward}


# ===--- driver ------------------------------------------------------------===


def read_signatures(path):
    """(model name, {fn: ([(input, dtype, dims)], [(dtype, dims)])}) of the
    model of PATH, read with a regex: enough for the test models, whose
    `model` comes after their blocks."""
    with open(path) as f:
        source = re.sub(r"#[^\n]*", "", f.read())
    model = re.search(r"\bmodel\s+(\w+)\s*\{", source)
    if not model:
        sys.exit("structure_ref.py: %s has no `model NAME {`" % path)
    return model.group(1), {
        fn.group(1): op_ref.parse_fn(fn.group(2), fn.group(3))
        for fn in re.finditer(r"\bfn\s+(\w+)\s*\((.*?)\)\s*->\s*(.*?)\{",
                              source[model.end():], re.S)}


def main():
    parser = argparse.ArgumentParser(
        description="PyTorch twins of test/e2e/Inputs/structure/*.mm")
    parser.add_argument("model", help="a structure test model's .mm file")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weights-out", help="write the weights (.npz)")
    parser.add_argument("--dims", help="symbol values, e.g. B=3,T=7")
    parser.add_argument("--inputs-out", help="write <fn>/<input>.npy and "
                        "<fn>/expected<i>.npy into this directory")
    args = parser.parse_args()
    name, signatures = read_signatures(args.model)
    if name not in MODELS:
        parser.error("%s defines model %r; twins exist for: %s" %
                     (args.model, name, " ".join(sorted(MODELS))))
    if not (args.weights_out or args.inputs_out):
        parser.error("nothing to do: give --weights-out and/or --inputs-out")

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    module, make_inputs, fns = MODELS[name]()
    if sorted(fns) != sorted(signatures):
        sys.exit("structure_ref.py: %s exports fns %s, the twin mirrors %s" %
                 (args.model, sorted(signatures), sorted(fns)))
    op_ref.randomize(module, args.seed)
    module.eval()

    if args.weights_out:
        state = {k: v.detach().numpy() for k, v in module.state_dict().items()}
        np.savez(args.weights_out, **state)
    if args.inputs_out:
        dims = op_ref.parse_dims(args.dims)
        drawn = op_ref.draw_inputs(name, make_inputs, args.seed, dims)
        for fn, forward in sorted(fns.items()):
            wanted = list(inspect.signature(forward).parameters)[1:]
            inputs = {k: drawn[k] for k in wanted}
            expected = op_ref.reference(module, forward, inputs)
            problems = op_ref.signature_problems(*signatures[fn], inputs,
                                                 expected, dims)
            if problems:
                sys.exit("structure_ref.py: the twin of fn %s does not match "
                         "%s: %s" % (fn, args.model, "; ".join(problems)))
            out = os.path.join(args.inputs_out, fn)
            os.makedirs(out, exist_ok=True)
            for k, a in inputs.items():
                np.save(os.path.join(out, k + ".npy"), a)
            for i, e in enumerate(expected):
                np.save(os.path.join(out, "expected%d.npy" % i), e)


if __name__ == "__main__":
    main()
