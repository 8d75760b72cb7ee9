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

import os
import sys

import numpy as np
import torch
import torchaudio
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "common"))
sys.dont_write_bytecode = True  # leave no __pycache__ in examples/common
import twin_cli  # noqa: E402  (examples/common/twin_cli.py)

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
# torchaudio's buffers: computed from the layer's arguments, not trained.
COMPUTED_BUFFERS = ("mel.spectrogram.window", "mel.mel_scale.fb")


def build(seed=None, weights_in=None):
    """The model, its weights drawn from SEED or loaded from WEIGHTS_IN
    (an .npz), in eval mode (also used by bench/workloads/torch_bench.py)."""
    return twin_cli.build(Crossattn(), seed, INIT.__getitem__, weights_in,
                          COMPUTED_BUFFERS)


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


def show(out, check):
    """Prints the class probabilities of one example; with CHECK, compares
    the app's."""
    probs = out[0]
    for k, p in enumerate(probs):
        print("class %d: %.9f" % (k, p))
    if check:
        keys = ["class %d" % k for k in range(NUM_CLASSES)]
        app = twin_cli.read_app_lines(check, r"^(class \d+): (\S+)$", keys)
        twin_cli.check_close("", [float(p) for _, p in app], probs,
                             float(np.max(np.abs(probs))))


def main():
    twin_cli.text_audio_main("crossattn", build, make_inputs, VOCAB_SIZE,
                             SAMPLE_RATE, NUM_SAMPLES, show)


if __name__ == "__main__":
    main()
