#!/usr/bin/python3
"""Writes the example's bundled inputs: data/tokens.txt and data/audio.wav.

Run once; the outputs are committed (they are small), so the example and
its test do not depend on this script's numerics staying the same:

    /usr/bin/python3 examples/crossattn/make_data.py [--out-dir DIR]

tokens.txt: 64 token ids in [0, 10000), whitespace separated, drawn like
  examples/emotion's (half Zipf-like, half uniform).
audio.wav: 3 s of 16-bit PCM mono at 16 kHz (exactly 48000 samples) that
  looks like speech to a log-mel front-end, made with the same voice as
  examples/emotion's (examples/common/voice.py): eleven syllables in three phrases, each
  phrase with its own pitch contour, fricatives between some syllables,
  pauses between phrases, and a faint noise floor. The pauses and the
  changing vowels give the model's cross-attention frames that differ.

Only numpy and the standard library are used; everything is seeded.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
sys.dont_write_bytecode = True  # leave no __pycache__ in examples/common
import voice  # noqa: E402  (examples/common/voice.py)

SAMPLE_RATE = voice.SAMPLE_RATE  # 16000
NUM_SAMPLES = 3 * SAMPLE_RATE
NUM_TOKENS = 64
VOCAB_SIZE = 10000
PEAK = 0.5  # of full scale

# Three phrases: (start s, end s) of each syllable, and its vowel.
PHRASES = [
    [(0.10, 0.26, "a"), (0.31, 0.45, "e"), (0.50, 0.68, "o"),
     (0.73, 0.92, "a")],
    [(1.20, 1.36, "i"), (1.42, 1.58, "u"), (1.64, 1.86, "e")],
    [(2.15, 2.30, "o"), (2.35, 2.50, "i"), (2.56, 2.72, "a"),
     (2.78, 2.95, "u")],
]
# Fricatives ("s"-like noise) between some syllables.
FRICATIVES = [(0.27, 0.30), (0.69, 0.72), (1.37, 1.41), (2.51, 2.55)]


def make_audio(rng):
    t = np.arange(NUM_SAMPLES) / SAMPLE_RATE
    # Pitch: every phrase rises then falls from its own base; the last one
    # rises at the end, as a question.
    f0 = np.full(NUM_SAMPLES, 110.0)
    for phrase, (base, swing) in zip(PHRASES, [(120.0, 50.0), (105.0, 30.0),
                                               (115.0, 70.0)]):
        a, b = phrase[0][0], phrase[-1][1]
        inside = (t >= a - 0.05) & (t < b + 0.05)
        f0[inside] = base + swing * np.sin(np.pi * (t[inside] - a) / (b - a))
    f0[t > 2.7] += 120.0 * (t[t > 2.7] - 2.7)
    f0 += 6.0 * np.sin(2 * np.pi * 5.0 * t)
    syllables = [s for phrase in PHRASES for s in phrase]
    return voice.speech(rng, f0, syllables, FRICATIVES, PEAK)


def main():
    voice.text_audio_main(__doc__.split("\n")[0], 2027, HERE, NUM_TOKENS,
                          VOCAB_SIZE, NUM_SAMPLES, make_audio)


if __name__ == "__main__":
    main()
