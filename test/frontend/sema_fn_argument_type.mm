# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# calling a fn checks the arguments against its signature.
# CHECK: {{.*}}sema_fn_argument_type.mm:[[@LINE+7]]:14: error: argument 'x' of fn 'g' expects f32[B, 8], found f32[B, 4]
# CHECK-NEXT: {{^}}    return g(x)
# CHECK-NEXT: {{^}}             ^
# CHECK-NEXT: {{.*}}sema_fn_argument_type.mm:{{[0-9]+}}:{{[0-9]+}}: note: declared here
model m {
  fn g(x: f32[B, 8]) -> f32[B, 8] { return x }
  fn f(x: f32[B, 4]) -> f32[B, 8] {
    return g(x)
  }
}
