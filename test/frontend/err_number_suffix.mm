# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a number runs straight into a name.
# CHECK: {{.*}}err_number_suffix.mm:[[@LINE+4]]:22: error: expected a digit or the end of the number, found 'k'
# CHECK-NEXT: {{^}}  layer l = linear(64k, 64)
# CHECK-NEXT: {{^}}                     ^
model m {
  layer l = linear(64k, 64)
}
