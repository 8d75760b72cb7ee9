# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# integer tensors do not divide yet.
# CHECK: {{.*}}sema_integer_division.mm:[[@LINE+5]]:14: error: '/' of integer tensors (i32[B, 8], i32[]) is not supported yet; convert them with to(x, f32) first
# CHECK-NEXT: {{^}}    return x / 2
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: i32[B, 8]) -> i32[B, 8] {
    return x / 2
  }
}
