# spectrogram, power 2 with the defaults: n_fft 400, win_length 400,
# hop_length 400 // 2 = 200; 4000 samples give 4000 // 200 + 1 = 21 frames
# of 400 // 2 + 1 = 201 bins.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# The op has a Halide kernel: the --no-halide (linalg) build is checked too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc compile %s -o %t/lib-linalg --no-halide
# RUN: %python %S/../Inputs/op_ref.py %s --seed 8 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 8 --dims B=1 --inputs-out %t/b1
# RUN: mm-run %t/lib/libop_spectrogram.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
# RUN: mkdir -p %t/b1/linalg
# RUN: mm-run %t/lib-linalg/libop_spectrogram.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1/linalg --ref-dir %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 8 --dims B=3 --inputs-out %t/b3
# RUN: mm-run %t/lib/libop_spectrogram.so --weights %t/w.mmw --input audio=%t/b3/audio.npy --output-dir %t/b3
# RUN: %python %S/../Inputs/compare.py --all %t/b3 --rtol 1e-4
# RUN: mkdir -p %t/b3/linalg
# RUN: mm-run %t/lib-linalg/libop_spectrogram.so --weights %t/w.mmw --input audio=%t/b3/audio.npy --output-dir %t/b3/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b3/linalg --ref-dir %t/b3 --rtol 1e-4

model op_spectrogram {
  layer spec = spectrogram(n_fft: 400)

  fn forward(audio: f32[B, 4000]) -> f32[B, 201, 21] {
    return spec(audio)
  }
}
