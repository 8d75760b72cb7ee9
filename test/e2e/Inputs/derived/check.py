"""check.py DIR: derived.mm's results in DIR against torch/torchaudio (float64)."""
import sys

import numpy as np
import torch
import torchaudio

d = sys.argv[1]
mel = torchaudio.transforms.MelSpectrogram(sample_rate=16000, n_fft=64, hop_length=16, n_mels=8).double()
spec = torchaudio.transforms.Spectrogram(n_fft=32, hop_length=10, center=False).double()


def close(ours, ref, what):
    assert ours.shape == ref.shape, (what, ours.shape, ref.shape)
    err = np.abs(ours - ref).max() if ref.size else 0.0
    tol = 1e-4 * (np.abs(ref).max() if ref.size else 0.0)
    assert err <= tol, (what, err, tol)


for s in (33, 100, 161):
    a = torch.from_numpy(np.load(f"{d}/a{s}.npy")).double()
    close(np.load(f"{d}/mel{s}/out0.npy"), mel(a).numpy(), f"mel S={s}")
for s in (32, 100, 161):
    a = torch.from_numpy(np.load(f"{d}/a{s}.npy")).double()
    close(np.load(f"{d}/spec{s}/out0.npy"), spec(a).numpy(), f"spec S={s}")
x = np.load(f"{d}/x.npy")
close(np.load(f"{d}/flat/out0.npy"), x.reshape(3, 20), "flatten")
close(np.load(f"{d}/flat/out1.npy"), x.reshape(15, 4), "reshape")
t7 = np.load(f"{d}/t7.npy")
close(np.load(f"{d}/tail/out0.npy"), t7[:, 5:], "tail")
print("derived ok")
