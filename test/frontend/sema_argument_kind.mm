# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# an argument of the wrong kind.
# CHECK: {{.*}}sema_argument_kind.mm:[[@LINE+4]]:35: error: argument 'bias' of linear must be a boolean (true or false), found integer 1
# CHECK-NEXT: {{^}}  layer fc = linear(64, 32, bias: 1)
# CHECK-NEXT: {{^}}                                  ^
model m {
  layer fc = linear(64, 32, bias: 1)
  fn f(x: f32[B]) -> f32[B] { return x }
}
