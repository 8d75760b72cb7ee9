#!/usr/bin/env python3
"""Halide kernel benchmark, Python side (run through bench/kernels.sh).

  kernels.py prepare DIR   writes the shared inputs (.npy) of every workload
  kernels.py report DIR    times PyTorch on the same inputs at 1 and 2
                           threads, reads DIR/results-*.txt written by
                           kernels_bench, and prints the table of ratios
"""
import math
import os
import statistics
import sys
import time

import numpy as np
import torch
import torchaudio

REPS = int(os.environ.get("MM_BENCH_REPS", "50"))

LOGMEL = dict(sample_rate=16000, n_fft=512, hop_length=160, n_mels=80, seconds=3)
LSTMS = {"lstm_small": (128, 64, 32), "lstm_large": (256, 256, 64)}  # I, H, T
ATTN = dict(embed=256, heads=4, tq=64, tk=301, padded=21)


def prepare(d):
    os.makedirs(d, exist_ok=True)
    g = torch.Generator().manual_seed(0)
    save = lambda name, t: np.save(os.path.join(d, name + ".npy"), t.detach().numpy())

    n = LOGMEL["sample_rate"] * LOGMEL["seconds"]
    t = torch.arange(n) / LOGMEL["sample_rate"]
    audio = 0.3 * torch.randn(1, n, generator=g) + 0.5 * torch.sin(2 * math.pi * 440 * t)
    save("audio", audio)
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=LOGMEL["sample_rate"], n_fft=LOGMEL["n_fft"],
        hop_length=LOGMEL["hop_length"], n_mels=LOGMEL["n_mels"])
    save("mel_fb", mel.mel_scale.fb)                # [n_fft/2+1, n_mels]
    save("window", mel.spectrogram.window)          # periodic Hann

    for name, (i, h, steps) in LSTMS.items():
        torch.manual_seed(1)
        m = torch.nn.LSTM(i, h, batch_first=True)
        save(name + "_x", torch.randn(1, steps, i, generator=g))
        for k, v in m.state_dict().items():
            save(f"{name}_{k}", v)

    e, heads, tq, tk = ATTN["embed"], ATTN["heads"], ATTN["tq"], ATTN["tk"]
    torch.manual_seed(2)
    mha = torch.nn.MultiheadAttention(e, heads, batch_first=True)
    save("attn_query", torch.randn(1, tq, e, generator=g))
    save("attn_kv", torch.randn(1, tk, e, generator=g))
    mask = torch.zeros(1, tk, dtype=torch.uint8)
    mask[:, tk - ATTN["padded"]:] = 1
    save("attn_mask", mask)
    for k, v in mha.state_dict().items():
        save("attn_" + k.replace(".", "_"), v)


def median_ms(fn, reps=REPS):
    for _ in range(3):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def torch_times(d, threads):
    torch.set_num_threads(threads)
    load = lambda name: torch.from_numpy(np.load(os.path.join(d, name + ".npy")))
    out = {}
    with torch.no_grad():
        audio = load("audio")
        mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=LOGMEL["sample_rate"], n_fft=LOGMEL["n_fft"],
            hop_length=LOGMEL["hop_length"], n_mels=LOGMEL["n_mels"])
        out["logmel"] = median_ms(lambda: torch.log(mel(audio) + 1e-6))

        for name, (i, h, steps) in LSTMS.items():
            m = torch.nn.LSTM(i, h, batch_first=True)
            m.load_state_dict({k: load(f"{name}_{k}") for k in m.state_dict()})
            x = load(name + "_x")
            out[name] = median_ms(lambda: m(x))

        e, heads = ATTN["embed"], ATTN["heads"]
        mha = torch.nn.MultiheadAttention(e, heads, batch_first=True)
        mha.load_state_dict({k: load("attn_" + k.replace(".", "_")) for k in mha.state_dict()})
        mha.eval()
        query, kv = load("attn_query"), load("attn_kv")
        mask = load("attn_mask").bool()
        out["mha"] = median_ms(lambda: mha(query, kv, kv, key_padding_mask=mask,
                                           need_weights=False))
        # The core alone, as nn.MultiheadAttention computes it after the
        # input projections (torch 1.13: baddbmm/bmm + softmax).
        w, b = mha.in_proj_weight, mha.in_proj_bias
        dh = e // heads
        split = lambda x: x.reshape(1, -1, heads, dh).transpose(1, 2).reshape(heads, -1, dh)
        q = split(query @ w[:e].T + b[:e]) / math.sqrt(dh)
        k = split(kv @ w[e:2 * e].T + b[e:2 * e])
        v = split(kv @ w[2 * e:].T + b[2 * e:])
        add = torch.zeros(1, 1, kv.shape[1]).masked_fill(mask[:, None, :], float("-inf"))
        add = add.expand(heads, 1, kv.shape[1])
        out["attention"] = median_ms(
            lambda: torch.bmm(torch.softmax(torch.baddbmm(add, q, k.transpose(-2, -1)), -1), v))
    return out


