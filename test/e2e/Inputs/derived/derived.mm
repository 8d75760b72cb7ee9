model derived {
  layer mel = mel_spectrogram(n_fft: 64, hop_length: 16, n_mels: 8)
  layer spec = spectrogram(n_fft: 32, hop_length: 10, center: false)
  # [B, 8, S/16 + 1]: torchaudio's frame count with center padding.
  fn forward(audio: f32[B, S]) -> f32[B, 8, S/16 + 1] {
    return mel(audio)
  }
  # (S - 32)/10 + 1 frames, printed canonically; torch.stft needs S >= 32.
  fn frames(audio: f32[B, S]) -> f32[B, 17, (S - 32)/10 + 1] {
    return spec(audio)
  }
  # T - 5 is negative for T < 5: an error at run time.
  fn tail(x: f32[B, T]) -> f32[B, T - 5] {
    return x[:, 5:]
  }
  fn flat(x: f32[B, T, 4]) -> (f32[B, 4*T], f32[B*T, 4]) {
    return flatten(x, 1), reshape(x, [B*T, 4])
  }
}
