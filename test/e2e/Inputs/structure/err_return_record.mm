model m {
  layer rnn = lstm(8, 8)
  fn f(x: f32[B, T, 8]) -> f32[B, T, 8] {
    return rnn(x)
  }
}
