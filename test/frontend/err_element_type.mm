# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# element types are f32, i32, i64, u8, f16, bf16, i8.
# CHECK: {{.*}}err_element_type.mm:[[@LINE+4]]:12: error: expected an element type (f32, i32, i64, u8, f16, bf16 or i8), found 'float'
# CHECK-NEXT: {{^}}  param p: float[3]
# CHECK-NEXT: {{^}}           ^
model m {
  param p: float[3]
}
