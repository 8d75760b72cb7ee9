# A block used by gen_import.mm.
block Head(d: int, classes: int) {
  layer fc = linear(d, classes)
  fn forward(x: f32[B, d]) -> f32[B, classes] { return softmax_free(fc(x)) }
  fn softmax_free(x: f32[B, classes]) -> f32[B, classes] { return sigmoid(x) }
}
