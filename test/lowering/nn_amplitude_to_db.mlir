// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// amplitude_to_db: one elementwise generic multiplier * log10(max(x, amin));
// with top_db, a max over the last min(rank, 3) dimensions and a second
// generic clamping at that max minus top_db.

// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[ROW1:.*]] = affine_map<(d0, d1, d2, d3) -> (d0)>

// CHECK-LABEL: func.func @amplitude_to_db$power
// CHECK-SAME: %[[X:.*]]: tensor<?x?xf32>
// CHECK-DAG: %[[AMIN:.*]] = arith.constant 1.000000e-10 : f32
// CHECK-DAG: %[[TEN:.*]] = arith.constant 1.000000e+01 : f32
// CHECK: %[[DB:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x?xf32>)
// CHECK:   %[[C:.*]] = arith.maximumf %{{.*}}, %[[AMIN]] : f32
// CHECK:   %[[L:.*]] = math.log10 %[[C]] : f32
// CHECK:   arith.mulf %[[TEN]], %[[L]] : f32
// CHECK-NOT: linalg.generic
// CHECK: return %[[DB]]
func.func @amplitude_to_db$power(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = mm.amplitude_to_db %x {stype = "power"} : tensor<?x?xf32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @amplitude_to_db$magnitude_top_db
// CHECK: %[[TWENTY:.*]] = arith.constant 2.000000e+01 : f32
// CHECK: %[[DB:.*]] = linalg.generic
// CHECK:   arith.mulf %[[TWENTY]], %{{.*}} : f32
// CHECK: %[[NEGINF:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW1]]], iterator_types = ["parallel", "reduction", "reduction", "reduction"]} ins(%[[DB]] : tensor<?x1x64x?xf32>) outs(%[[NEGINF]] : tensor<?xf32>)
// CHECK:   arith.maximumf
// CHECK: %[[RANGE:.*]] = arith.constant 8.000000e+01 : f32
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW1]], #[[ID4]]], {{.*}} ins(%[[DB]], %[[MAX]] : tensor<?x1x64x?xf32>, tensor<?xf32>)
// CHECK:   %[[FLOOR:.*]] = arith.subf %{{.*}}, %[[RANGE]] : f32
// CHECK:   arith.maximumf %{{.*}}, %[[FLOOR]] : f32
// CHECK: return %[[Y]]
func.func @amplitude_to_db$magnitude_top_db(%x: tensor<?x1x64x?xf32>) -> tensor<?x1x64x?xf32> {
  %0 = mm.amplitude_to_db %x {stype = "magnitude", top_db = 80.0 : f64} : tensor<?x1x64x?xf32> -> tensor<?x1x64x?xf32>
  return %0 : tensor<?x1x64x?xf32>
}

// Rank 2: the whole tensor is one example (a rank-0 maximum).
// CHECK-LABEL: func.func @amplitude_to_db$rank2_top_db
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]} {{.*}} outs(%{{.*}} : tensor<f32>)
func.func @amplitude_to_db$rank2_top_db(%x: tensor<64x?xf32>) -> tensor<64x?xf32> {
  %0 = mm.amplitude_to_db %x {top_db = 80.0 : f64} : tensor<64x?xf32> -> tensor<64x?xf32>
  return %0 : tensor<64x?xf32>
}
