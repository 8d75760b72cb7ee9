# interpolate: bilinear (the default mode) up and down to a size and by
# scale_factor 2, nearest by a fractional scale_factor and to one size for
# both dimensions, linear and nearest of a [B, C, T] input with symbolic T,
# bicubic up to a size and down by a fractional scale_factor.
# Checked against the PyTorch twin in ../Inputs/twins_fns.py (float64
# oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 27 --dims B=1,T=1 --inputs-out %t/b1t1
# RUN: mm-run %t/lib/libop_fn_interpolate.so --weights %t/w.mmw --input x=%t/b1t1/x.npy --input s=%t/b1t1/s.npy --output-dir %t/b1t1
# RUN: %python %S/../Inputs/compare.py --all %t/b1t1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 27 --dims B=3,T=7 --inputs-out %t/b3t7
# RUN: mm-run %t/lib/libop_fn_interpolate.so --weights %t/w.mmw --input x=%t/b3t7/x.npy --input s=%t/b3t7/s.npy --output-dir %t/b3t7
# RUN: %python %S/../Inputs/compare.py --all %t/b3t7 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py %s --seed 27 --dims B=2,T=33 --inputs-out %t/b2t33
# RUN: mm-run %t/lib/libop_fn_interpolate.so --weights %t/w.mmw --input x=%t/b2t33/x.npy --input s=%t/b2t33/s.npy --output-dir %t/b2t33
# RUN: %python %S/../Inputs/compare.py --all %t/b2t33 --rtol 1e-4

model op_fn_interpolate {
  fn forward(x: f32[B, 3, 5, 7], s: f32[B, 2, T]) -> (f32[B, 3, 8, 9], f32[B, 3, 10, 14], f32[B, 3, 3, 4], f32[B, 3, 7, 10], f32[B, 3, 4, 4], f32[B, 2, 11], f32[B, 2, 6], f32[B, 3, 8, 9], f32[B, 3, 3, 4]) {
    return interpolate(x, size: [8, 9]), interpolate(x, scale_factor: 2.0), interpolate(x, [3, 4]), interpolate(x, scale_factor: 1.5, mode: "nearest"), interpolate(x, size: 4, mode: "nearest"), interpolate(s, 11, mode: "linear"), interpolate(s, size: 6, mode: "nearest"), interpolate(x, size: [8, 9], mode: "bicubic"), interpolate(x, scale_factor: 0.6, mode: "bicubic")
  }
}
