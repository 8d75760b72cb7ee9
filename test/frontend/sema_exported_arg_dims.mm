# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# the signature of an exported fn uses integers and symbols only.
# CHECK: {{.*}}sema_exported_arg_dims.mm:[[@LINE+4]]:18: error: a dimension of an argument of an exported fn must be an integer or a symbol
# CHECK-NEXT: {{^}}  fn f(x: f32[B, 2 * T]) -> f32[B, 2 * T] {
# CHECK-NEXT: {{^}}                 ^
model m {
  fn f(x: f32[B, 2 * T]) -> f32[B, 2 * T] {
    return x
  }
}
