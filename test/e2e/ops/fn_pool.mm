# max_pool2d (default stride, tuples with dilation, ceil_mode where PyTorch
# drops the last window), avg_pool2d (ceil_mode, count_include_pad false),
# adaptive_avg_pool2d (global, uneven windows, of a [C, H, W] input with
# symbolic H and W) and pooling of symbolic sizes, summed over them.
# Checked against the PyTorch twin in ../Inputs/twins_fns.py (float64
# oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 26 --dims B=1,H=3,W=3 --inputs-out %t/b1h3w3
# RUN: mm-run %t/lib/libop_fn_pool.so --weights %t/w.mmw --input x=%t/b1h3w3/x.npy --input y=%t/b1h3w3/y.npy --output-dir %t/b1h3w3
# RUN: %python %S/../Inputs/compare.py --all %t/b1h3w3 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 26 --dims B=2,H=8,W=13 --inputs-out %t/b2h8w13
# RUN: mm-run %t/lib/libop_fn_pool.so --weights %t/w.mmw --input x=%t/b2h8w13/x.npy --input y=%t/b2h8w13/y.npy --output-dir %t/b2h8w13
# RUN: %python %S/../Inputs/compare.py --all %t/b2h8w13 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 26 --dims B=3,H=7,W=6 --inputs-out %t/b3h7w6
# RUN: mm-run %t/lib/libop_fn_pool.so --weights %t/w.mmw --input x=%t/b3h7w6/x.npy --input y=%t/b3h7w6/y.npy --output-dir %t/b3h7w6
# RUN: %python %S/../Inputs/compare.py --all %t/b3h7w6 --rtol 1e-4

model op_fn_pool {
  fn forward(x: f32[B, 3, 9, 11], y: f32[4, H, W]) -> (f32[B, 3, 4, 5], f32[B, 3, 5, 9], f32[B, 3, 4, 4], f32[B, 3, 5, 6], f32[B, 3, 5, 6], f32[B, 3, 1, 1], f32[B, 3, 4, 3], f32[4, 2, 3], f32[4], f32[4]) {
    return max_pool2d(x, 2), max_pool2d(x, [3, 2], stride: [2, 1], padding: [1, 0], dilation: [1, 2]), max_pool2d(x, 3, 3, 1, 1, true), avg_pool2d(x, 3, stride: 2, padding: 1, ceil_mode: true), avg_pool2d(x, 3, stride: 2, padding: 1, count_include_pad: false), adaptive_avg_pool2d(x, 1), adaptive_avg_pool2d(x, [4, 3]), adaptive_avg_pool2d(y, [2, 3]), sum(max_pool2d(y, 2, ceil_mode: true), dim: [1, 2]), sum(avg_pool2d(y, 3, 2, 1), dim: [1, 2])
  }
}
