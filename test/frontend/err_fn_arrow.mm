# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a fn declares its result type.
# CHECK: {{.*}}err_fn_arrow.mm:[[@LINE+4]]:19: error: expected '->' after the arguments of fn 'f' (the result type), found '{'
# CHECK-NEXT: {{^}}  fn f(x: f32[B]) { return x }
# CHECK-NEXT: {{^}}                  ^
model m {
  fn f(x: f32[B]) { return x }
}
