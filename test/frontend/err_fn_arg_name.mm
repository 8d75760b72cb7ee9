# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a fn argument is a name.
# CHECK: {{.*}}err_fn_arg_name.mm:[[@LINE+4]]:8: error: expected a name for a fn argument, found '1'
# CHECK-NEXT: {{^}}  fn f(1: f32[B]) -> f32[B] { return x }
# CHECK-NEXT: {{^}}       ^
model m {
  fn f(1: f32[B]) -> f32[B] { return x }
}
