# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# reshape keeps the number of elements.
# CHECK: {{.*}}sema_reshape_mismatch.mm:[[@LINE+5]]:23: error: can not reshape f32[B, 64] (64*B elements) into [B, 32] (32*B elements)
# CHECK-NEXT: {{^}}    return reshape(x, [B, 32])
# CHECK-NEXT: {{^}}                      ^
model m {
  fn f(x: f32[B, 64]) -> f32[B, 32] {
    return reshape(x, [B, 32])
  }
}
