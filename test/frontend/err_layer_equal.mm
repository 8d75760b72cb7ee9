# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a layer is initialized with =.
# CHECK: {{.*}}err_layer_equal.mm:[[@LINE+4]]:11: error: expected '=' after the layer name, found ':'
# CHECK-NEXT: {{^}}  layer l : linear(1, 2)
# CHECK-NEXT: {{^}}          ^
model m {
  layer l : linear(1, 2)
}
