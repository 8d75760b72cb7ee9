# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a character that starts no token.
# CHECK: {{.*}}err_unexpected_char.mm:[[@LINE+4]]:38: error: unexpected character '$'
# CHECK-NEXT: {{^}}  fn f(x: f32[B]) -> f32[B] { return $x }
# CHECK-NEXT: {{^}}                                     ^
model m {
  fn f(x: f32[B]) -> f32[B] { return $x }
}
