# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# the contracted dimensions of @ must agree.
# CHECK: {{.*}}sema_matmul_mismatch.mm:[[@LINE+5]]:14: error: matmul of incompatible shapes [B, 64] @ [32, 10]: 64 vs 32 in the contracted dimension
# CHECK-NEXT: {{^}}    return x @ w
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: f32[B, 64], w: f32[32, 10]) -> f32[B, 10] {
    return x @ w
  }
}
