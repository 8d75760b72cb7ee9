# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# the number of returned values must match the declaration.
# CHECK: {{.*}}sema_result_count.mm:[[@LINE+6]]:5: error: fn 'f' returns 1 value but declares 2 results
# CHECK-NEXT: {{^}}    return x
# CHECK-NEXT: {{^}}    ^
# CHECK-NEXT: {{.*}}sema_result_count.mm:{{[0-9]+}}:{{[0-9]+}}: note: result types declared here
model m {
  fn f(x: f32[B, 64]) -> (f32[B, 64], f32[B, 64]) {
    return x
  }
}
