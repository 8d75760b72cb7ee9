# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# typed hyper-parameters are checked.
# CHECK: {{.*}}sema_hyper_param_type.mm:[[@LINE+8]]:17: error: hyper-parameter 'dim' of block 'Enc' must be an integer, found string "wide"
# CHECK-NEXT: {{^}}  layer e = Enc("wide")
# CHECK-NEXT: {{^}}                ^
block Enc(dim: int) {
  layer fc = linear(dim, dim)
  fn forward(x: f32[B, dim]) -> f32[B, dim] { return fc(x) }
}
model m {
  layer e = Enc("wide")
  fn f(x: f32[B, 8]) -> f32[B, 8] { return e(x) }
}
