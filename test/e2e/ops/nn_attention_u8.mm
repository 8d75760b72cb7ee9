# multihead_attention with a u8 key padding mask (the language's boolean,
# 1 = padding) and distinct key and value inputs.
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref|.
#
# op_ref.py writes f32 and i32 inputs only, so the twin is named (which
# skips its check of this file's signature) and its i32 0/1 mask is
# converted to u8 by nn_arrays.py.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py op_nn_attention_u8 --seed 18 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py op_nn_attention_u8 --seed 18 --dims B=1,T=1,S=3 --inputs-out %t/a
# RUN: %python %S/../Inputs/nn_arrays.py to-u8 %t/a/mask.npy %t/a/mask_u8.npy
# RUN: mm-run %t/lib/libop_nn_attention_u8.so --weights %t/w.mmw --input q=%t/a/q.npy --input k=%t/a/k.npy --input v=%t/a/v.npy --input mask=%t/a/mask_u8.npy --output-dir %t/a
# RUN: %python %S/../Inputs/compare.py --all %t/a --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py op_nn_attention_u8 --seed 18 --dims B=4,T=3,S=6 --inputs-out %t/b
# RUN: %python %S/../Inputs/nn_arrays.py to-u8 %t/b/mask.npy %t/b/mask_u8.npy
# RUN: mm-run %t/lib/libop_nn_attention_u8.so --weights %t/w.mmw --input q=%t/b/q.npy --input k=%t/b/k.npy --input v=%t/b/v.npy --input mask=%t/b/mask_u8.npy --output-dir %t/b
# RUN: %python %S/../Inputs/compare.py --all %t/b --rtol 1e-4

model op_nn_attention_u8 {
  layer attn = multihead_attention(8, 2)

  fn forward(q: f32[B, T, 8], k: f32[B, S, 8], v: f32[B, S, 8], mask: u8[B, S]) -> f32[B, T, 8] {
    return attn(q, k, v, key_padding_mask: mask)
  }
}
