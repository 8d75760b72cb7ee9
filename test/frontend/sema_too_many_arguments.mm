# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# more positional arguments than the function takes.
# CHECK: {{.*}}sema_too_many_arguments.mm:[[@LINE+5]]:20: error: relu takes at most 1 positional argument, got 2: relu(input)
# CHECK-NEXT: {{^}}    return relu(x, x)
# CHECK-NEXT: {{^}}                   ^
model m {
  fn f(x: f32[B, 64]) -> f32[B, 64] {
    return relu(x, x)
  }
}
