# cat of two and of three tensors, along the last dimension (as 2 and as -1),
# dimension 1 and dimension 0 (beside a symbolic dimension).
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 13 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_cat.so --weights %t/w.mmw --input a=%t/b1t1/a.npy --input b=%t/b1t1/b.npy --input c=%t/b1t1/c.npy --input d=%t/b1t1/d.npy --input e=%t/b1t1/e.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 13 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_cat.so --weights %t/w.mmw --input a=%t/b3t7/a.npy --input b=%t/b3t7/b.npy --input c=%t/b3t7/c.npy --input d=%t/b3t7/d.npy --input e=%t/b3t7/e.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4

model op_cat {
  fn forward(a: f32[B, T, 2], b: f32[B, T, 3], c: f32[B, 4], d: f32[2, T], e: f32[3, T]) -> (f32[B, T, 5], f32[B, T, 8], f32[B, 8], f32[5, T]) {
    return cat([a, b], dim: 2), cat([b, a, b], dim: -1), cat([c, c], dim: 1), cat([d, e], dim: 0)
  }
}
