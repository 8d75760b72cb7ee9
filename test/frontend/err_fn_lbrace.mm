# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a fn has a body.
# CHECK: {{.*}}err_fn_lbrace.mm:[[@LINE+4]]:29: error: expected '{' to begin the body of fn 'f', found 'return'
# CHECK-NEXT: {{^}}  fn f(x: f32[B]) -> f32[B] return x
# CHECK-NEXT: {{^}}                            ^
model m {
  fn f(x: f32[B]) -> f32[B] return x
}
