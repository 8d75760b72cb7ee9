#!/usr/bin/python3
"""Mutational fuzzing of the mmc frontend and compiler on .mm sources.

    fuzz_frontend.py --src-root ROOT --out DIR [--seed N] [--count N]
                     [--compile-count N] [--timeout S] [--bin DIR]
                     [--mlir-count N] [--only I] [--only-compile I]
                     [--only-mlir I] [--list]

The seeds are every .mm file under ROOT/examples, ROOT/test/e2e/ops and
ROOT/test/frontend, and the few of Inputs/seeds/ (blocks, repeat, stacked
and bidirectional lstm, audio options, convolutions and attention); the
files they import are copied along, so that imports still resolve.
Mutant I of --seed N is a pure function of N, I and the seed files: --only
I regenerates and runs that one mutant alone (--list prints each mutant's
seed and mutations without running it).

Phase 1 runs `mmc --emit=mm` on files that are not regular files
(/dev/zero, a directory, ...), given directly and imported, then on --count
mutants made by any mutation: byte flips, token deletions, duplications
and swaps, identifier, number and shape replacements, truncation, deep
nesting, huge lists, unicode, NUL bytes, very long lines, swapped layer and
function names, wrong keyword arguments, splices of other seeds, bad
imports, definitions renamed to names of the generated C code.

Phase 2 makes mutants with the mutations that tend to keep a model valid
(numbers, shapes, layer and function names, keyword arguments), keeps those
that `mmc --emit=mm` accepts, and runs `mmc compile -o DIR` on
--compile-count of them (lowering, LLVM, object code, the library).

Phase 3 feeds mmc mm-dialect IR (`MODEL may also be a .mlir file`):
mutants (numbers, tensor types, op names, attributes, lines) of what
--emit=mm prints for the valid seeds, through `mmc --emit=llvm` (the
dialect's verifiers and the whole lowering) and, one in four, through
`mmc compile` (--mlir-count of them).

Every run must exit with 0, or 1 and a message whose `error:` lines read
`FILE:LINE:COL: error: ...` with FILE a source file (a diagnostic of the
frontend or the lowering; an error located in the C glue or other code
the compiler generated is a failure too) or `mmc: error: ...` (the
driver). Anything else - a signal, another exit code, a hang, the marks
of a crash - is a failure: the mutant is saved under DIR/failures/ with
the command and the tool's stderr, and the script exits 1 after the
summary.
"""

import argparse
import glob
import os
import random
import re
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzzlib  # noqa: E402

SEED_GLOBS = ("examples/**/*.mm", "test/e2e/ops/*.mm", "test/frontend/*.mm",
              "test/fuzz/Inputs/seeds/*.mm")

# ===--- vocabulary --------------------------------------------------------===

KEYWORDS = ["model", "block", "layer", "param", "fn", "return", "import",
            "repeat", "true", "false", "int", "float", "string", "bool"]
ELEMENT_TYPES = ["f32", "i32", "i64", "u8", "f16", "bf16", "i8", "f64",
                 "bool", "c64"]
LAYERS = ["embedding", "linear", "lstm", "gru", "conv1d", "conv2d",
          "batch_norm1d", "batch_norm2d", "layer_norm", "multihead_attention",
          "transformer_encoder_layer", "spectrogram", "mel_spectrogram",
          "amplitude_to_db", "repeat"]
FUNCTIONS = ["relu", "gelu", "sigmoid", "tanh", "silu", "exp", "log", "sqrt",
             "abs", "clamp", "softmax", "log_softmax", "mean", "sum", "amax",
             "transpose", "permute", "reshape", "flatten", "cat", "stack",
             "matmul", "normalize", "zeros_like", "ones_like", "max_pool2d",
             "avg_pool2d", "adaptive_avg_pool2d", "interpolate", "to", "max",
             "min", "forward"]
KEYWORD_ARGS = ["dim", "dims", "dim0", "dim1", "keepdim", "start_dim",
                "end_dim", "shape", "dtype", "min", "max", "p", "eps",
                "approximate", "bias", "num_layers", "bidirectional",
                "stride", "padding", "dilation", "groups", "kernel_size",
                "n_fft", "win_length", "hop_length", "pad", "power",
                "normalized", "center", "pad_mode", "sample_rate", "f_min",
                "f_max", "n_mels", "norm", "mel_scale", "stype", "top_db",
                "num_heads", "key_padding_mask", "dim_feedforward",
                "activation", "layer_norm_eps", "norm_first", "size",
                "scale_factor", "mode", "output_size", "ceil_mode",
                "count_include_pad", "tensors", "x", "input", "other",
                "hidden_size", "input_size", "embed_dim", "nhead",
                "num_embeddings", "embedding_dim", "in_features",
                "out_features", "in_channels", "out_channels", "weight",
                "waveform", "src", "query", "key", "value", "affine",
                "inplace"]
FIELDS = ["output", "h_n", "c_n", "weight", "bias", "forward", "shape"]
SYMBOLS = ["B", "T", "C", "H", "W", "N", "L", "dim", "vocab", "heads"]
NUMBERS = ["0", "1", "-1", "2", "3", "7", "64", "255", "256", "257", "65536",
           "2147483647", "2147483648", "-2147483648", "4294967296",
           "9223372036854775807", "9223372036854775808",
           "-9223372036854775808", "18446744073709551616",
           "99999999999999999999", "4611686018427387904", "1e308", "1e309",
           "-1e309", "1e-320", "1e-400", "0.0", "-0.0", "0.5", "1.5", "1e-6",
           "2.0", "-0.5", "nan", "inf", "00", "007", "1e", "1e+", "0x10",
           "1_000", "1.2.3", ".5", "5.", "1e99999", "-", "--1",
           "9" * 400, "0." + "0" * 400 + "1"]
