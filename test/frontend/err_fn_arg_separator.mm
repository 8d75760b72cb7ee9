# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# fn arguments are separated by commas.
# CHECK: {{.*}}err_fn_arg_separator.mm:[[@LINE+4]]:18: error: expected ',' or ')' after a fn argument, found 'y'
# CHECK-NEXT: {{^}}  fn f(x: f32[B] y: f32[B]) -> f32[B] { return x }
# CHECK-NEXT: {{^}}                 ^
model m {
  fn f(x: f32[B] y: f32[B]) -> f32[B] { return x }
}
