block Stack(n: int) {
  layer layers = repeat(n, linear(8, 8))
  fn forward(x: f32[B, 8]) -> f32[B, 8] { return layers(x) }
}
model m {
  layer s = Stack(0)
  fn forward(x: f32[B, 8]) -> f32[B, 8] { return s(x) }
}
