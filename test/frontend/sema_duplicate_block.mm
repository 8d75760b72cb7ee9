# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# block names are unique across imports.
# CHECK: {{.*}}sema_duplicate_block.mm:[[@LINE+6]]:7: error: block 'Enc' is already defined
# CHECK-NEXT: {{^}}block Enc() {
# CHECK-NEXT: {{^}}      ^
# CHECK-NEXT: {{.*}}sema_duplicate_block.mm:{{[0-9]+}}:{{[0-9]+}}: note: previous definition is here
block Enc() {
}
block Enc() {
}
model m {
  fn f(x: f32[B]) -> f32[B] { return x }
}