DIMS = ["0", "-1", "1", "2", "3", "99999999999999999999",
        "9223372036854775807", "4611686018427387904", "2147483648",
        "4294967296", "B", "T", "C", "Z", "B*2", "B+T", "-B", "dim", "vocab",
        "1.5", "\"x\"", "[]", "[1]", "B,", ",", "", "_", "f32", "model",
        "B*B*B*B", "(B)", "B/0", "B-B", "16000", "64", "128"]
STRINGS = ['""', '"relu"', '"gelu"', '"tanh"', '"reflect"', '"constant"',
           '"htk"', '"slaney"', '"power"', '"magnitude"', '"bilinear"',
           '"nearest"', '"none"', '"\\n"', '"\\\\"', '"\\q"', '"\u00e9"',
           '"\\u0000"', '"' + "a" * 5000 + '"', '"unterminated']
# Values that keep a model plausible (the mutations of phase 2).
GENTLE_NUMBERS = ["0", "1", "2", "3", "4", "5", "7", "8", "13", "16", "64",
                  "-1", "-2", "0.5", "2.0", "1e-5"]
GENTLE_DIMS = ["1", "2", "3", "4", "7", "8", "13", "16", "64", "B", "T"]
VALUES = NUMBERS[:30] + STRINGS[:12] + [
    "true", "false", "[]", "[1, 2]", "[[1]]", "[-1, 0]", "[B, T]", "x",
    "B", "(1)", "-x", "[1, 2, 3, 4, 5, 6, 7, 8, 9]", "none", "relu"]
SPECIAL_IMPORTS = ["/dev/zero", "/dev/urandom", "/dev/null", "/", ".", "..",
                   "/proc/self/status", "/etc/passwd", "", "no_such.mm",
                   "a" * 5000 + ".mm", "x\\0y.mm", "../" * 64 + "etc/passwd"]
# Names that the generated C code and the runtime use: a model or fn named
# so must not break the library's build.
C_NAMES = ["open", "close", "library", "call", "mm", "mm_model", "mm_status",
           "int", "void", "main", "errno", "NULL", "static", "out0", "model",
           "int64_t", "float", "B", "_mlir_ciface", "malloc", "memrefCopy"]
PUNCTUATION = list("()[]{}:,=.+-*/@<>;!?$%^&|~'`\\") + ["->", "\"", "#"]
UNICODE = ["\u00e9", "\u00df", "\u2211", "\u00a0", "\u200b", "\ufeff",
           "\u202e", "\u0301", "\U0001f600", "\u4e2d", "\uff08", "\uff09",
           "\u2212", "\u2013", "\u037e", "\u0430"]
# Raw bytes that are not valid UTF-8, as surrogate escapes of the text.
BAD_UTF8 = ["\udcff", "\udcfe", "\udcc3", "\udce2\udc82", "\udcc0\udcaf",
            "\udced\udca0\udc80", "\udcf4\udc90\udc80\udc80", "\udc80"]

TOKEN = re.compile(r"""
   (?P<comment>\#[^\n]*)
  |(?P<ws>[ \t\r\f\v]+)
  |(?P<nl>\n)
  |(?P<string>"(?:[^"\\\n]|\\.)*"?)
  |(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  |(?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  |(?P<arrow>->)
  |(?P<punct>.)
""", re.X | re.S)

# A tensor type: element type, then its dimensions in brackets.
TENSOR_TYPE = re.compile(r"\b(f32|i32|i64|u8|bool)\[([^\[\]\n]*)\]")
LAYER_DEF = re.compile(r"(\blayer\s+\w+\s*=\s*)([A-Za-z_]\w*)")
CALL = re.compile(r"\b([A-Za-z_]\w*)\(")
IMPORT = re.compile(r'^import\s+"[^"\n]*"', re.M)


def tokenize(text):
    return [(m.lastgroup, m.group()) for m in TOKEN.finditer(text)]


def solid(tokens):
    """Indices of the tokens that are not blanks or newlines."""
    return [i for i, (kind, _) in enumerate(tokens)
            if kind not in ("ws", "nl")]


def join(tokens):
    return "".join(t for _, t in tokens)


def pick_index(rng, indices):
    return rng.choice(indices) if indices else None


# ===--- mutations ---------------------------------------------------------===
#
# Each takes (rng, text, ctx) and returns the new text. Text is a str whose
# invalid bytes are surrogate escapes (\udc80-\udcff), so that byte-level
# and token-level mutations mix.


def flip_bits(rng, text, ctx):
    chars = list(text)
    if not chars:
        return "\udcff"
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(chars))
        code = ord(chars[i])
        byte = code - 0xdc00 if 0xdc80 <= code <= 0xdcff else code
        if byte > 0xff:
            byte = rng.randrange(256)
        byte ^= 1 << rng.randrange(8)
        chars[i] = chr(byte) if byte < 0x80 else chr(0xdc00 + byte)
    return "".join(chars)


def insert_bytes(rng, text, ctx):
    for _ in range(rng.randint(1, 4)):
        i = rng.randint(0, len(text))
        byte = rng.randrange(256)
        text = text[:i] + (chr(byte) if byte < 0x80 else
                           chr(0xdc00 + byte)) + text[i:]
    return text


def delete_tokens(rng, text, ctx):
    tokens = tokenize(text)
    for _ in range(rng.randint(1, 3)):
        i = pick_index(rng, solid(tokens))
        if i is None:
            break
        del tokens[i]
    return join(tokens)


