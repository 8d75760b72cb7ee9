#!/usr/bin/python3
"""PyTorch twin of examples/crossattn/model.mm: the oracle for the compiled model.

The module below has the same attribute names as the .mm layers, so its
state_dict() is exactly the weight set `mmc pack` expects, and forward()
mirrors the .mm function line by line.

Modes (they combine; run with /usr/bin/python3, Debian's torch 1.13):

  --seed N --weights-out W.npz
      random weights (not PyTorch's default init: see randomize(); biases
      and the layer norm's scale and shift are far from 0 and 1), saved as
      numpy.savez(**state_dict) in float32, including torchaudio's computed
      buffers mel.spectrogram.window and mel.mel_scale.fb.
  --batch B --time T --inputs-out DIR
      writes DIR/text.npy (int32 [B, T] in [0, 10000)), DIR/audio.npy
      (float32 [B, 48000]: sines + noise, amplitude ~0.5) and
      DIR/expected0.npy (float32 [B, 7]), the model's output computed in
      float64 from the float32 weights and inputs.
  --tokens tokens.txt --wav audio.wav [--check APP.txt]
      prints the 7 class probabilities of one example (B = 1) read like
      main.c reads it (16-bit PCM / 32768), one `class K: P` line each;
      with --check, also reads what main.c printed for the same files and
      fails (exit 1) unless max_k |app_k - ref_k| <= 1e-4 * max_k |ref_k|
      + 5e-7 (half a unit of the app's sixth decimal).

Weights come from --seed, or from --weights-in W.npz (to check a weights
file that was made earlier). The inputs' random stream depends on the
seed, B and T, never on the weights.
"""

import argparse
import os
import re
import sys
import wave

import numpy as np
import torch
import torchaudio
from torch import nn

VOCAB_SIZE = 10000
NUM_SAMPLES = 48000  # 3 s
SAMPLE_RATE = 16000
NUM_CLASSES = 7


class Crossattn(nn.Module):
    """model crossattn { ... } of model.mm."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(VOCAB_SIZE, 256)
        self.lstm = nn.LSTM(256, 256, batch_first=True)
        self.mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=SAMPLE_RATE, n_fft=512, hop_length=160, n_mels=80)
        self.audio_fc = nn.Linear(80, 256)
        self.attn = nn.MultiheadAttention(256, 4, batch_first=True)
        self.norm = nn.LayerNorm(256)
        self.head = nn.Linear(256, NUM_CLASSES)

    def forward(self, text, audio):
        t = self.lstm(self.embed(text))[0]                       # .output
        m = torch.log(self.mel(audio) + 1e-6)
        a = self.audio_fc(torch.transpose(m, 1, 2))
        x = self.norm(t + self.attn(t, a, a, need_weights=False)[0])
        return torch.softmax(self.head(torch.mean(x, dim=1)), dim=1)


# (mean, std) of each tensor's normal distribution. Chosen so that nothing
# saturates for every input (which would make the comparison blind): the
# LSTM's gates stay mostly in their linear range; audio_fc sees log-mel
# values of magnitude ~5-14, so its weights are small; the attention's
# scores spread over a few units, so the softmax over the 301 audio frames
# is neither uniform nor one-hot; and head's logits differ by a few units,
# so all 7 probabilities are visible. Every bias ~ normal(0.1, 0.5); the
# layer norm's scale ~ normal(1, 0.3) and shift ~ normal(0.1, 0.5), so a
# lowering that ignored either would fail.
INIT = {
    "embed.weight": (0.0, 0.5),
    "lstm.weight_ih_l0": (0.0, 0.08),
    "lstm.weight_hh_l0": (0.0, 0.08),
    "audio_fc.weight": (0.0, 0.05),
    "attn.in_proj_weight": (0.0, 0.3),
    "attn.out_proj.weight": (0.0, 0.1),
    "norm.weight": (1.0, 0.3),
    "head.weight": (0.0, 0.15),
}
BIAS_MEAN, BIAS_STD = 0.1, 0.5
# torchaudio's buffers: computed from the layer's arguments, not trained.
COMPUTED_BUFFERS = ("mel.spectrogram.window", "mel.mel_scale.fb")


def randomize(model, seed):
    """Re-initializes every parameter (buffers are computed, not weights)."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen, dtype=p.dtype)
            if "bias" in name.rsplit(".", 1)[-1]:
                p.copy_(BIAS_MEAN + BIAS_STD * noise)
            else:
                mean, std = INIT[name]
                p.copy_(mean + std * noise)


def build(seed=None, weights_in=None):
    model = Crossattn()
    if weights_in is not None:
        with np.load(weights_in) as npz:
            state = {k: torch.from_numpy(npz[k]) for k in npz.files}
        # The computed buffers may be left out, as `mmc pack` allows.
        missing, unexpected = model.load_state_dict(state, strict=False)
        missing = [k for k in missing if k not in COMPUTED_BUFFERS]
        if missing or unexpected:
            sys.exit("reference.py: %s: missing %s, unexpected %s" %
                     (weights_in, missing, unexpected))
    else:
        randomize(model, seed)
    return model.eval()


def save_weights(model, path):
    state = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    for k, v in state.items():
        assert v.dtype == np.float32, (k, v.dtype)
    np.savez(path, **state)


