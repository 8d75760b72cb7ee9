#!/usr/bin/python3
"""Checks the compile-time constants of the audio lowering against torchaudio.

    audio_constants.py TEST.mlir < LOWERED.mlir

TEST.mlir holds one function per case, each with one mm.spectrogram or
mm.mel_spectrogram; LOWERED.mlir is its `convert-mm-to-linalg` output
printed with every dense constant in hex. For each op, in order, the
lowering holds the windowed DFT basis [win_length, 2 * (n_fft/2+1)] and, for
mel, the filter bank [n_fft/2+1, n_mels]. They are checked against:
- the basis: torch.hann_window(win_length) (float64) zero-padded centered in
  n_fft as torch.stft does, times cos / -sin of 2*pi*k*n/n_fft, divided by
  the window's L2 norm if normalized; tolerance 1e-6 of max|ref|.
- the filter bank: torchaudio.functional.melscale_fbanks computed in float64
  (1e-6 of max|ref|), and the float32 `fb` buffer of
  torchaudio.transforms.MelScale, which is what a state_dict holds
  (1e-4 of max|ref|: torchaudio computes it in float32).
Prints one line per constant and "N constants match", or exits non-zero.
"""

import re
import sys

import numpy as np
import torch
import torchaudio

OP = re.compile(r"(mm\.spectrogram|mm\.mel_spectrogram) %\w+ \{([^}]*)\}")
ATTR = re.compile(r'(\w+) = ("[^"]*"|true|false|[-+0-9.eE]+)')
CONST = re.compile(r'arith\.constant dense<"0x([0-9A-F]+)"> : tensor<(\d+)x(\d+)xf32>')


def parse_ops(text):
    ops = []
    for kind, attrs in OP.findall(text):
        values = {}
        for key, value in ATTR.findall(attrs):
            if value.startswith('"'):
                values[key] = value.strip('"')
            elif value in ("true", "false"):
                values[key] = value == "true"
            else:
                values[key] = float(value)
        ops.append((kind, values))
    return ops


def basis_ref(n_fft, win, normalized):
    window = np.zeros(n_fft)
    left = (n_fft - win) // 2
    window[left:left + win] = torch.hann_window(win, dtype=torch.float64).numpy()
    n = np.arange(left, left + win)[:, None]
    k = np.arange(n_fft // 2 + 1)[None, :]
    angle = 2 * np.pi * ((k * n) % n_fft) / n_fft
    w = window[left:left + win, None]
    if normalized:
        w = w / np.sqrt((window ** 2).sum())
    return np.concatenate([w * np.cos(angle), -w * np.sin(angle)], axis=1)


def compare(label, got, ref, rtol):
    if got.shape != ref.shape:
        print(f"FAIL {label}: shape {got.shape}, expected {ref.shape}")
        return False
    scale = np.abs(ref).max()
    err = np.abs(got - ref).max()
    if not err <= rtol * scale:
        print(f"FAIL {label}: max error {err:.3g} > {rtol:g} * {scale:.3g}")
        return False
    print(f"ok   {label}: max error {err:.3g} <= {rtol:g} * max|ref|")
    return True


def main(argv):
    with open(argv[1]) as f:
        ops = parse_ops(f.read())
    constants = [np.frombuffer(bytes.fromhex(h), dtype="<f4").reshape(int(r), int(c))
                 .astype(np.float64) for h, r, c in CONST.findall(sys.stdin.read())]
    expected = sum(2 if kind == "mm.mel_spectrogram" else 1 for kind, _ in ops)
    if len(constants) != expected:
        print(f"FAIL: {len(constants)} constants in the lowering, {expected} expected")
        return 1
    ok = True
    it = iter(constants)
    for i, (kind, a) in enumerate(ops):
        n_fft, win = int(a["n_fft"]), int(a["win_length"])
        ok &= compare(f"op {i} basis n_fft {n_fft} win {win}", next(it),
                      basis_ref(n_fft, win, a.get("normalized", False)), 1e-6)
        if kind != "mm.mel_spectrogram":
            continue
        sr = int(a["sample_rate"])
        kwargs = dict(n_mels=int(a["n_mels"]), sample_rate=sr, f_min=a.get("f_min", 0.0),
                      f_max=a.get("f_max"), n_stft=n_fft // 2 + 1,
                      norm=a.get("norm") or None, mel_scale=a.get("mel_scale", "htk"))
        fb = next(it)
        label = f"op {i} mel fb sr {sr} {kwargs['n_mels']} mels {kwargs['mel_scale']} norm {kwargs['norm']}"
        ok &= compare(label + " vs MelScale.fb", fb,
                      torchaudio.transforms.MelScale(**kwargs).fb.double().numpy(), 1e-4)
        torch.set_default_dtype(torch.float64)
        ref64 = torchaudio.functional.melscale_fbanks(
            kwargs["n_stft"], kwargs["f_min"],
            kwargs["f_max"] if kwargs["f_max"] is not None else float(sr // 2),
            kwargs["n_mels"], sr, kwargs["norm"], kwargs["mel_scale"]).numpy()
        torch.set_default_dtype(torch.float32)
        ok &= compare(label + " vs float64", fb, ref64, 1e-6)
    if not ok:
        return 1
    print(f"{len(constants)} constants match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
