# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# a local may not hide a layer.
# CHECK: {{.*}}sema_local_shadows_member.mm:[[@LINE+6]]:5: error: 'fc' is a member of model 'm'; choose another name for the local
# CHECK-NEXT: {{^}}    fc = fc(x)
# CHECK-NEXT: {{^}}    ^
model m {
  layer fc = linear(8, 8)
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    fc = fc(x)
    return fc
  }
}
