# + - * / and unary minus against scalar literals, on either side of the
# operator, a negative literal too. Denominators stay in +-[0.5, 2].
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 11 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_binary_scalar.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input y=%t/b1t1/y.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 11 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_binary_scalar.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --input y=%t/b3t7/y.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4

model op_binary_scalar {
  fn forward(x: f32[B, T, 5], y: f32[B, T, 5]) -> (f32[B, T, 5], f32[B, T, 5], f32[B, T, 5], f32[B, T, 5], f32[B, T, 5], f32[B, T, 5]) {
    return x + 2.5, 1.5 - x, x * -0.5, x / 3.0, 2.0 / y, -x
  }
}
