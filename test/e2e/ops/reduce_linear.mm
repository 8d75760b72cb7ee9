# Means and sums of linear layers, which mm-sink-reductions takes before
# the linear maps (the encoder tail x + down(gelu(up(x))) pooled by a mean,
# a difference, linear over linear with keepdim, a sum through a linear
# without bias, a rank-1 reduced input) or leaves alone (a sum through a
# bias, a linear whose full result is also returned).
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 23 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 23 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_reduce_linear.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 23 --dims B=1,T=37 --inputs-out %t/b1t37
# RUN: mm-run %t/lib/libop_reduce_linear.so --weights %t/w.mmw --input x=%t/b1t37/x.npy --output-dir %t/b1t37
# RUN: %python %S/../Inputs/compare.py --all %t/b1t37 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 23 --dims B=3,T=9 --inputs-out %t/b3t9
# RUN: mm-run %t/lib/libop_reduce_linear.so --weights %t/w.mmw --input x=%t/b3t9/x.npy --output-dir %t/b3t9
# RUN: %python %S/../Inputs/compare.py --all %t/b3t9 --rtol 1e-4
#
# The same with the linalg path (no kernels):
# RUN: mmc compile %s --no-halide -o %t/nohalide
# RUN: mm-run %t/nohalide/libop_reduce_linear.so --weights %t/w.mmw --input x=%t/b3t9/x.npy --output-dir %t/b3t9
# RUN: %python %S/../Inputs/compare.py --all %t/b3t9 --rtol 1e-4

model op_reduce_linear {
  layer up   = linear(8, 12)
  layer down = linear(12, 8)
  layer proj = linear(8, 5, bias: false)

  fn forward(x: f32[B, T, 8]) -> (f32[B, 8], f32[B, 8], f32[B, 1, 8], f32[B, 5], f32[T, 8], f32[12], f32[B, 5], f32[B, T, 5]) {
    y = proj(x)
    return mean(x + down(gelu(up(x))), dim: 1), mean(x - down(relu(up(x))), dim: 1), mean(down(up(x)), dim: 1, keepdim: true), sum(proj(x), dim: 1), sum(down(up(x)), dim: 0), mean(up(sum(x, dim: 0)), dim: 0), mean(y, dim: 1), y
  }
}
