# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a keyword the layer constructor does not have.
# CHECK: {{.*}}sema_unknown_keyword_layer.mm:[[@LINE+4]]:29: error: unknown keyword argument 'use_bias' for linear; it accepts in_features, out_features, bias
# CHECK-NEXT: {{^}}  layer fc = linear(64, 32, use_bias: false)
# CHECK-NEXT: {{^}}                            ^
model m {
  layer fc = linear(64, 32, use_bias: false)
  fn f(x: f32[B]) -> f32[B] { return x }
}