def delete_span(rng, text, ctx):
    tokens = tokenize(text)
    if not tokens:
        return text
    i = rng.randrange(len(tokens))
    del tokens[i:i + rng.randint(2, 30)]
    return join(tokens)


def duplicate_tokens(rng, text, ctx):
    tokens = tokenize(text)
    i = pick_index(rng, solid(tokens))
    if i is None:
        return text
    span = tokens[i:i + rng.randint(1, 6)]
    times = rng.choice([1, 1, 1, 2, 5, 50])
    tokens[i:i] = span * times
    return join(tokens)


def swap_tokens(rng, text, ctx):
    tokens = tokenize(text)
    indices = solid(tokens)
    if len(indices) < 2:
        return text
    for _ in range(rng.randint(1, 2)):
        a, b = rng.sample(indices, 2)
        if rng.random() < 0.6:  # neighbours are the most telling swap
            k = indices.index(a)
            b = indices[k + 1] if k + 1 < len(indices) else indices[k - 1]
        tokens[a], tokens[b] = tokens[b], tokens[a]
    return join(tokens)


def replace_punctuation(rng, text, ctx):
    tokens = tokenize(text)
    indices = [i for i, (k, _) in enumerate(tokens) if k in ("punct", "arrow")]
    for _ in range(rng.randint(1, 2)):
        i = pick_index(rng, indices)
        if i is None:
            break
        choice = rng.choice(PUNCTUATION + ["", " "])
        tokens[i] = ("punct", choice)
    return join(tokens)


def replace_identifier(rng, text, ctx):
    tokens = tokenize(text)
    indices = [i for i, (k, _) in enumerate(tokens) if k == "ident"]
    i = pick_index(rng, indices)
    if i is None:
        return text
    pool = rng.choice([KEYWORDS, ELEMENT_TYPES, LAYERS, FUNCTIONS,
                       KEYWORD_ARGS, FIELDS, SYMBOLS, ctx["identifiers"],
                       ctx["identifiers"], ["_", "a" * 300, "x" * 70000,
                                            "__mm_internal", "forward_",
                                            "B0"], C_NAMES])
    tokens[i] = ("ident", rng.choice(pool))
    return join(tokens)


def replace_number(rng, text, ctx):
    tokens = tokenize(text)
    indices = [i for i, (k, _) in enumerate(tokens) if k == "number"]
    if not indices:
        return replace_identifier(rng, text, ctx)
    for _ in range(rng.randint(1, 2)):
        i = rng.choice(indices)
        old = tokens[i][1]
        choice = rng.random()
        if ctx.get("gentle"):
            new = rng.choice(GENTLE_NUMBERS)
        elif choice < 0.6:
            new = rng.choice(NUMBERS)
        elif choice < 0.8 and old.isdigit() and len(old) < 30:
            new = str(int(old) + rng.choice([-2, -1, 1, 2]))
        elif choice < 0.9 and old.isdigit() and len(old) < 30:
            new = str(int(old) * rng.choice([0, 2, 10, 1000, 1 << 20]))
        else:
            new = rng.choice(SYMBOLS + ['"1"', "true", "[1]", "x"])
        tokens[i] = ("number", new)
    return join(tokens)


def mutate_shape(rng, text, ctx):
    types = list(TENSOR_TYPE.finditer(text))
    if not types:
        return replace_number(rng, text, ctx)
    m = rng.choice(types)
    elem, dims = m.group(1), [d.strip() for d in m.group(2).split(",")]
    dims = [d for d in dims if d]
    action = rng.random()
    pool = GENTLE_DIMS if ctx.get("gentle") else DIMS
    if action < 0.45 and dims:
        dims[rng.randrange(len(dims))] = rng.choice(pool)
    elif action < 0.55:
        dims.insert(rng.randint(0, len(dims)), rng.choice(pool))
    elif action < 0.65 and dims:
        del dims[rng.randrange(len(dims))]
    elif action < 0.7:
        dims = []
    elif action < 0.75:
        dims = [rng.choice(["1", "B", "2"])] * rng.choice([9, 40, 1000, 20000])
    elif action < 0.85:
        elem = rng.choice(ELEMENT_TYPES)
    else:
        rng.shuffle(dims)
    new = "%s[%s]" % (elem, ", ".join(dims))
    if rng.random() < 0.05:
        new = new[:-1]  # unclosed
    return text[:m.start()] + new + text[m.end():]


def truncate(rng, text, ctx):
    if not text:
        return text
    return text[:rng.randrange(len(text))]


def deep_nesting(rng, text, ctx):
    depth = rng.choice([255, 256, 257, 300, 1000, 5000, 100000])
    kind = rng.randrange(10)
    tokens = tokenize(text)
    idents = [i for i, (k, t) in enumerate(tokens)
              if k == "ident" and t not in KEYWORDS]
    i = pick_index(rng, idents)
    if i is None:
        return "(" * depth + text
    name = tokens[i][1]
    if kind == 0:
        new = "(" * depth + name + ")" * depth
    elif kind == 1:
        new = "(" * depth + name  # never closed
    elif kind == 2:
        new = "relu(" * depth + name + ")" * depth
    elif kind == 3:
        new = "[" * depth + name + "]" * depth
    elif kind == 4:
        new = "- " * depth + name
    elif kind == 5:
        new = name + (" + " + name) * depth
    elif kind == 6:
        new = name + ".h_n" * depth
    elif kind == 7:
        new = name + "[0]" * depth
    elif kind == 8:
        new = name + "(" * depth
    else:
        new = "f32[" * depth + name + "]" * depth
    tokens[i] = ("ident", new)
    return join(tokens)


