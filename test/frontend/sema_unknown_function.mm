# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# calling a function that does not exist.
# CHECK: {{.*}}sema_unknown_function.mm:[[@LINE+5]]:12: error: unknown function 'frobnicate'
# CHECK-NEXT: {{^}}    return frobnicate(x)
# CHECK-NEXT: {{^}}           ^
model m {
  fn f(x: f32[B, 64]) -> f32[B, 64] {
    return frobnicate(x)
  }
}
