# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a block can not contain itself.
# CHECK: {{.*}}sema_block_recursion.mm:[[@LINE+4]]:17: error: block 'Tree' contains itself (through layer 'child')
# CHECK-NEXT: {{^}}  layer child = Tree(n)
# CHECK-NEXT: {{^}}                ^
block Tree(n: int) {
  layer child = Tree(n)
  fn forward(x: f32[B, n]) -> f32[B, n] { return child(x) }
}
model m {
  layer t = Tree(4)
  fn f(x: f32[B, 4]) -> f32[B, 4] { return t(x) }
}
