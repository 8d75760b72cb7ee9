# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# hyper-parameters without a default are required.
# CHECK: {{.*}}sema_hyper_param_missing.mm:[[@LINE+9]]:13: error: missing hyper-parameter 'dim' of block 'Enc'
# CHECK-NEXT: {{^}}  layer e = Enc()
# CHECK-NEXT: {{^}}            ^
# CHECK-NEXT: {{.*}}sema_hyper_param_missing.mm:{{[0-9]+}}:{{[0-9]+}}: note: declared here
block Enc(dim: int) {
  layer fc = linear(dim, dim)
  fn forward(x: f32[B, dim]) -> f32[B, dim] { return fc(x) }
}
model m {
  layer e = Enc()
  fn f(x: f32[B, 8]) -> f32[B, 8] { return e(x) }
}
