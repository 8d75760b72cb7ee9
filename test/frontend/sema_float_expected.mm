# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# unary math needs floating-point tensors.
# CHECK: {{.*}}sema_float_expected.mm:[[@LINE+5]]:17: error: relu expects a floating-point tensor, found tensor i32[B, 8]
# CHECK-NEXT: {{^}}    return relu(x)
# CHECK-NEXT: {{^}}                ^
model m {
  fn f(x: i32[B, 8]) -> i32[B, 8] {
    return relu(x)
  }
}
