# lstm: the three result fields .output, .h_n and .c_n with PyTorch's
# shapes (batch-first output, [num_layers, B, H] states), zero initial state.
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# The op has a Halide kernel: the --no-halide (linalg) build is checked too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc compile %s -o %t/lib-linalg --no-halide
# RUN: %python %S/../Inputs/op_ref.py %s --seed 4 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 4 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_lstm.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
# RUN: mkdir -p %t/b1t1/linalg
# RUN: mm-run %t/lib-linalg/libop_lstm.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1/linalg --ref-dir %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 4 --dims B=1,T=6 --inputs-out %t/b1t6
# RUN: mm-run %t/lib/libop_lstm.so --weights %t/w.mmw --input x=%t/b1t6/x.npy --output-dir %t/b1t6
# RUN: %python %S/../Inputs/compare.py --all %t/b1t6 --rtol 1e-4
# RUN: mkdir -p %t/b1t6/linalg
# RUN: mm-run %t/lib-linalg/libop_lstm.so --weights %t/w.mmw --input x=%t/b1t6/x.npy --output-dir %t/b1t6/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1t6/linalg --ref-dir %t/b1t6 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 4 --dims B=3,T=17 --inputs-out %t/b3t17
# RUN: mm-run %t/lib/libop_lstm.so --weights %t/w.mmw --input x=%t/b3t17/x.npy --output-dir %t/b3t17
# RUN: %python %S/../Inputs/compare.py --all %t/b3t17 --rtol 1e-4
# RUN: mkdir -p %t/b3t17/linalg
# RUN: mm-run %t/lib-linalg/libop_lstm.so --weights %t/w.mmw --input x=%t/b3t17/x.npy --output-dir %t/b3t17/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b3t17/linalg --ref-dir %t/b3t17 --rtol 1e-4

model op_lstm {
  layer rnn = lstm(7, 13)

  fn forward(x: f32[B, T, 7]) -> (f32[B, T, 13], f32[1, B, 13], f32[1, B, 13]) {
    return rnn(x).output, rnn(x).h_n, rnn(x).c_n
  }
}
