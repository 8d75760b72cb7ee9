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

Only numpy and the standard library are used; everything is seeded.
"""

import argparse
import os
import wave

import numpy as np

SAMPLE_RATE = 16000
NUM_SAMPLES = 16000
NUM_TOKENS = 32
VOCAB_SIZE = 10000
PEAK = 0.5  # of full scale

# (F1, F2, F3) in Hz of a few vowels, from the usual adult-male tables.
VOWELS = {
    "a": (730.0, 1090.0, 2440.0),
    "e": (530.0, 1840.0, 2480.0),
    "i": (270.0, 2290.0, 3010.0),
    "o": (570.0, 840.0, 2410.0),
    "u": (300.0, 870.0, 2240.0),
}


def make_tokens(rng):
    # Half frequent ids (Zipf, exponent 1.1, shifted to start at 0; ids past
    # the vocabulary are redrawn, not clipped onto one value), half uniform
    # over the vocabulary, so the lookup touches rows all over the table.
    ids = []
    while len(ids) < NUM_TOKENS:
        if rng.random() < 0.5:
            x = int(rng.integers(0, VOCAB_SIZE))
        else:
            x = int(rng.zipf(1.1)) - 1
        if x < VOCAB_SIZE:
            ids.append(x)
    return ids


def glottal_source(rng, f0):
    """Band-limited pulse train: harmonics up to 4 kHz with a -12 dB/octave
    tilt, summed with a running phase so the pitch can glide."""
    phase = 2.0 * np.pi * np.cumsum(f0) / SAMPLE_RATE
    phase += 0.01 * np.cumsum(rng.normal(size=f0.shape)) / np.sqrt(f0.size)
    out = np.zeros_like(f0)
    for k in range(1, 40):
        alias_free = (k * f0) < 4000.0
        out += alias_free * np.sin(k * phase) / (k * k)
    return out


def resonate(x, freqs, bandwidth):
    """Two-pole resonator whose centre frequency follows `freqs` sample by
    sample (a time-varying formant)."""
    y = np.zeros_like(x)
    r = np.exp(-np.pi * bandwidth / SAMPLE_RATE)
    y1 = y2 = 0.0
    for n in range(x.size):
        c = 2.0 * r * np.cos(2.0 * np.pi * freqs[n] / SAMPLE_RATE)
        y0 = (1.0 - r) * x[n] + c * y1 - r * r * y2
        y[n] = y0
        y2, y1 = y1, y0
    return y


def make_audio(rng):
    t = np.arange(NUM_SAMPLES) / SAMPLE_RATE
    # Pitch: a rise then a fall, as in a short exclamation.
    f0 = 120.0 + 60.0 * np.sin(np.pi * t) + 8.0 * np.sin(2 * np.pi * 5.0 * t)
    source = glottal_source(rng, f0)

    # Four syllables: (start s, end s, vowel).
    syllables = [(0.06, 0.24, "a"), (0.30, 0.46, "i"), (0.52, 0.70, "o"),
                 (0.76, 0.94, "e")]
    envelope = np.zeros(NUM_SAMPLES)
    formants = np.tile(np.array(VOWELS["a"]), (NUM_SAMPLES, 1))
    for start, end, vowel in syllables:
        a, b = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
        envelope[a:b] = np.sin(np.linspace(0.0, np.pi, b - a)) ** 0.6
        formants[a:] = VOWELS[vowel]
    # Glide between vowels instead of jumping (about 30 ms).
    kernel = np.hanning(481)
    kernel /= kernel.sum()
    for j in range(3):
        formants[:, j] = np.convolve(formants[:, j], kernel, mode="same")
        formants[:240, j] = formants[240, j]
        formants[-240:, j] = formants[-241, j]

    voiced = sum(
        resonate(source, formants[:, j], bw) * gain
        for j, (bw, gain) in enumerate([(80.0, 1.0), (100.0, 0.6),
                                        (140.0, 0.3)]))
    voiced *= envelope

    # Fricatives ("s"-like: high-passed noise) in the gaps.
    noise = rng.normal(size=NUM_SAMPLES)
    hissy = noise - np.convolve(noise, np.ones(4) / 4.0, mode="same")
    fric_env = np.zeros(NUM_SAMPLES)
    for start, end in [(0.25, 0.29), (0.71, 0.75)]:
        a, b = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
        fric_env[a:b] = np.hanning(b - a)

    voiced /= np.max(np.abs(voiced))
    signal = voiced + 0.25 * hissy * fric_env + 0.003 * noise
    signal *= PEAK / np.max(np.abs(signal))
    return np.round(signal * 32767.0).astype(np.int16)


def write_wav(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(samples.astype("<i2").tobytes())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out-dir", default=os.path.join(here, "data"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    tokens = make_tokens(rng)
    with open(os.path.join(args.out_dir, "tokens.txt"), "w") as f:
        f.write(" ".join(str(i) for i in tokens) + "\n")
    samples = make_audio(rng)
    assert samples.shape == (NUM_SAMPLES,)
    write_wav(os.path.join(args.out_dir, "audio.wav"), samples)
    print("wrote %d tokens and %d samples to %s" %
          (len(tokens), samples.size, args.out_dir))


if __name__ == "__main__":
    main()
