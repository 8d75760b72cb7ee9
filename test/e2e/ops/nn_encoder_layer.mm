# transformer_encoder_layer: post-norm relu (4 heads) without and with an
# i32 src_key_padding_mask, pre-norm gelu (2 heads, layer_norm_eps 1e-6)
# with the mask, and a single-head layer on d_model 6.
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle,
# nn.TransformerEncoderLayer(batch_first=True) at eval),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 19 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 19 --dims B=1,S=1 --inputs-out %t/a
# RUN: mm-run %t/lib/libop_nn_encoder_layer.so --weights %t/w.mmw --input x=%t/a/x.npy --input mask=%t/a/mask.npy --input y=%t/a/y.npy --output-dir %t/a
# RUN: %python %S/../Inputs/compare.py --all %t/a --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 19 --dims B=1,S=6 --inputs-out %t/b
# RUN: mm-run %t/lib/libop_nn_encoder_layer.so --weights %t/w.mmw --input x=%t/b/x.npy --input mask=%t/b/mask.npy --input y=%t/b/y.npy --output-dir %t/b
# RUN: %python %S/../Inputs/compare.py --all %t/b --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 19 --dims B=3,S=11 --inputs-out %t/c
# RUN: mm-run %t/lib/libop_nn_encoder_layer.so --weights %t/w.mmw --input x=%t/c/x.npy --input mask=%t/c/mask.npy --input y=%t/c/y.npy --output-dir %t/c
# RUN: %python %S/../Inputs/compare.py --all %t/c --rtol 1e-4

model op_nn_encoder_layer {
  layer post = transformer_encoder_layer(16, 4, 24)
  layer pre = transformer_encoder_layer(16, 2, dim_feedforward: 32, activation: "gelu", layer_norm_eps: 1e-6, norm_first: true)
  layer one = transformer_encoder_layer(6, 1, 10)

  fn forward(x: f32[B, S, 16], mask: i32[B, S], y: f32[B, S, 6]) -> (f32[B, S, 16], f32[B, S, 16], f32[B, S, 16], f32[B, S, 6]) {
    return post(x), post(x, src_key_padding_mask: mask), pre(x, src_key_padding_mask: mask), one(y)
  }
}
