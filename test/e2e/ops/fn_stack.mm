# stack of three, two and four tensors (one repeated) along the new first,
# middle and last (-1) dimension, and of a single tensor.
# Checked against the PyTorch twin in ../Inputs/twins_fns.py (float64
# oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 22 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_fn_stack.so --weights %t/w.mmw --input a=%t/b1t1/a.npy --input b=%t/b1t1/b.npy --input c=%t/b1t1/c.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 22 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_fn_stack.so --weights %t/w.mmw --input a=%t/b3t7/a.npy --input b=%t/b3t7/b.npy --input c=%t/b3t7/c.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4

model op_fn_stack {
  fn forward(a: f32[B, T], b: f32[B, T], c: f32[B, T]) -> (f32[3, B, T], f32[B, 2, T], f32[B, T, 4], f32[1, B, T]) {
    return stack([a, b, c]), stack([a, b], dim: 1), stack([c, a, b, a], dim: -1), stack([a])
  }
}
