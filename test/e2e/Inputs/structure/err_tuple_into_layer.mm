model m {
  layer fc = linear(4, 4)
  fn halves(x: f32[B, 8]) -> (f32[B, 4], f32[B, 4]) { return x[:, :4], x[:, 4:] }
  fn forward(x: f32[B, 8]) -> f32[B, 4] { return fc(halves(x)) }
}
