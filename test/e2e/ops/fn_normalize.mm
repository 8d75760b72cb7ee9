# normalize with the defaults (p 2, dim 1), along the last dimension, with
# p 1 and 3, along the batch dimension, and with a large eps; one input
# vector is zero, so its norm is clamped to eps.
# Checked against the PyTorch twin in ../Inputs/twins_fns.py (float64
# oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 24 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_fn_normalize.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 24 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_fn_normalize.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 24 --dims B=2,T=33 --inputs-out %t/b2t33
# RUN: mm-run %t/lib/libop_fn_normalize.so --weights %t/w.mmw --input x=%t/b2t33/x.npy --output-dir %t/b2t33
# RUN: %python %S/../Inputs/compare.py --all %t/b2t33 --rtol 1e-4

model op_fn_normalize {
  fn forward(x: f32[B, T, 8]) -> (f32[B, T, 8], f32[B, T, 8], f32[B, T, 8], f32[B, T, 8], f32[B, T, 8]) {
    return normalize(x), normalize(x, dim: -1), normalize(x, p: 1.0, dim: 2), normalize(x, 3.0, 0), normalize(x, dim: 2, eps: 0.5)
  }
}
