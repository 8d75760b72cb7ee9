# mel_spectrogram with n_fft 512 (a power of two), hop 128, 40 mels and
# f_max 7600 Hz, on 8001 samples, which the hop does not divide:
# 8001 // 128 + 1 = 63 frames.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# The op has a Halide kernel: the --no-halide (linalg) build is checked too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc compile %s -o %t/lib-linalg --no-halide
# RUN: %python %S/../Inputs/op_ref.py %s --seed 7 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 7 --dims B=1 --inputs-out %t/b1
# RUN: mm-run %t/lib/libop_mel_spectrogram_fmax.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
# RUN: mkdir -p %t/b1/linalg
# RUN: mm-run %t/lib-linalg/libop_mel_spectrogram_fmax.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1/linalg --ref-dir %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 7 --dims B=2 --inputs-out %t/b2
# RUN: mm-run %t/lib/libop_mel_spectrogram_fmax.so --weights %t/w.mmw --input audio=%t/b2/audio.npy --output-dir %t/b2
# RUN: %python %S/../Inputs/compare.py --all %t/b2 --rtol 1e-4
# RUN: mkdir -p %t/b2/linalg
# RUN: mm-run %t/lib-linalg/libop_mel_spectrogram_fmax.so --weights %t/w.mmw --input audio=%t/b2/audio.npy --output-dir %t/b2/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b2/linalg --ref-dir %t/b2 --rtol 1e-4

model op_mel_spectrogram_fmax {
  layer mel = mel_spectrogram(sample_rate: 16000, n_fft: 512, hop_length: 128, n_mels: 40, f_max: 7600.0)

  fn forward(audio: f32[B, 8001]) -> f32[B, 40, 63] {
    return mel(audio)
  }
}
