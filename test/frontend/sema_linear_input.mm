# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a linear layer checks its input size.
# CHECK: {{.*}}sema_linear_input.mm:[[@LINE+6]]:15: error: layer 'fc' (linear) expects the last dimension of its input to be in_features = 64, found f32[B, 32]
# CHECK-NEXT: {{^}}    return fc(x)
# CHECK-NEXT: {{^}}              ^
model m {
  layer fc = linear(64, 10)
  fn f(x: f32[B, 32]) -> f32[B, 10] {
    return fc(x)
  }
}
