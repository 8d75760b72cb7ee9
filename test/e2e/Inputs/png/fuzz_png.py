"""fuzz_png.py PNG LIBRARY WEIGHTS OUTDIR [COUNT]: runs mm-run on COUNT
mutants of PNG (bit flips, truncations, chunk lengths and IHDR fields
rewritten; fixed seed). Every run must exit with 0, or with 1 and an
`mm-run: error:` message, within 20 s; anything else (a signal, a crash,
a hang) is printed with its mutant kept, and the script exits 1."""
import os
import random
import struct
import subprocess
import sys


def mutate(rng, blob):
    b = bytearray(blob)
    kind = rng.randrange(4)
    if kind == 0:  # bit flips anywhere
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    elif kind == 1:  # truncation
        b = b[: rng.randrange(len(b))]
    elif kind == 2:  # IHDR width/height/depth/colour type
        off = 16 + rng.choice([0, 4, 8, 9, 10, 11, 12])
        value = rng.choice([0, 1, 3, 7, 16, 255, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF])
        if off < 24:
            b[off:off + 4] = struct.pack(">I", value)
        else:
            b[off] = value & 0xFF
    else:  # a chunk length
        b[33:37] = struct.pack(">I", rng.choice([0, 1, 0x7FFFFFFF, 0xFFFFFFFF, len(b)]))
    return bytes(b)


def main():
    png, lib, weights, out = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    blob = open(png, "rb").read()
    rng = random.Random(5)
    bad = 0
    for i in range(count):
        path = os.path.join(out, "mutant%d.png" % i)
        open(path, "wb").write(mutate(rng, blob))
        try:
            r = subprocess.run(["mm-run", lib, "--weights", weights, "--input", "image=" + path,
                                "--output-dir", os.path.join(out, "o%d" % i)],
                               capture_output=True, text=True, timeout=20)
        except subprocess.TimeoutExpired:
            print("HANG on", path)
            bad += 1
            continue
        ok = r.returncode == 0 or (r.returncode == 1 and "mm-run: error:" in r.stderr)
        if not ok:
            print("FAIL on %s: exit %d\n%s" % (path, r.returncode, r.stderr))
            bad += 1
        else:
            os.remove(path)
    print("%d mutants, %d failures" % (count, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
