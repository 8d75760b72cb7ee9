# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a scalar type is written ELEM[].
# CHECK: {{.*}}err_type_lbracket.mm:[[@LINE+4]]:14: error: expected '[' after the element type 'f32' (a scalar is 'f32[]'), found ')'
# CHECK-NEXT: {{^}}  fn f(x: f32) -> f32[] { return x }
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: f32) -> f32[] { return x }
}
