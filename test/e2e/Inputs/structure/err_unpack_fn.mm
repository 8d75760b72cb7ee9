model m {
  fn halves(x: f32[B, 8]) -> (f32[B, 4], f32[B, 4]) { return x[:, :4], x[:, 4:] }
  fn forward(x: f32[B, 8]) -> f32[B, 4] {
    a, b, c = halves(x)
    return a
  }
}
