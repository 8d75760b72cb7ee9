model m {
  fn forward(x: f32[B, 8]) -> f32[B, 8] {
    a, b = x, x, x
    return a
  }
}
