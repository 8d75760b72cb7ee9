# RUN: mmc --emit=mm %s | FileCheck %s
# Applying a layer twice shares its weights: one declaration, and one
# mm.weight per function that both applications use.
model sharing {
  layer fc = linear(16, 16)

  fn forward(a: f32[B, 16], b: f32[B, 16]) -> f32[B, 16] {
    return fc(a) + fc(b)
  }
}

# CHECK:         mm.weight_decl @fc.weight : tensor<16x16xf32>
# CHECK-NEXT:    mm.weight_decl @fc.bias : tensor<16xf32>
# CHECK-NOT:     mm.weight_decl
# CHECK:         func.func @forward(
# CHECK-SAME:      [[A:%[a-z0-9]+]]: tensor<?x16xf32> {{.*}}, [[B:%[a-z0-9]+]]: tensor<?x16xf32>
# CHECK-NEXT:      [[W:%.*]] = mm.weight @fc.weight
# CHECK-NEXT:      [[BIAS:%.*]] = mm.weight @fc.bias
# CHECK-NEXT:      [[FA:%.*]] = mm.linear [[A]], [[W]], [[BIAS]]
# CHECK-NEXT:      [[FB:%.*]] = mm.linear [[B]], [[W]], [[BIAS]]
# CHECK-NEXT:      [[S:%.*]] = mm.add [[FA]], [[FB]]
# CHECK-NEXT:      return [[S]]
