# crossattn.mm - workload W2: the words of an utterance attend to its sound.
#
# Each text position (after an LSTM over the token embeddings) is a query
# over the 301 log-mel frames of 3 s of 16 kHz audio; the attended audio is
# added back to the text (residual) and normalized, and the utterance is
# classified into 7 classes from the mean over its tokens.
model crossattn {
  layer embed    = embedding(10000, 256)
  layer lstm     = lstm(256, 256)
  layer mel      = mel_spectrogram(sample_rate: 16000, n_fft: 512, hop_length: 160, n_mels: 80)
  layer audio_fc = linear(80, 256)
  layer attn     = multihead_attention(256, 4)
  layer norm     = layer_norm(256)
  layer head     = linear(256, 7)

  fn forward(text: i32[B, T], audio: f32[B, 48000]) -> f32[B, 7] {
    t = lstm(embed(text)).output                     # f32[B, T, 256]
    m = log(mel(audio) + 1e-6)                       # f32[B, 80, 301]
    a = audio_fc(transpose(m, 1, 2))                 # f32[B, 301, 256]
    x = norm(t + attn(t, a, a))                      # f32[B, T, 256]
    return softmax(head(mean(x, dim: 1)), dim: 1)
  }
}
