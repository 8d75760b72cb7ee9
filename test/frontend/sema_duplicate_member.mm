# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# names of layers, params and fns are unique in a model.
# CHECK: {{.*}}sema_duplicate_member.mm:[[@LINE+6]]:9: error: 'fc' is already defined in model 'm'
# CHECK-NEXT: {{^}}  param fc: f32[8]
# CHECK-NEXT: {{^}}        ^
# CHECK-NEXT: {{.*}}sema_duplicate_member.mm:{{[0-9]+}}:{{[0-9]+}}: note: previous definition is here
model m {
  layer fc = linear(8, 8)
  param fc: f32[8]
  fn f(x: f32[B]) -> f32[B] { return x }
}