def read_results(d, threads):
    res, checks = {}, []
    with open(os.path.join(d, f"results-{threads}.txt")) as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] == "RESULT":
                res[(parts[1], parts[2])] = float(parts[4])
            elif parts and parts[0] == "CHECK":
                checks.append(line.strip())
    return res, checks


def report(d):
    rows = [
        # kernel, what, halide impl, C library impl (or None), torch key
        ("logmel", "log-mel 3s nfft512 hop160 80mels B1", "halide", "fftw+sgemm", "logmel"),
        ("lstm_small", "LSTM I128 H64 T32 B1", "halide", "onednn", "lstm_small"),
        ("lstm_large", "LSTM I256 H256 T64 B1", "halide", "onednn", "lstm_large"),
        ("lstm_small", "LSTM I128 H64 T32 B1, prepacked (mmc)", "halide_prepacked", "onednn",
         "lstm_small"),
        ("lstm_large", "LSTM I256 H256 T64 B1, prepacked (mmc)", "halide_prepacked", "onednn",
         "lstm_large"),
        ("attention", "attn core E256 h4 Tq64 Tk301 B1 masked", "halide", None, "attention"),
        ("mha", "MHA incl. projections (Halide core+sgemm)", "halide+sgemm", None, "mha"),
    ]
    print(f"{'kernel':46} {'thr':>3} {'halide ms':>9} {'C library':>11} {'C ms':>8}"
          f" {'torch ms':>9} {'C/halide':>8} {'torch/halide':>12}")
    all_checks = []
    for threads in (1, 2):
        res, checks = read_results(d, threads)
        all_checks += [f"[{threads} thr] {c}" for c in checks]
        tt = torch_times(d, threads)
        for key, what, himpl, cimpl, tkey in rows:
            h = res.get((key, himpl))
            c = res.get((key, cimpl)) if cimpl else None
            t = tt.get(tkey)
            fmt = lambda x, w: f"{x:{w}.3f}" if x is not None else f"{'-':>{w}}"
            ratio = lambda x, w: f"{x / h:{w}.2f}" if (x is not None and h) else f"{'-':>{w}}"
            print(f"{what:46} {threads:>3} {fmt(h, 9)} {cimpl or '-':>11} {fmt(c, 8)}"
                  f" {fmt(t, 9)} {ratio(c, 8)} {ratio(t, 12)}")
    print()
    print(f"ratios > 1: Halide is faster. Medians of {REPS} calls after 3 warm-up calls;",
          "outputs cross-checked:")
    for c in all_checks:
        print("  " + c)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("prepare", "report"):
        print(__doc__)
        sys.exit(2)
    (prepare if sys.argv[1] == "prepare" else report)(sys.argv[2])


if __name__ == "__main__":
    main()
