# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# half-precision types are parsed but not supported yet.
# CHECK: {{.*}}sema_element_type.mm:[[@LINE+4]]:11: error: element type 'f16' is not supported yet
# CHECK-NEXT: {{^}}  fn f(x: f16[B, 8]) -> f32[B, 8] {
# CHECK-NEXT: {{^}}          ^
model m {
  fn f(x: f16[B, 8]) -> f32[B, 8] {
    return x
  }
}
