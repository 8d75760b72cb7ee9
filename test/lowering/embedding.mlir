// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// embedding is a gather: a linalg.generic over the result reading the
// indices, clamping each into the table, and extracting the row element.

// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @embedding
// CHECK-SAME: %[[W:.*]]: tensor<10000x128xf32>, %[[IDS:.*]]: tensor<?x?xi32>
// CHECK-DAG: %[[LAST:.*]] = arith.subi %{{.*}}, %{{.*}} : index
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?x128xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[IDS]] : tensor<?x?xi32>) outs(%[[E]] : tensor<?x?x128xf32>)
// CHECK: ^bb0(%[[ID:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[ROW:.*]] = arith.index_cast %[[ID]] : i32 to index
// CHECK: %[[LO:.*]] = arith.maxsi %[[ROW]], %{{.*}} : index
// CHECK: %[[CLAMPED:.*]] = arith.minsi %[[LO]], %[[LAST]] : index
// CHECK: %[[COL:.*]] = linalg.index 2 : index
// CHECK: %[[V:.*]] = tensor.extract %[[W]][%[[CLAMPED]], %[[COL]]] : tensor<10000x128xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @embedding(%w: tensor<10000x128xf32>, %ids: tensor<?x?xi32>) -> tensor<?x?x128xf32> {
  %0 = mm.embedding %w, %ids : (tensor<10000x128xf32>, tensor<?x?xi32>) -> tensor<?x?x128xf32>
  return %0 : tensor<?x?x128xf32>
}
