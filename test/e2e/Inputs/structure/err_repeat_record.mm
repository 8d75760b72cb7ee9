model m {
  layer s = repeat(2, lstm(8, 8))
  fn forward(x: f32[B, T, 8]) -> f32[B, T, 8] { return s(x).output }
}
