# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a statement is an assignment or a return.
# CHECK: {{.*}}err_statement.mm:[[@LINE+5]]:5: error: expected a statement ('NAME = expr' or 'return expr') or '}', found '('
# CHECK-NEXT: {{^}}    (x)
# CHECK-NEXT: {{^}}    ^
model m {
  fn f(x: f32[B]) -> f32[B] {
    (x)
  }
}
