# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# two different symbols are different sizes.
# CHECK: {{.*}}sema_symbol_mismatch.mm:[[@LINE+5]]:14: error: shapes [B, T] and [B, S] do not broadcast in '*' (T vs S)
# CHECK-NEXT: {{^}}    return x * y
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: f32[B, T], y: f32[B, S]) -> f32[B, T] {
    return x * y
  }
}
