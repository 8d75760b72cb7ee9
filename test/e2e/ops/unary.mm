# elementwise functions: relu sigmoid tanh exp abs gelu (exact and tanh
# approximation) silu on x in [-4, 4] (with an exact 0), log and sqrt on
# p in [0.05, 4]. T = 129 is not a multiple of any vector width.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 10 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_unary.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input p=%t/b1t1/p.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 10 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_unary.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --input p=%t/b3t7/p.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 10 --dims B=2,T=129 --inputs-out %t/b2t129
# RUN: mm-run %t/lib/libop_unary.so --weights %t/w.mmw --input x=%t/b2t129/x.npy --input p=%t/b2t129/p.npy --output-dir %t/b2t129
# RUN: %python %S/../Inputs/compare.py --all %t/b2t129 --rtol 1e-4

model op_unary {
  fn forward(x: f32[B, T], p: f32[B, T]) -> (f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T], f32[B, T]) {
    return relu(x), sigmoid(x), tanh(x), exp(x), log(p), sqrt(p), abs(x), gelu(x), gelu(x, approximate: "tanh"), silu(x)
  }
}
