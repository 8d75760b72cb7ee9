# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a call on its own is not a statement.
# CHECK: {{.*}}err_assign_equal.mm:[[@LINE+5]]:9: error: expected '=' or ',' after 'relu' (a statement is 'NAME = expr' or 'return expr'), found '('
# CHECK-NEXT: {{^}}    relu(x)
# CHECK-NEXT: {{^}}        ^
model m {
  fn f(x: f32[B]) -> f32[B] {
    relu(x)
  }
}
