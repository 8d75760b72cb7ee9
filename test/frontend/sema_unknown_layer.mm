# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a layer constructor that does not exist, with a hint.
# CHECK: {{.*}}sema_unknown_layer.mm:[[@LINE+4]]:14: error: unknown layer 'linaer'; did you mean 'linear'?
# CHECK-NEXT: {{^}}  layer fc = linaer(64, 32)
# CHECK-NEXT: {{^}}             ^
model m {
  layer fc = linaer(64, 32)
  fn f(x: f32[B]) -> f32[B] { return x }
}
