# RUN: not mmc --emit=ast %s 2>&1 | FileCheck --strict-whitespace %s
# a fn needs a name.
# CHECK: {{.*}}err_fn_name.mm:[[@LINE+4]]:6: error: expected a name after 'fn', found '('
# CHECK-NEXT: {{^}}  fn (x: f32[B]) -> f32[B] { return x }
# CHECK-NEXT: {{^}}     ^
model m {
  fn (x: f32[B]) -> f32[B] { return x }
}