def huge(rng, text, ctx):
    n = rng.choice([1000, 10000, 100000])
    kind = rng.randrange(8)
    if kind == 0:  # a huge list where a list or a number stands
        tokens = tokenize(text)
        indices = [i for i, (k, t) in enumerate(tokens)
                   if k == "number" or t == "["]
        i = pick_index(rng, indices)
        item = rng.choice(["1", "0", "x", "-1", "1.5", "[1]"])
        new = "[" + ", ".join([item] * n) + "]"
        if i is None:
            return text + new
        if tokens[i][1] == "[":
            tokens[i] = ("punct", new[:-1] + ", ")
        else:
            tokens[i] = ("number", new)
        return join(tokens)
    lines = text.split("\n")
    body = [j for j, l in enumerate(lines) if re.match(r"\s+\w+\s*=", l)]
    layer = [j for j, l in enumerate(lines) if re.match(r"\s*layer\b", l)]
    fns = [j for j, l in enumerate(lines) if re.match(r"\s*fn\b", l)]
    if kind == 1 and body:  # many statements
        j = rng.choice(body)
        lines[j:j + 1] = [lines[j]] * n
    elif kind == 2 and layer:  # many layers (the same name, then new names)
        j = rng.choice(layer)
        if rng.random() < 0.5:
            lines[j:j + 1] = [lines[j]] * min(n, 10000)
        else:
            lines[j:j + 1] = [re.sub(r"layer\s+(\w+)", r"layer \g<1>%d" % k,
                                     lines[j], count=1)
                              for k in range(min(n, 10000))]
    elif kind == 3 and fns:  # a fn with many parameters
        j = rng.choice(fns)
        params = ", ".join("a%d: f32[B]" % k for k in range(min(n, 10000)))
        lines[j] = re.sub(r"\(", "(" + params + ", ", lines[j], count=1)
    elif kind == 4:  # a call with many arguments
        calls = list(CALL.finditer(text))
        if calls:
            m = rng.choice(calls)
            args = ", ".join(["x"] * min(n, 20000))
            return text[:m.end()] + args + ", " + text[m.end():]
    elif kind == 5 and fns:  # many fns
        j = rng.choice(fns)
        fn = "  fn g%d(x: f32[B]) -> f32[B] { return x }"
        lines[j:j] = [fn % k for k in range(min(n, 5000))]
    elif kind == 6:  # many models
        return text + "\n" + "\n".join(
            "model m%d { fn forward(x: f32[B]) -> f32[B] { return x } }" % k
            for k in range(min(n, 3000)))
    else:  # many returned values
        fns_text = list(re.finditer(r"return ([^\n}]+)", text))
        if fns_text:
            m = rng.choice(fns_text)
            value = m.group(1).strip()
            return (text[:m.start(1)] + ", ".join([value] * min(n, 5000)) +
                    text[m.end(1):])
    return "\n".join(lines)


def unicode(rng, text, ctx):
    for _ in range(rng.randint(1, 4)):
        i = rng.randint(0, len(text))
        piece = rng.choice(UNICODE + BAD_UTF8 + ["caf\u00e9", "\u00e9t\u00e9"])
        if rng.random() < 0.1:
            i = 0  # a byte order mark or a stray byte first
        text = text[:i] + piece + text[i:]
    return text


def nul_bytes(rng, text, ctx):
    for _ in range(rng.choice([1, 1, 2, 10])):
        i = rng.randint(0, len(text))
        text = text[:i] + "\0" + text[i:]
    if rng.random() < 0.1:
        text = text + "\0" * 1000
    return text


def long_line(rng, text, ctx):
    n = rng.choice([5000, 100000, 1000000])
    kind = rng.randrange(7)
    i = rng.randint(0, len(text))
    if kind == 0:
        piece = "a" * n
    elif kind == 1:
        piece = "9" * n
    elif kind == 2:
        piece = '"' + "s" * n + '"'
    elif kind == 3:
        piece = "# " + "c" * n + "\n"
    elif kind == 4:
        piece = " " * n
    elif kind == 5:
        piece = "1." + "0" * n + "1e-" + "9" * 50
    else:
        piece = "\n" * n
    return text[:i] + piece + text[i:]


def swap_layer(rng, text, ctx):
    defs = list(LAYER_DEF.finditer(text))
    if not defs:
        return swap_function(rng, text, ctx)
    m = rng.choice(defs)
    pool = LAYERS if rng.random() < 0.8 else FUNCTIONS + ctx["identifiers"]
    return text[:m.start(2)] + rng.choice(pool) + text[m.end(2):]


def swap_function(rng, text, ctx):
    calls = [m for m in CALL.finditer(text)
             if m.group(1) not in ("fn", "model", "block")]
    if not calls:
        return replace_identifier(rng, text, ctx)
    m = rng.choice(calls)
    pool = FUNCTIONS if rng.random() < 0.7 else LAYERS + ctx["identifiers"]
    return text[:m.start(1)] + rng.choice(pool) + text[m.end(1):]


