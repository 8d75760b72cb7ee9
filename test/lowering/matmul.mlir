// RUN: mm-opt --convert-mm-to-linalg %s | FileCheck %s
// matmul: 2-D @ 2-D is linalg.matmul, every other rank one linalg.generic
// with a reduction loop; linear collapses the leading dimensions and is one
// linalg.matmul_transpose_b whose accumulator starts as the bias (or, of a
// transposed input, one contraction that reads the input in place).

// CHECK-DAG: #[[DOT_IN:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[DOT_OUT:.*]] = affine_map<(d0) -> ()>
// CHECK-DAG: #[[BL:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[BR:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d3, d2)>
// CHECK-DAG: #[[BO:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[TX:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1)>
// CHECK-DAG: #[[TW:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[TBIAS:.*]] = affine_map<(d0, d1, d2) -> (d2)>

// CHECK-LABEL: func.func @matmul$2d
// CHECK: %[[ZERO:.*]] = linalg.fill
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x128xf32>, tensor<128x64xf32>) outs(%[[ZERO]] : tensor<?x64xf32>)
func.func @matmul$2d(%a: tensor<?x128xf32>, %b: tensor<128x64xf32>) -> tensor<?x64xf32> {
  %0 = mm.matmul %a, %b : (tensor<?x128xf32>, tensor<128x64xf32>) -> tensor<?x64xf32>
  return %0 : tensor<?x64xf32>
}

// CHECK-LABEL: func.func @matmul$dot
// CHECK: linalg.generic {indexing_maps = [#[[DOT_IN]], #[[DOT_IN]], #[[DOT_OUT]]], iterator_types = ["reduction"]}
// CHECK: -> tensor<f32>
func.func @matmul$dot(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<f32> {
  %0 = mm.matmul %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @matmul$batch_broadcast
// CHECK: linalg.generic {indexing_maps = [#[[BL]], #[[BR]], #[[BO]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @matmul$batch_broadcast(%a: tensor<?x3x4xf32>, %b: tensor<1x4x2xf32>) -> tensor<?x3x2xf32> {
  %0 = mm.matmul %a, %b : (tensor<?x3x4xf32>, tensor<1x4x2xf32>) -> tensor<?x3x2xf32>
  return %0 : tensor<?x3x2xf32>
}

// CHECK-LABEL: func.func @linear$3d
// CHECK-SAME: %[[X:.*]]: tensor<?x32x128xf32>, %[[W:.*]]: tensor<64x128xf32>, %[[B:.*]]: tensor<64xf32>
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<?x32x128xf32> into tensor<?x128xf32>
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #{{.*}}]{{.*}} ins(%[[B]] : tensor<64xf32>)
// CHECK: %[[Y:.*]] = linalg.matmul_transpose_b ins(%[[ROWS]], %[[W]] : tensor<?x128xf32>, tensor<64x128xf32>) outs(%[[ACC]] : tensor<?x64xf32>)
// CHECK: tensor.expand_shape %[[Y]] {{\[\[}}0, 1], [2]] output_shape [%{{.*}}, 32, 64] : tensor<?x64xf32> into tensor<?x32x64xf32>
func.func @linear$3d(%x: tensor<?x32x128xf32>, %w: tensor<64x128xf32>, %b: tensor<64xf32>) -> tensor<?x32x64xf32> {
  %0 = mm.linear %x, %w, %b : (tensor<?x32x128xf32>, tensor<64x128xf32>, tensor<64xf32>) -> tensor<?x32x64xf32>
  return %0 : tensor<?x32x64xf32>
}

// Two dynamic sizes in one group: tensor.reshape, not expand_shape (see
// expandLeading).
// CHECK-LABEL: func.func @linear$two_dynamic_dims
// CHECK: linalg.fill
// CHECK: linalg.matmul_transpose_b
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %{{.*}}, %{{.*}}, %{{.*}} : tensor<3xindex>
// CHECK: tensor.reshape %{{.*}}(%[[SHAPE]]) : (tensor<?x8xf32>, tensor<3xindex>) -> tensor<?x?x8xf32>
func.func @linear$two_dynamic_dims(%x: tensor<?x?x4xf32>, %w: tensor<8x4xf32>) -> tensor<?x?x8xf32> {
  %0 = mm.linear %x, %w : (tensor<?x?x4xf32>, tensor<8x4xf32>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// CHECK-LABEL: func.func @linear$1d
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: linalg.matmul_transpose_b
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<1x8xf32> into tensor<8xf32>
func.func @linear$1d(%x: tensor<4xf32>, %w: tensor<8x4xf32>, %b: tensor<8xf32>) -> tensor<8xf32> {
  %0 = mm.linear %x, %w, %b : (tensor<4xf32>, tensor<8x4xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// A linear of its input with the last two dimensions swapped reads the
// input in place: one contraction whose input map swaps k and m, its
// accumulator the bias (the transposition left unused, for canonicalize to
// erase); any other transposition is a copy first.
// CHECK-LABEL: func.func @linear$transposed
// CHECK-SAME: (%[[X:.*]]: tensor<?x64x256xf32>, %[[W:.*]]: tensor<128x64xf32>, %[[B:.*]]: tensor<128xf32>, %[[Y:.*]]: tensor<4x2x8xf32>, %[[V:.*]]: tensor<5x8xf32>)
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[TBIAS]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[B]] : tensor<128xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[TX]], #[[TW]], #[[BO]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[X]], %[[W]] : tensor<?x64x256xf32>, tensor<128x64xf32>) outs(%[[ACC]] : tensor<?x256x128xf32>)
// CHECK: linalg.transpose ins(%[[Y]] : tensor<4x2x8xf32>)
// CHECK: linalg.matmul_transpose_b
func.func @linear$transposed(%x: tensor<?x64x256xf32>, %w: tensor<128x64xf32>, %b: tensor<128xf32>,
                             %y: tensor<4x2x8xf32>, %v: tensor<5x8xf32>) -> (tensor<?x256x128xf32>, tensor<2x4x5xf32>) {
  %t = mm.transpose %x {dim0 = 2 : i64, dim1 = 1 : i64} : tensor<?x64x256xf32> -> tensor<?x256x64xf32>
  %0 = mm.linear %t, %w, %b : (tensor<?x256x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x256x128xf32>
  %u = mm.transpose %y {dim0 = 0 : i64, dim1 = 1 : i64} : tensor<4x2x8xf32> -> tensor<2x4x8xf32>
  %1 = mm.linear %u, %v : (tensor<2x4x8xf32>, tensor<5x8xf32>) -> tensor<2x4x5xf32>
  return %0, %1 : tensor<?x256x128xf32>, tensor<2x4x5xf32>
}
