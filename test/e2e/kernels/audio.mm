# Halide spectrogram kernel: log(mel(x) + 1e-6) with n_fft 400 (the log
# folded into the kernel), a magnitude spectrogram with n_fft 512 followed by
# AmplitudeToDB(top_db) (folded too), and pad != 0, which the kernel does not
# support and keeps the linalg lowering. The length 3001 is a multiple of
# neither hop. Compiled with the kernels (default) and with --no-halide; both
# are checked against the PyTorch twin (../Inputs/twins_kernels.py, float64),
# max|ours-ref| <= 1e-4 * max|ref|.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/halide
# RUN: mmc compile %s -o %t/linalg --no-halide
# RUN: mmc --emit=linalg %s | FileCheck %s --check-prefix=HALIDE
# HALIDE-COUNT-2: call @mm_k_spectrogram_
# HALIDE-NOT: math.log
# HALIDE: func.func private @mm_k_spectrogram_{{.*}}"n_fft=400", "win_length=400", "hop_length=160", "power=2", "normalized=false", "n_mels=64", "sample_rate=16000", "f_min=0", "f_max=8000", "mel_scale=htk", "norm=none", "post=log", "log_eps=9.99999997e-07"
# HALIDE: func.func private @mm_k_spectrogram_{{.*}}"n_fft=512", "win_length=512", "hop_length=100", "power=1", "normalized=false", "post=db", "db_stype=power", "top_db=80"
# RUN: %python %S/../Inputs/op_ref.py %s --seed 33 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 33 --dims B=1 --inputs-out %t/b1
# RUN: mkdir -p %t/b1/halide %t/b1/linalg
# RUN: mm-run %t/halide/libk_audio.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1/halide
# RUN: %python %S/../Inputs/compare.py --all %t/b1/halide --ref-dir %t/b1 --rtol 1e-4
# RUN: mm-run %t/linalg/libk_audio.so --weights %t/w.mmw --input audio=%t/b1/audio.npy --output-dir %t/b1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1/linalg --ref-dir %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 33 --dims B=3 --inputs-out %t/b3
# RUN: mkdir -p %t/b3/halide %t/b3/linalg
# RUN: mm-run %t/halide/libk_audio.so --weights %t/w.mmw --input audio=%t/b3/audio.npy --output-dir %t/b3/halide
# RUN: %python %S/../Inputs/compare.py --all %t/b3/halide --ref-dir %t/b3 --rtol 1e-4
# RUN: mm-run %t/linalg/libk_audio.so --weights %t/w.mmw --input audio=%t/b3/audio.npy --output-dir %t/b3/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b3/linalg --ref-dir %t/b3 --rtol 1e-4

model k_audio {
  layer mel = mel_spectrogram(sample_rate: 16000, n_fft: 400, hop_length: 160, n_mels: 64)
  layer spec = spectrogram(n_fft: 512, hop_length: 100, power: 1.0)
  layer db = amplitude_to_db(top_db: 80)
  layer padded = spectrogram(n_fft: 400, hop_length: 200, pad: 8)

  fn forward(audio: f32[B, 3001]) -> (f32[B, 64, 19], f32[B, 257, 31], f32[B, 201, 16]) {
    return log(mel(audio) + 1e-6), db(spec(audio)), padded(audio)
  }
}
