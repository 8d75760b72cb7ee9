"""The synthetic voice of the examples' bundled audio, and their writers.

Used by examples/emotion/make_data.py and examples/crossattn/make_data.py
(imported by path): a glottal source with a moving pitch through
time-varying vowel formants, shaped into syllables, with fricative noise
in the gaps and a faint noise floor, as 16-bit PCM mono at 16 kHz; and
the token ids that go with it. Only numpy and the standard library are
used; everything is seeded by the caller's generator.
"""

import argparse
import os
import wave

import numpy as np

SAMPLE_RATE = 16000

# (F1, F2, F3) in Hz of a few vowels, from the usual adult-male tables.
VOWELS = {
    "a": (730.0, 1090.0, 2440.0),
    "e": (530.0, 1840.0, 2480.0),
    "i": (270.0, 2290.0, 3010.0),
    "o": (570.0, 840.0, 2410.0),
    "u": (300.0, 870.0, 2240.0),
}


def make_tokens(rng, count, vocab_size):
    """COUNT token ids in [0, vocab_size)."""
    # Half frequent ids (Zipf, exponent 1.1, shifted to start at 0; ids past
    # the vocabulary are redrawn, not clipped onto one value), half uniform
    # over the vocabulary, so the lookup touches rows all over the table.
    ids = []
    while len(ids) < count:
        if rng.random() < 0.5:
            x = int(rng.integers(0, vocab_size))
        else:
            x = int(rng.zipf(1.1)) - 1
        if x < vocab_size:
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


def speech(rng, f0, syllables, fricatives, peak):
    """Int16 samples of speech with pitch F0 (Hz, one value per sample):
    SYLLABLES are (start s, end s, vowel), FRICATIVES (start s, end s);
    the loudest sample is PEAK of full scale."""
    num_samples = f0.size
    source = glottal_source(rng, f0)

    envelope = np.zeros(num_samples)
    formants = np.tile(np.array(VOWELS["a"]), (num_samples, 1))
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
    noise = rng.normal(size=num_samples)
    hissy = noise - np.convolve(noise, np.ones(4) / 4.0, mode="same")
    fric_env = np.zeros(num_samples)
    for start, end in fricatives:
        a, b = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
        fric_env[a:b] = np.hanning(b - a)

    voiced /= np.max(np.abs(voiced))
    signal = voiced + 0.25 * hissy * fric_env + 0.003 * noise
    signal *= peak / np.max(np.abs(signal))
    return np.round(signal * 32767.0).astype(np.int16)


def write_wav(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(samples.astype("<i2").tobytes())


def write_text_audio(out_dir, tokens, samples):
    """OUT_DIR/tokens.txt (one line of ids) and OUT_DIR/audio.wav."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "tokens.txt"), "w") as f:
        f.write(" ".join(str(i) for i in tokens) + "\n")
    write_wav(os.path.join(out_dir, "audio.wav"), samples)
    print("wrote %d tokens and %d samples to %s" %
          (len(tokens), samples.size, out_dir))


def text_audio_main(description, seed, here, num_tokens, vocab_size,
                    num_samples, make_audio):
    """The command line of an example's make_data.py: `[--out-dir DIR]
    [--seed N]` (DIR defaults to HERE/data) writes NUM_TOKENS token ids and
    MAKE_AUDIO(rng) (NUM_SAMPLES int16 samples), drawn in that order."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out-dir", default=os.path.join(here, "data"))
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    tokens = make_tokens(rng, num_tokens, vocab_size)
    samples = make_audio(rng)
    assert samples.shape == (num_samples,)
    write_text_audio(args.out_dir, tokens, samples)
