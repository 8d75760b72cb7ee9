model m {
  layer s = repeat(3, 8)
  fn forward(x: f32[B, 8]) -> f32[B, 8] { return s(x) }
}
