# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# indices are separated by commas.
# CHECK: {{.*}}err_index_separator.mm:[[@LINE+5]]:20: error: expected ',' or ']' after an index, found '0'
# CHECK-NEXT: {{^}}    return x[:, -1 0]
# CHECK-NEXT: {{^}}                   ^
model m {
  fn f(x: f32[B, T]) -> f32[B] {
    return x[:, -1 0]
  }
}
