# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# more indices than dimensions.
# CHECK: {{.*}}sema_too_many_indices.mm:[[@LINE+5]]:20: error: too many indices (3) for a tensor of rank 2 (f32[B, 4])
# CHECK-NEXT: {{^}}    return x[0, 1, 2]
# CHECK-NEXT: {{^}}                   ^
model m {
  fn f(x: f32[B, 4]) -> f32[] {
    return x[0, 1, 2]
  }
}
