// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// layer_norm: a sum over the normalized (trailing) dimensions, the mean,
// a second pass summing (x - mean)², then one elementwise generic that reads
// the row statistics at the leading dimensions and the weight and bias at
// the trailing ones.

// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ROW3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[LAST3:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[ROW1:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[TRAIL2:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>

// CHECK-LABEL: func.func @layer_norm$last_dim
// CHECK-SAME: %[[X:.*]]: tensor<?x?x16xf32>, %[[W:.*]]: tensor<16xf32>, %[[B:.*]]: tensor<16xf32>
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x?xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[ROW3]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<?x?x16xf32>) outs(%[[ZERO]] : tensor<?x?xf32>)
// CHECK:   arith.addf
// CHECK: %[[COUNT:.*]] = arith.constant 1.600000e+01 : f32
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<?x?xf32>)
// CHECK:   arith.divf %{{.*}}, %[[COUNT]]
// CHECK: %[[SQ:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[ROW3]], #[[ROW3]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<?x?x16xf32>, tensor<?x?xf32>)
// CHECK:   arith.subf
// CHECK:   arith.mulf
// CHECK:   arith.addf
// CHECK: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[ROW3]], #[[ROW3]], #[[LAST3]], #[[LAST3]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[SQ]], %[[W]], %[[B]] : {{.*}}) outs(%{{.*}} : tensor<?x?x16xf32>)
// CHECK:   arith.divf %{{.*}}, %[[COUNT]]
// CHECK:   arith.addf %{{.*}}, %[[EPS]]
// CHECK:   math.sqrt
// CHECK:   arith.divf
// CHECK:   arith.subf
// CHECK:   arith.mulf
// CHECK:   arith.mulf
// CHECK:   arith.addf
// CHECK: return %[[Y]]
func.func @layer_norm$last_dim(%x: tensor<?x?x16xf32>, %w: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<?x?x16xf32> {
  %0 = mm.layer_norm %x, %w, %b {eps = 1.0e-05 : f64}
      : (tensor<?x?x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
  return %0 : tensor<?x?x16xf32>
}

// Two normalized dimensions: the statistics are per index of dimension 0
// (count 24), weight and bias are read at (d1, d2).
// CHECK-LABEL: func.func @layer_norm$two_dims
// CHECK: linalg.generic {indexing_maps = [#[[ID3]], #[[ROW1]]], iterator_types = ["parallel", "reduction", "reduction"]} {{.*}} outs(%{{.*}} : tensor<?xf32>)
// CHECK: arith.constant 2.400000e+01 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID3]], #[[ROW1]], #[[ROW1]], #[[TRAIL2]], #[[TRAIL2]], #[[ID3]]]
// CHECK-SAME: tensor<4x6xf32>, tensor<4x6xf32>
func.func @layer_norm$two_dims(%x: tensor<?x4x6xf32>, %w: tensor<4x6xf32>, %b: tensor<4x6xf32>) -> tensor<?x4x6xf32> {
  %0 = mm.layer_norm %x, %w, %b {eps = 1.0e-03 : f64}
      : (tensor<?x4x6xf32>, tensor<4x6xf32>, tensor<4x6xf32>) -> tensor<?x4x6xf32>
  return %0 : tensor<?x4x6xf32>
}

// Every dimension normalized: the statistics are rank-0 tensors.
// CHECK-LABEL: func.func @layer_norm$all_dims
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]} {{.*}} outs(%{{.*}} : tensor<f32>)
func.func @layer_norm$all_dims(%x: tensor<3x5xf32>, %w: tensor<3x5xf32>, %b: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %0 = mm.layer_norm %x, %w, %b : (tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
