# mel_spectrogram with the seed model's settings: 16 kHz, n_fft 400, hop 160,
# 64 mels (centered, reflect padding, periodic Hann window, HTK mel scale,
# power 2); 1 s of audio gives 16000 / 160 + 1 = 101 frames.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# The op has a Halide kernel: the --no-halide (linalg) build is checked too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc compile %s -o %t/lib-linalg --no-halide
# RUN: %python %S/../Inputs/op_ref.py %s --seed 6 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 6 --dims B=1 --inputs-out %t/b1
# RUN: mm-run %t/lib/libop_mel_spectrogram.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
# RUN: mkdir -p %t/b1/linalg
# RUN: mm-run %t/lib-linalg/libop_mel_spectrogram.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1/linalg --ref-dir %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 6 --dims B=3 --inputs-out %t/b3
# RUN: mm-run %t/lib/libop_mel_spectrogram.so --weights %t/w.mmw --input audio=%t/b3/audio.npy --output-dir %t/b3
# RUN: %python %S/../Inputs/compare.py --all %t/b3 --rtol 1e-4
# RUN: mkdir -p %t/b3/linalg
# RUN: mm-run %t/lib-linalg/libop_mel_spectrogram.so --weights %t/w.mmw --input audio=%t/b3/audio.npy --output-dir %t/b3/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b3/linalg --ref-dir %t/b3 --rtol 1e-4

model op_mel_spectrogram {
  layer mel = mel_spectrogram(sample_rate: 16000, n_fft: 400, hop_length: 160, n_mels: 64)

  fn forward(audio: f32[B, 16000]) -> f32[B, 64, 101] {
    return mel(audio)
  }
}
