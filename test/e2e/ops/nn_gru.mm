# gru: the result fields .output and .h_n with PyTorch's shapes
# (batch-first output, [D * num_layers, B, H] state), zero initial state;
# one layer, and two bidirectional layers (h_n[-1] is the last layer's
# reverse direction).
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 20 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 20 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_nn_gru.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input y=%t/b1t1/y.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 20 --dims B=1,T=6 --inputs-out %t/b1t6
# RUN: mm-run %t/lib/libop_nn_gru.so --weights %t/w.mmw --input x=%t/b1t6/x.npy --input y=%t/b1t6/y.npy --output-dir %t/b1t6
# RUN: %python %S/../Inputs/compare.py --all %t/b1t6 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 20 --dims B=3,T=17 --inputs-out %t/b3t17
# RUN: mm-run %t/lib/libop_nn_gru.so --weights %t/w.mmw --input x=%t/b3t17/x.npy --input y=%t/b3t17/y.npy --output-dir %t/b3t17
# RUN: %python %S/../Inputs/compare.py --all %t/b3t17 --rtol 1e-4

model op_nn_gru {
  layer rnn = gru(7, 13)
  layer deep = gru(5, 6, 2, bidirectional: true)

  fn forward(x: f32[B, T, 7], y: f32[B, T, 5]) -> (f32[B, T, 13], f32[1, B, 13], f32[B, T, 12], f32[4, B, 6], f32[B, 6]) {
    return rnn(x).output, rnn(x).h_n, deep(y).output, deep(y).h_n, deep(y).h_n[-1]
  }
}
