# Imported by parse_import.mm both directly and through import_lib.mm.
block Scale(n: int) {
  param w: f32[n]
  fn forward(x: f32[B, n]) -> f32[B, n] { return x * w }
}
