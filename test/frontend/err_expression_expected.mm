# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# an operator needs a right operand.
# CHECK: {{.*}}err_expression_expected.mm:[[@LINE+5]]:16: error: expected an expression, found ')'
# CHECK-NEXT: {{^}}    return x * )
# CHECK-NEXT: {{^}}               ^
model m {
  fn f(x: f32[B]) -> f32[B] {
    return x * )
  }
}
