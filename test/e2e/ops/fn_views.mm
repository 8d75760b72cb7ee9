# transpose (positive and negative dims), permute, flatten, reshape (with
# sizes taken from input dimensions, one inferred -1 static or symbolic, and
# an inferred symbolic size reduced away) and a flatten + transpose as in
# patch embeddings.
# Checked against the PyTorch twin in ../Inputs/twins_fns.py (float64
# oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 21 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_fn_views.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input y=%t/b1t1/y.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 21 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_fn_views.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --input y=%t/b3t7/y.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4

model op_fn_views {
  fn forward(x: f32[B, 6, 4, 5], y: f32[B, T, 12]) -> (f32[B, 5, 4, 6], f32[T, B, 12], f32[B, 12, T], f32[B, 4, 5, 6], f32[12, B, T], f32[B, 120], f32[B, 24, 5], f32[B, T, 3, 4], f32[T, B, 12], f32[B, 120], f32[B, 4, 30], f32[6], f32[B, 20, 6]) {
    return transpose(x, 1, 3), transpose(y, 0, 1), transpose(y, -1, -2), permute(x, [0, 2, 3, 1]), permute(y, [2, 0, 1]), flatten(x, start_dim: 1), flatten(x, start_dim: 1, end_dim: 2), reshape(y, [B, T, 3, 4]), reshape(y, [T, B, -1]), reshape(x, [B, -1]), reshape(x, [-1, 4, 30]), sum(reshape(y, [-1, 6]), dim: 0), transpose(flatten(x, start_dim: 2), 1, 2)
  }
}
