# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# parentheses in dimensions must close.
# CHECK: {{.*}}err_dim_rparen.mm:[[@LINE+4]]:25: error: expected ')' to close '(' in a dimension, found ']'
# CHECK-NEXT: {{^}}  fn f(x: f32[B, (T / 2 ]) -> f32[B] { return x }
# CHECK-NEXT: {{^}}                        ^
model m {
  fn f(x: f32[B, (T / 2 ]) -> f32[B] { return x }
}
