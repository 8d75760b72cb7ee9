# zeros_like and ones_like of a float and an integer tensor; to from f32 to
# i32 and i64 (truncation toward zero, back to f32 to compare) and from i32
# to f32.
# Checked against the PyTorch twin in ../Inputs/twins_fns.py (float64
# oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 25 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_fn_like_to.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input ids=%t/b1t1/ids.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 25 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_fn_like_to.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --input ids=%t/b3t7/ids.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 25 --dims B=2,T=33 --inputs-out %t/b2t33
# RUN: mm-run %t/lib/libop_fn_like_to.so --weights %t/w.mmw --input x=%t/b2t33/x.npy --input ids=%t/b2t33/ids.npy --output-dir %t/b2t33
# RUN: %python %S/../Inputs/compare.py --all %t/b2t33 --rtol 1e-4

model op_fn_like_to {
  fn forward(x: f32[B, T], ids: i32[B, T]) -> (f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T]) {
    return zeros_like(x), ones_like(x), to(to(x, i32), f32), to(to(x, i64), f32), to(ids, f32), to(ones_like(ids), f32) + x
  }
}
