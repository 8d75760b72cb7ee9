# Extra fuzz seed: convolutions, pooling, attention and shape functions
# (checked by the frontend's semantics; the dialect lacks these ops yet).
model vision {
  layer conv = conv2d(3, 8, 3, stride: 2, padding: 1)
  layer bn   = batch_norm2d(8)
  layer attn = multihead_attention(8, 2)
  layer enc  = transformer_encoder_layer(8, 2, dim_feedforward: 16)

  fn forward(img: f32[B, 3, 16, 16]) -> f32[B, 8] {
    x = relu(bn(conv(img)))
    x = max_pool2d(x, 2)
    t = transpose(flatten(x, start_dim: 2), 1, 2)
    t = enc(attn(t, t, t))
    return normalize(mean(t, dim: 1), dim: 1)
  }
}
