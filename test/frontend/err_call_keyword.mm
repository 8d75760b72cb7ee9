# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a keyword is a bare name.
# CHECK: {{.*}}err_call_keyword.mm:[[@LINE+4]]:34: error: expected ',' or ')' after an argument, found ':' (a keyword argument is 'name: value')
# CHECK-NEXT: {{^}}  layer l = linear(64, 64, "bias": true)
# CHECK-NEXT: {{^}}                                 ^
model m {
  layer l = linear(64, 64, "bias": true)
}
