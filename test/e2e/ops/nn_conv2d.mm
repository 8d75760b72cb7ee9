# conv2d: nn.Conv2d with padding, an asymmetric kernel with groups 2 and
# no bias, and a depthwise conv (groups = in_channels, two filters each)
# with dilation 2; all keep H and W, which vary (odd sizes included).
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 12 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 12 --dims B=1,H=1,W=1 --inputs-out %t/b1h1w1
# RUN: mm-run %t/lib/libop_nn_conv2d.so --weights %t/w.mmw --input x=%t/b1h1w1/x.npy --output-dir %t/b1h1w1
# RUN: %python %S/../Inputs/compare.py --all %t/b1h1w1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 12 --dims B=1,H=7,W=5 --inputs-out %t/b1h7w5
# RUN: mm-run %t/lib/libop_nn_conv2d.so --weights %t/w.mmw --input x=%t/b1h7w5/x.npy --output-dir %t/b1h7w5
# RUN: %python %S/../Inputs/compare.py --all %t/b1h7w5 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 12 --dims B=3,H=16,W=9 --inputs-out %t/b3h16w9
# RUN: mm-run %t/lib/libop_nn_conv2d.so --weights %t/w.mmw --input x=%t/b3h16w9/x.npy --output-dir %t/b3h16w9
# RUN: %python %S/../Inputs/compare.py --all %t/b3h16w9 --rtol 1e-4

model op_nn_conv2d {
  layer c1 = conv2d(3, 8, 3, padding: 1)
  layer c2 = conv2d(8, 8, [3, 5], padding: [1, 2], groups: 2, bias: false)
  layer dw = conv2d(8, 16, 3, padding: 2, dilation: 2, groups: 8)

  fn forward(x: f32[B, 3, H, W]) -> (f32[B, 8, H, W], f32[B, 16, H, W]) {
    y = c1(x)
    return y, dw(relu(c2(y)))
  }
}
