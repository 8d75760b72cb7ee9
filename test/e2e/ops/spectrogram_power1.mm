# spectrogram, power 1 (magnitude), hop 160, on 3333 samples (not a multiple
# of the hop): 3333 // 160 + 1 = 21 frames.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# The op has a Halide kernel: the --no-halide (linalg) build is checked too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc compile %s -o %t/lib-linalg --no-halide
# RUN: %python %S/../Inputs/op_ref.py %s --seed 9 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 9 --dims B=1 --inputs-out %t/b1
# RUN: mm-run %t/lib/libop_spectrogram_power1.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
# RUN: mkdir -p %t/b1/linalg
# RUN: mm-run %t/lib-linalg/libop_spectrogram_power1.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1/linalg --ref-dir %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 9 --dims B=2 --inputs-out %t/b2
# RUN: mm-run %t/lib/libop_spectrogram_power1.so --weights %t/w.mmw --input audio=%t/b2/audio.npy --output-dir %t/b2
# RUN: %python %S/../Inputs/compare.py --all %t/b2 --rtol 1e-4
# RUN: mkdir -p %t/b2/linalg
# RUN: mm-run %t/lib-linalg/libop_spectrogram_power1.so --weights %t/w.mmw --input audio=%t/b2/audio.npy --output-dir %t/b2/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b2/linalg --ref-dir %t/b2 --rtol 1e-4

model op_spectrogram_power1 {
  layer spec = spectrogram(n_fft: 400, hop_length: 160, power: 1.0)

  fn forward(audio: f32[B, 3333]) -> f32[B, 201, 21] {
    return spec(audio)
  }
}
