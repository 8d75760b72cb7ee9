# RUN: not mmc --emit=mm %s 2>&1 | FileCheck --strict-whitespace %s
# numbers take the element type of the tensor.
# CHECK: {{.*}}sema_float_with_int_tensor.mm:[[@LINE+5]]:14: error: '*' of tensor i32[B, 8] and float 0.5 would need a type conversion; convert the tensor first with to(x, f32)
# CHECK-NEXT: {{^}}    return x * 0.5
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: i32[B, 8]) -> i32[B, 8] {
    return x * 0.5
  }
}
