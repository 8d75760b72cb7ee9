// RUN: mm-opt %s --mm-expose-weights | FileCheck %s

// Weights become the leading arguments, in declaration (manifest) order,
// whatever order the body reads them in; the declarations are gone.
// CHECK-NOT: mm.weight_decl
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[A:.*]]: tensor<4x3xf32> {mm.weight = "a.weight"}, %[[B:.*]]: tensor<4xf32> {mm.weight = "a.bias"}, %[[X:.*]]: tensor<?x3xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK: mm.linear %[[X]], %[[A]], %[[B]]
// CHECK-NOT: mm.weight
mm.weight_decl @"a.weight" : tensor<4x3xf32>
mm.weight_decl @"a.bias" : tensor<4xf32>
func.func @forward(%x: tensor<?x3xf32>) -> tensor<?x4xf32> {
  %b = mm.weight @"a.bias" : tensor<4xf32>
  %w = mm.weight @"a.weight" : tensor<4x3xf32>
  %y = mm.linear %x, %w, %b : (tensor<?x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// Every exported function gets the whole manifest, so one table of weight
// pointers serves all of them.
// CHECK-LABEL: func.func @other
// CHECK-SAME: (%{{.*}}: tensor<4x3xf32> {mm.weight = "a.weight"}, %{{.*}}: tensor<4xf32> {mm.weight = "a.bias"}, %{{.*}}: tensor<2xf32>)
func.func @other(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
