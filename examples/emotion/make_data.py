#!/usr/bin/python3
"""Writes the example's bundled inputs: data/tokens.txt and data/audio.wav.

Run once; the outputs are committed (they are small), so the example and
its test do not depend on this script's numerics staying the same:

    /usr/bin/python3 examples/emotion/make_data.py [--out-dir DIR]

tokens.txt: 32 token ids in [0, 10000), whitespace separated, drawn from a
  mix of a Zipf-like law (as real subword ids: many small ids, a long
  tail) and uniform ids.
audio.wav: 1 s of 16-bit PCM mono at 16 kHz (exactly 16000 samples) that
  looks like speech to a log-mel front-end: a glottal source with a moving
  pitch, vowel formants that change per syllable, syllable envelopes,
  fricative noise between syllables, and a faint noise floor.

The voice is examples/common/voice.py's. Only numpy and the standard
library are used; everything is seeded.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
sys.dont_write_bytecode = True  # leave no __pycache__ in examples/common
import voice  # noqa: E402  (examples/common/voice.py)

SAMPLE_RATE = voice.SAMPLE_RATE  # 16000
NUM_SAMPLES = 16000
NUM_TOKENS = 32
VOCAB_SIZE = 10000
PEAK = 0.5  # of full scale

# Four syllables: (start s, end s, vowel), and fricatives in two gaps.
SYLLABLES = [(0.06, 0.24, "a"), (0.30, 0.46, "i"), (0.52, 0.70, "o"),
             (0.76, 0.94, "e")]
FRICATIVES = [(0.25, 0.29), (0.71, 0.75)]


def make_audio(rng):
    t = np.arange(NUM_SAMPLES) / SAMPLE_RATE
    # Pitch: a rise then a fall, as in a short exclamation.
    f0 = 120.0 + 60.0 * np.sin(np.pi * t) + 8.0 * np.sin(2 * np.pi * 5.0 * t)
    return voice.speech(rng, f0, SYLLABLES, FRICATIVES, PEAK)


def main():
    voice.text_audio_main(__doc__.split("\n")[0], 2026, HERE, NUM_TOKENS,
                          VOCAB_SIZE, NUM_SAMPLES, make_audio)


if __name__ == "__main__":
    main()
