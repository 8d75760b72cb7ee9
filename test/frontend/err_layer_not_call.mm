# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a layer is a constructor call.
# CHECK: {{.*}}err_layer_not_call.mm:[[@LINE+4]]:13: error: expected a layer constructor call such as 'linear(64, 64)' after '='
# CHECK-NEXT: {{^}}  layer l = linear
# CHECK-NEXT: {{^}}            ^
model m {
  layer l = linear
}
