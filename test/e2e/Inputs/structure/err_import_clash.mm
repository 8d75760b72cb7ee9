import "lib.mm"
block Head(d: int) {
  layer fc = linear(d, d)
  fn forward(x: f32[B, d]) -> f32[B, d] { return fc(x) }
}
model m {
  layer head = Head(8)
  fn forward(x: f32[B, 8]) -> f32[B, 8] { return head(x) }
}
