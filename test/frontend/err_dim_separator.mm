# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# dimensions are separated by commas.
# CHECK: {{.*}}err_dim_separator.mm:[[@LINE+4]]:18: error: expected ',' or ']' after a dimension, found '4'
# CHECK-NEXT: {{^}}  param p: f32[3 4]
# CHECK-NEXT: {{^}}                 ^
model m {
  param p: f32[3 4]
}
