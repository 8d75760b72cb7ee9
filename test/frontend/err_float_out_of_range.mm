# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# floats are doubles.
# CHECK: {{.*}}err_float_out_of_range.mm:[[@LINE+4]]:42: error: float literal '1e999' is out of range
# CHECK-NEXT: {{^}}  fn f(x: f32[B]) -> f32[B] { return x + 1e999 }
# CHECK-NEXT: {{^}}                                         ^
model m {
  fn f(x: f32[B]) -> f32[B] { return x + 1e999 }
}
