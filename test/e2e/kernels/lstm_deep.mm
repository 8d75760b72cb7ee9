# Halide LSTM kernel: a bidirectional 2-layer LSTM (19 kernel buffers),
# T = 1 and odd T, B = 1 and 3. Compiled with the kernels (default) and with
# --no-halide; both are checked against the PyTorch twin
# (../Inputs/twins_kernels.py, float64), max|ours-ref| <= 1e-4 * max|ref|.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/halide
# RUN: mmc compile %s -o %t/linalg --no-halide
# RUN: mmc --emit=linalg %s | FileCheck %s --check-prefix=HALIDE
# RUN: mmc --emit=linalg --no-halide %s | FileCheck %s --check-prefix=LINALG
# HALIDE: call @mm_k_lstm_
# HALIDE: func.func private @mm_k_lstm_{{.*}}mm.kernel.generator = "mm_lstm"
# HALIDE-SAME: "input_size=5", "hidden_size=6", "num_layers=2", "bidirectional=true", "bias=true"
# LINALG-NOT: call @mm_k_
# LINALG: scf.for
# RUN: %python %S/../Inputs/op_ref.py %s --seed 31 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 31 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mkdir -p %t/b1t1/halide %t/b1t1/linalg
# RUN: mm-run %t/halide/libk_lstm_deep.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1/halide
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1/halide --ref-dir %t/b1t1 --rtol 1e-4
# RUN: mm-run %t/linalg/libk_lstm_deep.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --output-dir %t/b1t1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1/linalg --ref-dir %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 31 --dims B=3,T=9 --inputs-out %t/b3t9
# RUN: mkdir -p %t/b3t9/halide %t/b3t9/linalg
# RUN: mm-run %t/halide/libk_lstm_deep.so --weights %t/w.mmw --input x=%t/b3t9/x.npy --output-dir %t/b3t9/halide
# RUN: %python %S/../Inputs/compare.py --all %t/b3t9/halide --ref-dir %t/b3t9 --rtol 1e-4
# RUN: mm-run %t/linalg/libk_lstm_deep.so --weights %t/w.mmw --input x=%t/b3t9/x.npy --output-dir %t/b3t9/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b3t9/linalg --ref-dir %t/b3t9 --rtol 1e-4

model k_lstm_deep {
  layer rnn = lstm(5, 6, num_layers: 2, bidirectional: true)

  fn forward(x: f32[B, T, 5]) -> (f32[B, T, 12], f32[4, B, 6], f32[4, B, 6]) {
    return rnn(x).output, rnn(x).h_n, rnn(x).c_n
  }
}
