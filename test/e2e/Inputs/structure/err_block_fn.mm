import "lib.mm"
model m {
  layer head = Head(8, 3)
  fn forward(x: f32[B, 8]) -> f32[B, 3] { return head.probs(x) }
}
