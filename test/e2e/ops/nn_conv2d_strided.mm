# conv2d with strides: the W3 image stem's conv2d(3, 8, 3, stride 2,
# padding 1) + relu, then a grouped conv with stride [2, 1], dilation
# [1, 2] and no bias, on odd static image sizes (17 x 12).
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 13 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 13 --dims B=1 --inputs-out %t/b1
# RUN: mm-run %t/lib/libop_nn_conv2d_strided.so --weights %t/w.mmw --input x=%t/b1/x.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 13 --dims B=5 --inputs-out %t/b5
# RUN: mm-run %t/lib/libop_nn_conv2d_strided.so --weights %t/w.mmw --input x=%t/b5/x.npy --output-dir %t/b5
# RUN: %python %S/../Inputs/compare.py --all %t/b5 --rtol 1e-4

model op_nn_conv2d_strided {
  layer c1 = conv2d(3, 8, 3, stride: 2, padding: 1)
  layer c2 = conv2d(8, 6, [3, 2], stride: [2, 1], dilation: [1, 2], groups: 2, bias: false)

  fn forward(x: f32[B, 3, 17, 12]) -> (f32[B, 8, 9, 6], f32[B, 6, 4, 4]) {
    y = relu(c1(x))
    return y, c2(y)
  }
}
