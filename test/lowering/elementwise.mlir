// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// Elementwise ops become one linalg.generic each; broadcasting is in the
// indexing maps (a static 1 is read at index 0), dynamic sizes come from
// tensor.dim.

// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[LAST:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[B1:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[C1:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @add$broadcast_vector
// CHECK-SAME: %[[A:.*]]: tensor<?x3x4xf32>, %[[V:.*]]: tensor<4xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[B:.*]] = tensor.dim %[[A]], %[[C0]]
// CHECK: %[[INIT:.*]] = tensor.empty(%[[B]]) : tensor<?x3x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID3]], #[[LAST]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[V]] : tensor<?x3x4xf32>, tensor<4xf32>) outs(%[[INIT]] : tensor<?x3x4xf32>)
// CHECK: arith.addf
func.func @add$broadcast_vector(%a: tensor<?x3x4xf32>, %v: tensor<4xf32>) -> tensor<?x3x4xf32> {
  %0 = mm.add %a, %v : (tensor<?x3x4xf32>, tensor<4xf32>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

// CHECK-LABEL: func.func @mul$broadcast_both
// CHECK: linalg.generic {indexing_maps = [#[[B1]], #[[C1]], #[[ID3]]]
// CHECK: arith.mulf
func.func @mul$broadcast_both(%b: tensor<2x1x4xf32>, %c: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = mm.mul %b, %c : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @div$scalar_constant
// CHECK: %[[EPS:.*]] = arith.constant dense<2.500000e+00> : tensor<f32>
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[SCALAR]], #[[ID2]]]
// CHECK-SAME: ins(%{{.*}}, %[[EPS]] : tensor<?x?xf32>, tensor<f32>)
// CHECK: arith.divf
func.func @div$scalar_constant(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = mm.constant dense<2.5> : tensor<f32>
  %0 = mm.div %x, %s : (tensor<?x?xf32>, tensor<f32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @sub$integer
// CHECK: arith.subi %{{.*}}, %{{.*}} : i32
func.func @sub$integer(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = mm.sub %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// CHECK-LABEL: func.func @unary
// CHECK: linalg.generic
// CHECK:   arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK: linalg.generic
// CHECK:   arith.negf
// CHECK:   math.exp
// CHECK:   arith.addf
// CHECK:   arith.divf
// CHECK: linalg.generic
// CHECK:   math.tanh
// CHECK: linalg.generic
// CHECK:   math.exp
// CHECK: linalg.generic
// CHECK:   math.log
// CHECK: linalg.generic
// CHECK:   math.sqrt
// CHECK: linalg.generic
// CHECK:   math.absf
// CHECK: linalg.generic
// CHECK:   arith.negf
// CHECK: linalg.generic
// CHECK:   math.exp
// CHECK:   arith.mulf
func.func @unary(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = mm.relu %x : tensor<?x8xf32>
  %1 = mm.sigmoid %0 : tensor<?x8xf32>
  %2 = mm.tanh %1 : tensor<?x8xf32>
  %3 = mm.exp %2 : tensor<?x8xf32>
  %4 = mm.log %3 : tensor<?x8xf32>
  %5 = mm.sqrt %4 : tensor<?x8xf32>
  %6 = mm.abs %5 : tensor<?x8xf32>
  %7 = mm.neg %6 : tensor<?x8xf32>
  %8 = mm.silu %7 : tensor<?x8xf32>
  return %8 : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @gelu$none
// CHECK: arith.constant 0.707106769 : f32
// CHECK: math.erf
func.func @gelu$none(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = mm.gelu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// CHECK-LABEL: func.func @gelu$tanh
// CHECK: arith.constant 4.471500e-02
// CHECK: arith.constant 0.797884583
// CHECK: math.tanh
func.func @gelu$tanh(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = mm.gelu %x {approximate = "tanh"} : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// CHECK-LABEL: func.func @clamp
// CHECK: %[[LO:.*]] = arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK: arith.minimumf %[[LO]], %{{.*}} : f32
// CHECK-LABEL: func.func @clamp$min_only
// CHECK: arith.maximumf
// CHECK-NOT: arith.minimumf
func.func @clamp(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = mm.clamp %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @clamp$min_only(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = mm.clamp %x {min = 0.0 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}
