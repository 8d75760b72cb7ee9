#!/usr/bin/python3
"""Mutational fuzzing of the weight readers: `mmc pack` on .npz and
.safetensors files, and `mm-run` on .mmw weights (and .npy / .wav inputs)
of a compiled model.

    fuzz_weights.py --out DIR --pack MODEL.mm=W.npz [--pack ...]
                    --run LIB.so --run-model MODEL.mm --run-npz W.npz
                    --input NAME=FILE.npy [--input ...]
                    [--seed N] [--npz-count N] [--safetensors-count N]
                    [--mmw-count N] [--npy-count N] [--wav-count N]
                    [--timeout S] [--bin DIR] [--only KIND:I]

Every --pack pair is a model and a state_dict of it written by numpy.savez
(test/e2e/Inputs/op_ref.py, examples/emotion/reference.py); the
.safetensors seeds are the same tensors converted here. --run is a library
written by `mmc compile` for --run-model, with weights packed from
--run-npz and valid inputs. First the unmutated files must pack and run
(exit 0); then each mutant must make the tool exit with 0, or 1 and
messages of the form `mm-run: error: ...`, `mmc: error: ...` or
`FILE: error: ...`. A signal, another exit code, a hang or a crash mark is
a failure: the mutant is saved under DIR/failures/ and the script exits 1
after the summary.

Mutant I of a kind (npz, safetensors, mmw, npy, wav) is a pure function of
--seed, I and the seed files; --only KIND:I runs it alone.
"""

import argparse
import os
import random
import re
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzzlib  # noqa: E402
import weightfiles as wf  # noqa: E402

INTERESTING_32 = [0, 1, 2, 3, 4, 7, 8, 63, 64, 65, 127, 128, 255, 256,
                  0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
                  0xfffffffe, 0xffffffff]
INTERESTING_64 = INTERESTING_32 + [2 ** 32, 2 ** 32 + 1, 2 ** 40, 2 ** 62,
                                   2 ** 63 - 1, 2 ** 63, 2 ** 64 - 1,
                                   2 ** 64 - 8]
DIM_VALUES = [0, 1, 2, -1, -2, 3, 7, 13, 52, 64, 65535, 2 ** 31 - 1, 2 ** 31,
              2 ** 32, 2 ** 32 + 1, 2 ** 40, 2 ** 62, 2 ** 63 - 1, -2 ** 63,
              3037000500, 4611686018427387904]
NAME_VALUES = ["", "x", "rnn", ".", "..", "/", "a/b", "../w", "rnn.weight",
               "rnn.weight_ih_l0 ", "RNN.WEIGHT_IH_L0", "rnn.weight_ih_l1",
               "w" * 300, "w" * 70000, "caf\u00e9", "\u00ff\u00fe",
               "a\0b", "\n", "%s%s%n", "__metadata__", "embed.weight",
               "mel.mel_scale.fb", "mel.spectrogram.window"]


def flip_bits(rng, blob, regions=None, count=None):
    """Flips bits; with regions, mostly inside them."""
    b = bytearray(blob)
    if not b:
        return bytes([rng.randrange(256)])
    for _ in range(count or rng.randint(1, 8)):
        if regions and rng.random() < 0.8:
            off, size, _ = rng.choice(regions)
            i = off + rng.randrange(max(size, 1))
            if i >= len(b):
                i = rng.randrange(len(b))
        else:
            i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def set_field(rng, blob, field, values=None):
    """Overwrites one structural field with an interesting value."""
    off, size, label = field
    b = bytearray(blob)
    if off + size > len(b) or size not in (1, 2, 4, 8):
        return flip_bits(rng, blob, [field]), label
    fmt = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}[size]
    (old,) = struct.unpack_from(fmt, b, off)
    pool = values or (INTERESTING_64 if size == 8 else INTERESTING_32)
    choice = rng.random()
    if choice < 0.6:
        new = rng.choice(pool)
    elif choice < 0.8:
        new = old + rng.choice([-64, -8, -4, -2, -1, 1, 2, 4, 8, 64])
    else:
        new = rng.randrange(1 << (8 * size))
    struct.pack_into(fmt, b, off, new % (1 << (8 * size)))
    return bytes(b), label


def tail_mutation(rng, blob):
    """Truncation, garbage appended or prepended, bytes inserted."""
    kind = rng.randrange(5)
    if kind == 0 and blob:
        return blob[:rng.randrange(len(blob))], "truncate"
    if kind == 1:
        return blob + bytes(rng.randrange(256) for _ in range(
            rng.choice([1, 7, 64, 5000]))), "append"
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(
            rng.choice([1, 4, 64]))) + blob, "prepend"
    if kind == 3 and blob:
        i = rng.randrange(len(blob))
        return blob[:i] + bytes(rng.choice([1, 3, 8])) + blob[i:], "insert"
    if blob:
        i = rng.randrange(len(blob))
        return blob[:i] + blob[i + rng.choice([1, 4, 64]):], "delete"
    return blob, "none"


