# mean and sum over one dimension: the middle one, the last (as 2 and as -1)
# and the batch dimension.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 12 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_reduce.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 12 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_reduce.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 12 --dims B=2,T=65 --inputs-out %t/b2t65
# RUN: mm-run %t/lib/libop_reduce.so --weights %t/w.mmw --input x=%t/b2t65/x.npy --output-dir %t/b2t65
# RUN: %python %S/../Inputs/compare.py --all %t/b2t65 --rtol 1e-4

model op_reduce {
  fn forward(x: f32[B, T, 6]) -> (f32[B, 6], f32[B, T], f32[B, T], f32[T, 6]) {
    return mean(x, dim: 1), sum(x, dim: 2), mean(x, dim: -1), sum(x, dim: 0)
  }
}
