# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# fns are inlined, so they may not call themselves.
# CHECK: {{.*}}sema_recursion.mm:[[@LINE+5]]:12: error: fn 'f' calls itself; recursion is not supported
# CHECK-NEXT: {{^}}    return f(x)
# CHECK-NEXT: {{^}}           ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return f(x)
  }
}
