# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# one argument given positionally and by keyword.
# CHECK: {{.*}}sema_argument_twice.mm:[[@LINE+4]]:29: error: argument 'in_features' of linear is given twice
# CHECK-NEXT: {{^}}  layer fc = linear(64, 32, in_features: 64)
# CHECK-NEXT: {{^}}                            ^
model m {
  layer fc = linear(64, 32, in_features: 64)
  fn f(x: f32[B]) -> f32[B] { return x }
}
