# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a built-in layer the mm dialect can not express yet.
# CHECK: {{.*}}sema_layer_not_supported.mm:[[@LINE+6]]:12: error: layer 'gru' is not supported yet
# CHECK-NEXT: {{^}}    return g(x).output
# CHECK-NEXT: {{^}}           ^
model m {
  layer g = gru(8, 8)
  fn f(x: f32[B, T, 8]) -> f32[B, T, 8] {
    return g(x).output
  }
}
