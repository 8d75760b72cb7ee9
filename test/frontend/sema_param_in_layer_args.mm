# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# layer arguments are compile-time constants.
# CHECK: {{.*}}sema_param_in_layer_args.mm:[[@LINE+5]]:21: error: param 'n' can not be used here: arguments of a layer must be constants
# CHECK-NEXT: {{^}}  layer fc = linear(n, 8)
# CHECK-NEXT: {{^}}                    ^
model m {
  param n: f32[]
  layer fc = linear(n, 8)
  fn f(x: f32[B]) -> f32[B] { return x }
}