def keyword_argument(rng, text, ctx):
    calls = list(CALL.finditer(text))
    if not calls:
        return replace_identifier(rng, text, ctx)
    m = rng.choice(calls)
    # The argument list of this call: up to the matching parenthesis.
    depth, end = 1, m.end()
    while end < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        end += 1
    args_text = text[m.end():end - 1]
    kind = rng.randrange(6)
    values = GENTLE_NUMBERS if ctx.get("gentle") else VALUES
    new_arg = "%s: %s" % (rng.choice(KEYWORD_ARGS), rng.choice(values))
    if kind == 0 or not args_text.strip():  # add a keyword argument
        sep = ", " if args_text.strip() else ""
        return text[:end - 1] + sep + new_arg + text[end - 1:]
    kw = list(re.finditer(r"\b(\w+)\s*:\s*([^,()\[\]]+)", args_text))
    base = m.end()
    if kind == 1 and kw:  # rename a keyword
        k = rng.choice(kw)
        return (text[:base + k.start(1)] + rng.choice(KEYWORD_ARGS) +
                text[base + k.end(1):])
    if kind == 2 and kw:  # give a keyword another value
        k = rng.choice(kw)
        return (text[:base + k.start(2)] + rng.choice(values) +
                text[base + k.end(2):])
    if kind == 3 and kw:  # the same keyword twice
        k = rng.choice(kw)
        return text[:end - 1] + ", " + k.group(0) + text[end - 1:]
    if kind == 4:  # a positional argument after the keywords, or first
        if rng.random() < 0.5:
            return text[:end - 1] + ", " + rng.choice(values) + text[end - 1:]
        return text[:base] + new_arg + ", " + text[base:]
    # drop the argument list, or keep only a part of it
    parts = args_text.split(",")
    keep = parts[:rng.randrange(len(parts))]
    return text[:base] + ",".join(keep) + text[end - 1:]


def splice(rng, text, ctx):
    other = rng.choice(ctx["seeds"])[1]
    lines, other_lines = text.split("\n"), other.split("\n")
    a = rng.randrange(len(other_lines))
    piece = other_lines[a:a + rng.randint(1, 8)]
    at = rng.randint(0, len(lines))
    if rng.random() < 0.3:  # replace rather than insert
        del lines[at:at + len(piece)]
    lines[at:at] = piece
    return "\n".join(lines)


def line_operation(rng, text, ctx):
    lines = text.split("\n")
    if len(lines) < 2:
        return text + "\n" + text
    i = rng.randrange(len(lines))
    kind = rng.randrange(4)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif kind == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines.insert(rng.randrange(len(lines)), lines.pop(i))
    return "\n".join(lines)


def bad_import(rng, text, ctx):
    kind = rng.randrange(4)
    if kind == 0:
        target = rng.choice(SPECIAL_IMPORTS)
    elif kind == 1:
        target = ctx["self_name"]  # imports itself
    elif kind == 2:
        target = os.path.relpath(rng.choice(ctx["seeds"])[2], ctx["dir"])
    else:
        target = rng.choice(["Inputs", "Inputs/", "../e2e/ops/lstm.mm",
                             "../../examples/emotion/model.mm",
                             "fuzz-0.mm", "*.mm", "~/x.mm"])
    line = 'import "%s"' % target
    if rng.random() < 0.2:
        line = rng.choice(['import', 'import "', 'import x',
                           'import "%s" "%s"' % (target, target),
                           'import %s' % target, "import(\"x\")"])
    existing = list(IMPORT.finditer(text))
    if existing and rng.random() < 0.5:
        m = rng.choice(existing)
        return text[:m.start()] + line + text[m.end():]
    return line + "\n" + text


def restructure(rng, text, ctx):
    kind = rng.randrange(6)
    if kind == 0:
        return text.replace("model", "block", 1)
    if kind == 1:
        return text.replace("block", "model", 1)
    if kind == 2:
        return text + "\n" + text  # everything defined twice
    if kind == 3:  # the model inside a model
        return re.sub(r"(model\s+\w+\s*\{)", lambda m: m.group(1) + "\n" +
                      text, text, count=1)
    if kind == 4:  # a fn outside any model
        return text + "\nfn stray(x: f32[B]) -> f32[B] { return x }\n"
    return text.replace("{", "", 1) if rng.random() < 0.5 else \
        text.replace("}", "", 1)


def rename_definition(rng, text, ctx):
    defs = list(re.finditer(r"\b(fn|model|block|layer|param)\s+(\w+)", text))
    if not defs:
        return replace_identifier(rng, text, ctx)
    m = rng.choice(defs)
    return text[:m.start(2)] + rng.choice(C_NAMES + KEYWORDS) + text[m.end(2):]


# ===--- mutations of mm-dialect IR (.mlir inputs of mmc) ------------------===

ELEMENT_TYPES_MLIR = ["f32", "i32", "i64", "i8", "i1", "f16", "bf16", "f64",
                      "index", "complex<f32>", "ui8", "si32", "none"]
MLIR_INTS = ["0", "1", "-1", "2", "3", "7", "64", "2147483648",
             "9223372036854775807", "-9223372036854775808",
             "18446744073709551616", "4611686018427387904", "65536"]


def mlir_number(rng, text, ctx):
    numbers = list(re.finditer(r"(?<![%#@\w])-?\d+(?![\w.])", text))
    if not numbers:
        return flip_bits(rng, text, ctx)
    for _ in range(rng.randint(1, 2)):
        m = rng.choice(numbers)
        text = text[:m.start()] + rng.choice(MLIR_INTS) + text[m.end():]
        numbers = list(re.finditer(r"(?<![%#@\w])-?\d+(?![\w.])", text))
    return text


