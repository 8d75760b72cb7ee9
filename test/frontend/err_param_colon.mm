# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a param needs a type.
# CHECK: {{.*}}err_param_colon.mm:[[@LINE+4]]:11: error: expected ':' after the param name (a param needs a type, e.g. 'param pos: f32[1, 32, 128]'), found '='
# CHECK-NEXT: {{^}}  param p = f32[3]
# CHECK-NEXT: {{^}}          ^
model m {
  param p = f32[3]
}
