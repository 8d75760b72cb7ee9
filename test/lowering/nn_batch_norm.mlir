// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// batch_norm (eval): one generic over the channels computes PyTorch's
// alpha = weight / sqrt(var + eps) and beta = bias - mean * alpha, a second
// one x * alpha + beta with the channel read at dimension 1.

// CHECK-DAG: #[[C1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH4:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[CH2:.*]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @batch_norm$nchw
// CHECK-SAME: %[[X:.*]]: tensor<?x8x?x?xf32>, %[[W:.*]]: tensor<8xf32>, %[[B:.*]]: tensor<8xf32>, %[[M:.*]]: tensor<8xf32>, %[[V:.*]]: tensor<8xf32>
// CHECK: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK: %[[AB:.*]]:2 = linalg.generic {indexing_maps = [#[[C1]], #[[C1]], #[[C1]], #[[C1]], #[[C1]], #[[C1]]], iterator_types = ["parallel"]} ins(%[[W]], %[[B]], %[[M]], %[[V]] : {{.*}}) outs(%{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8xf32>)
// CHECK: ^bb0(%[[WE:.*]]: f32, %[[BE:.*]]: f32, %[[ME:.*]]: f32, %[[VE:.*]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK:   %[[VEPS:.*]] = arith.addf %[[VE]], %[[EPS]]
// CHECK:   %[[STD:.*]] = math.sqrt %[[VEPS]]
// CHECK:   %[[INV:.*]] = arith.divf %{{.*}}, %[[STD]]
// CHECK:   %[[ALPHA:.*]] = arith.mulf %[[INV]], %[[WE]]
// CHECK:   %[[MA:.*]] = arith.mulf %[[ME]], %[[ALPHA]]
// CHECK:   %[[BETA:.*]] = arith.subf %[[BE]], %[[MA]]
// CHECK:   linalg.yield %[[ALPHA]], %[[BETA]]
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[CH4]], #[[CH4]], #[[ID4]]], {{.*}} ins(%[[X]], %[[AB]]#0, %[[AB]]#1 : tensor<?x8x?x?xf32>, tensor<8xf32>, tensor<8xf32>)
// CHECK:   arith.mulf
// CHECK:   arith.addf
// CHECK: return %[[Y]]
func.func @batch_norm$nchw(%x: tensor<?x8x?x?xf32>, %w: tensor<8xf32>, %b: tensor<8xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<?x8x?x?xf32> {
  %0 = mm.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-05 : f64}
      : (tensor<?x8x?x?xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x?x?xf32>
  return %0 : tensor<?x8x?x?xf32>
}

// [N, C] (BatchNorm1d without a length): the channel is the last dimension.
// CHECK-LABEL: func.func @batch_norm$nc
// CHECK: arith.constant 1.000000e-03 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[CH2]], #[[CH2]], #[[ID2]]]
func.func @batch_norm$nc(%x: tensor<?x5xf32>, %w: tensor<5xf32>, %b: tensor<5xf32>, %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<?x5xf32> {
  %0 = mm.batch_norm %x, %w, %b, %m, %v {eps = 1.0e-03 : f64}
      : (tensor<?x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}
