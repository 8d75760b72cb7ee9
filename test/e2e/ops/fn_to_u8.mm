# to from a u8 input (image bytes) to f32, and from i32 back to u8 with
# wrap-around (x - 128 of bytes below 128 is negative).
# Checked against the PyTorch twin op_fn_to_u8 in ../Inputs/twins_fns.py
# (float64 oracle), max|ours-ref| <= 1e-4 * max|ref| for every result.
# op_ref.py writes i32 inputs only: the RUN lines convert them to u8.
# No weights: `mmc init` writes the (empty) weights file.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: mmc compile %s -o %t/lib
# RUN: mmc init %s -o %t/w.mmw --seed 0
#
# RUN: %python %S/../Inputs/op_ref.py op_fn_to_u8 --seed 28 --dims B=1 --inputs-out %t/b1
# RUN: %python -c "import numpy as n, sys; n.save(sys.argv[2], n.load(sys.argv[1]).astype(n.uint8))" %t/b1/img.npy %t/b1/img_u8.npy
# RUN: mm-run %t/lib/libop_fn_to_u8.so --weights %t/w.mmw --input img=%t/b1/img_u8.npy --output-dir %t/b1
# RUN: %python %S/../Inputs/compare.py --all %t/b1 --rtol 1e-4
#
# RUN: %python %S/../Inputs/op_ref.py op_fn_to_u8 --seed 28 --dims B=3 --inputs-out %t/b3
# RUN: %python -c "import numpy as n, sys; n.save(sys.argv[2], n.load(sys.argv[1]).astype(n.uint8))" %t/b3/img.npy %t/b3/img_u8.npy
# RUN: mm-run %t/lib/libop_fn_to_u8.so --weights %t/w.mmw --input img=%t/b3/img_u8.npy --output-dir %t/b3
# RUN: %python %S/../Inputs/compare.py --all %t/b3 --rtol 1e-4

model op_fn_to_u8 {
  fn forward(img: u8[B, 3, 4, 5]) -> (f32[B, 3, 4, 5], f32[B, 3, 4, 5]) {
    return to(img, f32) / 255.0, to(to(to(img, i32) - 128, u8), f32)
  }
}
