# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a field is a name.
# CHECK: {{.*}}err_field_name.mm:[[@LINE+5]]:14: error: expected a name after '.', found '0'
# CHECK-NEXT: {{^}}    return x.0
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: f32[B]) -> f32[B] {
    return x.0
  }
}
