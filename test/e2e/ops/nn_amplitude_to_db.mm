# amplitude_to_db: a log-mel front-end with top_db 80 (on [B, n_mels, time]
# torchaudio treats the whole batch as one example), and power (top_db 80,
# per batch entry on [B, C, F, T]) and magnitude (no top_db) scales of
# spectra spanning 14 decades, with zeros clamped to amin.
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 21 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 21 --dims B=1,F=1,T=1 --inputs-out %t/a
# RUN: mm-run %t/lib/libop_nn_amplitude_to_db.so --weights %t/w.mmw --input audio=%t/a/audio.npy --input s=%t/a/s.npy --output-dir %t/a
# RUN: %python %S/../Inputs/compare.py --all %t/a --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 21 --dims B=3,F=9,T=13 --inputs-out %t/b
# RUN: mm-run %t/lib/libop_nn_amplitude_to_db.so --weights %t/w.mmw --input audio=%t/b/audio.npy --input s=%t/b/s.npy --output-dir %t/b
# RUN: %python %S/../Inputs/compare.py --all %t/b --rtol 1e-4

model op_nn_amplitude_to_db {
  layer mel = mel_spectrogram(sample_rate: 16000, n_fft: 400, hop_length: 160, n_mels: 40)
  layer db = amplitude_to_db(top_db: 80)
  layer mag = amplitude_to_db(stype: "magnitude")

  fn forward(audio: f32[B, 4000], s: f32[B, 2, F, T]) -> (f32[B, 40, 26], f32[B, 2, F, T], f32[B, 2, F, T]) {
    return db(mel(audio)), db(s), mag(s)
  }
}
