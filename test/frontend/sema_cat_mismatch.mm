# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# cat needs equal shapes outside the concatenated dimension.
# CHECK: {{.*}}sema_cat_mismatch.mm:[[@LINE+5]]:16: error: cat of incompatible shapes along dimension 1: f32[B, 64] and f32[B, 32, 1] (all other dimensions must match)
# CHECK-NEXT: {{^}}    return cat([x, y], dim: 1)
# CHECK-NEXT: {{^}}               ^
model m {
  fn f(x: f32[B, 64], y: f32[B, 32, 1]) -> f32[B, 96] {
    return cat([x, y], dim: 1)
  }
}
