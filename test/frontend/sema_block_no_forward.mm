# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# applying a block layer calls its forward.
# CHECK: {{.*}}sema_block_no_forward.mm:[[@LINE+10]]:12: error: block 'Enc' has no fn 'forward', so layer 'e' can not be applied; call one of its fns as 'e.NAME(...)'
# CHECK-NEXT: {{^}}    return e(x)
# CHECK-NEXT: {{^}}           ^
# CHECK-NEXT: {{.*}}sema_block_no_forward.mm:{{[0-9]+}}:{{[0-9]+}}: note: block declared here
block Enc() {
  fn encode(x: f32[B, 8]) -> f32[B, 8] { return x }
}
model m {
  layer e = Enc()
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return e(x)
  }
}
