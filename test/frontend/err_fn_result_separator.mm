# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# several results are a parenthesized list.
# CHECK: {{.*}}err_fn_result_separator.mm:[[@LINE+4]]:30: error: expected ',' or ')' after a result type, found 'f32'
# CHECK-NEXT: {{^}}  fn f(x: f32[B]) -> (f32[B] f32[B]) { return x, x }
# CHECK-NEXT: {{^}}                             ^
model m {
  fn f(x: f32[B]) -> (f32[B] f32[B]) { return x, x }
}
