# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# elementwise operands whose shapes do not broadcast.
# CHECK: {{.*}}sema_broadcast_mismatch.mm:[[@LINE+5]]:14: error: shapes [B, 64] and [B, 32] do not broadcast in '+' (64 vs 32)
# CHECK-NEXT: {{^}}    return x + y
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: f32[B, 64], y: f32[B, 32]) -> f32[B, 64] {
    return x + y
  }
}
