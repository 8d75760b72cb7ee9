# Halide attention kernel (the core softmax(QK^T/sqrt(d) + mask) V; the
# projections stay linalg): cross-attention with a u8 key padding mask and
# without, and self-attention without biases; T = 1, S != T. Compiled with
# the kernels (default) and with --no-halide; both are checked against the
# PyTorch twin (../Inputs/twins_kernels.py, float64),
# max|ours-ref| <= 1e-4 * max|ref|. op_ref.py writes int32 masks: the twin
# is named (no signature check) and nn_arrays.py converts the mask to u8.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/halide
# RUN: mmc compile %s -o %t/linalg --no-halide
# RUN: mmc --emit=linalg %s | FileCheck %s --check-prefix=HALIDE
# HALIDE-COUNT-3: call @mm_k_attention_
# HALIDE-DAG: "head_dim=4", "has_mask=true"
# HALIDE-DAG: "head_dim=4", "has_mask=false"
# RUN: %python %S/../Inputs/op_ref.py k_attention --seed 34 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py k_attention --seed 34 --dims B=1,T=1,S=5 --inputs-out %t/a
# RUN: %python %S/../Inputs/nn_arrays.py to-u8 %t/a/mask.npy %t/a/mask_u8.npy
# RUN: mkdir -p %t/a/halide %t/a/linalg
# RUN: mm-run %t/halide/libk_attention.so --weights %t/w.mmw --input q=%t/a/q.npy --input kv=%t/a/kv.npy --input mask=%t/a/mask_u8.npy --input x=%t/a/x.npy --output-dir %t/a/halide
# RUN: %python %S/../Inputs/compare.py --all %t/a/halide --ref-dir %t/a --rtol 1e-4
# RUN: mm-run %t/linalg/libk_attention.so --weights %t/w.mmw --input q=%t/a/q.npy --input kv=%t/a/kv.npy --input mask=%t/a/mask_u8.npy --input x=%t/a/x.npy --output-dir %t/a/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/a/linalg --ref-dir %t/a --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py k_attention --seed 34 --dims B=3,T=7,S=10 --inputs-out %t/b
# RUN: %python %S/../Inputs/nn_arrays.py to-u8 %t/b/mask.npy %t/b/mask_u8.npy
# RUN: mkdir -p %t/b/halide %t/b/linalg
# RUN: mm-run %t/halide/libk_attention.so --weights %t/w.mmw --input q=%t/b/q.npy --input kv=%t/b/kv.npy --input mask=%t/b/mask_u8.npy --input x=%t/b/x.npy --output-dir %t/b/halide
# RUN: %python %S/../Inputs/compare.py --all %t/b/halide --ref-dir %t/b --rtol 1e-4
# RUN: mm-run %t/linalg/libk_attention.so --weights %t/w.mmw --input q=%t/b/q.npy --input kv=%t/b/kv.npy --input mask=%t/b/mask_u8.npy --input x=%t/b/x.npy --output-dir %t/b/linalg
# RUN: %python %S/../Inputs/compare.py --all %t/b/linalg --ref-dir %t/b --rtol 1e-4

model k_attention {
  layer cross = multihead_attention(16, 4)
  layer self_attn = multihead_attention(12, 3, bias: false)

  fn forward(q: f32[B, T, 16], kv: f32[B, S, 16], mask: u8[B, S], x: f32[B, T, 12]) -> (f32[B, T, 16], f32[B, T, 16], f32[B, T, 12]) {
    return cross(q, kv, kv, key_padding_mask: mask), cross(q, kv, kv), self_attn(x, x, x)
  }
}
