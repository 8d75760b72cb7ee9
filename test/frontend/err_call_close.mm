# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# call arguments are separated by commas.
# CHECK: {{.*}}err_call_close.mm:[[@LINE+5]]:23: error: expected ',' or ')' after an argument, found '64'
# CHECK-NEXT: {{^}}  layer l = linear(64 64)
# CHECK-NEXT: {{^}}                      ^
# CHECK: note: to match this '('
model m {
  layer l = linear(64 64)
}
