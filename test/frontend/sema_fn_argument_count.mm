# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# calling a fn with too many arguments.
# CHECK: {{.*}}sema_fn_argument_count.mm:[[@LINE+7]]:17: error: fn 'g' takes 1 argument, got 2
# CHECK-NEXT: {{^}}    return g(x, x)
# CHECK-NEXT: {{^}}                ^
# CHECK-NEXT: {{.*}}sema_fn_argument_count.mm:{{[0-9]+}}:{{[0-9]+}}: note: fn declared here
model m {
  fn g(x: f32[B, 8]) -> f32[B, 8] { return x }
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    return g(x, x)
  }
}
