# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# result dimensions must be bound by the arguments.
# CHECK: {{.*}}sema_unbound_dim.mm:[[@LINE+4]]:32: error: dimension 'F' is not bound: it must be a hyper-parameter or a symbol of an argument
# CHECK-NEXT: {{^}}  fn f(x: f32[B, 8]) -> f32[B, F] {
# CHECK-NEXT: {{^}}                               ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, F] {
    return x
  }
}
