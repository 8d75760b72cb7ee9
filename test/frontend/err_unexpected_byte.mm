# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# an unprintable byte is shown in hex.
# CHECK: {{.*}}err_unexpected_byte.mm:[[@LINE+4]]:38: error: unexpected character byte 0x01
# CHECK-NEXT: {{^}}  fn f(x: f32[B]) -> f32[B] { return x }
# CHECK-NEXT: {{^}}                                     ^
model m {
  fn f(x: f32[B]) -> f32[B] { return x }
}
