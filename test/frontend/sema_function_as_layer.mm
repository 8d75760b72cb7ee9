# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# functions are not layers.
# CHECK: {{.*}}sema_function_as_layer.mm:[[@LINE+4]]:13: error: 'relu' is a function, not a layer: call it inside a fn
# CHECK-NEXT: {{^}}  layer r = relu(4)
# CHECK-NEXT: {{^}}            ^
model m {
  layer r = relu(4)
  fn f(x: f32[B]) -> f32[B] { return x }
}
