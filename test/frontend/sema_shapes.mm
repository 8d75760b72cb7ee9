# RUN: mm-fe --emit=sema %s | FileCheck %s
# Shape inference of built-ins the mm dialect may not have yet, checked on
# Sema's own output (mm-fe --emit=sema): each op with its inferred type.
model shapes {
  layer c1 = conv2d(3, 8, 3, stride: 2, padding: 1)
  layer c2 = conv2d(8, 8, 3, stride: 2, padding: 1)
  layer c3 = conv1d(4, 6, [5], dilation: 2, groups: 2, bias: false)
  layer bn = batch_norm2d(8)
  layer ln = layer_norm([4, 8])
  layer attn = multihead_attention(8, 2, bias: false)
  layer enc = transformer_encoder_layer(8, 2, 16, norm_first: true)
  layer db = amplitude_to_db(top_db: 80)

  fn images(x: f32[B, 3, H, W]) -> (f32[B, 8, (H + 3) / 4, (W + 3) / 4], f32[B, 8, 1, 1], f32[B, 8, (H + 3) / 8, (W + 3) / 8]) {
    y = bn(c2(c1(x)))
    return y, adaptive_avg_pool2d(y, 1), max_pool2d(y, 2)
  }
  fn sequences(x: f32[B, T, 8], m: u8[B, S], k: f32[B, S, 8]) -> (f32[B, T, 8], f32[B, 8, T], f32[T, 8, B], f32[B, T * 8]) {
    a = enc(attn(x, k, k, key_padding_mask: m))
    return softmax(a, dim: -1), transpose(a, 1, 2), permute(a, [1, 2, 0]), reshape(a, [B, -1])
  }
  fn misc(x: f32[B, 4, 8], s: f32[N, 4, L], i: i32[B, 4, 8]) -> (f32[B, 4, 8], f32[2, B, 4, 8], f32[B, 32], f32[N, 6, L - 8], f32[B, 4, 8]) {
    return ln(x), stack([x, x], dim: 0), flatten(normalize(x), start_dim: 1), c3(s), db(to(i, f32))
  }
}

# CHECK-LABEL: fn images(x: f32[B, 3, H, W])
# CHECK:         = mm.conv2d(%0, %{{.*}}, %{{.*}}) stride=[2, 2] padding=[1, 1] dilation=[1, 1] groups=1 : f32[B, 8, (H + 1)/2, (W + 1)/2]
# CHECK:         = mm.conv2d({{.*}} : f32[B, 8, (H + 3)/4, (W + 3)/4]
# CHECK:         = mm.batch_norm({{.*}}) eps=1e-05 : f32[B, 8, (H + 3)/4, (W + 3)/4]
# CHECK-NEXT:    = mm.adaptive_avg_pool2d({{.*}}) output_size=[1, 1] : f32[B, 8, 1, 1]
# CHECK-NEXT:    = mm.max_pool2d({{.*}}) kernel_size=[2, 2] stride=[2, 2] padding=[0, 0] dilation=[1, 1] ceil_mode=false : f32[B, 8, (H + 3)/8, (W + 3)/8]

# CHECK-LABEL: fn sequences(
# CHECK:         = mm.multihead_attention(%0, %2, %2, %{{.*}}, %{{.*}}, %1) num_heads=2 bias=false has_key_padding_mask=true : f32[B, T, 8]
# CHECK:         = mm.transformer_encoder_layer({{.*}}) nhead=2 activation="relu" layer_norm_eps=1e-05 norm_first=true has_key_padding_mask=false : f32[B, T, 8]
# CHECK-NEXT:    = mm.softmax({{.*}}) dim=2 : f32[B, T, 8]
# CHECK-NEXT:    = mm.transpose({{.*}}) dim0=1 dim1=2 : f32[B, 8, T]
# CHECK-NEXT:    = mm.permute({{.*}}) dims=[1, 2, 0] : f32[T, 8, B]
# CHECK-NEXT:    = mm.reshape({{.*}}) shape=[-1, -1] source_dims=[0, -1] : f32[B, 8*T]

# CHECK-LABEL: fn misc(
# CHECK:         = mm.layer_norm(%0, %{{.*}}, %{{.*}}) eps=1e-05 : f32[B, 4, 8]
# CHECK-NEXT:    = mm.stack(%0, %0) dim=0 : f32[2, B, 4, 8]
# CHECK-NEXT:    = mm.normalize(%0) p=2.0 dim=1 eps=1e-12 : f32[B, 4, 8]
# CHECK-NEXT:    = mm.flatten({{.*}}) start_dim=1 end_dim=2 : f32[B, 32]
# CHECK:         = mm.conv1d(%1, %{{[0-9]+}}) stride=[1] padding=[0] dilation=[2] groups=2 : f32[N, 6, L - 8]
# CHECK-NEXT:    = mm.to(%2) : f32[B, 4, 8]
# CHECK-NEXT:    = mm.amplitude_to_db({{.*}}) stype="power" top_db=80.0 : f32[B, 4, 8]
