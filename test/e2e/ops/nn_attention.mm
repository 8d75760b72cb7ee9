# multihead_attention: cross-attention (queries of length T over keys and
# values of length S, 4 heads) without and with an i32 key padding mask
# (non-zero = padding, as PyTorch's True), and self-attention without
# biases with 3 heads (odd: PyTorch's general path). Biases ~ N(0.1, 0.5).
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 17 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 17 --dims B=1,T=1,S=1 --inputs-out %t/a
# RUN: mm-run %t/lib/libop_nn_attention.so --weights %t/w.mmw --input q=%t/a/q.npy --input kv=%t/a/kv.npy --input mask=%t/a/mask.npy --input x=%t/a/x.npy --output-dir %t/a
# RUN: %python %S/../Inputs/compare.py --all %t/a --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 17 --dims B=1,T=5,S=9 --inputs-out %t/b
# RUN: mm-run %t/lib/libop_nn_attention.so --weights %t/w.mmw --input q=%t/b/q.npy --input kv=%t/b/kv.npy --input mask=%t/b/mask.npy --input x=%t/b/x.npy --output-dir %t/b
# RUN: %python %S/../Inputs/compare.py --all %t/b --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 17 --dims B=3,T=7,S=4 --inputs-out %t/c
# RUN: mm-run %t/lib/libop_nn_attention.so --weights %t/w.mmw --input q=%t/c/q.npy --input kv=%t/c/kv.npy --input mask=%t/c/mask.npy --input x=%t/c/x.npy --output-dir %t/c
# RUN: %python %S/../Inputs/compare.py --all %t/c --rtol 1e-4

model op_nn_attention {
  layer attn = multihead_attention(16, 4)
  layer self_attn = multihead_attention(12, 3, bias: false)

  fn forward(q: f32[B, T, 16], kv: f32[B, S, 16], mask: i32[B, S], x: f32[B, T, 12]) -> (f32[B, T, 16], f32[B, T, 16], f32[B, T, 12]) {
    return attn(q, kv, kv), attn(q, kv, kv, key_padding_mask: mask), self_attn(x, x, x)
  }
}
