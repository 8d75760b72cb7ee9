# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# negating an integer tensor has no mm op yet: a located error, not a crash.
# CHECK: {{.*}}sema_neg_int_not_supported.mm:[[@LINE+5]]:12: error: negating an integer tensor (i32[B, 8]) is not supported yet
# CHECK-NEXT: {{^}}    return -x
# CHECK-NEXT: {{^}}           ^
model m {
  fn f(x: i32[B, 8]) -> i32[B, 8] {
    return -x
  }
}