def mlir_type(rng, text, ctx):
    types = list(re.finditer(r"tensor<([^<>]*)>", text))
    if not types:
        return flip_bits(rng, text, ctx)
    m = rng.choice(types)
    parts = m.group(1).split("x")
    kind = rng.randrange(5)
    if kind == 0:
        parts[-1] = rng.choice(ELEMENT_TYPES_MLIR)
    elif kind == 1 and len(parts) > 1:
        parts[rng.randrange(len(parts) - 1)] = rng.choice(
            ["?", "0", "1", "2", "3", "9223372036854775807", "100000000"])
    elif kind == 2:
        parts.insert(0, rng.choice(["1", "?", "2"]))
    elif kind == 3 and len(parts) > 1:
        del parts[0]
    else:
        parts = ["*"] + parts[-1:]  # unranked
    new = "tensor<%s>" % "x".join(parts)
    if rng.random() < 0.5:  # every use of this type, so that SSA types agree
        return text.replace(m.group(0), new)
    return text[:m.start()] + new + text[m.end():]


def mlir_op_name(rng, text, ctx):
    ops = list(re.finditer(r"\bmm\.([a-z_0-9]+)", text))
    if not ops:
        return flip_bits(rng, text, ctx)
    m = rng.choice(ops)
    return text[:m.start(1)] + rng.choice(ctx["mlir_ops"]) + text[m.end(1):]


def mlir_attribute(rng, text, ctx):
    attrs = list(re.finditer(r"([a-z_A-Z.]+) = ([^,{}]+?)(?=[,}])", text))
    if not attrs:
        return flip_bits(rng, text, ctx)
    m = rng.choice(attrs)
    kind = rng.randrange(5)
    if kind == 0:  # drop it (and a comma next to it)
        start, end = m.start(), m.end()
        if text[end:end + 2] == ", ":
            end += 2
        elif text[start - 2:start] == ", ":
            start -= 2
        return text[:start] + text[end:]
    if kind == 1:
        value = rng.choice(['"x"', '""', "1.5 : f32", "0 : i32",
                           "array<i64>", "array<i64: 1, 2, 3, 4, 5>",
                           "[]", '["B", "B"]', "[1, 2]", "unit", "true",
                           "-1 : i64", "99999999999 : i64", "dense<1>"])
        return text[:m.start(2)] + value + text[m.end(2):]
    if kind == 2:
        return text[:m.end()] + ", %s = %s" % (
            rng.choice(["dim", "dims", "hidden_size", "n_fft", "mm.layer",
                        "unknown_attr", "num_layers", "bidirectional"]),
            m.group(2)) + text[m.end():]
    if kind == 3:
        return text[:m.start(1)] + rng.choice(
            ["dim", "dims", "index", "hidden_size", "n_mels", "mm.dims",
             "mm.name", "mm.symbols", "mm.index_range", "mm.model",
             "other"]) + text[m.end(1):]
    strings = list(re.finditer(r'"([^"\n]*)"', text))
    if strings:
        s = rng.choice(strings)
        return text[:s.start(1)] + rng.choice(
            C_NAMES + ["", "a b", "9a", "../x", "x/y", "B", "T", "Z",
                       "\\00", "\u00e9", "a" * 5000]) + text[s.end(1):]
    return text


MLIR_MUTATIONS = [
    (mlir_number, 8), (mlir_type, 8), (mlir_op_name, 5), (mlir_attribute, 8),
    (line_operation, 4), (delete_tokens, 3), (swap_tokens, 2),
    (flip_bits, 3), (truncate, 1),
]


# (mutation, weight)
MUTATIONS = [
    (flip_bits, 8), (insert_bytes, 3), (delete_tokens, 8), (delete_span, 3),
    (duplicate_tokens, 5), (swap_tokens, 5), (replace_punctuation, 5),
    (replace_identifier, 8), (replace_number, 8), (mutate_shape, 8),
    (truncate, 3), (deep_nesting, 3), (huge, 2), (unicode, 3),
    (nul_bytes, 2), (long_line, 2), (swap_layer, 6), (swap_function, 5),
    (keyword_argument, 8), (splice, 3), (line_operation, 4), (bad_import, 2),
    (restructure, 2), (rename_definition, 2),
]
HEAVY = {deep_nesting, huge, long_line}
# The mutations that often leave a model that the frontend accepts.
SEMANTIC = [
    (replace_number, 10), (mutate_shape, 10), (swap_layer, 6),
    (swap_function, 6), (keyword_argument, 10), (line_operation, 2),
    (delete_tokens, 1), (rename_definition, 2),
]


def choose(rng, table):
    total = sum(w for _, w in table)
    x = rng.uniform(0, total)
    for mutation, weight in table:
        x -= weight
        if x <= 0:
            return mutation
    return table[-1][0]


def make_mutant(rng, seed_text, ctx, table, max_ops):
    text = seed_text
    applied = []
    n = rng.choice([1, 1, 1, 1, 2, 2, 3, max_ops])
    used_heavy = False
    for _ in range(n):
        mutation = choose(rng, table)
        if mutation in HEAVY:
            if used_heavy:
                continue
            used_heavy = True
        try:
            text = mutation(rng, text, ctx)
        except Exception as e:  # a bug of this script, not of the tool
            print("note: mutation %s raised %r; skipped" %
                  (mutation.__name__, e))
            continue
        applied.append(mutation.__name__)
    return text, applied


# ===--- driver ------------------------------------------------------------===


def strip_comment_lines(text):
    """Drops the lit RUN/CHECK lines and other whole-line comments: the
    mutations are better spent on code (comments inside lines stay)."""
    return "\n".join(l for l in text.split("\n")
                     if not l.lstrip().startswith("#"))


