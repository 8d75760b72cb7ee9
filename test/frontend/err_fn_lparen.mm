# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a fn has an argument list.
# CHECK: {{.*}}err_fn_lparen.mm:[[@LINE+4]]:8: error: expected '(' after the fn name, found '->'
# CHECK-NEXT: {{^}}  fn f -> f32[B] { return x }
# CHECK-NEXT: {{^}}       ^
model m {
  fn f -> f32[B] { return x }
}
