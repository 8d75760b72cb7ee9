# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a dimension is an integer, a name or arithmetic of those.
# CHECK: {{.*}}err_dim_expected.mm:[[@LINE+4]]:19: error: expected a dimension (an integer, a name, or an arithmetic expression of those), found '-'
# CHECK-NEXT: {{^}}  param p: f32[3, -1]
# CHECK-NEXT: {{^}}                  ^
model m {
  param p: f32[3, -1]
}
