# Extra fuzz seed: audio front ends with their options.
model audio {
  layer spec = spectrogram(n_fft: 256, hop_length: 128, power: 1.0)
  layer mel  = mel_spectrogram(sample_rate: 8000, n_fft: 256, hop_length: 64, n_mels: 20, f_max: 3000.0)
  layer fc   = linear(20, 4)

  fn forward(wave: f32[B, 8000]) -> (f32[B, 4], f32[B, 129, 63]) {
    m = mean(log(mel(wave) + 1e-6), dim: 2)
    return fc(m), log(spec(wave) + 1e-3)
  }
}
