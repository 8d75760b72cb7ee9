# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# an unknown layer far from every known name.
# CHECK: {{.*}}sema_unknown_layer_no_hint.mm:[[@LINE+4]]:14: error: unknown layer 'frobnicate': expected a built-in layer or a block
# CHECK-NEXT: {{^}}  layer fc = frobnicate(64, 32)
# CHECK-NEXT: {{^}}             ^
model m {
  layer fc = frobnicate(64, 32)
  fn f(x: f32[B]) -> f32[B] { return x }
}
