#!/usr/bin/python3
"""PyTorch twin of examples/dual_encoder/model.mm: the oracle for the compiled model.

The modules below have the same attribute names as the .mm layers, params
and block, so their state_dict() is exactly the weight set `mmc pack`
expects, and the three methods mirror the three .mm functions line by
line.

Modes (they combine; run with /usr/bin/python3, Debian's torch 1.13):

  --seed N --weights-out W.npz
      random weights (not PyTorch's default init: see randomize(); biases
      and the layer norms' scales and shifts are far from 0 and 1), saved
      as numpy.savez(**state_dict) in float32.
  --batch N [--text-batch M] --inputs-out DIR
      writes DIR/image.npy (float32 [N, 3, 64, 64] in [0, 1]: smooth
      backgrounds with a few coloured shapes and a little noise),
      DIR/text.npy (int32 [M, 32] in [0, 10000); M defaults to N) and, for
      each exported function FN, DIR/FN/expected0.npy: encode_image
      ([N, 128]) on the images, encode_text ([M, 128]) on the captions,
      forward ([N, M]) on both, computed in float64 from the float32
      weights and inputs.
  --image image.ppm --captions captions.txt [--check APP.txt]
      prints, for one image (N = 1) and every caption (M = number of
      lines) read like main.c reads them, one line
      `caption K: cosine C logit L p P` (p: softmax of the logits over the
      captions), as the app does; with --check, also reads what main.c
      printed for the same files and fails (exit 1) unless its cosines and
      logits match to 1e-4 of their scale (see check_app()).

Weights come from --seed, or from --weights-in W.npz (to check a weights
file that was made earlier). The inputs' random stream depends on the
seed, N and M, never on the weights.
"""

import argparse
import math
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "common"))
sys.dont_write_bytecode = True  # leave no __pycache__ in examples/common
import twin_cli  # noqa: E402  (examples/common/twin_cli.py)

VOCAB_SIZE = 10000
CONTEXT = 32  # tokens per caption
IMAGE_SIZE = 64
D_MODEL = 128


class Tower(nn.Module):
    """block Tower(d_model, nhead, dim_feedforward) of model.mm."""

    def __init__(self, d_model, nhead, dim_feedforward):
        super().__init__()
        self.encoder = nn.TransformerEncoderLayer(
            d_model, nhead, dim_feedforward=dim_feedforward,
            activation="gelu", norm_first=True, batch_first=True)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x):
        return nn.functional.normalize(
            self.proj(torch.mean(self.encoder(x), dim=1)), dim=1)


