#!/usr/bin/env python3
"""Reference numerics for the Halide kernel tests.

`gen-*` writes deterministic float32 inputs as .npy; `check-*` recomputes the
result with PyTorch / torchaudio in float64 and compares it with the kernel's
output. A check passes when max|out - ref| <= rtol * max|ref| (rtol 1e-4
unless told otherwise) and prints PASS; otherwise it prints FAIL and exits 1.
"""
import argparse
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)


def load(path):
    return np.load(path)


def compare(name, out, ref, rtol):
    ref = np.asarray(ref, dtype=np.float64)
    out = np.asarray(out, dtype=np.float64)
    if out.shape != ref.shape:
        print(f"FAIL {name}: shape {out.shape} != reference {ref.shape}")
        return False
    if not np.all(np.isfinite(out)):
        print(f"FAIL {name}: non-finite values in the kernel's output")
        return False
    err = float(np.max(np.abs(out - ref))) if out.size else 0.0
    scale = float(np.max(np.abs(ref))) if ref.size else 0.0
    ok = err <= rtol * scale
    print(f"{'ok' if ok else 'FAIL'} {name} {tuple(out.shape)}: max|err| {err:.3e}"
          f" <= {rtol:g} * max|ref| {scale:.3e}: {ok}")
    return ok


def finish(ok):
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


# ----------------------------------------------------------------------------
# spectrogram / mel spectrogram


def gen_audio(args):
    rng = np.random.default_rng(args.seed)
    t = np.arange(args.length) / 16000.0
    freqs = 220.0 * (1 + np.arange(args.batch))[:, None]
    x = 0.2 * rng.standard_normal((args.batch, args.length)) + 0.5 * np.sin(2 * np.pi * freqs * t)
    np.save(args.out, x.astype(np.float32))


def spectrogram_reference(audio, a):
    import torchaudio
    x = torch.from_numpy(audio).double()
    win = a.win_length or a.n_fft
    hop = a.hop_length or win // 2
    if a.n_mels:
        t = torchaudio.transforms.MelSpectrogram(
            sample_rate=a.sample_rate, n_fft=a.n_fft, win_length=win, hop_length=hop,
            f_min=a.f_min, f_max=a.f_max, n_mels=a.n_mels, power=float(a.power),
            normalized=a.normalized, norm=None if a.norm == "none" else a.norm,
            mel_scale=a.mel_scale)
    else:
        t = torchaudio.transforms.Spectrogram(
            n_fft=a.n_fft, win_length=win, hop_length=hop, power=float(a.power),
            normalized=a.normalized)
    y = t.double()(x)
    if a.post == "log":
        y = torch.log(y + a.log_eps)
    elif a.post == "db":
        y = torchaudio.transforms.AmplitudeToDB(
            stype=a.db_stype, top_db=a.top_db).double()(y)
    return y.numpy()


def check_spectrogram(args):
    ref = spectrogram_reference(load(args.audio), args)
    finish(compare("spectrogram", load(args.out), ref, args.rtol))


# ----------------------------------------------------------------------------
# LSTM / GRU


def run_harness(harness, args):
    import subprocess
    proc = subprocess.run([harness] + args, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr, end="")
        print(f"FAIL harness exited with {proc.returncode}")
        sys.exit(1)


# The prepacked layouts of compiler/halide/README.md (RecurrentGenerator.cpp's
# ihLanes and hhLanes), written here from the documentation, independently of
# the compiler's packing code.
IH_LANES = 32
HH_LANES = 32


