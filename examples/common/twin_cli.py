"""What the examples' PyTorch twins (examples/*/reference.py) share.

Each reference.py defines its model (an nn.Module whose state_dict is the
model's weight set), how its weights are drawn and its inputs made, and
imports this file by path for the rest:

    sys.path.insert(0, os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "..", "common"))
    sys.dont_write_bytecode = True
    import twin_cli

- weights: randomize() draws every parameter from a normal distribution
  (mean, std) given by the twin, every bias ~ normal(BIAS_MEAN, BIAS_STD);
  build() does that or loads an .npz written earlier; save_weights()
  writes numpy.savez(**state_dict) in float32;
- run(): the oracle, the twin evaluated in float64 on the float32 weights
  and inputs;
- the files the example apps read (read_tokens, read_wav), read like
  examples/common/app_io.h reads them;
- read_app_lines() and check_close(): read what an app printed and
  compare it with the reference;
- add_common_args() / start(): the command-line flags every twin has
  (--seed, --weights-in, --weights-out, --inputs-out) and the set-up;
  text_audio_main(): the whole command line of a twin whose model takes
  token ids and audio (emotion, crossattn).

Run with /usr/bin/python3 (Debian's torch 1.13).
"""

import argparse
import copy
import os
import re
import sys
import wave

import numpy as np
import torch

BIAS_MEAN, BIAS_STD = 0.1, 0.5


def fail(message):
    sys.exit("reference.py: " + message)


def randomize(model, seed, init):
    """Re-initializes every parameter of MODEL, in named_parameters() order
    from one generator seeded with SEED: biases (a name whose last part
    contains "bias") ~ normal(BIAS_MEAN, BIAS_STD), every other parameter
    ~ normal(*INIT(name)). Buffers are computed, not weights."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen, dtype=p.dtype)
            if "bias" in name.rsplit(".", 1)[-1]:
                p.copy_(BIAS_MEAN + BIAS_STD * noise)
            else:
                mean, std = init(name)
                p.copy_(mean + std * noise)


def build(model, seed, init, weights_in=None, computed_buffers=()):
    """MODEL with weights from WEIGHTS_IN (an .npz, which may leave out the
    COMPUTED_BUFFERS, as `mmc pack` allows), or else drawn with
    randomize(); in eval mode."""
    if weights_in is not None:
        with np.load(weights_in) as npz:
            state = {k: torch.from_numpy(npz[k]) for k in npz.files}
        missing, unexpected = model.load_state_dict(state, strict=False)
        missing = [k for k in missing if k not in computed_buffers]
        if missing or unexpected:
            fail("%s: missing %s, unexpected %s" %
                 (weights_in, missing, unexpected))
    else:
        randomize(model, seed, init)
    return model.eval()


def save_weights(model, path):
    state = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    for k, v in state.items():
        assert v.dtype == np.float32, (k, v.dtype)
    np.savez(path, **state)


def run(model, fn, *inputs):
    """The oracle: MODEL.FN(*INPUTS) in float64 on the (float32) weights
    and inputs. Integer inputs become int64 (what nn.Embedding takes)."""
    model64 = copy.deepcopy(model).double().eval()
    args = [torch.from_numpy(x.astype(np.int64 if x.dtype.kind == "i"
                                      else np.float64)) for x in inputs]
    with torch.no_grad():
        return getattr(model64, fn)(*args).numpy()


def save_case(directory, inputs, expected):
    """DIR/<name>.npy for each input and DIR/expected0.npy (float32)."""
    os.makedirs(directory, exist_ok=True)
    for name, a in inputs.items():
        np.save(os.path.join(directory, name + ".npy"), a)
    np.save(os.path.join(directory, "expected0.npy"),
            expected.astype(np.float32))


def read_tokens(path, vocab_size):
    """Whitespace-separated token ids in [0, VOCAB_SIZE), as int32 [1, T]."""
    try:
        with open(path) as f:
            words = f.read().split()
    except (OSError, UnicodeDecodeError) as e:
        fail("cannot read %s: %s" % (path, e))
    if not words:
        fail("%s holds no token ids" % path)
    try:
        ids = np.array([[int(w) for w in words]], dtype=np.int32)
    except ValueError as e:
        fail("%s: %s" % (path, e))
    check_vocab(ids, vocab_size, path)
    return ids


def check_vocab(ids, vocab_size, path):
    if ids.min() < 0 or ids.max() >= vocab_size:
        fail("%s has a token id outside [0, %d)" % (path, vocab_size))


def read_wav(path, sample_rate, num_samples):
    """16-bit PCM mono at SAMPLE_RATE, exactly NUM_SAMPLES samples, as
    float32 [1, NUM_SAMPLES] (sample / 32768, as the apps read it)."""
    with wave.open(path, "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (
                1, 2, sample_rate) or w.getnframes() != num_samples:
            fail("%s is not 16-bit mono %d Hz with %d samples" %
                 (path, sample_rate, num_samples))
        pcm = np.frombuffer(w.readframes(num_samples), dtype="<i2")
    return (pcm.astype(np.float32) / 32768.0)[None, :]


def read_app_lines(path, pattern, keys):
    """The matches of PATTERN in the app's output PATH, one line each; the
    first groups of the matches must be KEYS, in order."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        fail("FAIL: cannot read %s: %s" % (path, e))
    found = re.findall(pattern, text, re.M)
    if [row[0] for row in found] != list(keys):
        fail("FAIL: %s does not hold the lines %s (one each, in order):\n%s"
             % (path, " ... ".join(sorted({keys[0], keys[-1]},
                                          key=keys.index)), text))
    return found