def make_inputs(seed, batch, time):
    """Token ids and 3 s of audio per example: a few sines with random
    frequencies/phases that start and stop at random times (so that the
    audio frames differ and attention has something to choose between)
    plus a little noise, peak amplitude ~0.5."""
    rng = np.random.default_rng([seed, batch, time, 0x5eed])
    text = rng.integers(0, VOCAB_SIZE, size=(batch, time)).astype(np.int32)
    t = np.arange(NUM_SAMPLES) / SAMPLE_RATE
    audio = np.zeros((batch, NUM_SAMPLES))
    for b in range(batch):
        for _ in range(rng.integers(3, 8)):
            freq = rng.uniform(80.0, 4000.0)
            start, end = np.sort(rng.uniform(0.0, NUM_SAMPLES / SAMPLE_RATE,
                                             size=2))
            audio[b] += ((t >= start) & (t < end)) * rng.uniform(0.2, 1.0) * \
                np.sin(2 * np.pi * freq * t + rng.uniform(0, 2 * np.pi))
        audio[b] += 0.05 * rng.normal(size=NUM_SAMPLES)
        audio[b] *= 0.5 / np.max(np.abs(audio[b]))
    return text, audio.astype(np.float32)


def run_reference(model, text, audio):
    """The oracle: float64 math on the (float32) weights and inputs."""
    model64 = Crossattn()
    model64.load_state_dict(model.state_dict())
    model64 = model64.double().eval()
    with torch.no_grad():
        out = model64(torch.from_numpy(text.astype(np.int64)),
                      torch.from_numpy(audio.astype(np.float64)))
    return out.numpy()


def read_tokens(path):
    with open(path) as f:
        words = f.read().split()
    if not words:
        sys.exit("reference.py: %s holds no token ids" % path)
    try:
        ids = [int(w) for w in words]
    except ValueError as e:
        sys.exit("reference.py: %s: %s" % (path, e))
    return np.array([ids], dtype=np.int32)


def read_wav(path):
    """16-bit PCM mono 16 kHz, exactly NUM_SAMPLES samples (as main.c)."""
    with wave.open(path, "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (
                1, 2, SAMPLE_RATE) or w.getnframes() != NUM_SAMPLES:
            sys.exit("reference.py: %s is not 16-bit mono %d Hz with %d "
                     "samples" % (path, SAMPLE_RATE, NUM_SAMPLES))
        pcm = np.frombuffer(w.readframes(NUM_SAMPLES), dtype="<i2")
    return (pcm.astype(np.float32) / 32768.0)[None, :]


def check_app(path, ref, rtol=1e-4):
    """Compares main.c's `class K: P` lines in PATH with REF."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        sys.exit("reference.py: FAIL: cannot read %s: %s" % (path, e))
    found = re.findall(r"^class (\d+): (\S+)$", text, re.M)
    if [int(k) for k, _ in found] != list(range(NUM_CLASSES)):
        sys.exit("reference.py: FAIL: %s does not hold the lines class 0: "
                 "... class %d: (one each, in order):\n%s" %
                 (path, NUM_CLASSES - 1, text))
    app = np.array([float(p) for _, p in found])
    err = float(np.max(np.abs(app - ref)))
    bound = rtol * float(np.max(np.abs(ref))) + 5e-7
    if not err <= bound:  # also fails on NaN
        sys.exit("reference.py: FAIL: max|app - ref| = %.3e > %.3e (rtol %g)"
                 % (err, bound, rtol))
    print("reference.py: OK: max|app - ref| = %.3e <= %.3e (rtol %g)" %
          (err, bound, rtol))


def main():
    parser = argparse.ArgumentParser(
        description="PyTorch reference of examples/crossattn/model.mm")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weights-in", help="load weights from this .npz "
                        "instead of drawing them from --seed")
    parser.add_argument("--weights-out", help="write the weights (.npz)")
    parser.add_argument("--batch", type=int)
    parser.add_argument("--time", type=int)
    parser.add_argument("--inputs-out", help="write text.npy, audio.npy and "
                        "expected0.npy into this directory")
    parser.add_argument("--tokens", help="tokens.txt for a one-example run")
    parser.add_argument("--wav", help="audio.wav for a one-example run")
    parser.add_argument("--check", metavar="APP.txt", help="compare main.c's "
                        "output on the same files with the reference")
    args = parser.parse_args()

    if args.inputs_out and (args.batch is None or args.time is None):
        parser.error("--inputs-out needs --batch and --time")
    if (args.batch is not None and args.batch < 1) or (
            args.time is not None and args.time < 1):
        parser.error("--batch and --time must be at least 1")
    if bool(args.tokens) != bool(args.wav):
        parser.error("--tokens and --wav go together")
    if args.check and not args.tokens:
        parser.error("--check needs --tokens and --wav")
    if not (args.weights_out or args.inputs_out or args.tokens):
        parser.error("nothing to do: give --weights-out, --inputs-out or "
                     "--tokens/--wav")

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    model = build(args.seed, args.weights_in)

    if args.weights_out:
        save_weights(model, args.weights_out)
    if args.inputs_out:
        os.makedirs(args.inputs_out, exist_ok=True)
        text, audio = make_inputs(args.seed, args.batch, args.time)
        expected = run_reference(model, text, audio).astype(np.float32)
        np.save(os.path.join(args.inputs_out, "text.npy"), text)
        np.save(os.path.join(args.inputs_out, "audio.npy"), audio)
        np.save(os.path.join(args.inputs_out, "expected0.npy"), expected)
    if args.tokens:
        text, audio = read_tokens(args.tokens), read_wav(args.wav)
        if text.min() < 0 or text.max() >= VOCAB_SIZE:
            sys.exit("reference.py: %s has a token id outside [0, %d)" %
                     (args.tokens, VOCAB_SIZE))
        probs = run_reference(model, text, audio)[0]
        for k, p in enumerate(probs):
            print("class %d: %.9f" % (k, p))
        if args.check:
            check_app(args.check, probs)


if __name__ == "__main__":
    main()
