# RUN: mmc --emit=mm %s | FileCheck %s --check-prefix=LAST
# RUN: mmc --emit=mm --model first %s | FileCheck %s --check-prefix=FIRST
# A file may hold several models; without --model the last one is compiled.
model first {
  layer fc = linear(4, 4)
  fn forward(x: f32[B, 4]) -> f32[B, 4] { return fc(x) }
}
model second {
  fn double(x: f32[B, 4]) -> f32[B, 4] { return x + x }
}

# LAST:       module attributes {mm.model = "second"}
# LAST-NOT:   mm.weight_decl
# LAST:       func.func @double
# FIRST:      module attributes {mm.model = "first"}
# FIRST-NEXT:   mm.weight_decl @fc.weight
# FIRST:      func.func @forward
