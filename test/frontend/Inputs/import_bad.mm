block Bad() {
  layer l = linear(1, 2))
}
