# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a keyword the built-in function does not have.
# CHECK: {{.*}}sema_unknown_keyword.mm:[[@LINE+5]]:23: error: unknown keyword argument 'axis' for softmax; it accepts input, dim
# CHECK-NEXT: {{^}}    return softmax(x, axis: 1)
# CHECK-NEXT: {{^}}                      ^
model m {
  fn f(x: f32[B, 64]) -> f32[B, 64] {
    return softmax(x, axis: 1)
  }
}