def check_close(what, app, ref, scale, rtol=1e-4):
    """Fails unless max|APP - REF| <= RTOL * SCALE + 5e-7 (half a unit of
    the sixth decimal the apps print); also fails on NaN."""
    err = float(np.max(np.abs(np.asarray(app, np.float64) - ref)))
    bound = rtol * scale + 5e-7
    if not err <= bound:
        fail("FAIL: %smax|app - ref| = %.3e > %.3e (rtol %g of %.4g)" %
             (what, err, bound, rtol, scale))
    print("reference.py: OK: %smax|app - ref| = %.3e <= %.3e (rtol %g of "
          "%.4g)" % (what, err, bound, rtol, scale))


def add_common_args(parser, inputs_help):
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weights-in", help="load weights from this .npz "
                        "instead of drawing them from --seed")
    parser.add_argument("--weights-out", help="write the weights (.npz)")
    parser.add_argument("--inputs-out", help=inputs_help)


def check_positive(parser, args, *names):
    for name in names:
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error("--%s must be at least 1" % name.replace("_", "-"))


def start(seed):
    """One thread (deterministic numbers) and a seeded torch."""
    torch.set_num_threads(1)
    torch.manual_seed(seed)


def text_audio_main(name, build, make_inputs, vocab_size, sample_rate,
                    num_samples, show):
    """The command line of a twin whose fn forward takes text i32[B, T] and
    audio f32[B, NUM_SAMPLES]:

      --seed N --weights-out W.npz          the weights (see build())
      --batch B --time T --inputs-out DIR   DIR/text.npy, DIR/audio.npy and
                                            DIR/expected0.npy (float64 oracle)
      --tokens T.txt --wav A.wav [--check APP.txt]
          one example read as the app reads it; SHOW(output, APP.txt or
          None) prints the oracle's output and checks the app's.

    BUILD(seed, weights_in) returns the model; MAKE_INPUTS(seed, B, T)
    returns (text, audio)."""
    parser = argparse.ArgumentParser(
        description="PyTorch reference of examples/%s/model.mm" % name)
    add_common_args(parser, "write text.npy, audio.npy and expected0.npy "
                    "into this directory")
    parser.add_argument("--batch", type=int)
    parser.add_argument("--time", type=int)
    parser.add_argument("--tokens", help="tokens.txt for a one-example run")
    parser.add_argument("--wav", help="audio.wav for a one-example run")
    parser.add_argument("--check", metavar="APP.txt", help="compare main.c's "
                        "output on the same files with the reference")
    args = parser.parse_args()

    if args.inputs_out and (args.batch is None or args.time is None):
        parser.error("--inputs-out needs --batch and --time")
    check_positive(parser, args, "batch", "time")
    if bool(args.tokens) != bool(args.wav):
        parser.error("--tokens and --wav go together")
    if args.check and not args.tokens:
        parser.error("--check needs --tokens and --wav")
    if not (args.weights_out or args.inputs_out or args.tokens):
        parser.error("nothing to do: give --weights-out, --inputs-out or "
                     "--tokens/--wav")

    start(args.seed)
    model = build(args.seed, args.weights_in)
    if args.weights_out:
        save_weights(model, args.weights_out)
    if args.inputs_out:
        text, audio = make_inputs(args.seed, args.batch, args.time)
        save_case(args.inputs_out, {"text": text, "audio": audio},
                  run(model, "forward", text, audio))
    if args.tokens:
        text = read_tokens(args.tokens, vocab_size)
        audio = read_wav(args.wav, sample_rate, num_samples)
        show(run(model, "forward", text, audio), args.check)
