# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# spectrogram arguments are checked like torchaudio does.
# CHECK: {{.*}}sema_stft_arguments.mm:[[@LINE+4]]:55: error: win_length must be in 1..400 (n_fft), found 512
# CHECK-NEXT: {{^}}  layer mel = mel_spectrogram(n_fft: 400, win_length: 512)
# CHECK-NEXT: {{^}}                                                      ^
model m {
  layer mel = mel_spectrogram(n_fft: 400, win_length: 512)
  fn f(x: f32[B]) -> f32[B] { return x }
}
