# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a parenthesized expression must close.
# CHECK: {{.*}}err_paren_close.mm:[[@LINE+6]]:19: error: expected ')' to close the '(' of an expression, found 'x'
# CHECK-NEXT: {{^}}    return (x + 1 x
# CHECK-NEXT: {{^}}                  ^
# CHECK: note: to match this '('
model m {
  fn f(x: f32[B]) -> f32[B] {
    return (x + 1 x
  }
}
