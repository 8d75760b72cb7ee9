# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# unpacking needs a tuple of the right size.
# CHECK: {{.*}}sema_unpack.mm:[[@LINE+6]]:10: error: can not unpack the result of layer 'l' (lstm) into 2 names; use its fields, e.g. '.output'
# CHECK-NEXT: {{^}}    a, b = l(x)
# CHECK-NEXT: {{^}}         ^
model m {
  layer l = lstm(8, 8)
  fn f(x: f32[B, T, 8]) -> f32[B, T, 8] {
    a, b = l(x)
    return a
  }
}
