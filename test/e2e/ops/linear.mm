# linear with a bias: nn.Linear on a rank-2 and on a rank-3 input (one
# layer applied twice shares its weights).
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 2 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 2 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_linear.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input y=%t/b1t1/y.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 2 --dims B=5,T=3 --inputs-out %t/b5t3
# RUN: mm-run %t/lib/libop_linear.so --weights %t/w.mmw --input x=%t/b5t3/x.npy --input y=%t/b5t3/y.npy --output-dir %t/b5t3
# RUN: %python %S/../Inputs/compare.py --all %t/b5t3 --rtol 1e-4

model op_linear {
  layer fc = linear(13, 7)

  fn forward(x: f32[B, 13], y: f32[B, T, 13]) -> (f32[B, 7], f32[B, T, 7]) {
    return fc(x), fc(y)
  }
}
