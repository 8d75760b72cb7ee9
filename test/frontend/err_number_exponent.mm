# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# an exponent needs digits.
# CHECK: {{.*}}err_number_exponent.mm:[[@LINE+4]]:44: error: expected exponent digits in number, found ' '
# CHECK-NEXT: {{^}}  fn f(x: f32[B]) -> f32[B] { return x + 1e }
# CHECK-NEXT: {{^}}                                           ^
model m {
  fn f(x: f32[B]) -> f32[B] { return x + 1e }
}
