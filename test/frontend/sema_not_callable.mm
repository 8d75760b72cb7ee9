# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# only functions, fns and layers can be called.
# CHECK: {{.*}}sema_not_callable.mm:[[@LINE+5]]:12: error: tensor f32[B, 8] is not a function or a layer
# CHECK-NEXT: {{^}}    return x(1)
# CHECK-NEXT: {{^}}           ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return x(1)
  }
}
