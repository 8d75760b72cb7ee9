# conv2d and conv1d on static image sizes, the ones whose im2col reads the
# unpadded input in place, one image at a time (mm-vectorize-contractions):
# padding 0, 1 and 2, strides 1, 2 and 3, dilation 2, rows of outputs wider
# than one vector (37, 19), a relu'd input read by two convs, a relu that
# only the next conv reads (taken in its im2col), a grouped conv (left to
# linalg) and a strided conv1d; batch 1 and 3.
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 15 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 15 --dims B=1 --inputs-out %t/b1
# RUN: mm-run %t/lib/libop_nn_conv2d_im2col.so --weights %t/w.mmw --input x=%t/b1/x.npy --input s=%t/b1/s.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 15 --dims B=3 --inputs-out %t/b3
# RUN: mm-run %t/lib/libop_nn_conv2d_im2col.so --weights %t/w.mmw --input x=%t/b3/x.npy --input s=%t/b3/s.npy --output-dir %t/b3
# RUN: %python %S/../Inputs/compare.py --all %t/b3 --rtol 1e-4

model op_nn_conv2d_im2col {
  layer a = conv2d(3, 5, 3, padding: 1)
  layer b = conv2d(5, 6, 3, stride: 2, padding: 2, dilation: 2)
  layer c = conv2d(5, 4, [2, 3], stride: [1, 3], bias: false)
  layer e = conv2d(4, 3, 3, stride: 2, padding: 1)
  layer g = conv2d(6, 4, 3, padding: 1, groups: 2)
  layer d = conv1d(3, 4, 5, stride: 2, padding: 2)

  fn forward(x: f32[B, 3, 11, 37], s: f32[B, 3, 29])
      -> (f32[B, 6, 6, 19], f32[B, 3, 5, 6], f32[B, 4, 6, 19], f32[B, 4, 15]) {
    y = relu(a(x))
    z = relu(b(y))
    return z, e(relu(c(y))), g(z), d(s)
  }
}
