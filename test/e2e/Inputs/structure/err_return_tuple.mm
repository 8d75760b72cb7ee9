model m {
  fn halves(x: f32[B, 8]) -> (f32[B, 4], f32[B, 4]) { return x[:, :4], x[:, 4:] }
  fn f(x: f32[B, 8]) -> (f32[B, 4], f32[B, 4], f32[B, 4]) {
    return halves(x)
  }
}
