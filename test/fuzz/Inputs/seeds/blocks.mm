# Extra fuzz seed: blocks with hyper-parameters, repeat, params, fns that
# call fns.
block Mlp(dim: int, hidden: int = 32) {
  layer up   = linear(dim, hidden)
  layer down = linear(hidden, dim)
  fn forward(x: f32[B, dim]) -> f32[B, dim] { return x + down(gelu(up(x))) }
}

model stack {
  layer blocks = repeat(3, Mlp(16))
  param scale: f32[16]

  fn body(x: f32[B, 16]) -> f32[B, 16] { return blocks(x) * scale }
  fn forward(x: f32[B, 16]) -> f32[B, 16] { return tanh(body(x)) }
  fn pair(x: f32[B, 16], y: f32[B, 16]) -> (f32[B, 16], f32[B]) {
    return body(x) - body(y), sum(x * y, dim: 1)
  }
}
