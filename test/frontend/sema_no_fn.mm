# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a model exports at least one fn.
# CHECK: {{.*}}sema_no_fn.mm:[[@LINE+3]]:7: error: model 'm' has no fn to export
# CHECK-NEXT: {{^}}model m {
# CHECK-NEXT: {{^}}      ^
model m {
  layer fc = linear(8, 8)
}
