# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a model must be closed.
# CHECK: {{.*}}err_unexpected_eof.mm:[[@LINE+5]]:1: error: expected 'layer', 'param', 'fn' or '}' in model 'm', found end of file
# CHECK-EMPTY:
# CHECK-NEXT: {{^}}^
model m {
  layer l = linear(1, 2)
