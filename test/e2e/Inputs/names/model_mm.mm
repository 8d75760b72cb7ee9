model mm_x {
  fn forward(x: f32[4]) -> f32[4] {
    return relu(x)
  }
}
