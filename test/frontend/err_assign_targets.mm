# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# several targets are followed by =.
# CHECK: {{.*}}err_assign_targets.mm:[[@LINE+5]]:10: error: expected '=' after the assignment targets, found 'x'
# CHECK-NEXT: {{^}}    a, b x
# CHECK-NEXT: {{^}}         ^
model m {
  fn f(x: f32[B]) -> f32[B] {
    a, b x
  }
}
