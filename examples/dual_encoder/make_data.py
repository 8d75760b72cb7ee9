#!/usr/bin/python3
"""Writes the example's bundled inputs: data/image.ppm and data/captions.txt.

Run once; the outputs are committed (they are small), so the example and
its test do not depend on this script's numerics staying the same:

    /usr/bin/python3 examples/dual_encoder/make_data.py [--out-dir DIR]

image.ppm: a 64x64 RGB picture as a binary PPM (P6, maxval 255): a sky
  gradient, a sun, hills, a house with a roof, door and window, and a
  little sensor noise. PPM is a 15-byte header followed by the raw pixels,
  so the C application reads it without an image library, and any image
  viewer shows it.
captions.txt: four captions, one per line, each exactly 32 token ids in
  [0, 10000): 6 to 14 ids drawn like examples/emotion's (half Zipf-like,
  half uniform) and then 0s as padding (the model has no mask; it reads
  all 32 positions).

Only numpy and the standard library are used; everything is seeded.
"""

import argparse
import os

import numpy as np

SIZE = 64
CONTEXT = 32
NUM_CAPTIONS = 4
VOCAB_SIZE = 10000


def make_image(rng):
    ys, xs = np.mgrid[0:SIZE, 0:SIZE] / (SIZE - 1.0)
    img = np.zeros((SIZE, SIZE, 3))
    # Sky: deep blue at the top to pale near the horizon.
    sky = np.array([0.25, 0.45, 0.85]) * (1 - ys[..., None]) + \
        np.array([0.75, 0.85, 0.95]) * ys[..., None]
    img[:] = sky
    # Sun, with a soft halo.
    d = np.hypot(xs - 0.8, ys - 0.2)
    img = np.where((d < 0.09)[..., None], [1.0, 0.9, 0.4], img)
    img += (np.exp(-((d / 0.18) ** 2)) * 0.25)[..., None] * [1.0, 0.8, 0.3]
    # Two hills.
    hill = (ys > 0.62 + 0.08 * np.cos(2 * np.pi * (xs - 0.3))) | \
        (ys > 0.7 + 0.05 * np.sin(3 * np.pi * xs))
    shade = 0.8 + 0.2 * np.cos(5 * xs + 3 * ys)
    img = np.where(hill[..., None], np.stack(
        [0.2 * shade, 0.6 * shade, 0.2 * shade], axis=-1), img)
    # House: walls, a roof (triangle), a door and a window.
    walls = (xs > 0.2) & (xs < 0.48) & (ys > 0.5) & (ys < 0.78)
    roof = (ys > 0.34) & (ys <= 0.5) & (np.abs(xs - 0.34) < (ys - 0.34) * 1.0)
    door = (xs > 0.3) & (xs < 0.37) & (ys > 0.64) & (ys < 0.78)
    window = (xs > 0.4) & (xs < 0.46) & (ys > 0.55) & (ys < 0.61)
    img = np.where(walls[..., None], [0.85, 0.75, 0.6], img)
    img = np.where(roof[..., None], [0.7, 0.15, 0.1], img)
    img = np.where(door[..., None], [0.35, 0.2, 0.1], img)
    img = np.where(window[..., None], [0.6, 0.8, 0.95], img)
    img += 0.02 * rng.normal(size=img.shape)
    return np.round(np.clip(img, 0, 1) * 255).astype(np.uint8)


def make_caption(rng):
    ids = []
    length = int(rng.integers(6, 15))
    while len(ids) < length:
        if rng.random() < 0.5:
            x = int(rng.integers(1, VOCAB_SIZE))
        else:
            x = int(rng.zipf(1.1))
        if x < VOCAB_SIZE:
            ids.append(x)
    return ids + [0] * (CONTEXT - length)


def write_ppm(path, pixels):
    height, width, _ = pixels.shape
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (width, height))
        f.write(pixels.tobytes())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out-dir", default=os.path.join(here, "data"))
    parser.add_argument("--seed", type=int, default=2028)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    pixels = make_image(rng)
    assert pixels.shape == (SIZE, SIZE, 3)
    write_ppm(os.path.join(args.out_dir, "image.ppm"), pixels)
    with open(os.path.join(args.out_dir, "captions.txt"), "w") as f:
        for _ in range(NUM_CAPTIONS):
            f.write(" ".join(str(i) for i in make_caption(rng)) + "\n")
    print("wrote a %dx%d image and %d captions to %s" %
          (SIZE, SIZE, NUM_CAPTIONS, args.out_dir))


if __name__ == "__main__":
    main()
