block Proj(d: int) {
  layer fc = linear(d, d)
  fn forward(x: f32[B, 8]) -> f32[B, d] { return fc(x) }
}
