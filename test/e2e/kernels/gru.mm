# Halide GRU kernel: one layer, and a bidirectional 2-layer GRU; T = 1 and
# odd T. Compiled with the kernels (default) and with --no-halide; both are
# checked against the PyTorch twin (../Inputs/twins_kernels.py, float64),
# max|ours-ref| <= 1e-4 * max|ref|.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/halide
# RUN: mmc compile %s -o %t/linalg --no-halide
# RUN: mmc --emit=linalg %s | FileCheck %s --check-prefix=HALIDE
# HALIDE-COUNT-2: call @mm_k_gru_
# HALIDE-NOT: scf.for
# RUN: %python %S/../Inputs/op_ref.py %s --seed 32 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 32 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mkdir -p %t/b1t1/halide %t/b1t1/linalg
# RUN: mm-run %t/halide/libk_gru.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input y=%t/b1t1/y.npy --output-dir %t/b1t1/halide
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1/halide --ref-dir %t/b1t1 --rtol 1e-4
# RUN: mm-run %t/linalg/libk_gru.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input y=%t/b1t1/y.npy --output-dir %t/b1t1/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1/linalg --ref-dir %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 32 --dims B=2,T=11 --inputs-out %t/b2t11
# RUN: mkdir -p %t/b2t11/halide %t/b2t11/linalg
# RUN: mm-run %t/halide/libk_gru.so --weights %t/w.mmw --input x=%t/b2t11/x.npy --input y=%t/b2t11/y.npy --output-dir %t/b2t11/halide
# RUN: %python %S/../Inputs/compare.py --all %t/b2t11/halide --ref-dir %t/b2t11 --rtol 1e-4
# RUN: mm-run %t/linalg/libk_gru.so --weights %t/w.mmw --input x=%t/b2t11/x.npy --input y=%t/b2t11/y.npy --output-dir %t/b2t11/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b2t11/linalg --ref-dir %t/b2t11 --rtol 1e-4

model k_gru {
  layer rnn = gru(7, 13)
  layer deep = gru(5, 6, num_layers: 2, bidirectional: true)

  fn forward(x: f32[B, T, 7], y: f32[B, T, 5]) -> (f32[B, T, 13], f32[1, B, 13], f32[B, T, 12], f32[4, B, 6]) {
    return rnn(x).output, rnn(x).h_n, deep(y).output, deep(y).h_n
  }
}
