# A reshape whose result needs two symbolic sizes that are not dimensions
# of its input (B and T of a [B*T, 6] tensor) is a compile error at the
# shape argument: only one size can be inferred from the element count.
#
# RUN: not mmc compile %s -o %t 2>&1 | FileCheck %s
# CHECK: fn_reshape_error.mm:[[# @LINE + 7]]:26: error: can not reshape f32[2*B*T, 6] into [B, T, 12]: neither B nor T is a dimension of the input, and only one size can be inferred from the element count
# CHECK-NEXT: {{^}}    return reshape(flat, [B, T, 12])
# CHECK-NEXT: {{^}}                         ^

model op_fn_reshape_error {
  fn forward(y: f32[B, T, 12]) -> f32[B, T, 12] {
    flat = reshape(y, [-1, 6])
    return reshape(flat, [B, T, 12])
  }
}
