# softmax and log_softmax along the last dimension (as -1 and 2), the
# middle one and the batch dimension; one input is 80 above the rest, which
# overflows float32 unless the maximum is subtracted first.
# Checked against the PyTorch twin in ../Inputs/twins_fns.py (float64
# oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 23 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_fn_softmax.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 23 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_fn_softmax.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 23 --dims B=2,T=33 --inputs-out %t/b2t33
# RUN: mm-run %t/lib/libop_fn_softmax.so --weights %t/w.mmw --input x=%t/b2t33/x.npy --output-dir %t/b2t33
# RUN: %python %S/../Inputs/compare.py --all %t/b2t33 --rtol 1e-4

model op_fn_softmax {
  fn forward(x: f32[B, T, 9]) -> (f32[B, T, 9], f32[B, T, 9], f32[B, T, 9], f32[B, T, 9]) {
    return softmax(x, -1), softmax(x, dim: 1), log_softmax(x, 2), log_softmax(x, 0)
  }
}
