// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// Reductions are one linalg.generic with reduction iterators into a filled
// accumulator; mean divides by the element count (from tensor.dim when
// dynamic); keepdim is an expand_shape of the reduced tensor.

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[KEEP01:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[KEEP1:.*]] = affine_map<(d0, d1, d2) -> (d1)>

// CHECK-LABEL: func.func @mean$dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x64x?xf32>
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[T:.*]] = tensor.dim %[[X]], %[[C2]]
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x64xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[KEEP01]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<?x64x?xf32>) outs(%[[ZERO]] : tensor<?x64xf32>)
// CHECK: arith.addf
// CHECK: %[[N:.*]] = arith.index_cast %[[T]] : index to i64
// CHECK: %[[NF:.*]] = arith.sitofp %[[N]] : i64 to f32
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<?x64xf32>)
// CHECK: arith.divf %{{.*}}, %[[NF]] : f32
func.func @mean$dynamic(%x: tensor<?x64x?xf32>) -> tensor<?x64xf32> {
  %0 = mm.mean %x {dims = array<i64: 2>} : tensor<?x64x?xf32> -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// CHECK-LABEL: func.func @amax$keepdim
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[KEEP1]]], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [1, 3, 1] : tensor<3xf32> into tensor<1x3x1xf32>
func.func @amax$keepdim(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = mm.amax %x {dims = array<i64: 0, 2>, keepdim = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// CHECK-LABEL: func.func @sum$all
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK: -> tensor<f32>
// CHECK-NOT: arith.divf
func.func @sum$all(%x: tensor<2x3xf32>) -> tensor<f32> {
  %0 = mm.sum %x {dims = array<i64>} : tensor<2x3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
