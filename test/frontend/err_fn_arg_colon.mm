# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# every fn argument has a type.
# CHECK: {{.*}}err_fn_arg_colon.mm:[[@LINE+4]]:9: error: expected ':' after the argument name 'x' (every argument needs a tensor type), found ')'
# CHECK-NEXT: {{^}}  fn f(x) -> f32[B] { return x }
# CHECK-NEXT: {{^}}        ^
model m {
  fn f(x) -> f32[B] { return x }
}
