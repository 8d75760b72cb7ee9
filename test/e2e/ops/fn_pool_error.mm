# max_pool2d with ceil_mode of a symbolic size is a compile error when
# PyTorch's output size would depend on the size's remainder (whether the
# last window starts in the padding): stride 3 with a kernel of 2.
#
# RUN: not mmc compile %s -o %t 2>&1 | FileCheck %s
# CHECK: fn_pool_error.mm:[[# @LINE + 6]]:23: error: max_pool2d with ceil_mode of the symbolic size H needs padding + stride <= dilation * (kernel_size - 1) + 1
# CHECK-NEXT: {{^}}    return max_pool2d(y, 2, stride: 3, ceil_mode: true)
# CHECK-NEXT: {{^}}                      ^

model op_fn_pool_error {
  fn forward(y: f32[4, H, 8]) -> f32[4, H, 3] {
    return max_pool2d(y, 2, stride: 3, ceil_mode: true)
  }
}
