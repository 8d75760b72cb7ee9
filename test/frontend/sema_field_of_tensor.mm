# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a tensor has no fields.
# CHECK: {{.*}}sema_field_of_tensor.mm:[[@LINE+5]]:14: error: '.T' needs a layer result with fields or a block layer, found tensor f32[B, 8]
# CHECK-NEXT: {{^}}    return x.T
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return x.T
  }
}
