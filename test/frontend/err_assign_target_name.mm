# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# assignment targets are names.
# CHECK: {{.*}}err_assign_target_name.mm:[[@LINE+5]]:8: error: expected a name to assign to, found '1'
# CHECK-NEXT: {{^}}    a, 1 = x
# CHECK-NEXT: {{^}}       ^
model m {
  fn f(x: f32[B]) -> f32[B] {
    a, 1 = x
  }
}
