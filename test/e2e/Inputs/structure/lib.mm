# Blocks imported by blocks.mm and fns.mm (an import path is relative to the
# importing file). Head has three fns calling each other; Mix stacks
# `depth` linear layers, its repeat count a hyper-parameter.

block Head(d: int, classes: int) {
  layer norm = layer_norm(d, eps: 1e-3)
  layer fc   = linear(d, classes)

  fn logits(x: f32[B, d]) -> f32[B, classes] { return fc(norm(x)) }
  fn forward(x: f32[B, d]) -> f32[B, classes] { return softmax(logits(x), dim: 1) }
  fn both(x: f32[B, d]) -> (f32[B, classes], f32[B, classes]) {
    z = logits(x)
    return z, softmax(z, dim: 1)
  }
}

block Mix(d: int, depth: int) {
  layer layers = repeat(depth, linear(d, d))

  fn forward(x: f32[B, T, d]) -> f32[B, T, d] { return tanh(layers(x)) }
}
