# emotion.mm
model emotion {
  layer embed    = embedding(10000, 128)
  layer lstm     = lstm(128, 64)
  layer mel      = mel_spectrogram(sample_rate: 16000, n_fft: 400, hop_length: 160, n_mels: 64)
  layer audio_fc = linear(64, 64)
  layer head     = linear(128, 1)

  fn forward(text: i32[B, T], audio: f32[B, 16000]) -> f32[B, 1] {
    t = lstm(embed(text)).h_n[-1]                    # f32[B, 64]
    a = mean(log(mel(audio) + 1e-6), dim: 2)         # f32[B, 64]
    a = relu(audio_fc(a))
    return sigmoid(head(cat([t, a], dim: 1)))
  }
}
