model m {
  fn open(x: f32[4]) -> f32[4] {
    return relu(x)
  }
}