def load_seeds(src_root, tree):
    """Copies the seeds and the files they import into tree/; returns
    (relative path, text, path of the copy) per seed."""
    seeds = []
    paths = set()
    for pattern in SEED_GLOBS:
        paths.update(glob.glob(os.path.join(src_root, pattern),
                               recursive=True))
    for path in sorted(paths):
        rel = os.path.relpath(path, src_root)
        copy = os.path.join(tree, rel)
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copyfile(path, copy)
        inputs = os.path.join(os.path.dirname(path), "Inputs")
        copied_inputs = os.path.join(os.path.dirname(copy), "Inputs")
        if os.path.isdir(inputs) and not os.path.isdir(copied_inputs):
            shutil.copytree(inputs, copied_inputs)
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "surrogateescape")
        seeds.append((rel, strip_comment_lines(text), copy))
    if not seeds:
        sys.exit("fuzz_frontend.py: no seed .mm files under %s" % src_root)
    return seeds


def identifiers(seeds):
    names = set()
    for _, text, _ in seeds:
        names.update(re.findall(r"\b[A-Za-z_]\w*\b", text))
    return sorted(names)


SOURCE_LOCATED = re.compile(r"^.+\.(?:mm|mlir):\d+:\d+: error: \S")


def error_checker(mutant_text, paths=()):
    """Accepts `FILE:LINE:COL: error:` where FILE is a source (.mm, .mlir;
    not the C glue or anything else the compiler generated) and
    `mmc: error:`, and lines of the source quoted under a diagnostic."""
    quoted = set(mutant_text.encode("utf-8", "surrogateescape")
                 .decode("utf-8", "replace").split("\n"))
    mmc_error = fuzzlib.tool_error("mmc")
    given = re.compile(r"^(?:%s)(?::\d+:\d+)?: error: \S" %
                       "|".join(re.escape(p) for p in paths)) if paths \
        else None

    def ok(line):
        if SOURCE_LOCATED.match(line) or mmc_error.match(line) or \
                line in quoted or (given and given.match(line)):
            return True
        if fuzzlib.LOCATED.match(line):
            return ("error in a file that the compiler generated, not in "
                    "the source: %r" % line[:300])
        return False
    return ok


def write_mutant(tree, seed, index, text):
    directory = os.path.dirname(seed[2])
    path = os.path.join(directory, "fuzz-%d.mm" % index)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape"))
    return path


def mutant_context(seeds, ids, seed, index, gentle=False):
    return {"seeds": seeds, "identifiers": ids,
            "dir": os.path.dirname(seed[2]),
            "self_name": "fuzz-%d.mm" % index, "gentle": gentle}


def accepted_seeds(args, seeds, mmc):
    """The seeds that `mmc --emit=mm` accepts as they are (the others are
    the frontend's error tests)."""
    good = []
    for seed in seeds:
        result = fuzzlib.run([mmc, "--emit=mm", seed[2]], args.timeout,
                             args.memory_mb)
        if result.returncode == 0 and not result.timed_out:
            good.append(seed)
    return good


def special_files(args, campaign, mmc, tree):
    """Inputs that are not regular files, given directly and imported: the
    frontend must refuse them rather than read forever."""
    model = ("model m {\n  fn forward(x: f32[B]) -> f32[B] "
             "{ return relu(x) }\n}\n")
    cases = []
    for target in ("/dev/zero", "/dev/urandom", "/dev/null", tree, "/",
                   os.path.join(tree, "no_such_file.mm")):
        cases.append(("mmc on %s" % target, target, None))
        path = os.path.join(tree, "special-%d.mm" % len(cases))
        text = 'import "%s"\n%s' % (target, model)
        with open(path, "w") as f:
            f.write(text)
        cases.append(("import of %s" % target, path, text))
    for label, path, text in cases:
        if campaign.over():
            break
        result = fuzzlib.run([mmc, "--emit=mm", path], args.timeout,
                             args.memory_mb)
        campaign.record("special-file", label, result,
                        [path] if text is not None else [],
                        error_checker(text or "", [path]))


def emit_phase(args, seeds, good, ids, campaign, mmc, tree):
    indices = range(args.count) if args.only is None else [args.only]
    for i in indices:
        if campaign.over():
            break
        rng = random.Random("emit-%d-%d" % (args.seed, i))
        # Half the mutants start from a valid model, so that mutations reach
        # the checks and the IR generation behind the parser; half of those
        # are made by the mutations that keep a model close to valid.
        if good and rng.random() < 0.5:
            seed = rng.choice(good)
            table = SEMANTIC if rng.random() < 0.5 else MUTATIONS
        else:
            seed = rng.choice(seeds)
            table = MUTATIONS
        text, applied = make_mutant(rng, seed[1],
                                    mutant_context(seeds, ids, seed, i),
                                    table, 5)
        label = "emit mutant %d of %s by %s" % (i, seed[0], "+".join(applied))
        if args.list:
            print(label)
            continue
        path = write_mutant(tree, seed, i, text)
        result = fuzzlib.run([mmc, "--emit=mm", path], args.timeout,
                             args.memory_mb)
        campaign.record("emit-mm", label, result, [path],
                        error_checker(text))
        os.remove(path)


