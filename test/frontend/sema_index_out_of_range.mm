# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# an integer index outside a static dimension.
# CHECK: {{.*}}sema_index_out_of_range.mm:[[@LINE+5]]:17: error: index 4 is out of range for dimension 1 of size 4 (f32[B, 4])
# CHECK-NEXT: {{^}}    return x[:, 4]
# CHECK-NEXT: {{^}}                ^
model m {
  fn f(x: f32[B, 4]) -> f32[B] {
    return x[:, 4]
  }
}
