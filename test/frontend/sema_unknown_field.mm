# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# the fields of an lstm result.
# CHECK: {{.*}}sema_unknown_field.mm:[[@LINE+6]]:17: error: the result of layer 'l' (lstm) has no field 'hidden'; its fields are output, h_n, c_n
# CHECK-NEXT: {{^}}    return l(x).hidden
# CHECK-NEXT: {{^}}                ^
model m {
  layer l = lstm(8, 8)
  fn f(x: f32[B, T, 8]) -> f32[B, T, 8] {
    return l(x).hidden
  }
}
