"""make_png.py DIR: writes PNGs of several colour types (and the pixels each
should decode to, as RGB [3, H, W] .npy) plus a corrupt one, with a small
encoder of our own (no PIL on Debian's python3 by default)."""
import struct
import sys
import zlib

import numpy as np


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(pixels, color_type, bit_depth=8):
    """pixels: [H, W, C] of uint8 or uint16 (bit_depth 16)."""
    h, w = pixels.shape[:2]
    dtype = ">u2" if bit_depth == 16 else "u1"
    rows = b"".join(b"\0" + pixels[y].astype(dtype).tobytes() for y in range(h))
    header = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def main(out):
    rng = np.random.default_rng(7)
    h, w = 5, 7  # odd sizes: rows are not padded
    rgb = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    grey = rng.integers(0, 256, (h, w, 1), dtype=np.uint8)
    rgba = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
    rgb16 = rng.integers(0, 65536, (h, w, 3), dtype=np.uint16)
    cases = {
        "rgb": (png(rgb, 2), rgb),
        "grey": (png(grey, 0), np.repeat(grey, 3, axis=2)),
        # As PIL's convert("RGB"): the colour channels are kept, alpha dropped.
        "rgba": (png(rgba, 6), rgba[:, :, :3]),
        # 16 bits are rounded to 8: round(x * 255 / 65535).
        "rgb16": (png(rgb16, 2, 16), np.round(rgb16.astype(np.float64) * 255 / 65535).astype(np.uint8)),
    }
    for name, (data, expected) in cases.items():
        open(f"{out}/{name}.png", "wb").write(data)
        np.save(f"{out}/{name}.expected.npy", expected.transpose(2, 0, 1).copy())
    good = cases["rgb"][0]
    open(f"{out}/truncated.png", "wb").write(good[: len(good) // 2])
    open(f"{out}/notpng.png", "wb").write(b"GIF89a" + bytes(40))
    huge = struct.pack(">IIBBBBB", 16384, 8192, 8, 2, 0, 0, 0)  # within libpng's own limits
    open(f"{out}/huge.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", huge) +
                                           chunk(b"IDAT", zlib.compress(bytes(64))) + chunk(b"IEND", b""))


if __name__ == "__main__":
    main(sys.argv[1])
