# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a required argument is missing.
# CHECK: {{.*}}sema_missing_argument.mm:[[@LINE+4]]:14: error: missing argument 'out_features' of linear: linear(in_features, out_features, bias: true)
# CHECK-NEXT: {{^}}  layer fc = linear(64)
# CHECK-NEXT: {{^}}             ^
model m {
  layer fc = linear(64)
  fn f(x: f32[B]) -> f32[B] { return x }
}
