# A path in an import is relative to the importing file.
import "import_common.mm"
block Encoder(vocab: int, dim: int = 128) {
  layer embed = embedding(vocab, dim)
  layer scale = Scale(dim)
  fn forward(x: i32[B, T]) -> f32[B, T, dim] { return embed(x) }
}
