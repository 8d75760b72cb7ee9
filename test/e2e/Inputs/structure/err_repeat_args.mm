model m {
  layer s = repeat(linear(8, 8))
  fn forward(x: f32[B, 8]) -> f32[B, 8] { return s(x) }
}
