# conv1d: nn.Conv1d with padding, then a depthwise one with dilation 2 (both
# keep L, which varies), and a strided grouped one without bias on a
# static length.
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 14 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 14 --dims B=1,L=1 --inputs-out %t/b1l1
# RUN: mm-run %t/lib/libop_nn_conv1d.so --weights %t/w.mmw --input x=%t/b1l1/x.npy --input s=%t/b1l1/s.npy --output-dir %t/b1l1
# RUN: %python %S/../Inputs/compare.py --all %t/b1l1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 14 --dims B=3,L=13 --inputs-out %t/b3l13
# RUN: mm-run %t/lib/libop_nn_conv1d.so --weights %t/w.mmw --input x=%t/b3l13/x.npy --input s=%t/b3l13/s.npy --output-dir %t/b3l13
# RUN: %python %S/../Inputs/compare.py --all %t/b3l13 --rtol 1e-4

model op_nn_conv1d {
  layer c1 = conv1d(4, 6, 3, padding: 1)
  layer dw = conv1d(6, 6, 5, padding: 4, dilation: 2, groups: 6)
  layer c2 = conv1d(4, 8, 4, stride: 3, groups: 2, bias: false)

  fn forward(x: f32[B, 4, L], s: f32[B, 4, 20]) -> (f32[B, 6, L], f32[B, 8, 6]) {
    return dw(c1(x)), c2(s)
  }
}
