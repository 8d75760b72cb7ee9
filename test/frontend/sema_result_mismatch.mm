# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# the declared result type is checked against the inferred one.
# CHECK: {{.*}}sema_result_mismatch.mm:[[@LINE+6]]:12: error: fn 'f' declares result as f32[B, 1] but returns f32[B, 64]
# CHECK-NEXT: {{^}}    return x
# CHECK-NEXT: {{^}}           ^
# CHECK-NEXT: {{.*}}sema_result_mismatch.mm:{{[0-9]+}}:{{[0-9]+}}: note: result type declared here
model m {
  fn f(x: f32[B, 64]) -> f32[B, 1] {
    return x
  }
}
