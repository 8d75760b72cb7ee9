# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a tensor type starts with an element type.
# CHECK: {{.*}}err_type_expected.mm:[[@LINE+4]]:12: error: expected a tensor type such as 'f32[B, 64]' after ':', found '['
# CHECK-NEXT: {{^}}  param p: [3]
# CHECK-NEXT: {{^}}           ^
model m {
  param p: [3]
}
