# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# layer constructors are only called in layer declarations.
# CHECK: {{.*}}sema_layer_in_fn.mm:[[@LINE+5]]:12: error: 'linear' is a layer constructor; declare 'layer NAME = linear(...)' and call NAME
# CHECK-NEXT: {{^}}    return linear(8, 8)(x)
# CHECK-NEXT: {{^}}           ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return linear(8, 8)(x)
  }
}
