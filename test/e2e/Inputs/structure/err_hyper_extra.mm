block Enc(dim: int) {
  layer fc = linear(dim, dim)
  fn forward(x: f32[B, dim]) -> f32[B, dim] { return fc(x) }
}
model m {
  layer e = Enc(8, 16)
  fn forward(x: f32[B, 8]) -> f32[B, 8] { return e(x) }
}
