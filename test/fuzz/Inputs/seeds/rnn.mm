# Extra fuzz seed: recurrent layers with their options, fields and indexing.
# (gru instead of the second lstm once the dialect has mm.gru.)
model rnn {
  layer embed = embedding(100, 16)
  layer enc   = lstm(16, 8, num_layers: 2, bidirectional: true)
  layer dec   = lstm(16, 8)
  layer head  = linear(32, 3, bias: false)

  fn forward(ids: i32[B, T]) -> (f32[B, 3], f32[B, T, 8]) {
    x = embed(ids)
    h = enc(x).h_n
    g = dec(x).output
    both = cat([h[-1], h[-2], g[:, 0], dec(x).h_n[0]], dim: 1)
    return sigmoid(head(both)), g
  }
}
