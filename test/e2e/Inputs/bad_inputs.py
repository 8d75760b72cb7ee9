#!/usr/bin/python3
"""Makes the broken files of the end-to-end error tests.

  bad_inputs.py array OUT.npy DTYPE SHAPE [--poke I=V ...]
      a .npy of DTYPE (float32, int32, ...) and SHAPE ("1,8000"; "" for a
      scalar): floats ~ normal(0, 0.1), integers in [0, 10000); each --poke
      sets the flat element I to V (e.g. an out-of-range token id).
  bad_inputs.py npz IN.npz OUT.npz [--drop NAME] [--add NAME=SHAPE]
                [--reshape NAME=SHAPE] [--retype NAME=DTYPE] [--scale NAME=F]
      IN.npz with one tensor removed, added (zeros), given a new shape
      (values drawn anew), a new dtype, or its values scaled.
  bad_inputs.py wav OUT.wav [--channels N] [--rate HZ] [--bits 8|16]
                [--samples N] [--cut BYTES] [--not-riff]
      a WAV file (a sine) with the given properties, default the valid
      16-bit mono 16 kHz 16000 samples; --cut drops the last BYTES bytes
      (a truncated file), --not-riff overwrites the RIFF tag.
"""

import argparse
import struct
import sys

import numpy as np


def parse_shape(text):
    text = text.strip()
    return tuple(int(d) for d in text.split(",")) if text else ()


def split_kv(item):
    name, sep, value = item.rpartition("=")
    if not sep or not name:
        sys.exit("bad_inputs.py: expected NAME=VALUE, got %r" % item)
    return name, value


def random_array(rng, dtype, shape):
    dtype = np.dtype(dtype)
    if np.issubdtype(dtype, np.floating):
        return (0.1 * rng.normal(size=shape)).astype(dtype)
    return rng.integers(0, 10000, size=shape).astype(dtype)


def cmd_array(args, rng):
    a = random_array(rng, args.dtype, parse_shape(args.shape))
    for item in args.poke:
        index, value = split_kv(item)
        a.flat[int(index)] = a.dtype.type(value)
    np.save(args.out, a)


def cmd_npz(args, rng):
    with np.load(args.inp) as npz:
        tensors = {k: npz[k] for k in npz.files}

    def need(name):
        if name not in tensors:
            sys.exit("bad_inputs.py: %s has no tensor %s" % (args.inp, name))

    for name in args.drop:
        need(name)
        del tensors[name]
    for item in args.add:
        name, shape = split_kv(item)
        tensors[name] = np.zeros(parse_shape(shape), np.float32)
    for item in args.reshape:
        name, shape = split_kv(item)
        need(name)
        tensors[name] = random_array(rng, tensors[name].dtype,
                                     parse_shape(shape))
    for item in args.retype:
        name, dtype = split_kv(item)
        need(name)
        tensors[name] = tensors[name].astype(dtype)
    for item in args.scale:
        name, factor = split_kv(item)
        need(name)
        tensors[name] = (tensors[name] * float(factor)).astype(
            tensors[name].dtype)
    np.savez(args.out, **tensors)


def cmd_wav(args, rng):
    t = np.arange(args.samples) / float(args.rate)
    x = 0.5 * np.sin(2 * np.pi * 440.0 * t)
    x = np.repeat(x[:, None], args.channels, axis=1).ravel()
    if args.bits == 16:
        pcm = np.round(x * 32767).astype("<i2").tobytes()
    elif args.bits == 8:
        pcm = np.round(x * 127 + 128).astype(np.uint8).tobytes()
    else:
        sys.exit("bad_inputs.py: --bits must be 8 or 16")
    block = args.channels * args.bits // 8
    fmt = struct.pack("<HHIIHH", 1, args.channels, args.rate,
                      args.rate * block, block, args.bits)
    body = (b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt +
            b"data" + struct.pack("<I", len(pcm)) + pcm)
    if len(pcm) % 2:
        body += b"\0"
    data = (b"JUNK" if args.not_riff else b"RIFF") + struct.pack(
        "<I", len(body)) + body
    if args.cut:
        data = data[:-args.cut]
    with open(args.out, "wb") as f:
        f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("array")
    p.add_argument("out")
    p.add_argument("dtype")
    p.add_argument("shape")
    p.add_argument("--poke", action="append", default=[])
    p.set_defaults(fn=cmd_array)

    p = sub.add_parser("npz")
    p.add_argument("inp")
    p.add_argument("out")
    for opt in ("drop", "add", "reshape", "retype", "scale"):
        p.add_argument("--" + opt, action="append", default=[])
    p.set_defaults(fn=cmd_npz)

    p = sub.add_parser("wav")
    p.add_argument("out")
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--rate", type=int, default=16000)
    p.add_argument("--bits", type=int, default=16)
    p.add_argument("--samples", type=int, default=16000)
    p.add_argument("--cut", type=int, default=0)
    p.add_argument("--not-riff", action="store_true")
    p.set_defaults(fn=cmd_wav)

    args = parser.parse_args()
    args.fn(args, np.random.default_rng(1234))


if __name__ == "__main__":
    main()
