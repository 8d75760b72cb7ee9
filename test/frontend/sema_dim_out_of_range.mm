# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# dimension arguments are checked against the rank.
# CHECK: {{.*}}sema_dim_out_of_range.mm:[[@LINE+5]]:25: error: dimension 2 is out of range for f32[B, 8] (rank 2, expected -2 to 1)
# CHECK-NEXT: {{^}}    return mean(x, dim: 2)
# CHECK-NEXT: {{^}}                        ^
model m {
  fn f(x: f32[B, 8]) -> f32[B] {
    return mean(x, dim: 2)
  }
}
