# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a built-in function the mm dialect can not express yet.
# CHECK: {{.*}}sema_function_not_supported.mm:[[@LINE+5]]:12: error: function 'zeros_like' is not supported yet
# CHECK-NEXT: {{^}}    return zeros_like(x)
# CHECK-NEXT: {{^}}           ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return zeros_like(x)
  }
}
