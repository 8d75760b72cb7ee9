# layer_norm: nn.LayerNorm over the last dimension and over the last two
# (normalized_shape [4, 6], eps 1e-3), inputs whose rows have means far from
# zero; weight ~ N(0, 0.3) and bias ~ N(0.1, 0.5), not the (1, 0) defaults.
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 11 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 11 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_nn_layer_norm.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input y=%t/b1t1/y.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 11 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_nn_layer_norm.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --input y=%t/b3t7/y.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 11 --dims B=2,T=16 --inputs-out %t/b2t16
# RUN: mm-run %t/lib/libop_nn_layer_norm.so --weights %t/w.mmw --input x=%t/b2t16/x.npy --input y=%t/b2t16/y.npy --output-dir %t/b2t16
# RUN: %python %S/../Inputs/compare.py --all %t/b2t16 --rtol 1e-4

model op_nn_layer_norm {
  layer ln = layer_norm(13)
  layer ln2 = layer_norm([4, 6], eps: 1e-3)

  fn forward(x: f32[B, T, 13], y: f32[B, 4, 6]) -> (f32[B, T, 13], f32[B, 4, 6]) {
    return ln(x), ln2(y)
  }
}
