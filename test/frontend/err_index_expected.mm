# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# an index list is not empty.
# CHECK: {{.*}}err_index_expected.mm:[[@LINE+5]]:14: error: expected an index (an integer or a slice such as '1:3'), found ']'
# CHECK-NEXT: {{^}}    return x[]
# CHECK-NEXT: {{^}}             ^
model m {
  fn f(x: f32[B]) -> f32[B] {
    return x[]
  }
}
