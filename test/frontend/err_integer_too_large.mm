# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# integers are 64-bit.
# CHECK: {{.*}}err_integer_too_large.mm:[[@LINE+4]]:20: error: integer literal '99999999999999999999' does not fit in 64 bits
# CHECK-NEXT: {{^}}  layer l = linear(99999999999999999999, 64)
# CHECK-NEXT: {{^}}                   ^
model m {
  layer l = linear(99999999999999999999, 64)
}