# ===--- .npy mutations (members of an npz, and mm-run inputs) ------------===

DESCRS = ["<f8", ">f4", "<f2", "|b1", "<i4", "<i8", "|u1", "|i1", "<u4",
          "<c8", "|O", "<U10", "|S4", "<V4", "f4", "<f4 ", "", "<f", "<f40",
          "<i2", ">i4", "=f4", "<M8[s]", "<f4\0"]
SHAPE_TEXTS = ["()", "(0,)", "(-1,)", "(1,) * 40", "(1,)", "(2**31,)",
               "(4294967296, 4294967296)", "(9223372036854775807,)",
               "(18446744073709551616,)", "(1.5,)", "('a',)", "(1, 2",
               "[1, 2]", "None", "(-3, -4)", "(0, 0)", "((1,),)",
               "(3037000500, 3037000500)", "(99999999999999999999999,)",
               "(4611686018427387904, 4)", "(2305843009213693952, 2, 2)",
               "(4294967296, 4294967296, 7)", "(3037000500, 3037000500, 7)",
               "(2, 4611686018427387904, 7)", "(0, 4611686018427387904, 7)",
               "(" + "1, " * 1000 + ")"]


def mutate_npy(rng, blob):
    """One mutation of a .npy file: its header fields, text, version,
    length field, magic or data."""
    try:
        a = wf.parse_npy(blob)
    except Exception:
        return flip_bits(rng, blob), "flip (unparsed npy)"
    kind = rng.randrange(12)
    if kind == 0:
        d = rng.choice(DESCRS)
        return wf.write_npy(wf.Npy(d, a.fortran, a.shape, a.data)), \
            "descr %r" % d
    if kind == 1:
        s = rng.choice(SHAPE_TEXTS)
        if "*" in s:
            s = repr(eval(s))  # a literal, as numpy writes it
        text = wf.npy_header_text(a.descr, a.fortran, s)
        return wf.make_npy(text, a.data), "shape %s" % s[:40]
    if kind == 2:
        shape = list(a.shape)
        if shape:
            shape[rng.randrange(len(shape))] = rng.choice(DIM_VALUES)
        else:
            shape = [rng.choice(DIM_VALUES)]
        return wf.write_npy(wf.Npy(a.descr, a.fortran, shape, a.data)), \
            "dim %r" % (shape,)
    if kind == 3:
        f = rng.choice(["True", "1", "'x'", "None"])
        text = "{'descr': %r, 'fortran_order': %s, 'shape': %r, }" % (
            a.descr, f, a.shape)
        return wf.make_npy(text, a.data), "fortran_order %s" % f
    if kind == 4:  # the header text itself
        text = wf.npy_header_text(a.descr, a.fortran, a.shape)
        t = rng.randrange(10)
        if t == 0:
            text = text[:rng.randrange(len(text))]
        elif t == 1:
            text = "{}"
        elif t == 2:
            text = text.replace("'descr'", "'descr': '<f4', 'descr'")
        elif t == 3:
            text = text[:-1] + "'extra': 1}"
        elif t == 4:
            text = "[" + text + "]"
        elif t == 5:
            text = text + " " * 100000
        elif t == 6:
            text = text.replace("'", '"')
        elif t == 7:
            text = text.replace(":", "", 1)
        elif t == 8:
            text = "{" * 10000 + "}" * 10000
        else:
            text = text.replace("{", "{\0", 1)
        return wf.make_npy(text, a.data, pad=rng.random() < 0.8), \
            "header text %d" % t
    if kind == 5:
        v = rng.choice([(1, 0), (2, 0), (3, 0), (0, 0), (4, 0), (255, 255),
                        (1, 9)])
        return wf.write_npy(a, version=v), "version %r" % (v,)
    if kind == 6:
        h = rng.choice([0, 1, 2, 10, 63, 65, 65535, 0xffffffff, 0x7fffffff,
                        len(blob), len(blob) - 9])
        v = rng.choice([(1, 0), (2, 0)])
        return wf.write_npy(a, version=v, hlen=h), "header length %d" % h
    if kind == 7:
        return wf.write_npy(a, magic=rng.choice([b"\x93NUMPZ", b"NUMPY",
                                                  b"", b"\x93NUMPY\0"])), \
            "magic"
    if kind == 8:
        cut = rng.choice([1, 4, len(a.data) // 2, len(a.data)])
        return wf.write_npy(wf.Npy(a.descr, a.fortran, a.shape,
                                   a.data[:len(a.data) - cut])), \
            "data short by %d" % cut
    if kind == 9:
        extra = b"\0" * rng.choice([1, 4, 4096])
        return wf.write_npy(wf.Npy(a.descr, a.fortran, a.shape,
                                   a.data + extra)), "data too long"
    if kind == 10:  # NaN / Inf / huge values in the data
        b = bytearray(a.data)
        for _ in range(rng.randint(1, 8)):
            if len(b) >= 4:
                i = rng.randrange(len(b) // 4) * 4
                b[i:i + 4] = rng.choice([b"\0\0\xc0\x7f", b"\0\0\x80\x7f",
                                         b"\0\0\x80\xff", b"\xff\xff\x7f\x7f",
                                         b"\x01\0\0\0", b"\xff\xff\xff\xff",
                                         b"\0\0\0\x80"])
        return wf.write_npy(wf.Npy(a.descr, a.fortran, a.shape, bytes(b))), \
            "special values"
    return flip_bits(rng, blob, [(0, min(len(blob), 128), "npy header")]), \
        "flip header"


# ===--- .npz mutations ---------------------------------------------------===


def mutate_npz_entries(rng, entries):
    """Changes the members of the archive before it is written; returns
    (entries, deflated names, description)."""
    entries = list(entries)
    deflated = set()
    kind = rng.randrange(10)
    i = rng.randrange(len(entries))
    name, data = entries[i]
    if kind <= 2:
        new, what = mutate_npy(rng, data)
        entries[i] = (name, new)
        desc = "member %s: %s" % (name, what)
    elif kind == 3:
        del entries[i]
        desc = "drop %s" % name
    elif kind == 4:
        other = entries[rng.randrange(len(entries))][1]
        entries.insert(rng.randrange(len(entries) + 1),
                       (name, rng.choice([data, other])))
        desc = "duplicate %s" % name
    elif kind == 5:
        new = rng.choice(NAME_VALUES + [name[:-4], name.upper(),
                                        "x/" + name, name + ".npy",
                                        name.replace(".npy", ".npz")])
        if not new.endswith(".npy") and rng.random() < 0.5:
            new += ".npy"
        new = new[:65000]  # a zip name has a 16-bit length
        entries[i] = (new, data)
        desc = "rename %s to %r" % (name, new[:40])
    elif kind == 6:
        j = rng.randrange(len(entries))
        entries[i], entries[j] = (name, entries[j][1]), (entries[j][0], data)
        desc = "swap data of %s and %s" % (name, entries[j][0])
    elif kind == 7:
        junk = rng.choice([b"", b"\0" * 10,
                           bytes(rng.randrange(256) for _ in range(100)),
                           wf.make_zip(entries[:1])])
        entries.append((rng.choice(["junk.npy", "junk", "a/b.npy"]), junk))
        desc = "junk member"
    elif kind == 8:
        many = [("t%d.npy" % k, wf.make_npy(wf.npy_header_text(
            "<f4", False, (1,)), b"\0\0\0\0")) for k in range(
            rng.choice([100, 2000]))]
        entries += many
        desc = "%d extra members" % len(many)
    else:
        deflated = {n for n, _ in entries if rng.random() < 0.7}
        desc = "deflate %d members" % len(deflated)
    if rng.random() < 0.2:
        deflated |= {n for n, _ in entries if rng.random() < 0.5}
    return entries, deflated, desc


def mutate_npz(rng, entries):
    """A mutated .npz: member-level changes, then maybe byte-level ones on
    the archive (its headers most often)."""
    steps = []
    if rng.random() < 0.6:
        entries, deflated, what = mutate_npz_entries(rng, entries)
        steps.append(what)
    else:
        deflated = {n for n, _ in entries if rng.random() < 0.3}
        if deflated:
            steps.append("deflate %d members" % len(deflated))
    blob = wf.make_zip(entries, deflated)
    if not steps or rng.random() < 0.4:
        fields, regions = wf.zip_fields(blob)
        kind = rng.randrange(6)
        if kind <= 1 and fields:
            blob, label = set_field(rng, blob, rng.choice(fields))
            steps.append("field " + label)
        elif kind == 2:
            blob = flip_bits(rng, blob, fields)
            steps.append("flip")
        elif kind == 3 and deflated and regions:
            blob = flip_bits(rng, blob, [(o, s, "data") for o, s in regions])
            steps.append("flip in member data")
        elif kind == 4:  # an end record with a comment, or a fake one
            eocd = blob.rfind(b"PK\x05\x06")
            comment = rng.choice([b"hello", b"PK\x05\x06" + b"\0" * 18,
                                  b"\0" * 70000])
            b = bytearray(blob)
            struct.pack_into("<H", b, eocd + 20,
                             rng.choice([len(comment) & 0xffff, 0, 0xffff]))
            blob = bytes(b) + comment
            steps.append("eocd comment")
        else:
            blob, what = tail_mutation(rng, blob)
            steps.append(what)
    return blob, "; ".join(steps)


# ===--- .safetensors mutations -------------------------------------------===

ST_DTYPES = ["F32", "F64", "F16", "BF16", "I8", "I16", "I32", "I64", "U8",
             "U16", "U32", "U64", "BOOL", "f32", "", "F32 ", 123, None,
             ["F32"], wf.Obj([("a", 1)]), "F32\0"]
JSON_VALUES = [0, -1, 1.5, 1e308, wf.Raw("1e999"), wf.Raw("-0"),
               2 ** 63, 2 ** 64, -2 ** 63, -2 ** 63 - 1, None, True, "5", "",
               [], [[]], wf.Obj([]), wf.Raw("NaN"), wf.Raw("Infinity"),
               wf.Raw("01"), wf.Raw("+1"), wf.Raw("0x10"), wf.Raw("1."),
               wf.Raw(".5"), wf.Raw("1e"), wf.Raw("-")]


def st_tensor_mutation(rng, pairs, data_size):
    i = rng.randrange(len(pairs))
    name, entry = pairs[i]
    if not isinstance(entry, wf.Obj):
        return "no tensor to change"
    fields = entry.pairs
    keys = [k for k, _ in fields]

    def slot(key):
        return keys.index(key) if key in keys else None
    kind = rng.randrange(10)
    if kind == 0 and slot("dtype") is not None:
        v = rng.choice(ST_DTYPES)
        fields[slot("dtype")] = ("dtype", v)
        return "%s dtype %r" % (name, v)
    if kind == 1 and slot("shape") is not None and \
            isinstance(fields[slot("shape")][1], list):
        shape = list(fields[slot("shape")][1])
        t = rng.randrange(4)
        if t == 0 and shape:
            shape[rng.randrange(len(shape))] = rng.choice(DIM_VALUES +
                                                          JSON_VALUES)
        elif t == 1:
            shape = [1] * rng.choice([9, 33, 65, 1000])
        elif t == 2:
            shape = rng.choice(JSON_VALUES)
        else:
            shape = shape[::-1] + [rng.choice([1, 2])]
        fields[slot("shape")] = ("shape", shape)
        return "%s shape %r" % (name, str(shape)[:40])
    offsets = slot("data_offsets")
    if kind == 2 and offsets is not None and \
            isinstance(fields[offsets][1], list) and \
            len(fields[offsets][1]) == 2 and \
            all(isinstance(v, int) for v in fields[offsets][1]):
        b, e = fields[offsets][1]
        t = rng.randrange(7)
        if t == 0:
            new = [e, b]
        elif t == 1:
            new = [b, rng.choice([e - 1, e + 1, data_size, data_size + 1,
                                  2 ** 63 - 1, 2 ** 64 - 1, 2 ** 64])]
        elif t == 2:
            new = [rng.choice([-1, 2 ** 63, 2 ** 62, 1.5, "0"]), e]
        elif t == 3:
            new = [b]
        elif t == 4:
            new = [b, e, e]
        elif t == 5:  # overlap the tensor before or the first one
            new = [0, e - b]
        else:
            new = rng.choice(JSON_VALUES)
        fields[offsets] = ("data_offsets", new)
        return "%s offsets %r" % (name, str(new)[:40])
    if kind == 3 and fields:
        del fields[rng.randrange(len(fields))]
        return "%s field dropped" % name
    if kind == 4:
        fields.insert(rng.randrange(len(fields) + 1),
                      rng.choice([("extra", 1), ("dtype", "I32"),
                                  ("shape", [1]), ("data_offsets", [0, 4])]))
        return "%s field added" % name
    if kind == 5:
        pairs[i] = (name, rng.choice(JSON_VALUES))
        return "%s not an object" % name
    if kind == 6:
        pairs.insert(rng.randrange(len(pairs) + 1), (name, entry))
        return "%s twice" % name
    if kind == 7:
        del pairs[i]
        return "%s dropped" % name
    if kind == 8:
        new = rng.choice(NAME_VALUES + [name + "x", name.upper(), ""])
        pairs[i] = (new, entry)
        return "%s renamed %r" % (name, new[:40])
    meta = [k for k, (n, _) in enumerate(pairs) if n == "__metadata__"]
    v = rng.choice([5, "x", [], wf.Obj([("a", 1)]), wf.Obj([("a", [1])]),
                    wf.Obj([("a", "b" * 100000)]), None,
                    wf.Obj([("format", "pt"), ("format", "np")])])
    if meta:
        pairs[meta[0]] = ("__metadata__", v)
    else:
        pairs.append(("__metadata__", v))
    return "metadata %s" % str(v)[:40]


JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?'
                        r'|true|false|null|[{}\[\]:,]|\s+|.', re.S)


def st_text_mutation(rng, text):
    tokens = JSON_TOKEN.findall(text)
    kind = rng.randrange(8)
    i = rng.randrange(len(tokens))
    if kind == 0:
        del tokens[i:i + rng.randint(1, 3)]
        what = "tokens deleted"
    elif kind == 1:
        tokens.insert(i, tokens[rng.randrange(len(tokens))])
        what = "token duplicated"
    elif kind == 2:
        j = rng.randrange(len(tokens))
        tokens[i], tokens[j] = tokens[j], tokens[i]
        what = "tokens swapped"
    elif kind == 3:
        depth = rng.choice([100, 1000, 100000])
        tokens.insert(i, rng.choice(["[" * depth + "]" * depth,
                                     "[" * depth,
                                     '{"a":' * depth + "1" + "}" * depth]))
        what = "deep nesting %d" % depth
    elif kind == 4:
        tokens.insert(i, rng.choice(['"\\u0000"', '"\\ud800"', '"\\udc00x"',
                                     '"\\uZZZZ"', '"\\x41"', '"\\', '"',
                                     '"\udcff\udcfe"', '"\0"', "\0",
                                     '"' + "s" * 1000000 + '"', "//c\n",
                                     ",", ":", "1" * 5000]))
        what = "odd token"
    elif kind == 5:
        strings = [k for k, t in enumerate(tokens) if t.startswith('"')]
        if strings:
            k = rng.choice(strings)
            tokens[k] = tokens[k][:-1]  # unterminated
        what = "string cut"
    elif kind == 6:
        text = "".join(tokens)
        return text[:rng.randrange(len(text))], "header truncated"
    else:
        b = bytearray("".join(tokens).encode("utf-8", "surrogateescape"))
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        return b.decode("utf-8", "surrogateescape"), "header bits flipped"
    return "".join(tokens), what


def mutate_safetensors(rng, tensors):
    header, data = wf.safetensors_header(tensors)
    kind = rng.randrange(10)
    header_len = None
    pad = b" "
    text = None
    if kind <= 3:
        what = st_tensor_mutation(rng, header.pairs, len(data))
        if rng.random() < 0.3:
            what += "; " + st_tensor_mutation(rng, header.pairs, len(data))
    elif kind <= 5:
        text, what = st_text_mutation(rng, wf.json_text(header))
    elif kind == 6:
        base = len(wf.json_text(header))
        header_len = rng.choice([0, 1, 2, 7, base - 1, base + 1, base + 8,
                                 2 ** 63, 2 ** 64 - 1, (100 << 20) + 1,
                                 100 << 20, 2 ** 32, base + len(data) + 8])
        what = "header length %d" % header_len
    elif kind == 7:
        n = rng.choice([1000, 100000])
        header.pairs += [("t%d" % k, wf.Obj([("dtype", "F32"),
                                              ("shape", [0]),
                                              ("data_offsets", [0, 0])]))
                         for k in range(n)]
        what = "%d extra empty tensors" % n
    elif kind == 8:
        pad = rng.choice([b"\0", b"\n", b"x", b""])
        what = "header padding %r" % pad
    else:
        blob = wf.make_safetensors(header, data)
        t = rng.randrange(3)
        if t == 0:
            blob = flip_bits(rng, blob, [(0, 8 + len(wf.json_text(header)),
                                          "header")])
            return blob, "bits flipped"
        blob, what = tail_mutation(rng, blob)
        return blob, what
    blob = wf.make_safetensors(text if text is not None else header, data,
                               header_len=header_len, pad=pad)
    return blob, what


# ===--- .mmw mutations ---------------------------------------------------===


def copy_mmw(m):
    return wf.Mmw(m.version, m.model, m.manifest_hash,
                  [wf.MmwTensor(t.name, t.dtype, list(t.shape)
                                if t.shape is not None else None, t.data)
                   for t in m.tensors])


def mutate_mmw(rng, base_blob, base):
    """Either a semantic change written by the builder (names, dtypes,
    shapes, data sizes, alignment, missing fields, lying lengths), or a
    structural change of the bytes (uoffsets, vtables, lengths), or both."""
    m = copy_mmw(base)
    knobs = {}
    steps = []
    k = rng.randrange(len(m.tensors)) if m.tensors else 0
    kind = rng.randrange(16)
    if kind == 0:
        t = m.tensors[k]
        t.name = rng.choice(NAME_VALUES).encode("utf-8")
        steps.append("tensor %d renamed" % k)
    elif kind == 1:
        j = rng.randrange(len(m.tensors))
        m.tensors[k].name, m.tensors[j].name = (m.tensors[j].name,
                                                m.tensors[k].name)
        steps.append("names of %d and %d swapped" % (k, j))
    elif kind == 2:
        m.tensors[k].dtype = rng.choice([0, 1, 2, 3, 4, 5, -1, 127, -128])
        steps.append("tensor %d dtype %d" % (k, m.tensors[k].dtype))
    elif kind == 3:
        t = m.tensors[k]
        r = rng.randrange(4)
        if r == 0 and t.shape:
            t.shape[rng.randrange(len(t.shape))] = rng.choice(DIM_VALUES)
        elif r == 1:
            t.shape = [rng.choice(DIM_VALUES) for _ in range(rng.randint(
                1, 4))]
        elif r == 2:
            t.shape = [1] * rng.choice([0, 9, 65, 1000])
        else:
            t.shape = None
        steps.append("tensor %d shape %s" % (k, str(t.shape)[:40]))
    elif kind == 4:
        t = m.tensors[k]
        r = rng.randrange(3)
        t.data = (None if r == 0 else t.data[:rng.randrange(len(t.data) + 1)]
                  if r == 1 else t.data + b"\0" * rng.choice([1, 4, 64]))
        steps.append("tensor %d data size" % k)
    elif kind == 5:
        del m.tensors[k]
        steps.append("tensor %d dropped" % k)
    elif kind == 6:
        m.tensors.insert(rng.randrange(len(m.tensors) + 1),
                         copy_mmw(m).tensors[k])
        steps.append("tensor %d twice" % k)
    elif kind == 7:
        m.tensors.append(wf.MmwTensor(b"extra.weight", 0, [2], b"\0" * 8))
        steps.append("extra tensor")
    elif kind == 8:
        m.version = rng.choice([0, 2, 3, 0xffffffff])
        steps.append("version %d" % m.version)
    elif kind == 9:
        m.model = rng.choice([b"", b"emotion", b"op_lstm\0x", b"m" * 70000,
                              m.model.upper(), m.model + b" "])
        steps.append("model name")
    elif kind == 10:
        m.manifest_hash = rng.choice([0, m.manifest_hash ^ 1, 2 ** 64 - 1])
        steps.append("manifest hash")
    elif kind == 11:
        knobs["omit"] = {rng.choice(["version", "model", "hash", "tensors"])}
        steps.append("root field %s absent" % list(knobs["omit"])[0])
    elif kind == 12:
        knobs["data_skew"] = rng.choice([4, 8, 16, 32, 60])
        steps.append("data misaligned by %d" % knobs["data_skew"])
    elif kind == 13:
        what = rng.choice(["tensor_count", "shape_count", "data_length"])
        knobs[what] = {k if what != "tensor_count" else 0:
                       rng.choice(INTERESTING_32)}
        steps.append("%s lies" % what)
    elif kind == 14:
        knobs["identifier"] = rng.choice([b"MMW2", b"mmw1", b"\0\0\0\0",
                                          b"TFL3"])
        steps.append("identifier %r" % knobs["identifier"])
    else:
        m.tensors = [] if rng.random() < 0.5 else m.tensors * 50
        steps.append("%d tensors" % len(m.tensors))
    blob = wf.write_mmw(m, **knobs) if rng.random() < 0.8 else base_blob
    if blob is base_blob:
        steps = []
    if not steps or rng.random() < 0.3:
        try:
            _, fields = wf.read_mmw(blob)
        except Exception:
            fields = []
        r = rng.randrange(4)
        if r <= 1 and fields:
            blob, label = set_field(rng, blob, rng.choice(fields))
            steps.append("field " + label)
        elif r == 2:
            blob = flip_bits(rng, blob, fields)
            steps.append("flip")
        else:
            blob, what = tail_mutation(rng, blob)
            steps.append(what)
    return blob, "; ".join(steps)


# ===--- .wav mutations (mm-run inputs) -----------------------------------===


def mutate_wav(rng):
    samples = b"".join(struct.pack("<h", (k * 37) % 2000 - 1000)
                       for k in range(rng.choice([0, 1, 7, 160, 1600])))
    knobs = {}
    kind = rng.randrange(11)
    if kind == 0:
        knobs["channels"] = rng.choice([0, 2, 3, 65535])
    elif kind == 1:
        knobs["rate"] = rng.choice([0, 1, 8000, 44100, 0xffffffff])
    elif kind == 2:
        knobs["bits"] = rng.choice([0, 1, 8, 12, 24, 32, 64, 65535])
    elif kind == 3:
        knobs["fmt_tag"] = rng.choice([0, 3, 0xfffe, 2, 0xffff])
    elif kind == 4:
        knobs["block_align"] = rng.choice([0, 1, 3, 65535])
    elif kind == 5:
        knobs["fmt_size"] = rng.choice([0, 2, 14, 18, 40, 1000])
    elif kind == 6:
        knobs["data_size"] = rng.choice([0, 1, 3, len(samples) + 2,
                                         0x7fffffff, 0xffffffff])
    elif kind == 7:
        knobs["riff_size"] = rng.choice([0, 3, 4, 0xffffffff])
    elif kind == 8:
        knobs[rng.choice(["riff", "wave"])] = rng.choice([b"RIFX", b"RF64",
                                                          b"WAVX", b""])
    elif kind == 9:
        fmt = struct.pack("<HHIIHH", 1, 1, 16000, 32000, 2, 16)
        knobs["chunks"] = rng.choice([
            [(b"data", samples), (b"fmt ", fmt)],
            [(b"fmt ", fmt)],
            [(b"data", samples)],
            [(b"LIST", b"x" * 5), (b"fmt ", fmt), (b"data", samples)],
            [(b"fmt ", fmt), (b"fmt ", fmt), (b"data", samples)],
            [(b"fmt ", fmt), (b"data", samples), (b"data", samples)],
            [(b"fmt ", fmt)] + [(b"junk", b"")] * 10000 + [(b"data", b"")],
        ])
    blob = wf.make_wav(samples, **knobs)
    what = ", ".join("%s=%r" % (k, str(v)[:30]) for k, v in knobs.items())
    if kind == 10 or rng.random() < 0.2:
        if rng.random() < 0.5:
            blob = flip_bits(rng, blob, [(0, 44, "wav header")])
            what += " flip"
        else:
            blob, t = tail_mutation(rng, blob)
            what += " " + t
    return blob, what or "valid"


# ===--- driver -----------------------------------------------------------===


def guarded(mutation, *args):
    """The mutant, or None when the mutation itself fails (a bug of this
    script on an unforeseen seed, not a finding about the tools)."""
    try:
        return mutation(*args)
    except Exception as e:
        print("note: %s raised %r; mutant skipped" % (mutation.__name__, e))
        return None


def checker(tool, *paths):
    """Accepts `tool: error:`, `FILE: error:` and `FILE:L:C: error:` for the
    files given."""
    tool_error = fuzzlib.tool_error(tool)
    names = [re.escape(p) for p in paths] + \
        [re.escape(os.path.basename(p)) for p in paths]
    file_error = re.compile(r"^(?:.*/)?(?:%s)(?::\d+:\d+)?: error: \S" %
                            "|".join(names))

    def ok(line):
        return bool(tool_error.match(line) or file_error.match(line))
    return ok


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.mmc = fuzzlib.find_tool("mmc", args.bin)
        self.mm_run = fuzzlib.find_tool("mm-run", args.bin)
        self.work = os.path.join(args.out, "work")
        os.makedirs(self.work, exist_ok=True)
        self.campaign = fuzzlib.Campaign("fuzz_weights", args.out,
                                         args.max_failures)
        self.packs = []
        for spec in args.pack:
            model, _, npz = spec.partition("=")
            entries = wf.read_npz(npz)
            tensors = [(n[:-4] if n.endswith(".npy") else n, wf.parse_npy(d))
                       for n, d in entries]
            self.packs.append((model, entries, tensors))
        self.inputs = []
        for spec in args.input:
            name, _, path = spec.partition("=")
            with open(path, "rb") as f:
                self.inputs.append((name, path, f.read()))

    def run(self, cmd):
        return fuzzlib.run(cmd, self.args.timeout, self.args.memory_mb)

    def write(self, name, blob):
        path = os.path.join(self.work, name)
        with open(path, "wb") as f:
            f.write(blob)
        return path

    def pack_cmd(self, model, weights):
        return [self.mmc, "pack", model, "--from", weights, "-o",
                os.path.join(self.work, "out.mmw")]

    def run_cmd(self, weights, inputs=None):
        cmd = [self.mm_run, self.args.run, "--weights", weights]
        for name, path, _ in self.inputs:
            cmd += ["--input", "%s=%s" % (name, (inputs or {}).get(name,
                                                                   path))]
        return cmd + ["--output-dir", os.path.join(self.work, "outputs")]

    def sanity(self):
        """The unmutated files must pack and run: otherwise every mutant is
        rejected for the same reason and the fuzzing proves nothing."""
        ok = True
        checks = []
        for n, (model, entries, tensors) in enumerate(self.packs):
            npz = self.write("seed%d.npz" % n, wf.make_zip(entries))
            st = self.write("seed%d.safetensors" % n, wf.make_safetensors(
                *wf.safetensors_header(tensors)))
            checks += [self.pack_cmd(model, npz), self.pack_cmd(model, st)]
        os.makedirs(os.path.join(self.work, "outputs"), exist_ok=True)
        base = os.path.join(self.work, "base.mmw")
        checks.append([self.mmc, "pack", self.args.run_model, "--from",
                       self.args.run_npz, "-o", base])
        for cmd in checks:
            r = self.run(cmd)
            if r.returncode != 0:
                print("FAIL: the unmutated input is rejected: %s\n%s" %
                      (" ".join(cmd), r.stderr))
                ok = False
        if not ok:
            return False
        with open(base, "rb") as f:
            self.base_blob = f.read()
        self.base, _ = wf.read_mmw(self.base_blob)
        init = os.path.join(self.work, "init.mmw")
        rebuilt = self.write("rebuilt.mmw", wf.write_mmw(self.base))
        for cmd in ([self.mmc, "init", self.args.run_model, "-o", init,
                     "--seed", "3"], self.run_cmd(base),
                    self.run_cmd(init), self.run_cmd(rebuilt)):
            r = self.run(cmd)
            if r.returncode != 0:
                print("FAIL: the unmutated weights do not run: %s\n%s" %
                      (" ".join(cmd), r.stderr))
                ok = False
        return ok

    def special_files(self):
        """Weights and inputs that are not regular files: the readers must
        refuse them rather than read (or map) forever."""
        model = self.packs[0][0]
        base = os.path.join(self.work, "base.mmw")
        for target in ("/dev/zero", "/dev/urandom", self.work):
            for ext in ("npz", "safetensors", "mmw", "npy"):
                link = os.path.join(self.work, "special-%s.%s" % (
                    os.path.basename(target), ext))
                if os.path.lexists(link):
                    os.remove(link)
                os.symlink(target, link)
                if ext in ("npz", "safetensors"):
                    cmd, check = self.pack_cmd(model, link), \
                        checker("mmc", link, model)
                elif ext == "mmw":
                    cmd, check = self.run_cmd(link), checker("mm-run")
                else:
                    cmd = self.run_cmd(base, {self.inputs[0][0]: link})
                    check = checker("mm-run")
                self.campaign.record("special-file", "%s as .%s" % (
                    target, ext), self.run(cmd), [], check)

    def indices(self, kind, count):
        only = self.args.only
        if only:
            k, _, i = only.partition(":")
            return [int(i)] if k == kind else []
        return range(count)

    def fuzz_pack(self, kind, count):
        for i in self.indices(kind, count):
            if self.campaign.over():
                return
            rng = random.Random("%s-%d-%d" % (kind, self.args.seed, i))
            model, entries, tensors = rng.choice(self.packs)
            mutate = mutate_npz if kind == "npz" else mutate_safetensors
            made = guarded(mutate, rng, entries if kind == "npz" else tensors)
            if not made:
                continue
            blob, what = made
            path = self.write("mutant." + kind, blob)
            label = "%s mutant %d for %s: %s" % (kind, i,
                                                 os.path.basename(model),
                                                 what)
            result = self.run(self.pack_cmd(model, path))
            self.campaign.record("pack-" + kind, label, result, [path],
                                 checker("mmc", path, model))

    def fuzz_mmw(self, count):
        for i in self.indices("mmw", count):
            if self.campaign.over():
                return
            rng = random.Random("mmw-%d-%d" % (self.args.seed, i))
            made = guarded(mutate_mmw, rng, self.base_blob, self.base)
            if not made:
                continue
            blob, what = made
            path = self.write("mutant.mmw", blob)
            result = self.run(self.run_cmd(path))
            self.campaign.record("mm-run-mmw", "mmw mutant %d: %s" % (i, what),
                                 result, [path], checker("mm-run"))

    def fuzz_inputs(self, kind, count):
        base = os.path.join(self.work, "base.mmw")
        for i in self.indices(kind, count):
            if self.campaign.over():
                return
            rng = random.Random("%s-%d-%d" % (kind, self.args.seed, i))
            name, _, data = rng.choice(self.inputs)
            if kind == "npy":
                made = guarded(mutate_npy, rng, data)
                if made and rng.random() < 0.3:
                    more = guarded(mutate_npy, rng, made[0])
                    if more:
                        made = (more[0], made[1] + "; " + more[1])
            else:
                made = guarded(mutate_wav, rng)
            if not made:
                continue
            blob, what = made
            path = self.write("mutant." + kind, blob)
            result = self.run(self.run_cmd(base, {name: path}))
            self.campaign.record("mm-run-" + kind, "%s mutant %d as %s: %s" %
                                 (kind, i, name, what), result, [path],
                                 checker("mm-run"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--bin", help="directory of mmc and mm-run "
                        "(default: PATH)")
    parser.add_argument("--pack", action="append", required=True,
                        metavar="MODEL.mm=W.npz")
    parser.add_argument("--run", required=True, metavar="LIB.so")
    parser.add_argument("--run-model", required=True)
    parser.add_argument("--run-npz", required=True)
    parser.add_argument("--input", action="append", required=True,
                        metavar="NAME=FILE.npy")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--npz-count", type=int, default=200)
    parser.add_argument("--safetensors-count", type=int, default=150)
    parser.add_argument("--mmw-count", type=int, default=200)
    parser.add_argument("--npy-count", type=int, default=100)
    parser.add_argument("--wav-count", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--max-failures", type=int, default=10)
    parser.add_argument("--only", metavar="KIND:I",
                        help="run one mutant (npz, safetensors, mmw, npy, "
                        "wav)")
    args = parser.parse_args()

    fuzzer = Fuzzer(args)
    print("fuzz_weights: --seed %d; %d npz, %d safetensors, %d mmw, %d npy, "
          "%d wav mutants; timeout %g s" %
          (args.seed, args.npz_count, args.safetensors_count, args.mmw_count,
           args.npy_count, args.wav_count, args.timeout), flush=True)
    if not fuzzer.sanity():
        return 1
    if not args.only:
        fuzzer.special_files()
    fuzzer.fuzz_pack("npz", args.npz_count)
    fuzzer.fuzz_pack("safetensors", args.safetensors_count)
    fuzzer.fuzz_mmw(args.mmw_count)
    fuzzer.fuzz_inputs("npy", args.npy_count)
    fuzzer.fuzz_inputs("wav", args.wav_count)
    return fuzzer.campaign.summary()


if __name__ == "__main__":
    sys.exit(main())
