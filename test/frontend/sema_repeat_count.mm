# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# repeat needs a positive count.
# CHECK: {{.*}}sema_repeat_count.mm:[[@LINE+4]]:20: error: the count of repeat must be an integer from 1 to 4096, found integer 0
# CHECK-NEXT: {{^}}  layer s = repeat(0, linear(8, 8))
# CHECK-NEXT: {{^}}                   ^
model m {
  layer s = repeat(0, linear(8, 8))
  fn f(x: f32[B]) -> f32[B] { return x }
}
