// RUN: mm-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mm-pack-weights{tile-n=4}))" | FileCheck %s

// x W^T with W a weight [6, 3]: W padded with zeros to [8, 3], seen as
// [2, 4, 3] and transposed to the panels Wp [2, 3, 4] (marked for
// mm-hoist-weight-expressions); the contraction reads Wp[n / 4, k, n % 4]
// with the matmul's body, into the same accumulator.
// CHECK-LABEL: func.func @padded(
// CHECK-SAME: %[[W:.*]]: tensor<6x3xf32> {mm.weight = "fc.weight"}, %[[X:.*]]: tensor<?x3xf32>, %[[INIT:.*]]: tensor<?x6xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %[[W]] low[0, 0] high[2, 0]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: } : tensor<6x3xf32> to tensor<8x3xf32>
// CHECK: %[[ROWS:.*]] = tensor.expand_shape %[[PAD]] {{\[}}[0, 1], [2]] output_shape [2, 4, 3] : tensor<8x3xf32> into tensor<2x4x3xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK: %[[WP:.*]] = linalg.transpose ins(%[[ROWS]] : tensor<2x4x3xf32>) outs(%[[EMPTY]] : tensor<2x3x4xf32>) permutation = [0, 2, 1] {mm.packed_weight}
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[WP]] : tensor<?x3xf32>, tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<?x6xf32>)
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK: %[[P:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[OUT]], %[[P]] : f32
// CHECK: linalg.yield %[[S]] : f32
// CHECK: return %[[Y]]
func.func @padded(%w: tensor<6x3xf32> {mm.weight = "fc.weight"}, %x: tensor<?x3xf32>,
                  %init: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %y = linalg.matmul_transpose_b ins(%x, %w : tensor<?x3xf32>, tensor<6x3xf32>) outs(%init : tensor<?x6xf32>) -> tensor<?x6xf32>
  return %y : tensor<?x6xf32>
}

// -----

// The maps of the packed contraction; N a multiple of the tile: no padding.
// A weight's slice (an attention's in-projection rows) is a weight too.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[WP:.*]] = affine_map<(d0, d1, d2) -> (d1 floordiv 4, d2, d1 mod 4)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @slice(
// CHECK-NOT: tensor.pad
// CHECK: %[[S:.*]] = tensor.extract_slice
// CHECK: tensor.expand_shape %[[S]] {{\[}}[0, 1], [2]] output_shape [2, 4, 5] : tensor<8x5xf32> into tensor<2x4x5xf32>
// CHECK: linalg.transpose
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[WP]], #[[OUT]]]
func.func @slice(%w: tensor<24x5xf32> {mm.weight = "in_proj"}, %x: tensor<7x5xf32>,
                 %init: tensor<7x8xf32>) -> tensor<7x8xf32> {
  %s = tensor.extract_slice %w[8, 0] [8, 5] [1, 1] : tensor<24x5xf32> to tensor<8x5xf32>
  %y = linalg.matmul_transpose_b ins(%x, %s : tensor<7x5xf32>, tensor<8x5xf32>) outs(%init : tensor<7x8xf32>) -> tensor<7x8xf32>
  return %y : tensor<7x8xf32>
}

// -----

// Left alone: B an input, B that depends on an input, B of a dynamic shape.
// CHECK-LABEL: func.func @not_weights(
// CHECK-NOT: linalg.transpose
// CHECK-COUNT-3: linalg.matmul_transpose_b
// CHECK-NOT: linalg.generic
func.func @not_weights(%w: tensor<8x5xf32> {mm.weight = "w"}, %d: tensor<?x5xf32> {mm.weight = "d"},
                       %b: tensor<8x5xf32>, %x: tensor<7x5xf32>, %init: tensor<7x8xf32>,
                       %dinit: tensor<7x?xf32>) -> (tensor<7x8xf32>, tensor<7x8xf32>, tensor<7x?xf32>) {
  %y = linalg.matmul_transpose_b ins(%x, %b : tensor<7x5xf32>, tensor<8x5xf32>) outs(%init : tensor<7x8xf32>) -> tensor<7x8xf32>
  %e = tensor.empty() : tensor<8x5xf32>
  %sum = linalg.add ins(%w, %b : tensor<8x5xf32>, tensor<8x5xf32>) outs(%e : tensor<8x5xf32>) -> tensor<8x5xf32>
  %z = linalg.matmul_transpose_b ins(%x, %sum : tensor<7x5xf32>, tensor<8x5xf32>) outs(%init : tensor<7x8xf32>) -> tensor<7x8xf32>
  %v = linalg.matmul_transpose_b ins(%x, %d : tensor<7x5xf32>, tensor<?x5xf32>) outs(%dinit : tensor<7x?xf32>) -> tensor<7x?xf32>
  return %y, %z, %v : tensor<7x8xf32>, tensor<7x8xf32>, tensor<7x?xf32>
}

// -----

// A generic of the same kind (a patch embedding: out[b, p, n] += x[b, k, p]
// * w[n, k]) reads the panels too; linalg.matmul, whose B is [K, N], is
// left alone.
// CHECK-DAG: affine_map<(d0, d1, d2, d3) -> (d2 floordiv 4, d3, d2 mod 4)>
// CHECK-LABEL: func.func @generic(
// CHECK: %[[WP:.*]] = linalg.transpose {{.*}} {mm.packed_weight}
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[PACKED:.*]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%{{.*}}, %[[WP]] : tensor<2x6x5xf32>, tensor<2x6x4xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<5x6xf32>, tensor<6x8xf32>)
// CHECK-NOT: linalg.transpose
func.func @generic(%w: tensor<8x6xf32> {mm.weight = "patch"}, %v: tensor<6x8xf32> {mm.weight = "v"},
                   %x: tensor<2x6x5xf32>, %init: tensor<2x5x8xf32>, %y: tensor<5x6xf32>,
                   %init2: tensor<5x8xf32>) -> (tensor<2x5x8xf32>, tensor<5x8xf32>) {
  %r = linalg.generic {indexing_maps = [affine_map<(b, p, n, k) -> (b, k, p)>,
                                        affine_map<(b, p, n, k) -> (n, k)>,
                                        affine_map<(b, p, n, k) -> (b, p, n)>],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<2x6x5xf32>, tensor<8x6xf32>) outs(%init : tensor<2x5x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x5x8xf32>
  %m = linalg.matmul ins(%y, %v : tensor<5x6xf32>, tensor<6x8xf32>) outs(%init2 : tensor<5x8xf32>) -> tensor<5x8xf32>
  return %r, %m : tensor<2x5x8xf32>, tensor<5x8xf32>
}
