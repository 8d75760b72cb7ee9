# dual_encoder.mm - workload W3: a CLIP-style image-text model.
#
# Two towers map an image and a caption into one 128-d space where
# matching pairs lie close: a conv stem turns the 64x64 image into a 16x16
# grid of patches of 64 features, the caption is 32 embedded tokens plus
# learned positions, and each sequence goes through one pre-norm
# transformer encoder layer, a mean over its positions and a projection.
# The exported embeddings are L2-normalized, so their dot product is a
# cosine.
block Tower(d_model: int, nhead: int, dim_feedforward: int) {
  layer encoder = transformer_encoder_layer(d_model, nhead, dim_feedforward: dim_feedforward,
                                            activation: "gelu", norm_first: true)
  layer proj    = linear(d_model, d_model)

  fn forward(x: f32[B, S, d_model]) -> f32[B, d_model] {
    return normalize(proj(mean(encoder(x), dim: 1)), dim: 1)
  }
}

model dual_encoder {
  layer conv1        = conv2d(3, 32, 3, stride: 2, padding: 1)
  layer conv2        = conv2d(32, 64, 3, stride: 2, padding: 1)
  layer patch        = linear(64, 128)
  layer image_tower  = Tower(128, 4, 512)
  layer embed        = embedding(10000, 128)
  param positions    : f32[1, 32, 128]
  layer text_tower   = Tower(128, 4, 512)
  param logit_scale  : f32[]

  # Pixels in [0, 1], channels first.
  fn encode_image(image: f32[B, 3, 64, 64]) -> f32[B, 128] {
    x = relu(conv2(relu(conv1(image))))              # f32[B, 64, 16, 16]
    x = transpose(flatten(x, start_dim: 2), 1, 2)    # f32[B, 256, 64]: 256 patches
    return image_tower(patch(x))
  }

  # Exactly 32 token ids per caption (pad short ones).
  fn encode_text(text: i32[B, 32]) -> f32[B, 128] {
    return text_tower(embed(text) + positions)
  }

  # Similarity logits of every image with every caption.
  fn forward(image: f32[N, 3, 64, 64], text: i32[M, 32]) -> f32[N, M] {
    i = encode_image(image)
    t = encode_text(text)
    return exp(logit_scale) * (i @ transpose(t, 0, 1))
  }
}
