# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# list elements are separated by commas.
# CHECK: {{.*}}err_list_separator.mm:[[@LINE+5]]:26: error: expected ',' or ']' after a list element, found '0'
# CHECK-NEXT: {{^}}    return permute(x, [1 0])
# CHECK-NEXT: {{^}}                         ^
model m {
  fn f(x: f32[B, T]) -> f32[B] {
    return permute(x, [1 0])
  }
}
