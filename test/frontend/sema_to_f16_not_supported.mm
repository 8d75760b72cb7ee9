# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# half-precision element types parse but have no lowering yet.
# CHECK: {{.*}}sema_to_f16_not_supported.mm:[[@LINE+5]]:18: error: element type 'f16' is not supported yet
# CHECK-NEXT: {{^}}    return to(x, f16)
# CHECK-NEXT: {{^}}                 ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return to(x, f16)
  }
}