def pack_w_ih(w):
    """weight_ih [G*H, in] -> w_ih_packed [ceil(G*H/32), in, 32]."""
    rows = w.shape[0]
    panels = -(-rows // IH_LANES)
    idx = np.minimum(np.arange(panels * IH_LANES), rows - 1)
    return np.ascontiguousarray(w[idx].reshape(panels, IH_LANES, -1).transpose(0, 2, 1))


def pack_w_hh(w, gates):
    """weight_hh [G*H, H] -> w_hh_packed [ceil(H/32), H, G, 32]."""
    hidden = w.shape[1]
    blocks = -(-hidden // HH_LANES)
    k = np.minimum(np.arange(blocks * HH_LANES), hidden - 1)  # padded features
    per_gate = w.reshape(gates, hidden, hidden)[:, k, :]  # [G, blocks*32, kk]
    return np.ascontiguousarray(
        per_gate.reshape(gates, blocks, HH_LANES, hidden).transpose(1, 3, 0, 2))


def check_rnn(args):
    torch.manual_seed(args.seed)
    cls = torch.nn.LSTM if args.cell == "lstm" else torch.nn.GRU
    m = cls(args.input_size, args.hidden_size, num_layers=args.num_layers,
            bidirectional=args.bidirectional, bias=not args.no_bias, batch_first=True)
    x = torch.randn(args.batch, args.steps, args.input_size)
    os.makedirs(args.dir, exist_ok=True)
    files = [os.path.join(args.dir, "input.npy")]
    np.save(files[0], x.numpy())
    gates = 4 if args.cell == "lstm" else 3
    for name, p in m.state_dict().items():
        value = p.numpy()
        if args.prepacked and name.startswith("weight_ih"):
            name, value = name.replace("weight_ih", "w_ih_packed"), pack_w_ih(value)
        elif args.prepacked and name.startswith("weight_hh"):
            name, value = name.replace("weight_hh", "w_hh_packed"), pack_w_hh(value, gates)
        files.append(os.path.join(args.dir, name + ".npy"))
        np.save(files[-1], value)
    dirs = 2 if args.bidirectional else 1
    outs = {
        "output": (args.batch, args.steps, dirs * args.hidden_size),
        "h_n": (args.num_layers * dirs, args.batch, args.hidden_size),
    }
    if args.cell == "lstm":
        outs["c_n"] = outs["h_n"]
    harness_args = ["in:" + f for f in files]
    for name, shape in outs.items():
        harness_args.append(f"out:{os.path.join(args.dir, name + '.out.npy')}:" +
                            ",".join(str(d) for d in shape))
    run_harness(args.run, harness_args)
    with torch.no_grad():
        out, state = m.double()(x.double())
    refs = {"output": out, "h_n": state[0] if args.cell == "lstm" else state}
    if args.cell == "lstm":
        refs["c_n"] = state[1]
    ok = True
    for name, ref in refs.items():
        got = load(os.path.join(args.dir, name + ".out.npy"))
        ok &= compare(f"{args.cell} {name}", got, ref.numpy(), args.rtol)
    finish(ok)


# ----------------------------------------------------------------------------
# multi-head attention core


def check_attention(args):
    """Q, K, V as nn.MultiheadAttention's in_proj makes them, split into heads;
    the reference is nn.MultiheadAttention's own core with out_proj = identity."""
    torch.manual_seed(args.seed)
    e = args.heads * args.head_dim
    mha = torch.nn.MultiheadAttention(e, args.heads, batch_first=True)
    with torch.no_grad():
        mha.out_proj.weight.copy_(torch.eye(e))
        mha.out_proj.bias.zero_()
    # --logit_scale: larger scores, so that most exponentials underflow.
    query = torch.randn(args.batch, args.tq, e) * args.logit_scale
    kv = torch.randn(args.batch, args.tk, e)
    mask = None
    if args.mask:
        # Pad a different number of keys per batch item, never all of them
        # unless --mask_all_last (the last item's keys are all masked: torch
        # gives NaN rows there).
        lengths = [max(1, args.tk - 1 - (7 * i) % args.tk) for i in range(args.batch)]
        if args.mask_all_last:
            lengths[-1] = 0
        mask = torch.arange(args.tk)[None, :] >= torch.tensor(lengths)[:, None]
    w, bias = mha.in_proj_weight, mha.in_proj_bias

    def heads(x):  # [B, T, E] -> [B, heads, T, d]
        return x.reshape(x.shape[0], x.shape[1], args.heads, args.head_dim).transpose(1, 2)

    with torch.no_grad():
        q = heads(query @ w[:e].T + bias[:e]).contiguous()
        k = heads(kv @ w[e:2 * e].T + bias[e:2 * e]).contiguous()
        v = heads(kv @ w[2 * e:].T + bias[2 * e:]).contiguous()
        ref, _ = mha.double()(query.double(), kv.double(), kv.double(),
                              key_padding_mask=mask, need_weights=False)
    ref = heads(ref).numpy()  # [B, heads, Tq, d], as the kernel writes it
    os.makedirs(args.dir, exist_ok=True)
    # --projected: Q, K, V and the output stay in the [B, T, heads, d] layout
    # the projections produce; the harness passes permuted views of them.
    perm = "0,2,1,3"
    harness_args = []
    for name, t in (("query", q), ("key", k), ("value", v)):
        path = os.path.join(args.dir, name + ".npy")
        if args.projected:
            np.save(path, t.transpose(1, 2).contiguous().numpy())
            harness_args.append(f"inview:{path}:{perm}")
        else:
            np.save(path, t.numpy())
            harness_args.append("in:" + path)
    if mask is not None:
        path = os.path.join(args.dir, "mask.npy")
        np.save(path, mask.numpy().astype(np.uint8))
        harness_args.append("in:" + path)
    out = os.path.join(args.dir, "output.out.npy")
    if args.projected:
        shape = ",".join(str(x) for x in (args.batch, args.tq, args.heads, args.head_dim))
        harness_args.append(f"outview:{out}:{shape}:{perm}")
        ref = ref.transpose(0, 2, 1, 3)
    else:
        shape = ",".join(str(x) for x in (args.batch, args.heads, args.tq, args.head_dim))
        harness_args.append(f"out:{out}:{shape}")
    run_harness(args.run, harness_args)
    out = load(out)
    nan = np.isnan(ref)
    if nan.any():
        # Rows torch leaves NaN must be NaN here; the rest is compared.
        same = bool(np.array_equal(np.isnan(out), nan))
        print(f"{'ok' if same else 'FAIL'} NaN rows where torch's: {same}")
        finish(same and compare("attention output", out[~nan], ref[~nan], args.rtol))
    finish(compare("attention output", out, ref, args.rtol))


# ----------------------------------------------------------------------------


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)

    g = sub.add_parser("gen-audio")
    g.add_argument("--batch", type=int, default=1)
    g.add_argument("--length", type=int, default=16000)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("out")
    g.set_defaults(fn=gen_audio)

    c = sub.add_parser("check-spectrogram")
    c.add_argument("--n_fft", type=int, default=400)
    c.add_argument("--win_length", type=int, default=0)
    c.add_argument("--hop_length", type=int, default=0)
    c.add_argument("--power", type=int, default=2)
    c.add_argument("--normalized", action="store_true")
    c.add_argument("--sample_rate", type=int, default=16000)
    c.add_argument("--n_mels", type=int, default=0)
    c.add_argument("--f_min", type=float, default=0.0)
    c.add_argument("--f_max", type=float, default=None)
    c.add_argument("--norm", default="none")
    c.add_argument("--mel_scale", default="htk")
    c.add_argument("--post", default="none")
    c.add_argument("--log_eps", type=float, default=1e-6)
    c.add_argument("--db_stype", default="power")
    c.add_argument("--top_db", type=float, default=None)
    c.add_argument("--rtol", type=float, default=1e-4)
    c.add_argument("audio")
    c.add_argument("out")
    c.set_defaults(fn=check_spectrogram)

    r = sub.add_parser("check-rnn", help="make inputs, run the harness, compare")
    r.add_argument("--cell", choices=["lstm", "gru"], default="lstm")
    r.add_argument("--input_size", type=int, required=True)
    r.add_argument("--hidden_size", type=int, required=True)
    r.add_argument("--num_layers", type=int, default=1)
    r.add_argument("--bidirectional", action="store_true")
    r.add_argument("--no_bias", action="store_true")
    r.add_argument("--batch", type=int, default=1)
    r.add_argument("--steps", type=int, default=8)
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--rtol", type=float, default=1e-4)
    r.add_argument("--prepacked", action="store_true",
                   help="pass W_ih and W_hh packed (a kernel built with prepacked=true)")
    r.add_argument("--run", required=True, help="the compiled run_kernel harness")
    r.add_argument("--dir", required=True, help="where to write .npy files")
    r.set_defaults(fn=check_rnn)

    a = sub.add_parser("check-attention", help="make inputs, run the harness, compare")
    a.add_argument("--heads", type=int, required=True)
    a.add_argument("--head_dim", type=int, required=True)
    a.add_argument("--tq", type=int, required=True)
    a.add_argument("--tk", type=int, required=True)
    a.add_argument("--batch", type=int, default=1)
    a.add_argument("--mask", action="store_true")
    a.add_argument("--projected", action="store_true",
                   help="pass [B, T, heads, d] arrays as permuted views")
    a.add_argument("--mask_all_last", action="store_true",
                   help="with --mask, mask every key of the last batch item")
    a.add_argument("--logit_scale", type=float, default=1.0,
                   help="scale the query input by this")
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--rtol", type=float, default=1e-4)
    a.add_argument("--run", required=True)
    a.add_argument("--dir", required=True)
    a.set_defaults(fn=check_attention)

    args = p.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
