# linear without a bias: the only weight is proj.weight.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 3 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 3 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_linear_nobias.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 3 --dims B=4,T=9 --inputs-out %t/b4t9
# RUN: mm-run %t/lib/libop_linear_nobias.so --weights %t/w.mmw --input x=%t/b4t9/x.npy --output-dir %t/b4t9
# RUN: %python %S/../Inputs/compare.py --all %t/b4t9 --rtol 1e-4

model op_linear_nobias {
  layer proj = linear(5, 3, bias: false)

  fn forward(x: f32[B, T, 5]) -> f32[B, T, 3] {
    return proj(x)
  }
}
