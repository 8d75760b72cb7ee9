# batch_norm1d on [N, C] and [N, C, L] (eps 1e-3), batch_norm2d on
# [N, C, H, W], in eval mode: running statistics drawn far from (0, 1),
# weight ~ N(0, 0.3), bias ~ N(0.1, 0.5).
# Checked against the PyTorch twin in ../Inputs/twins_nn.py (float64 oracle),
# max|ours-ref| <= 1e-4 * max|ref| for every result.
#
# num_batches_tracked is dropped from the state_dict here; that mmc pack
# accepts it is nn_batch_norm_state_dict.mm's subject.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: %python %S/../Inputs/op_ref.py %s --seed 15 --weights-out %t/w.npz
# RUN: %python %S/../Inputs/nn_arrays.py drop-suffix %t/w.npz %t/w-stats.npz .num_batches_tracked
# RUN: mmc pack %s --from %t/w-stats.npz -o %t/w.mmw
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 15 --dims B=1,L=1,H=1,W=1 --inputs-out %t/b1
# RUN: mm-run %t/lib/libop_nn_batch_norm.so --weights %t/w.mmw --input a=%t/b1/a.npy --input s=%t/b1/s.npy --input x=%t/b1/x.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 15 --dims B=3,L=7,H=5,W=6 --inputs-out %t/b3
# RUN: mm-run %t/lib/libop_nn_batch_norm.so --weights %t/w.mmw --input a=%t/b3/a.npy --input s=%t/b3/s.npy --input x=%t/b3/x.npy --output-dir %t/b3
# RUN: %python %S/../Inputs/compare.py --all %t/b3 --rtol 1e-4

model op_nn_batch_norm {
  layer bn1 = batch_norm1d(5)
  layer bn1l = batch_norm1d(6, eps: 1e-3)
  layer bn2 = batch_norm2d(4)

  fn forward(a: f32[B, 5], s: f32[B, 6, L], x: f32[B, 4, H, W]) -> (f32[B, 5], f32[B, 6, L], f32[B, 4, H, W]) {
    return bn1(a), bn1l(s), bn2(x)
  }
}
