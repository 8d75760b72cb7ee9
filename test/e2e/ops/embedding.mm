# embedding: nn.Embedding lookups of i32 token ids, both ends of the table
# included (op_ref.py puts ids 0 and 36 in every input).
# Checked against the PyTorch twin in ../Inputs/op_ref.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 1 --weights-out %t/w.npz
# RUN: mmc pack %s --from %t/w.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 1 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_embedding.so --weights %t/w.mmw --input ids=%t/b1t1/ids.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 1 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_embedding.so --weights %t/w.mmw --input ids=%t/b3t7/ids.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 1 --dims B=2,T=33 --inputs-out %t/b2t33
# RUN: mm-run %t/lib/libop_embedding.so --weights %t/w.mmw --input ids=%t/b2t33/ids.npy --output-dir %t/b2t33
# RUN: %python %S/../Inputs/compare.py --all %t/b2t33 --rtol 1e-4

model op_embedding {
  layer embed = embedding(37, 5)

  fn forward(ids: i32[B, T]) -> f32[B, T, 5] {
    return embed(ids)
  }
}
