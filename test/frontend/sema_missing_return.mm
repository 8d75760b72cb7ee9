# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# every fn ends with a return.
# CHECK: {{.*}}sema_missing_return.mm:[[@LINE+6]]:3: error: fn 'f' ends without a 'return'
# CHECK-NEXT: {{^}}  }
# CHECK-NEXT: {{^}}  ^
model m {
  fn f(x: f32[B, 8]) -> f32[B, 8] {
    y = relu(x)
  }
}
