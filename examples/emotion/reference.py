#!/usr/bin/python3
"""PyTorch twin of examples/emotion/model.mm: the oracle for the compiled model.

The module below has the same attribute names as the .mm layers, so its
state_dict() is exactly the weight set `mmc pack` expects, and forward()
mirrors the .mm function line by line.

Modes (they combine; run with /usr/bin/python3, Debian's torch 1.13):

  --seed N --weights-out W.npz
      random weights (not PyTorch's default init: every weight
      ~ normal(0, std) and every bias ~ normal(0.1, 0.5), see randomize()),
      saved as numpy.savez(**state_dict) in float32, including torchaudio's
      computed buffers mel.spectrogram.window and mel.mel_scale.fb.
  --batch B --time T --inputs-out DIR
      writes DIR/text.npy (int32 [B, T] in [0, 10000)), DIR/audio.npy
      (float32 [B, 16000]: sines + noise, amplitude ~0.5) and
      DIR/expected0.npy (float32 [B, 1]), the model's output computed in
      float64 from the float32 weights and inputs.
  --tokens tokens.txt --wav audio.wav [--check APP.txt]
      prints `score: X` for one example (B = 1) read like main.c reads it
      (16-bit PCM / 32768); with --check, also reads what main.c printed
      for the same files and fails (exit 1) unless |app - ref| <= 1e-4 *
      |ref| + 5e-7 (half a unit of the app's sixth decimal).

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
NUM_SAMPLES = 16000
SAMPLE_RATE = 16000


class Emotion(nn.Module):
    """model emotion { ... } of model.mm."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(VOCAB_SIZE, 128)
        self.lstm = nn.LSTM(128, 64, batch_first=True)
        self.mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=SAMPLE_RATE, n_fft=400, hop_length=160, n_mels=64)
        self.audio_fc = nn.Linear(64, 64)
        self.head = nn.Linear(128, 1)

    def forward(self, text, audio):
        t = self.lstm(self.embed(text))[1][0][-1]                # .h_n[-1]
        a = torch.mean(torch.log(self.mel(audio) + 1e-6), dim=2)
        a = torch.relu(self.audio_fc(a))
        return torch.sigmoid(self.head(torch.cat([t, a], dim=1)))


# Standard deviation of each weight (mean 0; every bias ~ normal(0.1, 0.5),
# see twin_cli.randomize). normal(0, 0.3) everywhere except where it would
# saturate the final sigmoid for every input (which would make the
# comparison blind): audio_fc sees log-mel values of magnitude ~5-10, and
# head sums 128 features. With these, the pre-sigmoid logit of random
# inputs is spread over a few units around 0.
WEIGHT_STD = {
    "embed.weight": 0.3,
    "lstm.weight_ih_l0": 0.3,
    "lstm.weight_hh_l0": 0.3,
    "audio_fc.weight": 0.05,
    "head.weight": 0.15,
}
# torchaudio's buffers: computed from the layer's arguments, not trained.
COMPUTED_BUFFERS = ("mel.spectrogram.window", "mel.mel_scale.fb")


def build(seed=None, weights_in=None):
    """The model, its weights drawn from SEED or loaded from WEIGHTS_IN
    (an .npz), in eval mode (also used by bench/workloads/torch_bench.py)."""
    return twin_cli.build(Emotion(), seed, lambda name: (0.0, WEIGHT_STD[name]),
                          weights_in, COMPUTED_BUFFERS)


def make_inputs(seed, batch, time):
    """Token ids and 1 s of audio per example: a few sines with random
    frequencies/phases plus a little noise, peak amplitude ~0.5."""
    rng = np.random.default_rng([seed, batch, time, 0x5eed])
    text = rng.integers(0, VOCAB_SIZE, size=(batch, time)).astype(np.int32)
    t = np.arange(NUM_SAMPLES) / SAMPLE_RATE
    audio = np.zeros((batch, NUM_SAMPLES))
    for b in range(batch):
        for _ in range(rng.integers(2, 6)):
            freq = rng.uniform(80.0, 4000.0)
            audio[b] += rng.uniform(0.2, 1.0) * np.sin(
                2 * np.pi * freq * t + rng.uniform(0, 2 * np.pi))
        audio[b] += 0.1 * rng.normal(size=NUM_SAMPLES)
        audio[b] *= 0.5 / np.max(np.abs(audio[b]))
    return text, audio.astype(np.float32)


def show(out, check):
    """Prints the score of one example; with CHECK, compares the app's."""
    score = out[0, 0]
    print("score: %.9f" % score)
    if check:
        # The score is in (0, 1): its own size is its scale.
        app = twin_cli.read_app_lines(check, r"^(score): (\S+)$", ["score"])
        twin_cli.check_close("", float(app[0][1]), score, abs(score))


def main():
    twin_cli.text_audio_main("emotion", build, make_inputs, VOCAB_SIZE,
                             SAMPLE_RATE, NUM_SAMPLES, show)


if __name__ == "__main__":
    main()
