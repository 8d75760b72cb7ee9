# Three linear layers whose output sizes (50, 70, 7) are not multiples of a
# register tile's columns: the last panel of each packed weight is padded
# (test/e2e/packed_weights.test; twin op_packed_linears in ../op_ref.py).
model op_packed_linears {
  layer l1 = linear(37, 50)
  layer l2 = linear(50, 70)
  layer l3 = linear(70, 7)

  fn forward(x: f32[B, T, 37]) -> f32[B, T, 7] {
    return l3(relu(l2(l1(x))))
  }
}