class DualEncoder(nn.Module):
    """model dual_encoder { ... } of model.mm."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.patch = nn.Linear(64, D_MODEL)
        self.image_tower = Tower(D_MODEL, 4, 512)
        self.embed = nn.Embedding(VOCAB_SIZE, D_MODEL)
        self.positions = nn.Parameter(torch.zeros(1, CONTEXT, D_MODEL))
        self.text_tower = Tower(D_MODEL, 4, 512)
        self.logit_scale = nn.Parameter(torch.tensor(0.0))

    def encode_image(self, image):
        x = torch.relu(self.conv2(torch.relu(self.conv1(image))))
        x = torch.transpose(torch.flatten(x, start_dim=2), 1, 2)
        return self.image_tower(self.patch(x))

    def encode_text(self, text):
        return self.text_tower(self.embed(text) + self.positions)

    def forward(self, image, text):
        i = self.encode_image(image)
        t = self.encode_text(text)
        return torch.exp(self.logit_scale) * (i @ torch.transpose(t, 0, 1))


FUNCTIONS = ("encode_image", "encode_text", "forward")

# (mean, std) of each weight's normal distribution, by the last part of its
# name; every bias ~ normal(0.1, 0.5). Chosen so that nothing saturates and
# nothing is washed out: each conv / linear sees inputs of roughly unit
# size, the attention's scores spread over a unit or two (neither uniform
# nor one-hot), and the layer norms' scale ~ normal(1, 0.3) and shift (a
# bias) are far from the identity. Mean-pooled ReLU features share a large
# common part, so embeddings of different inputs stay close (cosines ~0.85
# to 0.98 between random images or captions); the logits still differ by
# about a unit between pairs. logit_scale starts near CLIP's log(1 / 0.07).
INIT = {
    "conv1.weight": (0.0, 0.6),
    "conv2.weight": (0.0, 0.15),
    "patch.weight": (0.0, 0.15),
    "in_proj_weight": (0.0, 0.2),
    "out_proj.weight": (0.0, 0.1),
    "linear1.weight": (0.0, 0.1),
    "linear2.weight": (0.0, 0.1),
    "norm1.weight": (1.0, 0.3),
    "norm2.weight": (1.0, 0.3),
    "proj.weight": (0.0, 0.1),
    "embed.weight": (0.0, 1.0),
    "positions": (0.0, 0.5),
    "logit_scale": (math.log(1 / 0.07), 0.3),
}


def init_of(name):
    for suffix, mean_std in INIT.items():
        if name == suffix or name.endswith("." + suffix):
            return mean_std
    raise KeyError(name)


def build(seed=None, weights_in=None):
    """The model, its weights drawn from SEED or loaded from WEIGHTS_IN
    (an .npz), in eval mode (also used by bench/workloads/torch_bench.py)."""
    return twin_cli.build(DualEncoder(), seed, init_of, weights_in)


def make_images(rng, count):
    """Pictures with some structure for a conv stem to respond to: a
    two-colour gradient background, two to five filled discs and
    rectangles of random colours, and a little noise; values in [0, 1]."""
    ys, xs = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE] / (IMAGE_SIZE - 1.0)
    images = np.zeros((count, 3, IMAGE_SIZE, IMAGE_SIZE))
    for n in range(count):
        top, bottom = rng.uniform(0, 1, size=3), rng.uniform(0, 1, size=3)
        angle = rng.uniform(0, 2 * np.pi)
        ramp = np.clip(0.5 + (np.cos(angle) * (xs - 0.5) +
                              np.sin(angle) * (ys - 0.5)), 0, 1)
        img = top[:, None, None] * (1 - ramp) + bottom[:, None, None] * ramp
        for _ in range(rng.integers(2, 6)):
            colour = rng.uniform(0, 1, size=3)[:, None, None]
            cx, cy = rng.uniform(0.1, 0.9, size=2)
            r = rng.uniform(0.08, 0.3)
            if rng.random() < 0.5:
                mask = (xs - cx) ** 2 + (ys - cy) ** 2 < r * r
            else:
                mask = (np.abs(xs - cx) < r) & (np.abs(ys - cy) < 0.6 * r)
            img = np.where(mask[None], colour, img)
        img += 0.03 * rng.normal(size=img.shape)
        images[n] = np.clip(img, 0, 1)
    return images.astype(np.float32)


def make_inputs(seed, batch, text_batch):
    rng = np.random.default_rng([seed, batch, text_batch, 0x5eed])
    image = make_images(rng, batch)
    text = rng.integers(0, VOCAB_SIZE, size=(text_batch, CONTEXT))
    return image, text.astype(np.int32)


def read_ppm(path):
    """A binary PPM (P6), 64x64, maxval 255 (as main.c), as f32 [1, 3, 64,
    64] in [0, 1] (byte / 255)."""
    with open(path, "rb") as f:
        data = f.read()
    # Header: magic, width, height, maxval, separated by whitespace
    # (comments are not allowed, as in main.c), then one whitespace byte.
    fields, pos = [], 0
    while len(fields) < 4:
        while pos < len(data) and data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while pos < len(data) and not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields != [b"P6", b"%d" % IMAGE_SIZE, b"%d" % IMAGE_SIZE, b"255"] or \
            len(data) != pos + 1 + 3 * IMAGE_SIZE * IMAGE_SIZE:
        twin_cli.fail("%s is not a 64x64 binary PPM (P6) with maxval 255" %
                      path)
    pixels = np.frombuffer(data[pos + 1:], dtype=np.uint8)
    hwc = pixels.reshape(IMAGE_SIZE, IMAGE_SIZE, 3).astype(np.float32)
    return (hwc / np.float32(255.0)).transpose(2, 0, 1)[None].copy()


def read_captions(path):
    rows = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            words = line.split()
            if not words:
                continue
            try:
                ids = [int(w) for w in words]
            except ValueError as e:
                twin_cli.fail("%s:%d: %s" % (path, number, e))
            if len(ids) != CONTEXT:
                twin_cli.fail("%s:%d has %d token ids, expected %d" %
                              (path, number, len(ids), CONTEXT))
            rows.append(ids)
    if not rows:
        twin_cli.fail("%s holds no captions" % path)
    ids = np.array(rows, dtype=np.int32)
    twin_cli.check_vocab(ids, VOCAB_SIZE, path)
    return ids


def check_app(path, cosines, logits, scale):
    """Compares main.c's `caption K: cosine C logit L p P` lines in PATH
    with the reference. The embeddings have unit length, so a cosine's
    scale is 1 and a logit's is exp(logit_scale) = SCALE: each must be
    within 1e-4 of its scale, plus 5e-7 (the app prints six decimals). p is
    computed by the app from its logits and is not checked."""
    keys = ["caption %d" % k for k in range(len(cosines))]
    found = twin_cli.read_app_lines(
        path, r"^(caption \d+): cosine (\S+) logit (\S+) p \S+$", keys)
    for j, (what, ref, size) in enumerate((("cosine", cosines, 1.0),
                                           ("logit", logits, scale)), 1):
        twin_cli.check_close(what + ": ", [float(row[j]) for row in found],
                             ref, size)


def main():
    parser = argparse.ArgumentParser(
        description="PyTorch reference of examples/dual_encoder/model.mm")
    twin_cli.add_common_args(parser, "write image.npy, text.npy and "
                             "FN/expected0.npy into this directory")
    parser.add_argument("--batch", type=int, help="images (N)")
    parser.add_argument("--text-batch", type=int,
                        help="captions (M; default N)")
    parser.add_argument("--image", help="image.ppm for a one-image run")
    parser.add_argument("--captions", help="captions.txt for a one-image run")
    parser.add_argument("--check", metavar="APP.txt", help="compare main.c's "
                        "output on the same files with the reference")
    args = parser.parse_args()

    if args.inputs_out and args.batch is None:
        parser.error("--inputs-out needs --batch")
    if args.text_batch is None:
        args.text_batch = args.batch
    twin_cli.check_positive(parser, args, "batch", "text_batch")
    if bool(args.image) != bool(args.captions):
        parser.error("--image and --captions go together")
    if args.check and not args.image:
        parser.error("--check needs --image and --captions")
    if not (args.weights_out or args.inputs_out or args.image):
        parser.error("nothing to do: give --weights-out, --inputs-out or "
                     "--image/--captions")

    twin_cli.start(args.seed)
    model = build(args.seed, args.weights_in)

    if args.weights_out:
        twin_cli.save_weights(model, args.weights_out)
    if args.inputs_out:
        image, text = make_inputs(args.seed, args.batch, args.text_batch)
        os.makedirs(args.inputs_out, exist_ok=True)
        np.save(os.path.join(args.inputs_out, "image.npy"), image)
        np.save(os.path.join(args.inputs_out, "text.npy"), text)
        for fn, inputs in (("encode_image", (image,)),
                           ("encode_text", (text,)),
                           ("forward", (image, text))):
            twin_cli.save_case(os.path.join(args.inputs_out, fn), {},
                               twin_cli.run(model, fn, *inputs))
    if args.image:
        image, text = read_ppm(args.image), read_captions(args.captions)
        i = twin_cli.run(model, "encode_image", image)
        t = twin_cli.run(model, "encode_text", text)
        logits = twin_cli.run(model, "forward", image, text)[0]
        p = np.exp(logits - logits.max())
        p /= p.sum()
        cosines = (i @ t.T)[0]
        for k, cosine in enumerate(cosines):
            print("caption %d: cosine %.9f logit %.9f p %.9f" %
                  (k, cosine, logits[k], p[k]))
        if args.check:
            scale = float(torch.exp(model.logit_scale.detach().double()))
            check_app(args.check, cosines, logits, scale)


if __name__ == "__main__":
    main()