def compile_phase(args, seeds, good, ids, campaign, mmc, tree):
    if not good:
        print("FAIL: no seed passes `mmc --emit=mm`; nothing to compile")
        campaign.failures.append(("compile", "seeds", "no valid seed", "",
                                  []))
        return
    compiled = 0
    attempt = 0
    while compiled < args.compile_count and attempt < 20 * args.compile_count:
        if campaign.over():
            break
        i = attempt
        attempt += 1
        if args.only_compile is not None and i != args.only_compile:
            continue
        rng = random.Random("compile-%d-%d" % (args.seed, i))
        seed = rng.choice(good)
        text, applied = make_mutant(rng, seed[1],
                                    mutant_context(seeds, ids, seed, i,
                                                   gentle=True),
                                    SEMANTIC, 2)
        label = "compile mutant %d of %s by %s" % (i, seed[0],
                                                   "+".join(applied))
        if args.list:
            print(label)
            continue
        path = write_mutant(tree, seed, 100000 + i, text)
        check = error_checker(text)
        result = fuzzlib.run([mmc, "--emit=mm", path], args.timeout,
                             args.memory_mb)
        campaign.record("emit-mm-to-compile", label, result, [path], check)
        if result.returncode == 0 and not result.timed_out:
            out = os.path.join(args.out, "lib-%d" % i)
            flags = rng.choice([[], [], ["--no-halide"], ["-O0"],
                                ["-O1", "--target=x86-64"]])
            result = fuzzlib.run([mmc, "compile", path, "-o", out] + flags,
                                 args.timeout, args.memory_mb)
            compiled += 1
            campaign.record("compile", label, result, [path], check)
            shutil.rmtree(out, ignore_errors=True)
        os.remove(path)
    if args.only_compile is None and not args.list:
        print("compile: %d of %d mutants passed the frontend and were "
              "compiled" % (compiled, attempt))
        if compiled < args.compile_count:
            print("FAIL: only %d mutants reached `mmc compile` (wanted %d)" %
                  (compiled, args.compile_count))
            campaign.failures.append(("compile", "count", "too few", "", []))


def mlir_phase(args, seeds, good, campaign, mmc, tree):
    """mmc also reads mm-dialect IR: mutants of what --emit=mm prints for
    the valid seeds go through the dialect's parser and verifiers and the
    whole lowering (--emit=llvm), one in four through `mmc compile`."""
    sources = []
    for seed in good:
        result = fuzzlib.run([mmc, "--emit=mm", seed[2]], args.timeout,
                             args.memory_mb, keep_stdout=True)
        if result.returncode == 0 and result.stdout:
            sources.append((seed[0], result.stdout.decode("utf-8", "replace")))
    if not sources:
        return
    ops = sorted({m for _, text in sources
                  for m in re.findall(r"\bmm\.([a-z_0-9]+)", text)})
    ctx = {"mlir_ops": ops or ["relu"], "seeds": seeds, "identifiers": []}
    directory = os.path.join(args.out, "mlir")
    os.makedirs(directory, exist_ok=True)
    indices = range(args.mlir_count) if args.only_mlir is None \
        else [args.only_mlir]
    for i in indices:
        if campaign.over():
            break
        rng = random.Random("mlir-%d-%d" % (args.seed, i))
        name, text = rng.choice(sources)
        mutant, applied = make_mutant(rng, text, ctx, MLIR_MUTATIONS, 3)
        compile_it = rng.random() < 0.25
        label = "mlir mutant %d of %s by %s%s" % (
            i, name, "+".join(applied), " (compiled)" if compile_it else "")
        if args.list:
            print(label)
            continue
        path = os.path.join(directory, "fuzz-%d.mlir" % i)
        with open(path, "wb") as f:
            f.write(mutant.encode("utf-8", "surrogateescape"))
        out = os.path.join(args.out, "mlir-lib-%d" % i)
        cmd = ([mmc, "compile", path, "-o", out] if compile_it
               else [mmc, "--emit=llvm", path])
        result = fuzzlib.run(cmd, args.timeout, args.memory_mb)
        campaign.record("mlir-compile" if compile_it else "mlir-emit-llvm",
                        label, result, [path], error_checker(mutant))
        shutil.rmtree(out, ignore_errors=True)
        os.remove(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src-root", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--bin", help="directory of mmc (default: PATH)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--compile-count", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--max-failures", type=int, default=10)
    parser.add_argument("--mlir-count", type=int, default=60)
    parser.add_argument("--only", type=int,
                        help="run only this emit=mm mutant")
    parser.add_argument("--only-mlir", type=int,
                        help="run only this .mlir mutant")
    parser.add_argument("--only-compile", type=int,
                        help="run only this compile mutant (attempt number)")
    parser.add_argument("--list", action="store_true",
                        help="print the mutants without running them")
    args = parser.parse_args()

    mmc = fuzzlib.find_tool("mmc", args.bin)
    tree = os.path.join(args.out, "tree")
    os.makedirs(tree, exist_ok=True)
    seeds = load_seeds(args.src_root, tree)
    ids = identifiers(seeds)
    print("fuzz_frontend: %d seeds, --seed %d, %d emit=mm mutants, %d "
          "compiled mutants, %d .mlir mutants, timeout %g s" %
          (len(seeds), args.seed, args.count, args.compile_count,
           args.mlir_count, args.timeout), flush=True)
    campaign = fuzzlib.Campaign("fuzz_frontend", args.out, args.max_failures)
    good = accepted_seeds(args, seeds, mmc)
    print("fuzz_frontend: %d seeds pass the frontend unchanged" % len(good),
          flush=True)
    only = [args.only, args.only_compile, args.only_mlir]
    if only == [None] * 3:
        special_files(args, campaign, mmc, tree)
    if only == [None] * 3 or args.only is not None:
        emit_phase(args, seeds, good, ids, campaign, mmc, tree)
    if only == [None] * 3 or args.only_compile is not None:
        compile_phase(args, seeds, good, ids, campaign, mmc, tree)
    if only == [None] * 3 or args.only_mlir is not None:
        mlir_phase(args, seeds, good, campaign, mmc, tree)
    if args.list:
        return 0
    return campaign.summary()


if __name__ == "__main__":
    sys.exit(main())
