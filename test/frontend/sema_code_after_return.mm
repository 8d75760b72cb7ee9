# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# statements after return are rejected.
# CHECK: {{.*}}sema_code_after_return.mm:[[@LINE+6]]:5: error: statement after 'return' is never executed
# CHECK-NEXT: {{^}}    y = x
# CHECK-NEXT: {{^}}    ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return x
    y = x
  }
}
