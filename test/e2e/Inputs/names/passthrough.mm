model passthrough {
  param p: f32[3]
  fn forward(x: f32[B, 4]) -> (f32[B, 4], f32[B, 4], f32[3]) {
    y = relu(x)
    return x, y, p
  }
  fn twice(x: f32[B, 4]) -> (f32[B, 4], f32[B, 4]) {
    y = relu(x)
    return y, y
  }
}
