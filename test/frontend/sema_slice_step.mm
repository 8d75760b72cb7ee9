# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# slice steps are positive.
# CHECK: {{.*}}sema_slice_step.mm:[[@LINE+5]]:19: error: a slice step must be positive, found -1
# CHECK-NEXT: {{^}}    return x[:, ::-1]
# CHECK-NEXT: {{^}}                  ^
model m {
  fn f(x: f32[B, 4]) -> f32[B, 4] {
    return x[:, ::-1]
  }
}
