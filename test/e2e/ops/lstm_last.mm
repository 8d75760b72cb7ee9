# lstm: the last hidden state, as h_n[-1] (the seed model's use) and as
# output[:, -1].
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
# The op has a Halide kernel: the --no-halide (linalg) build is checked too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc compile %s -o %t/lib-linalg --no-halide
# RUN: %python %S/../Inputs/op_ref.py %s --seed 5 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 5 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_lstm_last.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
# RUN: mkdir -p %t/b1t1/linalg
# RUN: mm-run %t/lib-linalg/libop_lstm_last.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1/linalg --ref-dir %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 5 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_lstm_last.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
# RUN: mkdir -p %t/b3t7/linalg
# RUN: mm-run %t/lib-linalg/libop_lstm_last.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --output-dir %t/b3t7/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7/linalg --ref-dir %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 5 --dims B=2,T=32 --inputs-out %t/b2t32
# RUN: mm-run %t/lib/libop_lstm_last.so --weights %t/w.mmw --input x=%t/b2t32/x.npy --output-dir %t/b2t32
# RUN: %python %S/../Inputs/compare.py --all %t/b2t32 --rtol 1e-4
# RUN: mkdir -p %t/b2t32/linalg
# RUN: mm-run %t/lib-linalg/libop_lstm_last.so --weights %t/w.mmw --input x=%t/b2t32/x.npy --output-dir %t/b2t32/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b2t32/linalg --ref-dir %t/b2t32 --rtol 1e-4

model op_lstm_last {
  layer rnn = lstm(6, 9)

  fn forward(x: f32[B, T, 6]) -> (f32[B, 9], f32[B, 9]) {
    return rnn(x).h_n[-1], rnn(x).output[:, -1]
  }
}
