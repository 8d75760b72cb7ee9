model m {
  layer s = repeat(2, linear(8, 4))
  fn forward(x: f32[B, 8]) -> f32[B, 4] { return s(x) }
}
