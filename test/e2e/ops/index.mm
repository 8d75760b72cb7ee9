# indexing and slicing: an integer (from the front and from the end) drops a
# dimension, a slice (bounded, or open with a negative start) keeps it.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 14 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_index.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 14 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_index.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4

model op_index {
  fn forward(x: f32[B, 6, T]) -> (f32[B, T], f32[6, T], f32[B, 2, T], f32[B, 2, T], f32[B, 6], f32[6, T]) {
    return x[:, -1], x[0], x[:, 1:3], x[:, -2:], x[:, :, -1], x[-1]
  }
}
